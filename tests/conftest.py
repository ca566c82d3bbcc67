"""Shared fixtures: a fresh app per test on a temporary SQLite file, and the PostgreSQL server."""

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rechtenverkenner import create_app

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "catalog"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
POSTGRES_ADMIN_URL = os.environ.get(
    "RECHTENVERKENNER_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def make_app(database_url: str, catalog_dir: Path = CATALOG, **extra):
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "CATALOG_DIR": str(catalog_dir),
            "SECRET_KEY": "test",
            "KEY_CACHE_SECONDS": 0,
            **extra,
        }
    )


@pytest.fixture
def fixture_catalog(tmp_path) -> Path:
    """A small catalogue: the real code lists and synonyms with the documents in tests/fixtures/catalog."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG / "codelists", target / "codelists")
    shutil.copy(CATALOG / "synonyms.toml", target / "synonyms.toml")
    shutil.copytree(FIXTURES / "catalog" / "rights", target / "rights")
    return target


@pytest.fixture(scope="session")
def loaded_sqlite(tmp_path_factory) -> Path:
    """A SQLite file with the real catalogue loaded once; tests get their own copy."""
    path = tmp_path_factory.mktemp("template") / "loaded.db"
    app = make_app(f"sqlite:///{path}")
    dispose(app)
    return path


@pytest.fixture
def app(tmp_path, loaded_sqlite):
    """The app with the real catalogue on a fresh copy of a loaded SQLite file."""
    target = tmp_path / "app.db"
    shutil.copy(loaded_sqlite, target)
    return make_app(f"sqlite:///{target}")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def small_app(tmp_path, fixture_catalog):
    """The app with the small fixture catalogue on a fresh SQLite file."""
    return make_app(f"sqlite:///{tmp_path / 'small.db'}", fixture_catalog)


def _postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_server():
    """The admin URL of the PostgreSQL server; skipped without a server only when CI is unset."""
    if not _postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} and CI is set")
        pytest.skip("PostgreSQL is not reachable (set CI to make this a failure)")
    return POSTGRES_ADMIN_URL


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    name = f"rv_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_server.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def dispose(app) -> None:
    """Close the app's connection pool (PostgreSQL databases cannot be dropped while in use)."""
    app.extensions["db_engine"].dispose()
