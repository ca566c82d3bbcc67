"""A right's history as editors see it: every published version with who and when (in Belgian local time)
and what changed against the version before it, field by field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.models import RightVersion, User
from rechtenverkenner.services.catalogue import CatalogueContext
from rechtenverkenner.services.display import dutch_date
from rechtenverkenner.services.uploads import renderer

BRUSSELS = ZoneInfo("Europe/Brussels")
ACTIONS = {"upload": "opgeladen", "rollback": "teruggezet", "remove": "verwijderd"}


def local(moment: datetime) -> datetime:
    """A stored moment (UTC; SQLite gives it back without a zone) in Europe/Brussels time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BRUSSELS)


def shown(moment: datetime) -> str:
    """'29 november 2026 om 03:05', in Europe/Brussels time (winter or summer time as it was then)."""
    at = local(moment)
    return f"{dutch_date(at.date())} om {at:%H:%M}"


def right_history(session: Session, ctx: CatalogueContext, right_id: str) -> list[dict]:
    """Every published version of a right, newest first, with who, when and its changes to the one before."""
    rows = session.execute(
        select(RightVersion, User)
        .join(User, User.id == RightVersion.user_id, isouter=True)
        .where(RightVersion.right_id == right_id)
        .order_by(RightVersion.revision)
    ).all()
    show = renderer(session, ctx)
    versions, previous, previous_revision = [], {}, None
    for version, user in rows:
        document = {} if version.removed else json.loads(version.document)
        versions.append(
            {
                "revision": version.revision,
                "action": version.action,
                "actionLabel": ACTIONS.get(version.action, version.action),
                "removed": version.removed,
                "by": user.name if user else "",
                "at": shown(version.published_at),
                "atIso": local(version.published_at).isoformat(timespec="minutes"),
                "previous": previous_revision,
                "title": document.get("title", ""),
                "changes": [] if version.removed else show.diff(previous, document),
            }
        )
        previous, previous_revision = document, version.revision
    return versions[::-1]
