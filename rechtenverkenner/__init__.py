"""Rechtenverkenner: create_app builds config, database, catalogue, blueprints and error handlers."""

import logging

from flask import Flask

__version__ = "0.1.0"


def create_app(overrides: dict | None = None) -> Flask:
    """Build the application; nothing is created at import time.

    overrides replace configuration keys (tests pass DATABASE_URL, CATALOG_DIR, TESTING).
    """
    from rechtenverkenner import cli, config, csrf, db, operations, problems, ratelimits, security
    from rechtenverkenner.api import bp as api_bp
    from rechtenverkenner.editor import bp as editor_bp
    from rechtenverkenner.jsonio import ExactJSONProvider
    from rechtenverkenner.services.catalogue import CatalogueContext
    from rechtenverkenner.services.rights_check import RightsCheckService
    from rechtenverkenner.web import bp as web_bp

    app = Flask(__name__, instance_relative_config=True)
    app.json = ExactJSONProvider(app)  # JSON numbers with a fraction are read as Decimal and written exactly
    app.json.sort_keys = False  # keep the contract's order; sorting large advices costs time
    config.load(app, overrides)
    app.logger.setLevel(logging.INFO)  # the "rechtenverkenner" logger: ids and outcomes, never client data
    logging.getLogger("alembic").setLevel(logging.WARNING)

    db.init_app(app)
    ctx = CatalogueContext.from_dir(app.config["CATALOG_DIR"])
    app.extensions["catalogue"] = ctx
    app.extensions["leefloon"] = advisor = build_advisor(app.config["RULES_DIR"])
    app.extensions["rights_check"] = RightsCheckService(ctx, advisor.engine, advisor, app.config["KEY_CACHE_SECONDS"])
    prepare_database(app)

    operations.init_metrics(app)  # first: the timer starts before the other hooks, the count sees the final status
    app.url_map.converters["int"] = security.DatabaseInteger  # before any route is added
    app.register_blueprint(web_bp)
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(editor_bp, url_prefix="/beheer")
    csrf.init_app(app)
    security.init_app(app)
    problems.init_app(app)
    operations.init_app(app)
    ratelimits.init_app(app)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    cli.init_app(app)
    return app


def build_advisor(rules_dir: str):
    """Read and validate rules/leefloon and build the advisor on this process's one rule engine.

    The engine (a durable Host) is built on the first call in a process and shared by every app built
    in it afterwards (several apps in the tests); a forked worker builds its own (engine.process_engine).
    """
    from pathlib import Path

    from rechtenverkenner.eligibility.advisor import Advisor
    from rechtenverkenner.eligibility.engine import process_engine
    from rechtenverkenner.eligibility.files import read_scheme

    return Advisor(read_scheme(Path(rules_dir) / "leefloon"), process_engine())


def prepare_database(app: Flask) -> None:
    """Run migrations and bring the published catalogue in line with catalog/, once across workers.

    An empty database gets the bundled catalogue; a database whose catalogue differs from the files
    is reloaded (the load compares a content hash, so an unchanged catalogue costs one read of the
    files). Until editors can publish (issue #4) the files are the only source of the catalogue.
    """
    from rechtenverkenner import db
    from rechtenverkenner.errors import CatalogError
    from rechtenverkenner.services import catalogue

    if not app.config["DB_UPGRADE_ON_START"] and not app.config["CATALOG_LOAD_ON_START"]:
        return
    engine = app.extensions["db_engine"]
    with db.startup_lock(engine, app.instance_path):
        if app.config["DB_UPGRADE_ON_START"]:
            db.upgrade(engine)
        if app.config["CATALOG_LOAD_ON_START"]:
            with app.app_context(), db.new_session() as session:
                empty = catalogue.catalogue_is_empty(session)
                try:
                    catalogue.load_catalogue(session, app.extensions["catalogue"])
                except CatalogError:
                    if empty:
                        raise
                    app.logger.exception("catalog/ does not validate; serving the catalogue already loaded")
