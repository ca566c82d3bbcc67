"""Liveness and readiness: /healthz never touches the database; /readyz is 503 unless the database answers, the
schema is at the newest migration and the catalogue is loaded, and a lost schema is recovered or reported."""

import pytest
from sqlalchemy import create_engine, text

from rechtenverkenner.services.readiness import head_revision
from tests.conftest import dispose, make_app


def test_ready_when_database_schema_and_catalogue_are_there(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "checks": {"database": "ok", "schema": "ok", "catalogue": "ok"},
    }
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_liveness_does_not_need_the_database_and_readiness_says_it_is_unreachable():
    app = make_app(
        "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2",
        DB_UPGRADE_ON_START=False,
        CATALOG_LOAD_ON_START=False,
    )
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"] == "unreachable"
    assert response.get_json()["status"] == "unavailable"
    # any page that needs the database: 503 with Retry-After, not 500
    page = client.get("/recht/leefloon")
    assert page.status_code == 503 and page.headers["Retry-After"]
    assert "databank" in page.get_data(as_text=True)
    api = client.get("/api/v1/rights/leefloon")
    assert api.status_code == 503 and api.mimetype == "application/problem+json"


def test_an_empty_catalogue_is_not_ready(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'empty.db'}", CATALOG_LOAD_ON_START=False)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "schema": "ok", "catalogue": "empty"}


def _drop_everything(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        else:
            tables = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
            conn.execute(text("PRAGMA foreign_keys=OFF"))
            for table in tables:
                conn.execute(text(f'DROP TABLE "{table}"'))
    engine.dispose()


def test_without_migrations_on_start_a_missing_schema_is_reported_never_ok(tmp_path):
    url = f"sqlite:///{tmp_path / 'lost.db'}"
    make_app(url)  # migrated and loaded
    _drop_everything(url)
    app = make_app(url, DB_UPGRADE_ON_START=False, CATALOG_LOAD_ON_START=False)
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["schema"] == f"at nothing, expected {head_revision()}"
    assert client.get("/zoeken?gemeente=44021&q=leefloon").status_code == 503


@pytest.mark.postgres
def test_a_schema_lost_while_serving_is_recovered_by_the_next_readiness_check(postgres_url):
    app = make_app(postgres_url)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    dispose(app)
    _drop_everything(postgres_url)
    # a page asked meanwhile says the database is not available (503), never 500
    assert client.get("/recht/leefloon").status_code == 503
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert client.get("/recht/leefloon").status_code == 200
    dispose(app)
