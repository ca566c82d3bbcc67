"""`flask lpdc import|sync|export`: LPDC in from a file or URL, following a feed, and LPDC out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from rechtenverkenner import db
from rechtenverkenner.errors import BadRequest, Conflict, NotFound

lpdc_cli = AppGroup("lpdc", help="Import rights from LPDC/IPDC (file, URL or feed) and export local rights to LPDC.")
MAX_FILE_BYTES = 20 * 1024 * 1024
HEADINGS = {"created": "Nieuw", "updated": "Gewijzigd", "removed": "Verwijderd", "skipped": "Overgeslagen"}


def _fail(exc: Exception) -> None:
    if isinstance(exc, BadRequest):
        for issue in exc.issues:
            click.echo(f"{issue.name}: {issue.detail_nl}", err=True)
    elif isinstance(exc, Conflict):
        click.echo(f"Iemand anders wijzigde {exc} intussen; voer de import opnieuw uit.", err=True)
    elif isinstance(exc, NotFound):
        click.echo(f"Onbekende gemeente {exc}.", err=True)
    click.echo("Er is niets gewijzigd.", err=True)
    raise SystemExit(1) from exc


def _read(source: str) -> bytes:
    from rechtenverkenner.services.lpdc_sync import fetch

    if source.startswith(("http://", "https://")):
        return fetch(source)
    path = Path(source)
    if not path.is_file():
        raise BadRequest([_cli_issue(source, f"Bestand {source} bestaat niet.", f"No file {source}.")])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BadRequest([_cli_issue(source, "Het bestand is groter dan 20 MB.", "The file is larger than 20 MB.")])
    return path.read_bytes()


def _cli_issue(name: str, nl: str, en: str):
    from rechtenverkenner.errors import Issue

    return Issue("cli", name, None, en, nl)


def _print(summary: dict, as_json: bool, dry_run: bool = False) -> None:
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    for key, heading in HEADINGS.items():
        for entry in summary[key]:
            extra = f" ({entry['reason']})" if entry.get("reason") else ""
            ended = f" [beëindigd sinds {entry['ended']}]" if entry.get("ended") else ""
            click.echo(f"{heading}: {entry['id']} – {entry['title']}{ended}{extra}")
    counts = ", ".join(f"{len(summary[k])} {h.lower()}" for k, h in HEADINGS.items())
    click.echo(f"{counts}{' (proef: niets gewijzigd)' if dry_run else ''}")


@lpdc_cli.command("import", help="Import an LPDC/IPDC file or URL (JSON-LD or Turtle), all or nothing.")
@click.argument("source", metavar="PATH_OR_URL")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: created, updated, removed, skipped.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def lpdc_import(source, as_json, dry_run):
    from rechtenverkenner.services import lpdc

    ctx = current_app.extensions["catalogue"]
    with db.new_session() as session:
        try:
            plan = lpdc.plan_import(session, ctx, _read(source), None, dt.datetime.now(dt.UTC).date())
            if not dry_run:
                lpdc.apply_plan(session, ctx, plan)
        except (BadRequest, Conflict) as exc:
            _fail(exc)
    _print(plan.summary(), as_json, dry_run)


@lpdc_cli.command("sync", help="Follow an LPDC instance-snapshot feed from where the last run stopped.")
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: created, updated, removed, skipped.")
def lpdc_sync(url, as_json):
    from rechtenverkenner.services.lpdc_sync import sync

    with db.new_session() as session:
        try:
            result = sync(session, current_app.extensions["catalogue"], url)
        except (BadRequest, Conflict) as exc:
            _fail(exc)
    pages = result.pop("pages")
    _print(result, as_json)
    if not as_json:
        click.echo(f"{len(pages)} pagina's gelezen; volgende keer verder vanaf {pages[-1] if pages else url}")


@lpdc_cli.command("export", help="Print a municipality's local rights as LPDC JSON-LD (instance snapshots).")
@click.option("--municipality", required=True, help="NIS code of a Flemish municipality.")
def lpdc_export(municipality):
    from rechtenverkenner.services import lpdc

    with db.new_session() as session:
        try:
            document = lpdc.export_municipality(session, current_app.extensions["catalogue"], municipality)
        except (BadRequest, NotFound) as exc:
            _fail(exc)
    click.echo(json.dumps(document, ensure_ascii=False, indent=1))
