"""Previews of uploaded catalogue files (TOML; workbooks in workbook_uploads.py, LPDC in services/lpdc.py)
and removals, stored as drafts; the upload limit.

Every preview is all or nothing: any problem in any right stores no draft, and the problems name the
key path, member or sheet/row/column with a Dutch explanation.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import files, publish
from rechtenverkenner.catalog.toml_input import read_catalogue_toml
from rechtenverkenner.db import transaction
from rechtenverkenner.errors import BadRequest, Issue, NotFound, TooLarge, TooMany
from rechtenverkenner.models import Right, Upload, UploadAttempt
from rechtenverkenner.services import confinement, display
from rechtenverkenner.services.catalogue import CatalogueContext

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_UPLOADS_PER_10_MINUTES = 30


def _issue(path: str, en: str, nl: str) -> Issue:
    return Issue("file", path, None, en, nl)


def _check_size(content: bytes) -> None:
    if len(content) > MAX_UPLOAD_BYTES:
        raise TooLarge([_issue("$", "The file is larger than 1 MB.", "Het bestand is groter dan 1 MB.")])


def _check_may_edit(session: Session, ctx: CatalogueContext, user: dict, doc: dict) -> None:
    """The publishing service's own check, run at the preview too: raises Refused naming the field."""
    confinement.check(session, ctx, user, doc["id"], doc)


def _draft(user: dict, right_id: str, doc: dict | None, current: Right | None) -> Upload:
    return Upload(
        user_id=user["id"],
        right_id=right_id,
        document=publish.to_json(doc) if doc else "null",
        base_revision=current.revision if current else 0,
        status="draft",
        created_at=datetime.now(UTC),
    )


def check_upload_rate(session: Session, user: dict) -> None:
    """Raises TooMany when the user sent MAX_UPLOADS_PER_10_MINUTES files in the last ten minutes; otherwise
    counts this file. Every file sent counts, also one that is refused or changes nothing, so a stream of
    bad or oversized files is slowed down as much as a stream of good ones."""
    now = datetime.now(UTC)
    recent = session.execute(
        select(func.count())
        .select_from(UploadAttempt)
        .where(UploadAttempt.user_id == user["id"], UploadAttempt.created_at > now - timedelta(minutes=10))
    ).scalar_one()
    if recent >= MAX_UPLOADS_PER_10_MINUTES:
        raise TooMany(str(user["id"]))
    with transaction(session):
        session.add(UploadAttempt(user_id=user["id"], created_at=now))


def renderer(session: Session, ctx: CatalogueContext) -> display.Renderer:
    """Shows values with the code lists' labels and the titles of the rights they name."""

    titles: dict[str, str | None] = {}

    def title(right_id: str) -> str | None:
        if right_id not in titles:
            row = session.get(Right, right_id)
            titles[right_id] = row.title if row else None
        return titles[right_id]

    return display.Renderer(ctx.codelists, title)


def compare(
    session: Session, ctx: CatalogueContext, current: Right | None, resolved: dict, show: display.Renderer | None = None
) -> tuple[bool, list[dict]]:
    """(unchanged, the field-by-field changes) of a resolved document against the published right.

    Unchanged means the document would publish exactly what is published now: no draft is stored, so
    no version can be made of it.
    """
    old = json.loads(current.document) if current else {}
    new = json.loads(publish.to_json(resolved))
    if current is not None and old == new:
        return True, []
    return False, (show or renderer(session, ctx)).diff(old, new)


def preview_upload(session: Session, ctx: CatalogueContext, user: dict, content: bytes) -> dict:
    """Validate an uploaded catalogue file and store it as a draft; returns the preview.

    Raises BadRequest listing every problem (with its key path, in Dutch) and Forbidden.
    """
    _check_size(content)
    raw = read_catalogue_toml(content)
    doc, issues = files.parse_document(raw, ctx.codelists)
    if issues:
        raise BadRequest(issues)
    problems = []
    concept = None
    if doc["linked_concept"]:
        row = session.get(Right, doc["linked_concept"])
        if row is None or row.kind != "concept":
            problems.append(
                _issue(
                    "linked_concept",
                    f"No concept '{doc['linked_concept']}'.",
                    f"Geen concept '{doc['linked_concept']}' in de catalogus.",
                )
            )
        else:
            concept = json.loads(row.document)
    for index, other in enumerate(doc["related"]):
        if session.get(Right, other) is None:
            problems.append(
                _issue(f"related[{index}]", f"No right '{other}'.", f"Geen recht '{other}' in de catalogus.")
            )
    resolved = files.resolve(doc, concept)
    problems += files.check_resolved(resolved)
    if problems:
        raise BadRequest(problems)
    current = session.get(Right, doc["id"])
    _check_may_edit(session, ctx, user, doc)
    unchanged, diff = compare(session, ctx, current, resolved)
    preview = {"uploadId": None, "rightId": doc["id"], "title": resolved["title"], "changes": diff}
    if unchanged:
        return {**preview, "change": "unchanged"}
    upload = _draft(user, doc["id"], doc, current)
    with transaction(session):
        session.add(upload)
    return {**preview, "uploadId": upload.id, "change": "changed" if current else "new"}


def preview_removal(session: Session, ctx: CatalogueContext, user: dict, right_id: str) -> list[dict]:
    """A draft that removes a published right (shown as a preview first); raises NotFound or Forbidden."""
    current = session.get(Right, right_id)
    if current is None:
        raise NotFound(right_id)
    confinement.check(session, ctx, user, right_id, None)
    upload = _draft(user, right_id, None, current)
    with transaction(session):
        session.add(upload)
    return [
        {
            "uploadId": upload.id,
            "rightId": right_id,
            "title": current.title,
            "change": "removed",
            "changes": [],
            "language": "",
            "municipality": "",
        }
    ]
