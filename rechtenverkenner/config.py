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
    # Rate limits (ratelimits.py), in the `limits` notation "N per [M] second|minute|hour|day". Their counters
    # live in RATELIMIT_STORAGE_URI: Redis is shared by every worker and instance; "memory://" (the default in
    # tests, and the fallback when Redis does not answer at start) counts per process.
    RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379"
    RATELIMIT_KEY_PREFIX = "rechtenverkenner"  # several installations can share one Redis with their own prefix
    SIGN_IN_LIMIT = "20 per 10 minutes"  # failed sign-ins per IP address; the next attempt gets 429
    API_KEY_LIMIT = "1200 per minute"  # requests per API key on the advice and rights-check APIs (a batch is one)
    REPORT_LIMIT = "10 per 10 minutes"  # error reports per IP address
    # Trusted reverse proxies in front of the app: their X-Forwarded-For/-Proto give the client's address
    # (the rate limits count per client). 0 when clients connect directly; 1 behind nginx or HAProxy.
    PROXY_COUNT = 0
    # Largest batch answer (advice or rights check) in bytes; a larger one is refused with 413 (send fewer items).
    MAX_BATCH_RESPONSE_BYTES = 32 * 1024 * 1024
    # GET /metrics (Prometheus): answered to requests from this machine that did not pass a proxy, or to
    # "Authorization: Bearer <METRICS_TOKEN>" when a token is set.
    METRICS_TOKEN = ""


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
    if app.config.get("TESTING") and "RATELIMIT_STORAGE_URI" not in (overrides or {}):
        app.config["RATELIMIT_STORAGE_URI"] = "memory://"  # each test app counts on its own
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
