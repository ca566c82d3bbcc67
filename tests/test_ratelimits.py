"""Rate limits shared by every worker and instance (Redis), the honeypot of the report form, paging of the reports
in /beheer and the cap on a batch answer."""

import re
import uuid

import pytest
import redis

from rechtenverkenner import db
from rechtenverkenner.models import ErrorReport
from rechtenverkenner.services import apikeys
from tests.api.test_advice_api import GOOD, post
from tests.conftest import make_app
from tests.editor.test_accounts import PASSWORD, sign_in
from tests.editor.test_reports_and_coverage import report

REDIS = "redis://127.0.0.1:6379"


def _report_count(session) -> int:
    from sqlalchemy import func, select

    return session.execute(select(func.count()).select_from(ErrorReport)).scalar_one()


def _redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_prefix():
    """A Redis key prefix of its own for one test (several apps share it like several instances would)."""
    if not _redis_available():
        pytest.skip("Redis does not answer at 127.0.0.1:6379")
    prefix = f"rv-test-{uuid.uuid4().hex[:10]}"
    yield prefix
    connection = redis.Redis.from_url(REDIS)
    for key in connection.scan_iter(f"{prefix}*"):
        connection.delete(key)


def _sign_in_fails(client, n: int) -> list[int]:
    return [sign_in(client, f"onbekend{i}@gent.be", "verkeerd wachtwoord").status_code for i in range(n)]


