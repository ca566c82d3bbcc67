"""Leefloon advice: latency in-process and over HTTP, throughput next to a trivial endpoint, batch cost.

    python bench/advice_bench.py

Serves the app with gunicorn as in production (gunicorn.conf.py: 2 workers x 4 threads) and measures,
in one run: p50/p99 of one advice in-process and over HTTP (sequential requests), the throughput of
POST /api/v1/leefloon/advice and of GET /api/v1/status (trivial JSON) under the same concurrent load,
the time per advice of a 1,000-request batch, and the memory of 100,000 advices in one process.
"""

from __future__ import annotations

import argparse
import http.client
import json
import resource
import signal
import statistics
import sys
import threading
import time

import yaml
from common import ROOT, percentile, serve_with_api_key  # bench/ is on sys.path when run as a script

sys.path.insert(0, str(ROOT))

from rechtenverkenner import build_advisor
from rechtenverkenner.eligibility.request import load_request

CASES = ROOT / "rules" / "leefloon" / "cases" / "worked.yaml"  # a copy of ../shared/cases/leefloon.yaml


def bodies() -> list[dict]:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [json.loads(json.dumps(c["request"], default=lambda o: o.isoformat())) for c in cases]


def in_process(requests: list[dict], rounds: int) -> list[float]:
    advisor = build_advisor(str(ROOT / "rules"))
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        situation, _ = load_request(requests[i % len(requests)])
        advisor.advise(situation)
        times.append((time.perf_counter() - start) * 1000)
    return times


def memory(requests: list[dict], count: int) -> tuple[float, float]:
    from rechtenverkenner.eligibility.advisor import Advisor
    from rechtenverkenner.eligibility.engine import RuleEngine
    from rechtenverkenner.eligibility.files import read_scheme

    # without the memo: every advice goes through durable-rules, whose state must always be deleted
    advisor = Advisor(read_scheme(ROOT / "rules" / "leefloon"), RuleEngine(memo=False))
    situations = [load_request(r)[0] for r in requests]
    for i in range(1000):
        advisor.advise(situations[i % len(situations)])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for i in range(count):
        advisor.advise(situations[i % len(situations)])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert advisor.engine._matched == {}
    return before, after


def call(connection, method, path, body=None, key=None):
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    for attempt in (1, 2):
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            break
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # gunicorn closes idle keep-alive connections; reconnect once
            connection.close()
            if attempt == 2:
                raise
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {data[:200]!r}")
    return data


def throughput(port, method, path, payloads, key, clients: int, seconds: float) -> float:
    done = [0] * clients
    stop = time.time() + seconds

    def work(index):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = index
        while time.time() < stop:
            call(connection, method, path, payloads[i % len(payloads)] if payloads else None, key)
            done[index] += 1
            i += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.time() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3000)
    parser.add_argument("--memory-advices", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    requests = bodies()

    local = in_process(requests, args.rounds)
    before, after = memory(requests, args.memory_advices)

    process, port, key = serve_with_api_key("rv-advice-bench-")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        payloads = [json.dumps(r) for r in requests]
        for p in payloads:
            call(connection, "POST", "/api/v1/leefloon/advice", p, key)
        http_times = []
        for i in range(args.rounds):
            start = time.perf_counter()
            call(connection, "POST", "/api/v1/leefloon/advice", payloads[i % len(payloads)], key)
            http_times.append((time.perf_counter() - start) * 1000)
        trivial = throughput(port, "GET", "/api/v1/status", None, None, args.clients, args.seconds)
        advice = throughput(port, "POST", "/api/v1/leefloon/advice", payloads, key, args.clients, args.seconds)
        batch_body = json.dumps([requests[i % len(requests)] for i in range(1000)])
        batch_times = []
        for _ in range(5):
            start = time.perf_counter()
            call(connection, "POST", "/api/v1/leefloon/advice/batch", batch_body, key)
            batch_times.append((time.perf_counter() - start) * 1000 / 1000)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    print("| measure | value |")
    print("| --- | --- |")
    print(
        f"| one advice in-process (validate + advise), p50 / p99 | {statistics.median(local):.2f} / {percentile(local, 99):.2f} ms |"
    )
    print(
        f"| one advice over HTTP, p50 / p99 | {statistics.median(http_times):.2f} / {percentile(http_times, 99):.2f} ms |"
    )
    print(f"| throughput GET /api/v1/status (trivial JSON), {args.clients} clients | {trivial:.0f} requests/s |")
    print(
        f"| throughput POST /api/v1/leefloon/advice, {args.clients} clients | {advice:.0f} requests/s ({advice / trivial:.0%} of trivial) |"
    )
    print(f"| batch of 1,000, per advice (median of 5) | {statistics.median(batch_times):.3f} ms |")
    print(f"| max RSS before / after {args.memory_advices:,} advices in one process | {before:.1f} / {after:.1f} MB |")


if __name__ == "__main__":
    main()
