"""gunicorn settings: several workers with threads; never preload (each worker builds its own app)."""

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# No keep-alive (docs/performance.md, "Search under concurrency"): a gthread worker keeps every connection it
# accepted, so with keep-alive the clients (or the proxy's connections) that connect together stay on one worker
# while the other idles (measured: 0 % and 57 % CPU at 8 clients). A connection per request lets the idle worker
# take the next one. GUNICORN_KEEPALIVE=<seconds> turns it back on.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "0"))
preload_app = False
accesslog = "-"
# the access log carries the path without its query string (search words stay out), the status and the request
# id; advice and rights-check requests carry client data in the body, which is never logged
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
timeout = 60

# Prometheus multiprocess mode (rechtenverkenner/metrics.py): the workers write their counts to files in one
# folder per instance, read together by GET /metrics. Set before any worker imports prometheus_client.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="rechtenverkenner-metrics-")


def on_starting(server):
    """A restarted instance starts its counts from zero: old workers' files are removed."""
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.db"):
        path.unlink()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if Path(folder).name.startswith("rechtenverkenner-metrics-"):
        shutil.rmtree(folder, ignore_errors=True)
