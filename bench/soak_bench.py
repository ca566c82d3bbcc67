"""Soak and capacity on PostgreSQL through gunicorn: search, right pages, the leefloon advice and the rights check.

    python bench/soak_bench.py                        # capacity probe, then a 10-minute soak at that load
    python bench/soak_bench.py --minutes 3            # a shorter soak
    python bench/soak_bench.py --capacity-only --mix search --clients 1,4,16,64   # the search saturation study

A fresh PostgreSQL database gets the bundled catalogue and one API key; gunicorn serves it as in production
(gunicorn.conf.py; --workers/--threads). Clients are threads with keep-alive connections, each sending its next
request when the previous one is answered (a closed loop). The capacity probe runs each client count for
--probe-seconds and reports throughput, p50/p99 and the CPU each gunicorn process used; the soak runs at the
smallest client count that reached 95 % of the best throughput, and prints per minute: requests, errors,
p50/p99 and the resident memory of the gunicorn processes. It exits 1 on any error or when the memory at the
end is more than 10 % above the memory after the first minute.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
from pathlib import Path

from common import ROOT, percentile, start_gunicorn  # bench/ is on sys.path when run as a script

sys.path.insert(0, str(ROOT))

QUERIES = ["leefloon", "huur", "energie", "kinderopvang", "ik kan mijn huur niet betalen", "tandarts", "studietoelage"]
MUNICIPALITIES = ["44021", "11002", "31005", "71022", "24062"]


def _situations() -> list[dict]:
    import yaml

    cases = yaml.safe_load((ROOT / "rules" / "leefloon" / "cases" / "worked.yaml").read_text(encoding="utf-8"))
    return [json.loads(json.dumps(c["request"], default=lambda o: o.isoformat())) for c in cases]


class Mix:
    """The requests of a mix, drawn at random with fixed weights."""

    def __init__(self, name: str, key: str, right_ids: list[str]) -> None:
        self.key = key
        situations = _situations()
        search = [
            ("GET", f"/api/v1/rights?q={q.replace(' ', '+')}&municipality={m}&pageSize=20", None)
            for q in QUERIES
            for m in MUNICIPALITIES
        ] + [("GET", f"/zoeken?gemeente={m}&q={q.replace(' ', '+')}", None) for q in QUERIES for m in MUNICIPALITIES]
        pages = [("GET", f"/recht/{right_id}", None) for right_id in right_ids]
        advice = [("POST", "/api/v1/leefloon/advice", json.dumps(s)) for s in situations]
        check = [("POST", "/api/v1/rights-check", json.dumps({**s, "municipality": "44021"})) for s in situations]
        self.kinds = {
            "all": [(search, 40), (pages, 30), (advice, 15), (check, 15)],
            "search": [(search, 100)],
        }[name]

    def draw(self, rng: random.Random):
        requests = rng.choices([k for k, _ in self.kinds], weights=[w for _, w in self.kinds])[0]
        return rng.choice(requests)


def gunicorn_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        children = []
    return [master, *map(int, children)]


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


class Load:
    """clients threads in a closed loop until stop; every answer's latency and status is recorded."""

    def __init__(self, port: int, mix: Mix, clients: int, seed: int = 7) -> None:
        self.port, self.mix, self.clients, self.seed = port, mix, clients, seed
        self.samples: list[tuple[float, float, int]] = []  # (finished at, latency ms, status)
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(clients)]

    def _client(self, index: int) -> None:
        rng = random.Random(self.seed * 1000 + index)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Authorization": f"Bearer {self.mix.key}", "Content-Type": "application/json"}
        while not self.stop.is_set():
            method, path, body = self.mix.draw(rng)
            start = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            finished = time.perf_counter()
            with self.lock:
                self.samples.append((finished, (finished - start) * 1000, status))

    def start(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)

    def window(self, since: float, until: float) -> list[tuple[float, float, int]]:
        with self.lock:
            return [s for s in self.samples if since <= s[0] < until]


def summarise(samples, seconds: float) -> dict:
    latencies = [ms for _, ms, _ in samples] or [0.0]
    return {
        "requests": len(samples),
        "errors": sum(1 for *_, status in samples if status != 200),
        "rps": len(samples) / seconds,
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 99),
    }


