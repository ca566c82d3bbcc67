"""Helpers shared by the benchmarks: percentiles and a gunicorn server started the way production starts it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(database: str, workers: int, threads: int, **settings: str) -> tuple[subprocess.Popen, int]:
    """Start `gunicorn wsgi:app` with gunicorn.conf.py on a free port; return once /healthz answers.
    Extra settings become RECHTENVERKENNER_<NAME> environment variables."""
    port = free_port()
    env = dict(
        os.environ,
        RECHTENVERKENNER_DATABASE_URL=database,
        RECHTENVERKENNER_SECRET_KEY="bench",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        # a benchmark's one key sends far more than a client's allowance: the limit is counted (in Redis when it
        # answers, as in production) but never reached
        RECHTENVERKENNER_API_KEY_LIMIT="100000000 per minute",
        **{f"RECHTENVERKENNER_{name.upper()}": value for name, value in settings.items()},
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not start")


def serve_with_api_key(prefix: str, workers: int = 2, threads: int = 4) -> tuple[subprocess.Popen, int, str]:
    """A fresh SQLite database with the bundled catalogue and one API key, served by gunicorn as in production:
    (process, port, key)."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from rechtenverkenner import create_app, db
    from rechtenverkenner.services import apikeys

    database = f"sqlite:///{tempfile.mkdtemp(prefix=prefix)}/bench.db"
    app = create_app({"DATABASE_URL": database, "SECRET_KEY": "bench"})
    with app.app_context(), db.new_session() as session:
        key = apikeys.create_api_key(session, "bench")[1]
    app.extensions["db_engine"].dispose()
    process, port = start_gunicorn(database, workers, threads)
    return process, port, key
