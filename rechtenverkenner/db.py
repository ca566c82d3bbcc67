"""Database engine from config, a session per request, the transaction helper, migrations and the start-up lock.

Who commits: a use case in `rechtenverkenner.services` owns its transaction. A service that writes does
all its writes inside one `with transaction(session):` block, which commits once at the end or, on any
exception, rolls back everything (so an upload of many rights is all or nothing). Nothing else commits
or rolls back: views and CLI commands call one service and never touch the transaction; catalog/publish.py
and the services' private helpers only add and flush inside the caller's block. When a service must keep
its writes and still refuse (a failed sign-in is counted), it raises after the block. Reading needs no
block: the request's session is closed (and its read transaction ended) at teardown. The architecture
test fails any commit() or rollback() outside this module.
"""

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from flask import current_app, g
from sqlalchemy import event, text
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str):
    """Return an engine for url; SQLite gets WAL, foreign keys and a busy timeout for several workers."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    # hide_parameters: a database error's message (and so any log of it) never carries the statement's values
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True)


def init_app(app) -> None:
    """Create the app's engine and close the request session at teardown."""
    app.extensions["db_engine"] = make_engine(app.config["DATABASE_URL"])
    app.teardown_appcontext(_close_session)


def engine():
    return current_app.extensions["db_engine"]


def get_session() -> Session:
    """Return the request's session, opening it on first use."""
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    return g.db_session


def new_session() -> Session:
    """A session outside a request (CLI commands); use it as a context manager."""
    return Session(engine(), expire_on_commit=False)


@contextlib.contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back everything when it raises."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _close_session(_exc) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


@contextlib.contextmanager
def startup_lock(db_engine, fallback_dir: str):
    """Serialise migrations and the first catalogue load between gunicorn workers.

    PostgreSQL uses an advisory lock; SQLite a file lock next to the database file.
    """
    if db_engine.dialect.name == "postgresql":
        with db_engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(727274)"))
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(727274)"))
                conn.commit()
        return
    database = db_engine.url.database
    if database and database != ":memory:":
        lock_path = Path(database).with_name(Path(database).name + ".lock")
    else:
        lock_path = Path(fallback_dir) / "startup.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def alembic_config(db_engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = db_engine
    return config


def upgrade(db_engine) -> None:
    """Bring the schema to the newest migration; existing data is kept."""
    from alembic import command

    command.upgrade(alembic_config(db_engine), "head")