def postgres_pids(database_url: str) -> list[int]:
    """The PostgreSQL backends serving the benchmark's database (their CPU is part of a request's cost)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        own = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        pids = conn.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> :own"), {"own": own}
        ).scalars()
        found = list(pids)
    engine.dispose()
    return found


def _load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def probe(port: int, master: int, mix: Mix, counts: list[int], seconds: float, database_url: str) -> list[dict]:
    """Per client count: throughput, latency, and the CPU (% of one core) of the gunicorn workers, of the
    PostgreSQL backends of this database and of this client process, with the machine's load average."""
    rows = []
    for clients in counts:
        load = Load(port, mix, clients).start()
        time.sleep(min(3.0, seconds / 3))  # warm-up, not measured
        workers, backends = gunicorn_pids(master), postgres_pids(database_url)
        before = {pid: cpu_seconds(pid) for pid in workers + backends}
        client_before, start = time.process_time(), time.perf_counter()
        time.sleep(seconds)
        end, client_cpu = time.perf_counter(), time.process_time() - client_before
        cpu = {pid: (cpu_seconds(pid) - before[pid]) / (end - start) * 100 for pid in before}
        load.finish()
        row = {"clients": clients, **summarise(load.window(start, end), end - start)}
        row["workers"] = " + ".join(f"{cpu[pid]:.0f}" for pid in workers[1:])
        row["postgres"] = sum(cpu[pid] for pid in backends)
        row["client"] = client_cpu / (end - start) * 100
        row["load"] = _load_average()
        rows.append(row)
        print(
            f"{clients:>3} clients: {row['rps']:7.1f} req/s  p50 {row['p50']:7.1f} ms  p99 {row['p99']:7.1f} ms  "
            f"errors {row['errors']}  CPU %: workers {row['workers']}, PostgreSQL {row['postgres']:.0f}, "
            f"client {row['client']:.0f}; load average {row['load']}",
            flush=True,
        )
    return rows


def soak(port: int, master: int, mix: Mix, clients: int, minutes: float) -> tuple[list[dict], bool]:
    load = Load(port, mix, clients).start()
    rows, begin = [], time.perf_counter()
    for minute in range(1, int(minutes) + 1):
        end = begin + minute * 60
        time.sleep(max(0.0, end - time.perf_counter()))
        row = {"minute": minute, **summarise(load.window(end - 60, end), 60), "rss": rss_mib(gunicorn_pids(master))}
        rows.append(row)
        print(
            f"minute {minute:>2}: {row['requests']} requests, {row['errors']} errors, p50 {row['p50']:.1f} ms, "
            f"p99 {row['p99']:.1f} ms, gunicorn RSS {row['rss']:.0f} MiB; load average {_load_average()}",
            flush=True,
        )
    load.finish()
    errors = sum(r["errors"] for r in rows)
    growth = (rows[-1]["rss"] / rows[0]["rss"] - 1) * 100 if rows else 0.0
    print(
        f"\n{sum(r['requests'] for r in rows)} requests, {errors} errors; memory after minute 1 → end: {growth:+.1f} %"
    )
    return rows, errors == 0 and growth <= 10


def serve(args) -> tuple:
    from search_bench import fresh_postgres

    from rechtenverkenner import create_app, db
    from rechtenverkenner.services import apikeys

    if args.keepalive is not None:
        os.environ["GUNICORN_KEEPALIVE"] = str(args.keepalive)
    url, drop = fresh_postgres(args.postgres)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    with app.app_context(), db.new_session() as session:
        key = apikeys.create_api_key(session, "soak")[1]
        from sqlalchemy import text

        right_ids = [r[0] for r in session.execute(text('SELECT id FROM "right" ORDER BY id'))]
    app.extensions["db_engine"].dispose()
    process, port = start_gunicorn(url, args.workers, args.threads, catalog_load_on_start="false")
    return process, port, key, right_ids, drop, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--mix", choices=["all", "search"], default="all")
    parser.add_argument("--clients", default="1,2,4,8,16", help="client counts of the capacity probe")
    parser.add_argument("--soak-clients", type=int, help="skip choosing from the probe")
    parser.add_argument("--probe-seconds", type=float, default=15)
    parser.add_argument("--capacity-only", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keepalive", type=int, help="gunicorn keepalive seconds (GUNICORN_KEEPALIVE); 0: none")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()

    process, port, key, right_ids, drop, url = serve(args)
    try:
        mix = Mix(args.mix, key, right_ids)
        print(f"gunicorn {args.workers} workers x {args.threads} threads on PostgreSQL; mix {args.mix}", flush=True)
        clients = args.soak_clients
        if clients is None or args.capacity_only:
            counts = [int(c) for c in args.clients.split(",")]
            rows = probe(port, process.pid, mix, counts, args.probe_seconds, url)
            best = max(r["rps"] for r in rows)
            clients = clients or next(r["clients"] for r in rows if r["rps"] >= 0.95 * best)
            if args.capacity_only:
                return
        print(f"\nsoak: {clients} clients for {args.minutes:g} minutes", flush=True)
        _rows, ok = soak(port, process.pid, mix, clients, args.minutes)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        drop()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
