"""Readiness of the database: it answers, its schema is at the newest Alembic revision, the catalogue is loaded.

Used by GET /readyz (operations.py). The answers name what is wrong, never connection details or parameters.
"""

from __future__ import annotations

import functools
import logging

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlmodel import Session

from rechtenverkenner import db
from rechtenverkenner.catalog import publish

log = logging.getLogger(__name__)

# errors of a database that is down or lost its schema: answered with 503, never 500
DATABASE_UNAVAILABLE = (sa_exc.OperationalError, sa_exc.ProgrammingError, sa_exc.InterfaceError)


@functools.cache
def head_revision() -> str:
    """The newest revision of rechtenverkenner/migrations (read from the scripts, not the database)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(db.alembic_config(None)).get_current_head()


def database_revision(connection) -> str | None:
    """The revision in alembic_version, or None when the table (the schema) is missing."""
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if len(heads) == 1 else None


def checks(engine) -> dict[str, str]:
    """Each readiness check with "ok" or what is wrong."""
    result = {"database": "unknown", "schema": "unknown", "catalogue": "unknown"}
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            result["database"] = "ok"
            revision, head = database_revision(connection), head_revision()
            if revision != head:
                result["schema"] = f"at {revision or 'nothing'}, expected {head}"
                return result
            result["schema"] = "ok"
            with Session(bind=connection) as session:
                result["catalogue"] = "ok" if publish.catalogue_version(session) > 0 else "empty"
    except sa_exc.SQLAlchemyError as exc:
        if result["database"] == "ok":
            result["schema"] = "unreadable"
        else:
            result["database"] = "unreachable"
        log.warning("readiness check failed: %s", type(exc).__name__)
    return result
