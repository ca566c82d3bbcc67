"""Serving under gunicorn with several workers: one migration and one load, the same answers."""

import contextlib
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


@contextlib.contextmanager
def run_gunicorn(**settings):
    """gunicorn as in production (3 workers × 4 threads) with these environment settings; yields the base URL."""
    port = free_port()
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "3", "GUNICORN_THREADS": "4", **settings}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz")
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@contextlib.contextmanager
def served(database: Path, **settings):
    """gunicorn on a SQLite file; yields the base URL."""
    with run_gunicorn(
        RECHTENVERKENNER_DATABASE_URL=f"sqlite:///{database}", RECHTENVERKENNER_SECRET_KEY="serving-test", **settings
    ) as base:
        yield base


@pytest.fixture
def gunicorn(tmp_path, fixture_catalog):
    database = tmp_path / "served.db"
    with served(database, RECHTENVERKENNER_CATALOG_DIR=str(fixture_catalog)) as base:
        yield base, database


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


def test_concurrent_advices_under_gunicorn_equal_the_one_by_one_answers(tmp_path):
    import yaml

    from rechtenverkenner import db
    from rechtenverkenner.services import apikeys
    from tests.conftest import make_app

    database = tmp_path / "advice.db"
    app = make_app(f"sqlite:///{database}")
    with app.app_context(), db.new_session() as session:
        key = apikeys.create_api_key(session, "load")[1]
    app.extensions["db_engine"].dispose()
    cases_file = ROOT / "rules" / "leefloon" / "cases" / "worked.yaml"
    bodies = [
        json.dumps(c["request"], default=lambda o: o.isoformat())
        for c in yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    ]
    with served(database) as base:

        def advise(body):
            request = urllib.request.Request(
                base + "/api/v1/leefloon/advice",
                data=body.encode(),
                method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                advice = json.loads(response.read())
            advice.pop("adviceId")
            return advice

        one_by_one = [advise(b) for b in bodies]
        with ThreadPoolExecutor(max_workers=16) as pool:
            at_once = list(pool.map(advise, bodies * 10))
        assert at_once == one_by_one * 10
