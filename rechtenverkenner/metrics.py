"""Prometheus metrics: requests by URL rule and status, their latency, and leefloon advice outcomes.

No personal data: the labels are the URL rule (`/recht/<right_id>`, never the id or a query string), the method,
the status code and the advice outcome (grant, refuse, review). The HTTP side (the hooks and GET /metrics with
its access rule) is in operations.py.

Under gunicorn every worker is a process of its own: gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR (a folder per
instance) so that prometheus_client's multiprocess mode adds up the workers' counts. Without that variable (the
test client, `flask run`) the process's own registry answers.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

OUTCOMES = ("grant", "refuse", "review")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "rechtenverkenner_http_requests",
    "HTTP requests answered, by URL rule, method and status.",
    ["endpoint", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "rechtenverkenner_http_request_duration_seconds",
    "Time from the request to the answer, by URL rule.",
    ["endpoint"],
    buckets=BUCKETS,
    registry=REGISTRY,
)
ADVICE = Counter(
    "rechtenverkenner_leefloon_advice_outcomes",
    "Leefloon advices by outcome (the API, batch items and the web page).",
    ["outcome"],
    registry=REGISTRY,
)


def count_advice(outcome: str) -> None:
    ADVICE.labels(outcome if outcome in OUTCOMES else "other").inc()


def exposition() -> bytes:
    """The text exposition format: of every worker of this instance in multiprocess mode, else of this process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
