"""Command-line commands: `flask catalog check|load`, `flask db upgrade`."""

import click
from flask import current_app
from flask.cli import AppGroup

from rechtenverkenner import db, services
from rechtenverkenner.catalog import files


def init_app(app) -> None:
    app.cli.add_command(catalog_cli)
    app.cli.add_command(db_cli)


catalog_cli = AppGroup("catalog", help="Check and load the catalogue in catalog/.")


@catalog_cli.command("check", help="Validate every catalogue file; exit 1 on any problem.")
@click.option("--dir", "catalog_dir", default=None, help="catalog/ folder (default: CATALOG_DIR)")
def catalog_check(catalog_dir):
    ctx = current_app.extensions["catalogue"]
    try:
        docs = files.read_folder(catalog_dir or ctx.catalog_dir, ctx.codelists)
    except files.CatalogError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from exc
    click.echo(f"{len(docs)} documents valid")


@catalog_cli.command("load", help="Load catalog/ into the database in one transaction (idempotent).")
@click.option("--dir", "catalog_dir", default=None, help="catalog/ folder (default: CATALOG_DIR)")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
def catalog_load(catalog_dir, force):
    ctx = current_app.extensions["catalogue"]
    with db.new_session() as session:
        try:
            result = services.load_catalogue(session, ctx, catalog_dir, force=force)
        except files.CatalogError as exc:
            click.echo(str(exc), err=True)
            click.echo("Nothing was changed.", err=True)
            raise SystemExit(1) from exc
    state = "loaded" if result["changed"] else "unchanged"
    click.echo(f"catalogue {state}: {result['concepts']} concepts, {result['instances']} instances")


db_cli = AppGroup("db", help="Database schema.")


@db_cli.command("upgrade", help="Apply every pending migration; data is kept.")
def db_upgrade():
    db.upgrade(current_app.extensions["db_engine"])
    click.echo("database at the newest migration")
