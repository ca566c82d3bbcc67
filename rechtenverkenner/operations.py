"""Endpoints for operations: liveness (`GET /healthz`), readiness (`GET /readyz`) and Prometheus metrics
(`GET /metrics`); a database that stopped answering or lost its schema is answered with 503, never 500.

/healthz says only that the process serves requests (no database access): a supervisor restarts a process
that stops answering it. /readyz says whether this instance can serve users: the database answers, its schema
is at the newest Alembic revision, and the catalogue is loaded (services/readiness.py); 503 with the failing
checks otherwise. When the schema is behind or missing and the app runs migrations on start
(DB_UPGRADE_ON_START), /readyz first tries to recover it (migrations and the catalogue load, under the start-up
lock); it never reports "ok" for a database it could not check.

/metrics (metrics.py) is answered to a request from this machine (a loopback address) that did not pass a proxy
(no X-Forwarded-For or Forwarded header), or to `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is
set; anyone else gets 404. Prometheus scrapes each instance directly, not through the load balancer.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import threading
import time

from flask import Flask, Response, abort, current_app, g, jsonify, render_template, request
from prometheus_client import CONTENT_TYPE_LATEST

from rechtenverkenner import metrics
from rechtenverkenner.services import readiness

log = logging.getLogger(__name__)
_recovering = threading.Lock()


def _try_recover(app: Flask) -> None:
    """Run migrations and the catalogue load again (one thread of the process at a time)."""
    from rechtenverkenner import prepare_database

    if not _recovering.acquire(blocking=False):
        return
    try:
        prepare_database(app)
        log.warning("readiness: the database schema was behind or missing and was recovered")
    except Exception as exc:  # the answer says what is wrong; the log names the kind of error only
        log.warning("readiness: recovering the database failed: %s", type(exc).__name__)
    finally:
        _recovering.release()


def healthz():
    """Liveness only: the process answers. No database access."""
    return {"status": "ok"}


def readyz():
    app = current_app._get_current_object()
    result = readiness.checks(app.extensions["db_engine"])
    if result["database"] == "ok" and result["schema"] != "ok" and app.config["DB_UPGRADE_ON_START"]:
        _try_recover(app)
        result = readiness.checks(app.extensions["db_engine"])
    ready = all(value == "ok" for value in result.values())
    response = jsonify({"status": "ok" if ready else "unavailable", "checks": result})
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def _metrics_allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN") or ""
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if hmac.compare_digest(given.encode(), token.encode()):
            return True
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def metrics_endpoint():
    if not _metrics_allowed():
        abort(404)
    return Response(metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST, "Cache-Control": "no-store"})


def _start_timer() -> None:
    g.metrics_started = time.perf_counter()


def _record(response: Response) -> Response:
    if request.endpoint == "metrics_endpoint":
        return response
    rule = request.url_rule.rule if request.url_rule is not None else "unmatched"
    metrics.REQUESTS.labels(rule, request.method, str(response.status_code)).inc()
    started = g.get("metrics_started")
    if started is not None:
        metrics.LATENCY.labels(rule).observe(time.perf_counter() - started)
    return response


def _database_unavailable(exc: Exception):
    """The database is down or its schema is missing: 503 (retry later), never a 500. The log names the kind of
    error only, never its statement or parameters."""
    from rechtenverkenner.problems import problem

    log.error("database unavailable on %s: %s", request.path, type(exc).__name__)
    if request.path.startswith("/api/"):
        response = problem(
            503,
            "The database is not available; try again later.",
            "De databank is niet beschikbaar; probeer later opnieuw.",
        )
    else:
        page = render_template(
            "error.html",
            status=503,
            message="De toepassing kan de databank nu niet bereiken. Probeer het over enkele minuten opnieuw.",
        )
        response = current_app.make_response((page, 503))
    response.headers["Retry-After"] = "30"
    return response


def init_metrics(app: Flask) -> None:
    """The request metrics' hooks: registered first, so the timer starts before the other hooks and the count
    sees the final status."""
    app.before_request(_start_timer)
    app.after_request(_record)


def init_app(app: Flask) -> None:
    app.add_url_rule("/healthz", view_func=healthz, methods=["GET"])
    app.add_url_rule("/readyz", view_func=readyz, methods=["GET"])
    app.add_url_rule("/metrics", view_func=metrics_endpoint, methods=["GET"])
    for kind in readiness.DATABASE_UNAVAILABLE:
        app.register_error_handler(kind, _database_unavailable)