def test_the_21st_failed_sign_in_from_one_address_in_ten_minutes_is_a_429_with_retry_after(app, client):
    assert _sign_in_fails(client, 20) == [401] * 20
    response = sign_in(client, "onbekend@gent.be", "verkeerd wachtwoord")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 600
    html = response.get_data(as_text=True)
    assert "Te veel mislukte aanmeldingen vanaf dit adres" in html and 'lang="nl"' in html
    # a correct password from the same address waits too; another address does not
    result = app.test_cli_runner().invoke(
        args=["user", "create", "r@gent.be", "--name", "R", "--role", "editor", "--municipality", "44021"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0
    assert sign_in(client, "r@gent.be").status_code == 429
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert sign_in(other, "r@gent.be").status_code == 302


def test_successful_sign_ins_do_not_count(app, client):
    result = app.test_cli_runner().invoke(
        args=["user", "create", "r@gent.be", "--name", "R", "--role", "editor", "--municipality", "44021"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0
    for _ in range(22):
        assert sign_in(client, "r@gent.be").status_code == 302


def test_failed_sign_ins_are_counted_across_instances_through_redis(tmp_path, loaded_sqlite, redis_prefix):
    import shutil

    shutil.copy(loaded_sqlite, tmp_path / "shared.db")
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    settings = {"RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": redis_prefix}
    first, second = make_app(url, **settings), make_app(url, **settings)
    assert first.extensions["limits"].backend == "redis"
    assert _sign_in_fails(first.test_client(), 12) == [401] * 12
    assert _sign_in_fails(second.test_client(), 8) == [401] * 8
    assert sign_in(second.test_client(), "x@gent.be", "verkeerd wachtwoord").status_code == 429
    assert sign_in(first.test_client(), "x@gent.be", "verkeerd wachtwoord").status_code == 429
    keys = [k.decode() for k in redis.Redis.from_url(REDIS).scan_iter(f"{redis_prefix}*")]
    assert keys and not [k for k in keys if "127.0.0.1" in k or "@" in k]  # the address only as a keyed hash


def test_without_redis_the_limits_are_counted_in_memory(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'x.db'}", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1")
    assert app.extensions["limits"].backend.startswith("memory")
    assert _sign_in_fails(app.test_client(), 20) == [401] * 20
    assert sign_in(app.test_client(), "x@gent.be", "fout").status_code == 429


def _keys(app, n: int) -> list[str]:
    with app.app_context(), db.new_session() as session:
        return [apikeys.create_api_key(session, f"vendor {i}")[1] for i in range(n)]


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/leefloon/advice", GOOD),
        ("/api/v1/leefloon/advice/batch", [GOOD]),
        ("/api/v1/rights-check", dict(GOOD, municipality="44021")),
        ("/api/v1/rights-check/batch", [dict(GOOD, municipality="44021")]),
    ],
)
def test_each_api_key_has_its_own_request_limit_answered_with_a_429_problem(tmp_path, loaded_sqlite, url, body):
    import shutil

    shutil.copy(loaded_sqlite, tmp_path / "api.db")
    app = make_app(f"sqlite:///{tmp_path / 'api.db'}", API_KEY_LIMIT="3 per minute")
    client = app.test_client()
    mine, theirs = _keys(app, 2)
    assert [post(client, body, mine, url).status_code for _ in range(3)] == [200] * 3
    refused = post(client, body, mine, url)
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    problem = refused.get_json()
    assert problem["type"] == "urn:problem-type:belgif:tooManyRequests" and problem["status"] == 429
    assert "Te veel aanvragen met deze API-sleutel" in problem["detailNl"]
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert post(client, body, theirs, url).status_code == 200


def test_the_api_key_limit_is_shared_by_two_instances(tmp_path, loaded_sqlite, redis_prefix):
    import shutil

    shutil.copy(loaded_sqlite, tmp_path / "shared.db")
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    settings = {"RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": redis_prefix, "API_KEY_LIMIT": "4 per minute"}
    first, second = make_app(url, **settings), make_app(url, **settings)
    (key,) = _keys(first, 1)
    statuses = [post(app.test_client(), GOOD, key).status_code for app in (first, second, first, second, first)]
    assert statuses == [200, 200, 200, 200, 429]


def test_error_reports_are_limited_per_address_and_the_honeypot_stores_nothing(tmp_path, loaded_sqlite):
    import shutil

    shutil.copy(loaded_sqlite, tmp_path / "r.db")
    app = make_app(f"sqlite:///{tmp_path / 'r.db'}", REPORT_LIMIT="2 per 10 minutes")
    client = app.test_client()
    page = client.get("/recht/leefloon-gent").get_data(as_text=True)
    assert 'class="hp"' in page and 'name="website"' in page
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    robot = client.post(
        "/recht/leefloon-gent/melding",
        data={"melding": "Koop goedkope horloges", "website": "http://spam.example", "csrf_token": csrf},
    )
    assert robot.status_code == 200 and "de redactie van dit recht krijgt je melding" in robot.get_data(as_text=True)
    with app.app_context(), db.new_session() as session:
        assert _report_count(session) == 0
    assert report(client, "leefloon-gent", "Het adres klopt niet.").status_code == 200
    refused = report(client, "leefloon-gent", "Het telefoonnummer klopt niet.")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "te veel meldingen binnen vanaf dit adres" in refused.get_data(as_text=True)
    with app.app_context(), db.new_session() as session:
        assert _report_count(session) == 1


def test_the_reports_in_beheer_come_in_pages_of_25(app, client):
    from datetime import UTC, datetime, timedelta

    with app.app_context(), db.new_session() as session, db.transaction(session):
        start = datetime(2026, 1, 1, tzinfo=UTC)
        for i in range(30):
            session.add(
                ErrorReport(
                    right_id="leefloon-gent", message=f"Melding nummer {i:02d}.", created_at=start + timedelta(i)
                )
            )
    result = app.test_cli_runner().invoke(
        args=["user", "create", "r@gent.be", "--name", "R", "--role", "editor", "--municipality", "44021"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0
    assert sign_in(client, "r@gent.be").status_code == 302
    first = client.get("/beheer/").get_data(as_text=True)
    assert "30 open meldingen" in first and "Pagina 1 van 2" in first
    assert "Melding nummer 29." in first and "Melding nummer 05." in first and "Melding nummer 04." not in first
    second = client.get("/beheer/?meldingen=2").get_data(as_text=True)
    assert "Melding nummer 04." in second and "Melding nummer 00." in second and "Melding nummer 29." not in second
    assert client.get("/beheer/?meldingen=abc").status_code == 200
    assert "Pagina 2 van 2" in client.get("/beheer/?meldingen=99").get_data(as_text=True)


def test_a_batch_answer_over_the_cap_is_a_413_problem(tmp_path, loaded_sqlite):
    import shutil

    shutil.copy(loaded_sqlite, tmp_path / "b.db")
    app = make_app(f"sqlite:///{tmp_path / 'b.db'}", MAX_BATCH_RESPONSE_BYTES=50_000)
    client = app.test_client()
    (key,) = _keys(app, 1)
    assert post(client, [GOOD], key, "/api/v1/leefloon/advice/batch").status_code == 200
    refused = post(client, [GOOD] * 20, key, "/api/v1/leefloon/advice/batch")
    assert refused.status_code == 413 and refused.mimetype == "application/problem+json"
    assert "minder aanvragen per batch" in refused.get_json()["detailNl"]
