"""Leefloon advice in CPU time: what one advice costs the process, measured so that other load barely moves it.

    python bench/advice_cpu.py

The wall-clock figures of advice_bench.py move with whatever else runs on the machine. This measures the CPU
time of the measuring thread (time.thread_time), taking the fastest of many short batches, for the same work:
validating a worked case, advising it, and the whole request in-process through Flask's test client (the
advice, GET /api/v1/status and a batch of 1,000, with a real API key; the test client's own work is included
and is the same on every version). It uses only what every version of the code has (build_advisor,
load_request, create_app and the API), so it runs unchanged on an older checkout to compare (copy it there).
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = [ROOT / "rules" / "leefloon" / "cases" / "worked.yaml", ROOT / "tests" / "eligibility" / "worked_cases.yaml"]


def bodies() -> list[dict]:
    path = next(p for p in CASES if p.exists())
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [json.loads(json.dumps(c["request"], default=lambda o: o.isoformat())) for c in cases]


def cpu_us(work, batches: int = 30, size: int = 62) -> float:
    """The CPU time of one call of work(i), in µs: the fastest of `batches` batches of `size` calls."""
    best = float("inf")
    for _ in range(batches):
        start = time.thread_time()
        for i in range(size):
            work(i)
        best = min(best, (time.thread_time() - start) / size)
    return best * 1e6


def api_key(app) -> str:
    from rechtenverkenner import db

    try:
        from rechtenverkenner.services.apikeys import create_api_key
    except ImportError:  # before the services package
        from rechtenverkenner.services import create_api_key
    with app.app_context(), db.new_session() as session:
        return create_api_key(session, "bench")[1]


def main() -> None:
    from rechtenverkenner import build_advisor, create_app
    from rechtenverkenner.eligibility.request import load_request

    logging.disable(logging.CRITICAL)
    requests = bodies()
    n = len(requests)
    advisor = build_advisor(str(ROOT / "rules"))
    situations = [load_request(r)[0] for r in requests]
    for s in situations:
        advisor.advise(s)
    validate = cpu_us(lambda i: load_request(requests[i % n]))
    advise = cpu_us(lambda i: advisor.advise(situations[i % n]))

    app = create_app({"DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/cpu.db", "SECRET_KEY": "bench"})
    key = api_key(app)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    payloads = [json.dumps(r).encode() for r in requests]
    for p in payloads:
        assert client.post("/api/v1/leefloon/advice", data=p, headers=headers).status_code == 200
    request = cpu_us(lambda i: client.post("/api/v1/leefloon/advice", data=payloads[i % n], headers=headers))
    status = cpu_us(lambda i: client.get("/api/v1/status"))
    batch_body = json.dumps([requests[i % n] for i in range(1000)]).encode()
    batch = cpu_us(
        lambda i: client.post("/api/v1/leefloon/advice/batch", data=batch_body, headers=headers), batches=5, size=1
    )

    print("| CPU time per advice (fastest of many batches) | µs |")
    print("| --- | --- |")
    print(f"| validate a worked case | {validate:.0f} |")
    print(f"| advise it (assessment, Dutch text, JSON document) | {advise:.0f} |")
    print(f"| POST /api/v1/leefloon/advice in-process (Flask test client) | {request:.0f} |")
    print(f"| GET /api/v1/status in-process (Flask test client) | {status:.0f} |")
    print(f"| batch of 1,000 in-process, per advice | {batch / 1000:.0f} |")


if __name__ == "__main__":
    main()
