"""scripts/cluster: two gunicorn instances on one PostgreSQL behind HAProxy. Traffic through the proxy (pages,
search, the advice) goes on without a single failed request while one instance is killed with SIGKILL: the proxy
retries refused connections and answers that never came on the other instance. The only thing no proxy can
retry is an answer cut off after its headers had been passed on (the instance died mid-body); the client
repeats such a request once, and there are at most as many as requests in flight. A session made on one
instance works on the other (one secret key); the migrations ran once, before the instances started."""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.api.test_advice_api import GOOD
from tests.editor.test_accounts import PASSWORD
from tests.test_serving import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.postgres


@pytest.fixture
def cluster(tmp_path, postgres_url):
    if not shutil.which("haproxy") and os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("haproxy is missing and CI is set")
        pytest.skip("haproxy is missing (apt-get install haproxy)")
    ports = [free_port() for _ in range(3)]
    env = dict(
        os.environ,
        CLUSTER_DIR=str(tmp_path / "cluster"),
        DATABASE_URL=postgres_url,
        PROXY_PORT=str(ports[0]),
        APP_PORTS=f"{ports[1]} {ports[2]}",
        WEB_CONCURRENCY="1",  # two instances of one worker each: the machine has two cores
        GUNICORN_THREADS="4",
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    script = str(ROOT / "scripts" / "cluster")
    started = subprocess.run([script, "start"], env=env, capture_output=True, text=True, timeout=300)
    try:
        assert started.returncode == 0, started.stderr
        yield {"env": env, "dir": tmp_path / "cluster", "proxy": f"http://127.0.0.1:{ports[0]}", "apps": ports[1:]}
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True, timeout=120)


def _flask(env: dict, *args: str, stdin: str = "") -> str:
    settings = {
        "RECHTENVERKENNER_DATABASE_URL": env["DATABASE_URL"],
        "RECHTENVERKENNER_DB_UPGRADE_ON_START": "false",
        "RECHTENVERKENNER_CATALOG_LOAD_ON_START": "false",
    }
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env={**env, **settings},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


CUT_OFF = -1  # the answer's headers arrived, then the instance died: the body is incomplete


def _request(url: str, body: dict | None = None, key: str = "") -> int:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"} if body is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except http.client.IncompleteRead:
        return CUT_OFF
    except (OSError, http.client.HTTPException):
        return 0


def test_killing_one_instance_fails_no_request_behind_the_proxy(cluster):
    proxy, env = cluster["proxy"], cluster["env"]
    key = _flask(env, "apikey", "create", "cluster").strip().splitlines()[-1]
    # the migrations ran once: the instances were told not to migrate, and their logs say nothing of alembic
    for i in (1, 2):
        assert "alembic" not in (cluster["dir"] / f"app{i}.log").read_text().lower()

    # a session signed in through the proxy stays signed in on both instances (one shared secret key)
    _flask(env, "user", "create", "beheer@vlaanderen.be", "--name", "B", "--role", "admin", stdin=f"{PASSWORD}\n" * 2)
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = browser.open(proxy + "/beheer/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    data = f"email=beheer%40vlaanderen.be&password={PASSWORD.replace(' ', '+')}&csrf_token={token}".encode()
    browser.open(proxy + "/beheer/login", data=data).read()
    for _ in range(4):  # round robin: both instances answer in turn
        assert "Beheer van de lokale rechten" in browser.open(proxy + "/beheer/").read().decode()

    targets = [
        (proxy + "/recht/leefloon", None),
        (proxy + "/api/v1/rights?q=leefloon&municipality=44021", None),
        (proxy + "/zoeken?gemeente=44021&q=huur", None),
        (proxy + "/api/v1/leefloon/advice", GOOD),
    ]
    results: list[int] = []
    cut_off: list[str] = []
    stop = threading.Event()

    def client(offset: int) -> None:
        n = offset
        while not stop.is_set():
            url, body = targets[n % len(targets)]
            status = _request(url, body, key)
            if status == CUT_OFF:
                # no proxy can repeat a request whose answer it already started to pass on; the client repeats
                # it (every request here is safe to repeat), as HTTP clients do. Connection failures and answers
                # that never came are the proxy's to retry and count as failures.
                cut_off.append(url)
                status = _request(url, body, key)
            results.append(status)
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    before_kill = len(results)
    master = int((cluster["dir"] / "app1.pid").read_text())
    os.killpg(os.getpgid(master), signal.SIGKILL)  # the instance dies at once, requests in flight included
    time.sleep(6)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    failed = [status for status in results if status != 200]
    assert before_kill > 20 and len(results) - before_kill > 20, (before_kill, len(results))
    assert not failed, f"{len(failed)} of {len(results)} requests failed: {sorted(set(failed))}"
    assert len(cut_off) <= len(threads)  # at most the requests in flight when the instance died
    # the surviving instance counted its share in its own metrics (read directly, not through the proxy)
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{cluster['apps'][1]}/metrics", timeout=10).read().decode()
    assert re.search(r'rechtenverkenner_leefloon_advice_outcomes_total\{outcome="grant"\} [1-9]', metrics)
    assert _request(proxy + "/metrics") == 404
