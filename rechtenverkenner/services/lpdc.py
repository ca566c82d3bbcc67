"""LPDC in: plan an import (what is created, updated, removed or skipped, and why), publish it all or
nothing (CLI), or store it as drafts for an editor to publish after seeing the same summary.

The summary is one object {"created", "updated", "removed", "skipped"}; every entry has the right's `id`
and `title`, a skipped one a Dutch `reason` (an unchanged service is skipped as "ongewijzigd").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from rechtenverkenner import errors
from rechtenverkenner.catalog import files, publish
from rechtenverkenner.db import transaction
from rechtenverkenner.errors import BadRequest, Issue
from rechtenverkenner.lpdc.mapping import right_id_for, to_document
from rechtenverkenner.lpdc.parse import LpdcError, parse_graph
from rechtenverkenner.lpdc.read import Page, Service, read_page
from rechtenverkenner.lpdc.text import dutch
from rechtenverkenner.models import Right, Upload
from rechtenverkenner.services import confinement
from rechtenverkenner.services.accounts import may_edit
from rechtenverkenner.services.catalogue import CatalogueContext

# the fields an LPDC document carries: a service is unchanged when these are equal
COMPARED = [
    "title",
    "description",
    "additional_description",
    "exceptions",
    "regulation",
    "product_type",
    "themes",
    "target_audiences",
    "competent_authority_level",
    "executing_authority_level",
    "spatial",
    "keywords",
    "legal_resources",
    "websites",
    "start_date",
    "end_date",
    "last_reviewed",
    "requirements",
    "procedures",
    "costs",
    "financial_advantages",
    "contact_points",
    "translations",
]


class Refused(errors.Refused):
    """An editor imported services outside their municipalities; .issues names each one and why."""

    def __init__(self, issues: list[Issue]):
        super().__init__("lpdc", issues)


@dataclass
class Plan:
    created: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    # (right id, validated raw document or None to remove, base revision)
    changes: list[tuple[str, dict | None, int]] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    newest: str = ""  # the newest generatedAtTime of the services read

    def summary(self) -> dict:
        return {"created": self.created, "updated": self.updated, "removed": self.removed, "skipped": self.skipped}


def _issue(name: str, nl: str, en: str) -> Issue:
    return Issue("file", name, None, en, nl)


def read_content(content: bytes, base: str | None = None, allow_empty: bool = False) -> Page:
    """The services of an LPDC file; raises BadRequest with a Dutch message for anything unreadable.
    base: the URL the file came from (relative links are resolved against it)."""
    try:
        page = read_page(parse_graph(content, base) if base else parse_graph(content))
    except LpdcError as exc:
        raise BadRequest([_issue(exc.path, exc.nl, exc.en)]) from exc
    except (ValueError, TypeError) as exc:
        raise BadRequest(
            [_issue("$", f"Ongeldige waarde in het LPDC-bestand: {exc}", f"Invalid value: {exc}")]
        ) from exc
    if not page.services and not page.skipped and not allow_empty:
        raise BadRequest(
            [
                _issue(
                    "$",
                    "Geen LPDC-instantie gevonden: het bestand bevat geen InstantieSnapshot of Instantie (JSON-LD met "
                    "de LPDC-context, uitgeschreven JSON-LD of Turtle).",
                    "No LPDC instance found: the file holds no InstancePublicService(Snapshot).",
                )
            ]
        )
    return page


def _label(service: Service) -> str:
    title = dutch(service.fields.get("title", {}))[0].strip()
    return (
        f"dienst '{title[:80]}' ({service.iri or service.node})" if title else f"dienst {service.iri or service.node}"
    )


def _resolved(session: Session, doc: dict) -> dict:
    concept = None
    if doc.get("linked_concept"):
        row = session.get(Right, doc["linked_concept"])
        concept = json.loads(row.document) if row else None
    return files.resolve(doc, concept)


def _refusal(user: dict, doc: dict, ctx: CatalogueContext) -> str:
    label = ctx.codelists.geography.scope_label
    mine = ", ".join(m["name"] for m in user["municipalities"]) or "geen enkele gemeente"
    if doc["kind"] == "concept" and "Lokaal" not in doc["competent_authority_level"]:
        levels = ", ".join(doc["competent_authority_level"]) or "onbekend"
        return f"geen lokale dienst (bevoegd bestuursniveau: {levels}); je beheert alleen lokale rechten van {mine}"
    where = ", ".join(label(c) for c in (doc["spatial"] or [doc.get("municipality", "")])) or "geen gemeente"
    return f"hoort bij {where}, niet (alleen) bij de gemeenten die je beheert ({mine})"


def _refused(
    session: Session,
    ctx: CatalogueContext,
    user: dict,
    service: tuple[str, str],
    doc: dict | None,
    current: dict | None,
) -> list[Issue]:
    """Why the editor may not publish doc (None: remove the right): the service named with whose it is,
    then the publishing service's confinement issues (field by field); [] when they may."""
    right_id, label = service
    try:
        confinement.check(session, ctx, user, right_id, doc)
    except errors.Refused as exc:
        theirs = current if current is not None and not may_edit(user, current) else doc
        reason = _refusal(user, theirs, ctx) if theirs is not None and not may_edit(user, theirs) else "niet toegestaan"
        first = _issue(right_id, f"{label}: {reason}.", "Not a right you may publish.")
        return [first, *(_issue(i.name, f"{label}: {i.detail_nl}", i.detail_en) for i in exc.issues)]
    return []


