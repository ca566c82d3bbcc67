"""Liveness (`GET /healthz`) and readiness (`GET /readyz`), and a database that stopped answering or lost its
schema answered with 503 instead of a crash.

/healthz says only that the process serves requests (no database access): a load balancer or supervisor
restarts a process that stops answering it. /readyz says whether this instance can serve users: the
database answers, its schema is at the newest Alembic revision, and the catalogue is loaded. It answers
503 with the failing checks otherwise. When the schema is behind or missing and the app runs migrations on
start (DB_UPGRADE_ON_START), /readyz first tries to recover it (migrations and the catalogue load, under the
start-up lock); it never reports "ok" for a database it could not check.
"""

from __future__ import annotations

import functools
import logging
import threading

from flask import Flask, current_app, jsonify, render_template, request
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

log = logging.getLogger(__name__)
_recovering = threading.Lock()


@functools.cache
def head_revision() -> str:
    """The newest revision of rechtenverkenner/migrations (read from the scripts, not the database)."""
    from alembic.script import ScriptDirectory

    from rechtenverkenner import db

    return ScriptDirectory.from_config(db.alembic_config(None)).get_current_head()


def database_revision(connection) -> str | None:
    """The revision in alembic_version, or None when the table (the schema) is missing."""
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if len(heads) == 1 else None


def checks(app: Flask) -> dict[str, str]:
    """Each readiness check with "ok" or what is wrong (no connection details, no parameters)."""
    from rechtenverkenner.catalog import publish

    result = {"database": "unknown", "schema": "unknown", "catalogue": "unknown"}
    try:
        with app.extensions["db_engine"].connect() as connection:
            connection.execute(text("SELECT 1"))
            result["database"] = "ok"
            revision, head = database_revision(connection), head_revision()
            if revision == head:
                result["schema"] = "ok"
            else:
                result["schema"] = f"at {revision or 'nothing'}, expected {head}"
                return result
            from sqlmodel import Session

            with Session(bind=connection) as session:
                result["catalogue"] = "ok" if publish.catalogue_version(session) > 0 else "empty"
    except sa_exc.SQLAlchemyError as exc:
        if result["database"] == "ok":
            result["schema"] = "unreadable"
        else:
            result["database"] = "unreachable"
        log.warning("readiness check failed: %s", type(exc).__name__)
    return result


def _try_recover(app: Flask) -> None:
    """Run migrations and the catalogue load again (only one thread of the process at a time)."""
    from rechtenverkenner import prepare_database

    if not _recovering.acquire(blocking=False):
        return
    try:
        prepare_database(app)
        log.warning("readiness: the database schema was behind or missing and was recovered")
    except Exception as exc:  # the answer says what is wrong; the log names the kind of error only
        log.warning("readiness: recovering the database failed: %s", type(exc).__name__)
    finally:
        _recovering.release()


def init_app(app: Flask) -> None:
    @app.get("/healthz")
    def healthz():
        """Liveness only: the process answers. No database access."""
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz():
        app_ = current_app._get_current_object()
        result = checks(app_)
        if result["database"] == "ok" and result["schema"] != "ok" and app_.config["DB_UPGRADE_ON_START"]:
            _try_recover(app_)
            result = checks(app_)
        ready = all(value == "ok" for value in result.values())
        response = jsonify({"status": "ok" if ready else "unavailable", "checks": result})
        response.status_code = 200 if ready else 503
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(sa_exc.OperationalError)
    @app.errorhandler(sa_exc.ProgrammingError)
    @app.errorhandler(sa_exc.InterfaceError)
    def _database_unavailable(exc: Exception):
        """The database is down or its schema is missing: 503 (retry later), never a 500. The log names the
        kind of error only, never its statement or parameters."""
        from rechtenverkenner.problems import problem

        log.error("database unavailable on %s: %s", request.path, type(exc).__name__)
        if request.path.startswith("/api/"):
            response = problem(
                503,
                "The database is not available; try again later.",
                "De databank is niet beschikbaar; probeer later opnieuw.",
            )
        else:
            response = current_app.make_response(
                (
                    render_template(
                        "error.html",
                        status=503,
                        message="De toepassing kan de databank nu niet bereiken. Probeer het over enkele minuten "
                        "opnieuw.",
                    ),
                    503,
                )
            )
        response.headers["Retry-After"] = "30"
        return response
