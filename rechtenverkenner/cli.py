"""Command-line commands: `flask catalog check|load`, `flask db upgrade`."""

import click
from flask import current_app
from flask.cli import AppGroup

from rechtenverkenner import db
from rechtenverkenner.catalog import files
from rechtenverkenner.errors import BadRequest, CatalogError, NotFound
from rechtenverkenner.services import accounts, apikeys, catalogue


def init_app(app) -> None:
    app.cli.add_command(catalog_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(apikey_cli)
    app.cli.add_command(user_cli)
    from rechtenverkenner.cli_lpdc import lpdc_cli

    app.cli.add_command(lpdc_cli)


catalog_cli = AppGroup("catalog", help="Check and load the catalogue in catalog/.")


@catalog_cli.command("check", help="Validate every catalogue file; exit 1 on any problem.")
@click.option("--dir", "catalog_dir", default=None, help="catalog/ folder (default: CATALOG_DIR)")
def catalog_check(catalog_dir):
    ctx = current_app.extensions["catalogue"]
    try:
        docs = files.read_folder(catalog_dir or ctx.catalog_dir, ctx.codelists)
    except CatalogError as exc:
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
            result = catalogue.load_catalogue(session, ctx, catalog_dir, force=force)
        except CatalogError as exc:
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


apikey_cli = AppGroup("apikey", help="API keys for OCMW software (the advice API).")


@apikey_cli.command("create", help="Create a key; the key is printed once, on the last line.")
@click.argument("name")
def apikey_create(name):
    with db.new_session() as session:
        row, key = apikeys.create_api_key(session, name)
    click.echo(f"Created API key {row.id} ({row.name}). Store it now: it is shown only once.")
    click.echo(key)


@apikey_cli.command("list", help="List the keys (id, prefix, name, created, revoked).")
def apikey_list():
    with db.new_session() as session:
        for row in apikeys.list_api_keys(session):
            revoked = row.revoked_at.isoformat(timespec="seconds") if row.revoked_at else "-"
            click.echo(
                f"{row.id}\t{row.prefix}…\t{row.name}\t{row.created_at.isoformat(timespec='seconds')}\trevoked: {revoked}"
            )


@apikey_cli.command("revoke", help="Revoke the key with this id.")
@click.argument("key_id", type=int)
def apikey_revoke(key_id):
    with db.new_session() as session:
        try:
            row = apikeys.revoke_api_key(session, key_id)
        except NotFound as exc:
            click.echo(f"No API key {key_id}.", err=True)
            raise SystemExit(1) from exc
    click.echo(f"Revoked API key {row.id} ({row.name}).")


user_cli = AppGroup("user", help="Editor and administrator accounts.")


@user_cli.command("create", help="Create an account; asks for the password.")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["admin", "editor"]), required=True)
@click.option("--municipality", "municipalities", multiple=True, help="NIS code an editor may edit (repeat).")
@click.password_option()
def user_create(email, name, role, municipalities, password):
    with db.new_session() as session:
        try:
            user = accounts.create_user(
                session, current_app.extensions["catalogue"], email, name, password, role, list(municipalities)
            )
        except BadRequest as exc:
            for issue in exc.issues:
                click.echo(f"{issue.name}: {issue.detail_nl}", err=True)
            raise SystemExit(1) from exc
    click.echo(f"Account {user.id} created for {user.email} ({user.role}).")


@user_cli.command("reset-password", help="Set a new password (asks for it) and unlock the account.")
@click.argument("email")
@click.password_option()
def user_reset_password(email, password):
    with db.new_session() as session:
        try:
            accounts.reset_password(session, email, password)
        except NotFound as exc:
            click.echo(f"No account {email}.", err=True)
            raise SystemExit(1) from exc
        except BadRequest as exc:
            click.echo(exc.issues[0].detail_nl, err=True)
            raise SystemExit(1) from exc
    click.echo(f"Password reset for {email}; every session of the account has ended.")


@user_cli.command("disable", help="Disable an account: it cannot sign in and every session of it ends.")
@click.argument("email")
def user_disable(email):
    _set_disabled(email, True)
    click.echo(f"Account {email} disabled; every session of it has ended.")


@user_cli.command("enable", help="Enable a disabled account again.")
@click.argument("email")
def user_enable(email):
    _set_disabled(email, False)
    click.echo(f"Account {email} enabled.")


def _set_disabled(email: str, disabled: bool) -> None:
    with db.new_session() as session:
        try:
            accounts.set_disabled(session, email, disabled)
        except NotFound as exc:
            click.echo(f"No account {email}.", err=True)
            raise SystemExit(1) from exc
