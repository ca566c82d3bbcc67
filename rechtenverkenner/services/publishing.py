"""Publishing drafts (one or many, all or nothing, with optimistic locking), a right's history and rollback."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import files, publish
from rechtenverkenner.db import transaction
from rechtenverkenner.errors import Conflict, NotFound
from rechtenverkenner.models import ReviewFlag, Right, RightVersion, Upload, User
from rechtenverkenner.services import confinement
from rechtenverkenner.services.catalogue import CatalogueContext, flag_local_versions

log = logging.getLogger(__name__)


def _claim(session: Session, right_id: str, base_revision: int) -> int:
    """Lock the catalogue, then check that the right is still at base_revision: the first writes of the
    publishing transaction. Returns the new revision; raises Conflict when another publication came first.

    The check is a conditional UPDATE ... WHERE revision = :base_revision (a new right: that no row
    exists). It runs after lock_catalogue, which on PostgreSQL waits for any other publication to
    commit and on SQLite holds the write lock, so of two editors publishing at once the second sees the
    first one's revision and gets Conflict: never a lost edit, never an error.
    """
    publish.lock_catalogue(session)
    table = Right.__table__
    if base_revision > 0:
        matched = session.execute(
            update(table)
            .where(table.c.id == right_id, table.c.revision == base_revision)
            .values(revision=base_revision + 1)
        ).rowcount
        if matched != 1:
            raise Conflict(right_id)
    elif session.execute(select(table.c.id).where(table.c.id == right_id)).first() is not None:
        raise Conflict(right_id)
    latest = session.execute(select(func.max(RightVersion.revision)).where(RightVersion.right_id == right_id)).scalar()
    return max(base_revision, latest or 0) + 1


def _apply(
    session: Session,
    ctx: CatalogueContext,
    user: dict,
    right_id: str,
    raw_doc: dict | None,
    base_revision: int,
    action: str,
) -> int:
    """Publish one version of a right (None: remove it) inside the caller's transaction.

    Every route (TOML, workbook and LPDC drafts, removal, rollback) comes through here: the revision is
    claimed first, then confinement.check runs on what is published now. Raises Conflict or Refused.
    """
    revision = _claim(session, right_id, base_revision)
    confinement.check(session, ctx, user, right_id, raw_doc)
    resolved, title = None, ""
    if raw_doc is not None:
        concept = None
        if raw_doc["linked_concept"]:
            concept_row = session.get(Right, raw_doc["linked_concept"])
            concept = json.loads(concept_row.document) if concept_row else None
            title = concept_row.title if concept_row else ""
        resolved = files.resolve(raw_doc, concept)
    current = session.get(Right, right_id)
    was_concept = current is not None and current.kind == "concept"
    publish.publish_one(session, resolved, right_id, ctx.codelists, ctx.analyzer, title, revision)
    session.execute(delete(ReviewFlag.__table__).where(ReviewFlag.__table__.c.right_id == right_id))
    if raw_doc is not None and raw_doc["kind"] == "concept" and was_concept:
        flag_local_versions(session, right_id, datetime.now(UTC))
    session.add(
        RightVersion(
            right_id=right_id,
            revision=revision,
            document=publish.to_json(raw_doc) if raw_doc else "{}",
            removed=raw_doc is None,
            action=action,
            user_id=user["id"],
            published_at=datetime.now(UTC),
        )
    )
    return revision


def _draft_of(session: Session, user: dict, upload_id: int) -> Upload:
    upload = session.get(Upload, upload_id)
    if upload is None or upload.status != "draft" or (upload.user_id != user["id"] and user["role"] != "admin"):
        raise NotFound(str(upload_id))
    return upload


def publish_upload(session: Session, ctx: CatalogueContext, user: dict, upload_id: int) -> dict:
    """Publish a draft in one transaction; raises NotFound, Refused or Conflict (nothing written)."""
    upload = _draft_of(session, user, upload_id)
    stored = json.loads(upload.document)
    raw = files.parse_document(stored, ctx.codelists)[0] if stored else None
    with transaction(session):
        revision = _apply(session, ctx, user, upload.right_id, raw, upload.base_revision, "upload" if raw else "remove")
        upload.status = "published"
        session.add(upload)
    log.info("right %s published by user %s as revision %s", upload.right_id, user["id"], revision)
    return {"rightId": upload.right_id, "revision": revision}


def publish_uploads(session: Session, ctx: CatalogueContext, user: dict, upload_ids: list[int]) -> list[str]:
    """Publish several drafts in one transaction (all or none); raises NotFound, Refused or Conflict."""
    published = []
    with transaction(session):
        for upload_id in upload_ids:
            upload = _draft_of(session, user, upload_id)
            stored = json.loads(upload.document)
            raw = files.parse_document(stored, ctx.codelists)[0] if stored else None
            _apply(session, ctx, user, upload.right_id, raw, upload.base_revision, "upload" if raw else "remove")
            upload.status = "published"
            session.add(upload)
            published.append(upload.right_id)
    return published


def right_history(session: Session, right_id: str) -> list[dict]:
    """Every published version of a right, newest first, with who and when."""
    rows = session.execute(
        select(RightVersion, User)
        .join(User, User.id == RightVersion.user_id, isouter=True)
        .where(RightVersion.right_id == right_id)
        .order_by(RightVersion.revision.desc())
    ).all()
    return [
        {
            "revision": v.revision,
            "action": v.action,
            "removed": v.removed,
            "by": u.name if u else "",
            "at": v.published_at.isoformat(timespec="minutes"),
            "title": json.loads(v.document).get("title", ""),
        }
        for v, u in rows
    ]


def rollback(
    session: Session, ctx: CatalogueContext, user: dict, right_id: str, revision: int, base_revision: int
) -> int:
    """Publish an earlier version again as a new revision; raises NotFound, Refused or Conflict."""
    version = session.execute(
        select(RightVersion).where(RightVersion.right_id == right_id, RightVersion.revision == revision)
    ).scalar_one_or_none()
    if version is None or version.removed:
        raise NotFound(f"{right_id}@{revision}")
    raw, _ = files.parse_document(json.loads(version.document), ctx.codelists)
    with transaction(session):
        return _apply(session, ctx, user, right_id, raw, base_revision, "rollback")