def plan_import(  # noqa: C901 -- one pass over the services, each outcome in its own branch
    session: Session, ctx: CatalogueContext, content: bytes | Page, user: dict | None, today: dt.date
) -> Plan:
    """What importing this LPDC file would do. Raises BadRequest (every problem, with the service it is
    in) or Refused (an editor's services outside their municipalities, each named with the reason)."""
    page = content if isinstance(content, Page) else read_content(content)
    plan = Plan(next_pages=page.next_pages)
    problems: list[Issue] = []
    refused: list[Issue] = []
    for older, reason in page.skipped:
        title = dutch(older.fields.get("title", {}))[0].strip()
        plan.skipped.append(
            {"id": right_id_for(older.iri or older.node), "title": title, "lpdcId": older.node, "reason": reason}
        )
    for service in page.services:
        plan.newest = max(plan.newest, service.generated)
        label = _label(service)
        title = dutch(service.fields["title"])[0].strip()
        if not service.iri:
            problems.append(
                _issue(
                    label,
                    "Deze dienst heeft geen IRI (@id): zonder vaste identificatie kan ze niet worden bijgewerkt.",
                    "This service has no IRI (@id).",
                )
            )
            continue
        right_id = right_id_for(service.iri)
        entry = {"id": right_id, "title": title, "lpdcId": service.iri}
        if service.kind == "concept":
            plan.skipped.append({**entry, "reason": "een IPDC-concept, geen dienst van een lokaal bestuur"})
            continue
        row = session.get(Right, right_id)
        current = json.loads(row.document) if row else None
        if service.fields["archived"]:
            if current is None:
                plan.skipped.append({**entry, "reason": "gearchiveerd in LPDC: niet aangemaakt"})
            elif user is not None and (issues := _refused(session, ctx, user, (right_id, label), None, current)):
                refused += issues
            else:
                plan.removed.append({**entry, "title": row.title, "reason": "gearchiveerd in LPDC"})
                plan.changes.append((right_id, None, row.revision))
            continue
        try:
            raw = to_document(service, ctx.codelists, today, current)
        except (ValueError, KeyError) as exc:
            problems.append(_issue(label, f"Onleesbare waarde: {exc}", f"Unreadable value: {exc}"))
            continue
        doc, issues = files.parse_document(raw, ctx.codelists)
        resolved = _resolved(session, doc) if not issues else {}
        issues = issues or files.check_resolved(resolved)
        if issues:
            problems += [_issue(f"{label}: {i.name}", i.detail_nl, i.detail_en) for i in issues]
            continue
        if user is not None and (issues := _refused(session, ctx, user, (right_id, label), doc, current)):
            refused += issues
            continue
        if doc["lpdc_language"]:
            entry["language"] = doc["lpdc_language"]
        if doc["end_date"] and doc["end_date"] < today:
            entry["ended"] = doc["end_date"].isoformat()
        if current is None:
            plan.created.append(entry)
        else:
            before = _resolved(session, current)
            changed = _changed(before, resolved)
            if changed:  # what LPDC cannot carry (a contact point's title, ...) is no change
                with contextlib.suppress(BadRequest, ValueError, KeyError, IndexError):  # else compare as it is
                    changed = _changed(_mirror(session, ctx, before, today), resolved)
            if not changed:
                plan.skipped.append({**entry, "reason": "ongewijzigd"})
                continue
            plan.updated.append({**entry, "changedFields": changed})
        plan.changes.append((right_id, json.loads(publish.to_json(doc)), row.revision if row else 0))
    if problems:
        raise BadRequest(problems)
    if refused:
        raise Refused(refused)
    return plan


def _changed(before: dict, after: dict) -> list[str]:
    old, new = json.loads(publish.to_json(before)), json.loads(publish.to_json(after))
    empty = (None, "", [], {})
    changed = [f for f in COMPARED if (old.get(f) not in empty or new.get(f) not in empty) and old.get(f) != new.get(f)]
    if old.get("last_reviewed") is None and changed == ["last_reviewed"]:
        return []  # a right never reviewed is not changed by a modification date alone
    return changed


