"""LPDC in from a URL: fetch one document, or follow an instance-snapshot feed (LDES pages linked by
tree:relation or hydra:next) from where the last run stopped.

The position (the last page read, and the newest generatedAtTime applied) is stored in `lpdc_feed`
in the same transaction as the page's changes, so a run that stops halfway resumes cleanly, and a second
run over the same pages changes nothing. Two runs at once (cron) do not overlap: on PostgreSQL the run
holds an advisory lock, and the optimistic locking of publishing refuses a stale write anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import urllib.error
import urllib.request

from sqlalchemy import text
from sqlalchemy.orm import Session

from rechtenverkenner.errors import BadRequest, Issue
from rechtenverkenner.models import LpdcFeed
from rechtenverkenner.services.catalogue import CatalogueContext
from rechtenverkenner.services.lpdc import apply_plan, plan_import, read_content

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 10_000
TIMEOUT = 30
ACCEPT = "application/ld+json, application/json;q=0.9, text/turtle;q=0.8"


def _problem(url: str, nl: str, en: str) -> BadRequest:
    return BadRequest([Issue("cli", url[:300], None, en, nl)])


def fetch(url: str) -> bytes:
    """The body of an http(s) URL (at most MAX_BYTES); raises BadRequest with a Dutch message."""
    if not url.startswith(("http://", "https://")):
        raise _problem(url, "Alleen http- en https-adressen worden opgehaald.", "Only http and https URLs are fetched.")
    request = urllib.request.Request(url, headers={"Accept": ACCEPT, "User-Agent": "rechtenverkenner-lpdc"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()  # the error holds the open response
        raise _problem(url, f"{url} gaf HTTP {exc.code}.", f"{url} answered HTTP {exc.code}.") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _problem(url, f"Kan {url} niet ophalen: {reason}.", f"Cannot fetch {url}: {reason}.") from exc
    if len(body) > MAX_BYTES:
        raise _problem(url, f"{url} is groter dan 20 MB.", f"{url} is larger than 20 MB.")
    return body


def _lock(session: Session, url: str) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True
    key = int.from_bytes(hashlib.sha256(f"lpdc-sync {url}".encode()).digest()[:8], "big", signed=True)
    return bool(session.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())


def _unlock(session: Session, url: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"lpdc-sync {url}".encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})  # a session lock: no commit needed


def sync(session: Session, ctx: CatalogueContext, url: str, today: dt.date | None = None) -> dict:
    """Follow the feed at url from the stored position; returns the summary of every page together
    and the pages read. Raises BadRequest when a page cannot be fetched or read (pages before it stay
    applied and the position points at the failing page)."""
    today = today or dt.datetime.now(dt.UTC).date()
    if not _lock(session, url):
        raise _problem(
            url, "Een andere synchronisatie van deze stroom is nog bezig.", "Another sync of this feed runs."
        )
    try:
        return _run(session, ctx, url, today)
    finally:
        _unlock(session, url)


def _run(session: Session, ctx: CatalogueContext, url: str, today: dt.date) -> dict:
    state = session.get(LpdcFeed, url)
    page_url = state.page if state else url
    high_water = state.high_water if state else ""
    total = {"created": [], "updated": [], "removed": [], "skipped": []}
    pages: list[str] = []
    while page_url and page_url not in pages and len(pages) < MAX_PAGES:
        pages.append(page_url)
        page = read_content(fetch(page_url), base=page_url, allow_empty=True)
        fresh = [s for s in page.services if not s.generated or s.generated > high_water]
        page.services = fresh
        plan = plan_import(session, ctx, page, None, today) if fresh else None
        newest = max([high_water, *(s.generated for s in fresh)])

        def remember(session: Session, at: str = page_url, mark: str = newest) -> None:
            row = session.get(LpdcFeed, url) or LpdcFeed(url=url, page=at, updated_at=dt.datetime.now(dt.UTC))
            row.page, row.high_water, row.updated_at = at, mark, dt.datetime.now(dt.UTC)
            session.add(row)

        apply_plan(session, ctx, plan, None, also=remember)
        if plan:
            for key, entries in plan.summary().items():
                total[key] += entries
        high_water = newest
        following = [p for p in page.next_pages if p not in pages]
        page_url = following[0] if following else ""
    return {**total, "pages": pages}
