"""Serving under gunicorn with several workers: one migration and one load, the same answers."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def fetch(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def gunicorn(tmp_path, fixture_catalog):
    port = free_port()
    database = tmp_path / "served.db"
    env = dict(os.environ, RECHTENVERKENNER_DATABASE_URL=f"sqlite:///{database}",
               RECHTENVERKENNER_CATALOG_DIR=str(fixture_catalog), RECHTENVERKENNER_SECRET_KEY="serving-test",
               BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="3", GUNICORN_THREADS="4")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz")
        yield base, database
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_three_workers_start_on_an_empty_database_and_load_the_catalogue_once(gunicorn):
    base, database = gunicorn
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM catalog_state")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM right")).scalar_one() == 4
    engine.dispose()
    url = base + "/api/v1/rights?q=leefloon&municipality=31005"
    expected = fetch(url)
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda _: fetch(url), range(200)))
    assert all(a["items"] == expected["items"] and a["total"] == expected["total"] for a in answers)
