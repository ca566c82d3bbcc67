"""Error reports from social workers, review flags for editors, and the coverage of a municipality's catalogue."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rechtenverkenner.db import transaction
from rechtenverkenner.errors import BadRequest, Issue, NotFound, TooMany
from rechtenverkenner.models import ErrorReport, ReviewFlag, Right
from rechtenverkenner.services.accounts import may_edit
from rechtenverkenner.services.catalogue import CatalogueContext, scoped_rights
from rechtenverkenner.services.rights import local_rights

REVIEW_AFTER_DAYS = 365


def report_error(session: Session, right_id: str, message: str) -> ErrorReport:
    """Store a report for the right's editors; raises NotFound or BadRequest. Only the message is kept."""
    if session.get(Right, right_id) is None:
        raise NotFound(right_id)
    message = (message or "").strip()
    if not 5 <= len(message) <= 2000:
        raise BadRequest(
            [Issue("form", "melding", None, "Write 5 to 2,000 characters.", "Schrijf tussen 5 en 2.000 tekens.")]
        )
    recent = session.execute(
        select(func.count())
        .select_from(ErrorReport)
        .where(ErrorReport.right_id == right_id, ErrorReport.created_at > datetime.now(UTC) - timedelta(minutes=10))
    ).scalar_one()
    if recent >= 20:
        raise TooMany(right_id)
    report = ErrorReport(right_id=right_id, message=message, created_at=datetime.now(UTC))
    with transaction(session):
        session.add(report)
    return report


def _editable_ids(session: Session, ctx: CatalogueContext, user: dict) -> set[str] | None:
    """Ids of the rights a user edits (None: all, for an administrator)."""
    if user["role"] == "admin":
        return None
    return {
        r["id"]
        for r in local_rights(session, ctx, [m["nisCode"] for m in user["municipalities"]])
        if may_edit(user, json.loads(session.get(Right, r["id"]).document))
    }


REPORTS_PER_PAGE = 25


def open_reports_page(session: Session, ctx: CatalogueContext, user: dict, page: int) -> dict:
    """One page (REPORTS_PER_PAGE, newest first) of the open reports on the rights this user edits:
    {"items", "page", "pages", "total"}; a page past the last gives the last page."""
    ids = _editable_ids(session, ctx, user)
    where = [ErrorReport.status == "open"]
    if ids is not None:
        where.append(ErrorReport.right_id.in_(sorted(ids)))
    total = session.execute(select(func.count()).select_from(ErrorReport).where(*where)).scalar_one()
    pages = max(1, -(-total // REPORTS_PER_PAGE))
    page = min(max(1, page), pages)
    rows = session.execute(
        select(ErrorReport, Right.title)
        .join(Right, Right.id == ErrorReport.right_id)
        .where(*where)
        .order_by(ErrorReport.created_at.desc(), ErrorReport.id.desc())
        .offset((page - 1) * REPORTS_PER_PAGE)
        .limit(REPORTS_PER_PAGE)
    ).all()
    items = [
        {
            "id": r.id,
            "rightId": r.right_id,
            "title": title,
            "message": r.message,
            "at": r.created_at.isoformat(timespec="minutes"),
        }
        for r, title in rows
    ]
    return {"items": items, "page": page, "pages": pages, "total": total}


def close_report(session: Session, ctx: CatalogueContext, user: dict, report_id: int) -> None:
    """Close a report on a right this user edits; raises NotFound."""
    report = session.get(ErrorReport, report_id)
    ids = _editable_ids(session, ctx, user)
    if report is None or (ids is not None and report.right_id not in ids):
        raise NotFound(str(report_id))
    with transaction(session):
        report.status = "closed"
        report.closed_by = user["id"]
        report.closed_at = datetime.now(UTC)
        session.add(report)


def review_flags(session: Session, ctx: CatalogueContext, user: dict) -> list[dict]:
    """The rights this user edits that need a look (their concept changed)."""
    ids = _editable_ids(session, ctx, user)
    rows = session.execute(select(ReviewFlag, Right.title).join(Right, Right.id == ReviewFlag.right_id)).all()
    return [
        {"rightId": f.right_id, "title": title, "reason": f.reason}
        for f, title in rows
        if ids is None or f.right_id in ids
    ]


def coverage(session: Session, ctx: CatalogueContext, municipality: str, today: date | None = None) -> dict:
    """For one municipality: concepts executed locally without a local version, entries past their
    review date, and entries without a contact point or a procedure."""
    today = today or datetime.now(UTC).date()
    m = ctx.codelists.geography.municipalities[municipality]
    visible = dict(session.execute(scoped_rights(ctx, municipality)).all())
    rights = {r.id: r for r in session.execute(select(Right).where(Right.id.in_(sorted(visible)))).scalars()}
    local_of = {
        r.linked_concept for r in session.execute(select(Right).where(Right.municipality == municipality)).scalars()
    }
    missing, stale, incomplete = [], [], []
    for right in sorted(rights.values(), key=lambda r: r.sort_key):
        doc = json.loads(right.document)
        if right.kind == "concept" and "Lokaal" in doc["executing_authority_level"] and right.id not in local_of:
            missing.append({"id": right.id, "title": right.title})
        if right.last_reviewed is None or (today - right.last_reviewed).days > REVIEW_AFTER_DAYS:
            reviewed = right.last_reviewed.isoformat() if right.last_reviewed else None  # None: never checked
            stale.append({"id": right.id, "title": right.title, "lastReviewed": reviewed})
        if right.municipality == municipality and (not doc["contact_points"] or not doc["procedures"]):
            incomplete.append(
                {
                    "id": right.id,
                    "title": right.title,
                    "contact": bool(doc["contact_points"]),
                    "procedure": bool(doc["procedures"]),
                }
            )
    return {
        "municipality": {"nisCode": m.code, "name": m.name},
        "missingLocalVersions": missing,
        "pastReviewDate": stale,
        "incomplete": incomplete,
    }
