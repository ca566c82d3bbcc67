"""API keys of OCMW software: create, list, revoke, and check a bearer key (with a short per-worker cache)."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.db import transaction
from rechtenverkenner.errors import NotFound, Unauthorized
from rechtenverkenner.models import ApiKey


def create_api_key(session: Session, name: str) -> tuple[ApiKey, str]:
    """Create a key; returns the row and the key itself, which is never stored (only its hash)."""
    key = "rvk_" + secrets.token_urlsafe(32)
    row = ApiKey(
        name=name, prefix=key[:12], key_hash=hashlib.sha256(key.encode()).hexdigest(), created_at=datetime.now(UTC)
    )
    with transaction(session):
        session.add(row)
    return row, key


def list_api_keys(session: Session) -> list[ApiKey]:
    return list(session.execute(select(ApiKey).order_by(ApiKey.id)).scalars().all())


def revoke_api_key(session: Session, key_id: int) -> ApiKey:
    """Revoke a key by id; raises NotFound."""
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(str(key_id))
    if row.revoked_at is None:
        with transaction(session):
            row.revoked_at = datetime.now(UTC)
            session.add(row)
    return row


class ApiKeyCache:
    """Recently checked key hashes per worker, so a burst of advices does not query the database each
    time. A revoked key stops working within KEY_CACHE_SECONDS."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._valid: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def get(self, digest: str) -> int | None:
        entry = self._valid.get(digest)
        if entry and entry[0] > time.monotonic():
            return entry[1]
        return None

    def put(self, digest: str, key_id: int) -> None:
        with self._lock:
            if len(self._valid) > 10_000:
                self._valid.clear()
            self._valid[digest] = (time.monotonic() + self.seconds, key_id)


def check_api_key(
    session: Session | Callable[[], Session], authorization: str | None, cache: ApiKeyCache | None = None
) -> int:
    """The id of the active key in an `Authorization: Bearer <key>` header; raises Unauthorized.

    `session` may be a function that opens the session: it is called only when the key is not in the cache
    (opening a database session for a cached key cost about as much as validating an advice request)."""
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("missing")
    digest = hashlib.sha256(authorization.removeprefix("Bearer ").strip().encode()).hexdigest()
    if cache is not None and (key_id := cache.get(digest)) is not None:
        return key_id
    if callable(session):
        session = session()
    row = session.execute(select(ApiKey).where(ApiKey.key_hash == digest)).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        raise Unauthorized("invalid")
    if cache is not None:
        cache.put(digest, row.id)
    return row.id
