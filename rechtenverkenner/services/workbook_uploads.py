"""The preview of an uploaded XLSX workbook: every right checked in one pass, every problem named by sheet,
row and column, drafts stored all or nothing, and a right that would not change stored not at all."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import files, workbook, workbook_read, xlsx
from rechtenverkenner.db import transaction
from rechtenverkenner.errors import BadRequest, Issue
from rechtenverkenner.models import Right
from rechtenverkenner.services import display
from rechtenverkenner.services.catalogue import CatalogueContext
from rechtenverkenner.services.uploads import _check_may_edit, _check_size, _draft, compare, renderer

_TOKEN = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
_SHEETS = {sheet.title: sheet for sheet in workbook.SHEETS}


def locate(reading: workbook_read.Reading, entry: workbook_read.Entry, path: str) -> str:
    """The sheet, row and column of a key path of an entry's document ('contact_points[1].email')."""
    tokens = [(m.group(1), int(m.group(2)) if m.group(2) else None) for m in _TOKEN.finditer(path)]
    node: workbook_read.Entry | workbook_read.Item = entry
    while tokens and tokens[0][1] is not None and tokens[0][1] < len(node.items.get(tokens[0][0], [])):
        key, index = tokens.pop(0)
        node = node.items[key][index]
    sheet = _SHEETS[node.sheet]
    key = ".".join(k for k, _ in tokens)
    column = next((c for c in sheet.columns if c.key and (key == c.key or key.startswith(c.key + "."))), None)
    where = reading.place(sheet.title, node.row, column)
    return where if column or not key else f"{where} ({display.label(tokens[0][0])})"


def _covered(path: str, bad: set[str]) -> bool:
    return any(path == b or path.startswith((b + "[", b + ".")) for b in bad)


def _rights(session: Session, ids: set[str]) -> dict[str, Right]:
    """The published rights with these ids, in one query per thousand ids."""
    found: dict[str, Right] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 1000):
        rows = session.execute(select(Right).where(Right.id.in_(ordered[start : start + 1000]))).scalars()
        found.update((row.id, row) for row in rows)
    return found


def _concept(rights: dict[str, Right], raw: dict) -> tuple[dict | None, list[Issue]]:
    linked = raw.get("linked_concept")
    if raw.get("kind") != "instance" or not linked:
        return None, []
    row = rights.get(str(linked))
    if row is None or row.kind != "concept":
        nl = f"Geen concept '{linked}' in de catalogus: schrijf de id van een concept."
        return None, [Issue("file", "linked_concept", None, f"No concept '{linked}'.", nl)]
    return json.loads(row.document), []


def check_entry(
    rights: dict[str, Right], ctx: CatalogueContext, entry: workbook_read.Entry
) -> tuple[dict, dict, list[Issue]]:
    """(the loaded document, the document resolved against its concept, every problem with its key path).

    Every check runs, also when an earlier one failed, so one upload shows every problem of the row.
    rights holds the published rights the entry may name (its concept)."""
    doc, issues = files.parse_document(entry.doc, ctx.codelists)
    concept, concept_issues = _concept(rights, entry.doc)
    issues += concept_issues
    resolved = files.resolve(doc or {**entry.doc, "kind": entry.doc.get("kind", "")}, concept)
    found = {i.name for i in issues}
    issues += [i for i in files.check_resolved(resolved) if not _covered(i.name, found)]
    return doc, resolved, [i for i in issues if not _covered(i.name, entry.bad)]


def preview_workbook(session: Session, ctx: CatalogueContext, user: dict, content: bytes) -> list[dict]:
    """Validate an uploaded XLSX workbook and store its changed rights as drafts; all or nothing.

    Raises BadRequest listing every problem of every sheet (each with its sheet, row and column) and
    Forbidden. A right that would publish exactly what is published now gets no draft: its preview says
    "unchanged" and publishing makes no version of it.
    """
    _check_size(content)
    try:
        reading = workbook_read.read(content, ctx.codelists)
    except xlsx.XlsxError as exc:
        raise BadRequest(exc.issues) from exc
    if not reading.entries and not reading.issues:
        raise BadRequest([workbook_read._problem("Blad Rechten", "Het werkboek bevat geen enkel recht.")])
    problems: list[Issue] = list(reading.issues)
    checked = []
    named = {str(e.doc.get(k)) for e in reading.entries for k in ("id", "linked_concept") if e.doc.get(k)}
    rights = _rights(session, named)
    for entry in reading.entries:
        doc, resolved, issues = check_entry(rights, ctx, entry)
        problems += [replace(i, name=locate(reading, entry, i.name)) for i in issues]
        if not issues and not entry.bad:
            checked.append((doc, resolved))
    if len(problems) > workbook_read.MAX_PROBLEMS:
        more = len(problems) - workbook_read.MAX_PROBLEMS
        last = workbook_read._problem(
            "Werkboek", f"En nog {more} andere problemen: verbeter eerst deze en laad opnieuw op."
        )
        problems = [*problems[: workbook_read.MAX_PROBLEMS], last]
    if problems:
        raise BadRequest(problems)
    previews, drafts = [], []
    show = renderer(session, ctx)
    with transaction(session):
        for doc, resolved in checked:
            current = rights.get(doc["id"])
            _check_may_edit(session, ctx, user, doc)
            unchanged, diff = compare(session, ctx, current, resolved, show)
            upload = None if unchanged else _draft(user, doc["id"], doc, current)
            if upload is not None:
                session.add(upload)
            drafts.append(upload)
            previews.append(
                {
                    "rightId": doc["id"],
                    "title": resolved["title"],
                    "change": "unchanged" if unchanged else ("changed" if current else "new"),
                    "language": "",
                    "changes": diff,
                    "municipality": ", ".join(ctx.codelists.geography.scope_label(c) for c in resolved["spatial"]),
                }
            )
        session.flush()  # one flush gives every draft its id
    for preview, upload in zip(previews, drafts, strict=True):
        preview["uploadId"] = upload.id if upload else None
    return previews
