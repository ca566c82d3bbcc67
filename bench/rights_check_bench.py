"""Rights-check benchmark: one rights check over HTTP for a centre city with all its rights, and its throughput.

Serves the app with gunicorn as in production (gunicorn.conf.py: 2 workers x 4 threads, SQLite) and measures:
the latency of POST /api/v1/rights-check for Gent (44021: every federal, Flemish, provincial and local right in its
scope, the leefloon advice included) over the situations of rules/rights/cases (p50/p99), and its throughput
next to the trivial GET /api/v1/status with 8 concurrent keep-alive clients. Usage:

    .venv/bin/python bench/rights_check_bench.py [--rounds 600] [--clients 8] [--seconds 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import signal
import statistics
import sys
import time
from pathlib import Path

import yaml
from common import ROOT, percentile, serve_with_api_key  # bench/ is on sys.path when run as a script

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from advice_bench import call, throughput

CASES = ROOT / "rules" / "rights" / "cases"
CITY = "44021"  # Gent


def bodies() -> list[str]:
    """The situations of every rights-check case, for Gent."""
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            request = dict(case["request"], municipality=CITY)
            out.append(json.dumps(request, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    payloads = bodies()
    process, port, key = serve_with_api_key("rv-rights-bench-")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        rights = len(json.loads(call(connection, "POST", "/api/v1/rights-check", payloads[0], key))["rights"])
        for p in payloads * 2:
            call(connection, "POST", "/api/v1/rights-check", p, key)
        times = []
        for i in range(args.rounds):
            start = time.perf_counter()
            call(connection, "POST", "/api/v1/rights-check", payloads[i % len(payloads)], key)
            times.append((time.perf_counter() - start) * 1000)
        trivial = throughput(port, "GET", "/api/v1/status", None, None, args.clients, args.seconds)
        checks = throughput(port, "POST", "/api/v1/rights-check", payloads, key, args.clients, args.seconds)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| rights per check (Gent) | {rights} |")
    print(
        f"| one rights check over HTTP, p50 / p99 | {statistics.median(times):.2f} / {percentile(times, 99):.2f} ms |"
    )
    print(f"| throughput GET /api/v1/status (trivial JSON), {args.clients} clients | {trivial:.0f} requests/s |")
    print(
        f"| throughput POST /api/v1/rights-check, {args.clients} clients | {checks:.0f} requests/s "
        f"({checks / trivial:.0%} of trivial) |"
    )


if __name__ == "__main__":
    main()
