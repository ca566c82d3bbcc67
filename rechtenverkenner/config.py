"""Configuration defaults, environment loading and startup checks."""

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """Every configuration key with its default; override with RECHTENVERKENNER_<KEY> in the environment."""

    # Top-level catalog/ folder with the reviewed catalogue files, code lists and synonyms.
    CATALOG_DIR = str(REPO_ROOT / "catalog")
    # Load catalog/ into an empty database when the app starts.
    CATALOG_LOAD_ON_START = True
    # SQLAlchemy URL; the default is an embedded SQLite file in the instance folder.
    DATABASE_URL = ""
    # How long a worker trusts an API key it checked (a revoked key stops working within this time).
    KEY_CACHE_SECONDS = 10
    # Largest request body accepted (uploads come later), in bytes.
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024  # a batch of 1,000 advice requests fits
    # Largest pageSize a collection accepts.
    MAX_PAGE_SIZE = 100
    # Default pageSize of a collection.
    PAGE_SIZE = 20
    # Top-level rules/ folder with the legal parameters and rules.
    RULES_DIR = str(REPO_ROOT / "rules")
    # Signs the session cookie; must be set in production.
    SECRET_KEY = "dev"
    # Session cookie: only over HTTPS (set false for plain http on 127.0.0.1), not readable by scripts.
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # An editor's sign-in lasts a working day: an absolute limit from the sign-in, not renewed by use.
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    SESSION_REFRESH_EACH_REQUEST = False
    # Run migrations on start (off only for tests that manage the schema themselves).
    DB_UPGRADE_ON_START = True


def load(app, overrides: dict | None) -> None:
    """Fill app.config: defaults, instance/config.py, RECHTENVERKENNER_* environment, then overrides."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("RECHTENVERKENNER")
    if os.environ.get("DATABASE_URL") and not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if overrides:
        app.config.update(overrides)
    if app.config.get("TESTING") and "SESSION_COOKIE_SECURE" not in (overrides or {}):
        app.config["SESSION_COOKIE_SECURE"] = False  # the test client speaks plain http
    if not app.config["DATABASE_URL"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'rechtenverkenner.db'}"
    check(app)


def check(app) -> None:
    """Refuse to serve with the default secret, and to start with missing data folders."""
    production = not (app.config.get("TESTING") or app.debug)
    if production and app.config["SECRET_KEY"] == "dev":
        if "gunicorn" in sys.modules:
            raise RuntimeError("SECRET_KEY is the development default: set RECHTENVERKENNER_SECRET_KEY")
        app.logger.debug("SECRET_KEY is the development default (fine for CLI commands, not for serving)")
    for key in ("CATALOG_DIR",):
        if not Path(app.config[key]).is_dir():
            raise RuntimeError(f"{key} does not exist: {app.config[key]}")
