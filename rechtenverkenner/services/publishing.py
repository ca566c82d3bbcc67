"""Publishing drafts (one or many, all or nothing, with optimistic locking), a right's history and rollback."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import files, publish
from rechtenverkenner.db import transaction
from rechtenverkenner.errors import Conflict, Forbidden, NotFound
from rechtenverkenner.models import ReviewFlag, Right, RightVersion, Upload, User
from rechtenverkenner.services.accounts import may_edit
from rechtenverkenner.services.catalogue import CatalogueContext, flag_local_versions

log = logging.getLogger(__name__)


def _apply(
    session: Session,
    ctx: CatalogueContext,
    right_id: str,
    raw_doc: dict | None,
    base_revision: int,
    user_id: int,
    action: str,
) -> int:
    """Publish one version of a right (None: remove it) inside the caller's transaction; raises Conflict."""
    current = session.get(Right, right_id)
    current_revision = current.revision if current else 0
    latest = (
        session.execute(
            select(RightVersion.revision)
            .where(RightVersion.right_id == right_id)
            .order_by(RightVersion.revision.desc())
        )
        .scalars()
        .first()
        or 0
    )
    if current_revision != base_revision:
        raise Conflict(right_id)
    revision = max(current_revision, latest) + 1
    resolved, title = None, ""
    if raw_doc is not None:
        concept = None
        if raw_doc["linked_concept"]:
            concept_row = session.get(Right, raw_doc["linked_concept"])
            concept = json.loads(concept_row.document) if concept_row else None
            title = concept_row.title if concept_row else ""
        resolved = files.resolve(raw_doc, concept)
    publish.publish_one(session, resolved, right_id, ctx.codelists, ctx.analyzer, title, revision)
    flag = session.get(ReviewFlag, right_id)
    if flag is not None:
        session.delete(flag)  # the local version was looked at again
    if raw_doc is not None and raw_doc["kind"] == "concept" and current is not None:
        flag_local_versions(session, right_id, datetime.now(UTC))
    session.add(
        RightVersion(
            right_id=right_id,
            revision=revision,
            document=publish.to_json(raw_doc) if raw_doc else "{}",
            removed=raw_doc is None,
            action=action,
            user_id=user_id,
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
    """Publish a draft in one transaction; raises NotFound, Forbidden or Conflict (nothing written)."""
    upload = _draft_of(session, user, upload_id)
    raw, _ = files.parse_document(json.loads(upload.document), ctx.codelists)
    if not may_edit(user, raw):
        raise Forbidden(upload.right_id)
    with transaction(session):
        revision = _apply(session, ctx, upload.right_id, raw, upload.base_revision, user["id"], "upload")
        upload.status = "published"
        session.add(upload)
    log.info("right %s published by user %s as revision %s", upload.right_id, user["id"], revision)
    return {"rightId": upload.right_id, "revision": revision}


def publish_uploads(session: Session, ctx: CatalogueContext, user: dict, upload_ids: list[int]) -> list[str]:
    """Publish several drafts in one transaction (all or none); raises NotFound, Forbidden or Conflict."""
    published = []
    with transaction(session):
        for upload_id in upload_ids:
            upload = _draft_of(session, user, upload_id)
            stored = json.loads(upload.document)
            raw = files.parse_document(stored, ctx.codelists)[0] if stored else None
            if raw is not None and not may_edit(user, raw):
                raise Forbidden(upload.right_id)
            _apply(session, ctx, upload.right_id, raw, upload.base_revision, user["id"], "upload" if raw else "remove")
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
    """Publish an earlier version again as a new revision; raises NotFound, Forbidden or Conflict."""
    version = session.execute(
        select(RightVersion).where(RightVersion.right_id == right_id, RightVersion.revision == revision)
    ).scalar_one_or_none()
    if version is None or version.removed:
        raise NotFound(f"{right_id}@{revision}")
    raw, _ = files.parse_document(json.loads(version.document), ctx.codelists)
    if not may_edit(user, raw):
        raise Forbidden(right_id)
    with transaction(session):
        return _apply(session, ctx, right_id, raw, base_revision, user["id"], "rollback")