def _mirror(session: Session, ctx: CatalogueContext, doc: dict, today: dt.date) -> dict:
    """A right as it comes back from its own LPDC export (what LPDC can carry of it)."""
    from rechtenverkenner.lpdc.export import feed_page, instance_snapshot

    snapshot = instance_snapshot(doc, 0, today, "", today)
    page = read_content(json.dumps(feed_page("urn:rechtenverkenner:lpdc:mirror", [snapshot])).encode())
    raw = to_document(page.services[0], ctx.codelists, today, doc)
    if doc.get("last_reviewed") is None:
        raw.pop("last_reviewed", None)
    mirrored, issues = files.parse_document(raw, ctx.codelists)
    return _resolved(session, mirrored) if not issues else {}


# who publishes from the command line: the operator of the server, with an administrator's scope
OPERATOR = {"id": None, "role": "admin", "municipalities": [], "name": "LPDC"}


def apply_plan(session: Session, ctx: CatalogueContext, plan: Plan | None, user: dict | None = None, also=None) -> None:
    """Publish every change of a plan in one transaction (all or nothing), with also(session) in the same
    transaction; raises Conflict or Refused. user: who publishes (None: the CLI's operator)."""
    from rechtenverkenner.services.publishing import _apply  # the one publishing path (versions, index, flags)

    actor = user or OPERATOR
    with transaction(session):
        if also is not None:
            also(session)
        for right_id, raw, base_revision in plan.changes if plan else []:
            doc = files.parse_document(raw, ctx.codelists)[0] if raw is not None else None
            _apply(session, ctx, actor, right_id, doc, base_revision, "upload" if doc is not None else "remove")


def draft_plan(session: Session, plan: Plan, user: dict) -> dict[str, int]:
    """Store every change of a plan as a draft of the editor (published with /beheer/publiceer);
    returns the upload id per right id."""
    ids: dict[str, int] = {}
    with transaction(session):
        for right_id, raw, base_revision in plan.changes:
            upload = Upload(
                user_id=user["id"],
                right_id=right_id,
                document=json.dumps(raw, ensure_ascii=False, sort_keys=True) if raw is not None else "null",
                base_revision=base_revision,
                status="draft",
                created_at=dt.datetime.now(dt.UTC),
            )
            session.add(upload)
            session.flush()
            ids[right_id] = upload.id
    return ids


def export_municipality(session: Session, ctx: CatalogueContext, code: str, base_url: str = "") -> dict:
    """The local rights of a municipality as an LPDC instance-snapshot feed page (JSON-LD).

    Raises NotFound for an unknown municipality and BadRequest for one outside Flanders (LPDC holds the
    Flemish local governments only)."""
    from sqlalchemy import func, select

    from rechtenverkenner.errors import NotFound
    from rechtenverkenner.lpdc.export import NotInLpdc, check_municipality, feed_page, instance_snapshot
    from rechtenverkenner.models import CatalogState, RightScope, RightVersion
    from rechtenverkenner.services.municipalities import is_municipality

    if not is_municipality(ctx, code):
        raise NotFound(code)
    municipality = code
    try:
        check_municipality(municipality)
    except NotInLpdc as exc:
        raise BadRequest(
            [
                Issue(
                    "path",
                    "nisCode",
                    code,
                    "LPDC holds the municipalities of Flanders only.",
                    "LPDC bevat alleen de Vlaamse gemeenten.",
                )
            ]
        ) from exc
    name = ctx.codelists.geography.scope_label(municipality)
    rows = (
        session.execute(
            select(Right)
            .join(RightScope, RightScope.right_id == Right.id)
            .where(RightScope.scope == municipality, Right.level == "local")
            .order_by(Right.id)
        )
        .scalars()
        .all()
    )
    firsts = dict(
        session.execute(
            select(RightVersion.right_id, func.min(RightVersion.published_at))
            .where(RightVersion.right_id.in_([r.id for r in rows]))
            .group_by(RightVersion.right_id)
        ).all()
    )
    lasts = dict(
        session.execute(
            select(RightVersion.right_id, func.max(RightVersion.published_at))
            .where(RightVersion.right_id.in_([r.id for r in rows]))
            .group_by(RightVersion.right_id)
        ).all()
    )
    loaded = session.get(CatalogState, 1).loaded_at
    members = []
    for row in rows:
        doc = _resolved(session, json.loads(row.document))
        # first and last publication here: the versions of an edited right, else when the catalogue was loaded
        created = firsts.get(row.id) or doc["last_reviewed"] or loaded
        generated = lasts.get(row.id) or loaded
        members.append(instance_snapshot(doc, row.revision, created, name, generated))
    page_id = (
        f"{base_url.rstrip('/')}/api/v1/municipalities/{municipality}/lpdc"
        if base_url
        else f"urn:rechtenverkenner:lpdc:{municipality}"
    )
    return feed_page(page_id, members)
