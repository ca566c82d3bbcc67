"""Previews of uploaded catalogue files (TOML, XLSX workbook) and removals, stored as drafts (LPDC: services/lpdc.py).

Every preview is all or nothing: any problem in any right stores no draft, and the problems name the
key path, member or sheet/row/column with a Dutch explanation.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import files, publish, workbook
from rechtenverkenner.db import transaction
from rechtenverkenner.errors import BadRequest, Issue, NotFound, TooLarge, TooMany
from rechtenverkenner.models import Right, Upload
from rechtenverkenner.services import confinement
from rechtenverkenner.services.catalogue import CatalogueContext

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_UPLOADS_PER_10_MINUTES = 30
DIFF_FIELDS = [
    "title",
    "summary",
    "description",
    "additional_description",
    "exceptions",
    "product_type",
    "themes",
    "target_audiences",
    "life_situations",
    "competent_authority_level",
    "executing_authority_level",
    "competent_authorities",
    "executing_authorities",
    "spatial",
    "keywords",
    "related",
    "languages",
    "legal_resources",
    "start_date",
    "end_date",
    "source_url",
    "last_reviewed",
    "requirements",
    "procedures",
    "costs",
    "financial_advantages",
    "contact_points",
    "conditions",
    "linked_concept",
    "municipality",
]


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
    """Raises TooMany when the user uploaded MAX_UPLOADS_PER_10_MINUTES files in the last ten minutes."""
    recent = session.execute(
        select(func.count())
        .select_from(Upload)
        .where(Upload.user_id == user["id"], Upload.created_at > datetime.now(UTC) - timedelta(minutes=10))
    ).scalar_one()
    if recent >= MAX_UPLOADS_PER_10_MINUTES:
        raise TooMany(str(user["id"]))


def preview_upload(session: Session, ctx: CatalogueContext, user: dict, content: bytes) -> dict:
    """Validate an uploaded catalogue file and store it as a draft; returns the preview.

    Raises BadRequest listing every problem (with its key path, in Dutch) and Forbidden.
    """
    _check_size(content)
    try:
        raw = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadRequest(
            [_issue("$", f"Not a valid catalogue file (TOML): {exc}", f"Geen geldig catalogusbestand (TOML): {exc}")]
        ) from exc
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
    upload = _draft(user, doc["id"], doc, current)
    with transaction(session):
        session.add(upload)
    return {
        "uploadId": upload.id,
        "rightId": doc["id"],
        "title": resolved["title"],
        "change": "changed" if current else "new",
        "changes": _diff(json.loads(current.document) if current else {}, json.loads(publish.to_json(resolved))),
    }


def _diff(old: dict, new: dict) -> list[dict]:
    changes = []
    for field_name in DIFF_FIELDS:
        before, after = old.get(field_name), new.get(field_name)
        if before in (None, "", []) and after in (None, "", []):
            continue
        if before != after:
            changes.append({"field": field_name, "before": _show(before), "after": _show(after)})
    return changes


def _show(value: object) -> str:
    if value in (None, "", []):
        return "(leeg)"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def preview_workbook(session: Session, ctx: CatalogueContext, user: dict, content: bytes) -> list[dict]:
    """Validate an uploaded XLSX workbook and store its rights as drafts; all or nothing. Every problem
    names the sheet, row and column and says in Dutch how to fix it."""
    _check_size(content)
    try:
        raws, places = workbook.read(content)
    except workbook.WorkbookError as exc:
        raise BadRequest(exc.issues) from exc
    if not raws:
        raise BadRequest(
            [_issue("blad Rechten", "The workbook holds no right.", "Het werkboek bevat geen enkel recht.")]
        )
    headers = {key: header for header, key, _kind in workbook.RIGHT_COLUMNS}
    problems: list[Issue] = []
    drafts: list[tuple[dict, Right | None, dict]] = []
    seen = set()
    for raw in raws:
        place = places.get(str(raw.get("id")), "blad Rechten")
        if raw.get("id") in seen:
            problems.append(
                _issue(f"{place}, kolom id", "Duplicate id.", f"De id '{raw.get('id')}' komt twee keer voor.")
            )
            continue
        seen.add(raw.get("id"))
        doc, issues = files.parse_document(raw, ctx.codelists)
        concept = None
        if not issues and doc["linked_concept"]:
            row = session.get(Right, doc["linked_concept"])
            if row is None or row.kind != "concept":
                issues = [
                    _issue(
                        "linked_concept", "Unknown concept.", f"Geen concept '{doc['linked_concept']}' in de catalogus."
                    )
                ]
            else:
                concept = json.loads(row.document)
        if not issues:
            issues = files.check_resolved(files.resolve(doc, concept))
        for issue in issues:
            top = issue.name.split("[")[0].split(".")[0]
            where = f"{place}, kolom {headers[top]}" if top in headers else f"{place} ({issue.name})"
            problems.append(replace(issue, name=where))
        if issues:
            continue
        current = session.get(Right, doc["id"])
        _check_may_edit(session, ctx, user, doc)
        drafts.append((doc, current, files.resolve(doc, concept)))
    if problems:
        raise BadRequest(problems)
    previews = []
    with transaction(session):
        for doc, current, resolved in drafts:
            upload = _draft(user, doc["id"], doc, current)
            session.add(upload)
            session.flush()
            previews.append(
                {
                    "uploadId": upload.id,
                    "rightId": doc["id"],
                    "title": resolved["title"],
                    "change": "changed" if current else "new",
                    "language": "",
                    "changes": _diff(
                        json.loads(current.document) if current else {}, json.loads(publish.to_json(resolved))
                    ),
                    "municipality": ", ".join(ctx.codelists.geography.scope_label(c) for c in resolved["spatial"]),
                }
            )
    return previews


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
