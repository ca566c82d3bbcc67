"""One right of the published catalogue: its summary (a result row), its full view, its conditions in plain Dutch."""

from __future__ import annotations

import datetime as dt
import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog.codelists import LEVEL_LABELS
from rechtenverkenner.catalog.files import walk_conditions
from rechtenverkenner.errors import NotFound
from rechtenverkenner.models import Right, RightScope
from rechtenverkenner.services.catalogue import CatalogueContext
from rechtenverkenner.services.display import Renderer
from rechtenverkenner.services.right_parameters import parameters_view


def summary_of(ctx: CatalogueContext, right: Right) -> dict:
    """The list view of a right (API item and result row)."""
    doc = json.loads(right.document)
    geography = ctx.codelists.geography
    return {
        "id": right.id,
        "kind": right.kind,
        "title": right.title,
        "summary": right.summary,
        "level": right.level,
        "levelLabel": LEVEL_LABELS.get(right.level, right.level),
        "conditional": right.conditional,
        "type": right.product_type,
        "typeLabel": ctx.codelists.product_types.label(right.product_type),
        "themes": doc["themes"],
        "lifeSituations": doc["life_situations"],
        "lifeSituationLabels": [ctx.codelists.life_situations.label(v) for v in doc["life_situations"]],
        "municipality": {"nisCode": right.municipality, "name": geography.scope_label(right.municipality)}
        if right.municipality
        else None,
        "spatial": [{"code": s, "label": geography.scope_label(s)} for s in doc["spatial"]],
        "linkedConcept": right.linked_concept,
        "lastReviewed": right.last_reviewed.isoformat() if right.last_reviewed else None,
    }


def get_right(session: Session, ctx: CatalogueContext, right_id: str, today: dt.date | None = None) -> dict:
    """The full view of one right with labels resolved, its figures as in force on today; raises NotFound."""
    right = session.get(Right, right_id)
    if right is None:
        raise NotFound(right_id)
    doc = json.loads(right.document)
    lists = ctx.codelists
    geography = lists.geography
    related_ids = list(doc["related"])
    if right.linked_concept:
        related_ids = [right.linked_concept, *[r for r in related_ids if r != right.linked_concept]]
    found: dict[str, Right] = {}
    if related_ids:
        found = {r.id: r for r in session.execute(select(Right).where(Right.id.in_(related_ids))).scalars().all()}
    related = [{"id": i, "title": found[i].title, "level": found[i].level} for i in related_ids if i in found]
    concept = found.get(right.linked_concept or "")
    concept_reviewed = concept.last_reviewed.isoformat() if concept is not None and concept.last_reviewed else None
    local_versions = [
        {"id": r.id, "title": r.title, "municipality": geography.scope_label(r.municipality or "")}
        for r in session.execute(select(Right).where(Right.linked_concept == right.id).order_by(Right.sort_key))
        .scalars()
        .all()
    ]
    needed = {c["right"] for _, c in walk_conditions(doc["conditions"]) if c["type"] == "right"}
    titles = {}
    if needed:
        titles = {r.id: r.title for r in session.execute(select(Right).where(Right.id.in_(needed))).scalars().all()}
    renderer = Renderer(lists, titles.get)
    view = summary_of(ctx, right)
    view.update(
        {
            "description": doc["description"],
            "additionalDescription": doc["additional_description"],
            "exceptions": doc["exceptions"],
            "themeLabels": [lists.themes.label(v) for v in doc["themes"]],
            "targetAudiences": doc["target_audiences"],
            "targetAudienceLabels": [lists.target_audiences.label(v) for v in doc["target_audiences"]],
            "competentAuthorityLevels": doc["competent_authority_level"],
            "executingAuthorityLevels": doc["executing_authority_level"],
            "competentAuthorities": doc["competent_authorities"],
            "executingAuthorities": doc["executing_authorities"],
            "keywords": doc["keywords"],
            "languages": doc["languages"],
            "startDate": doc["start_date"],
            "endDate": doc["end_date"],
            "sourceUrl": doc["source_url"],
            "legalResources": doc["legal_resources"],
            "requirements": [
                {"title": r["title"], "description": r["description"], "evidence": r["evidence"]}
                for r in doc["requirements"]
            ],
            "procedures": [
                {"title": p["title"], "description": p["description"], "websites": p["websites"]}
                for p in doc["procedures"]
            ],
            "costs": doc["costs"],
            "financialAdvantages": doc["financial_advantages"],
            "contactPoints": [_contact_point(c) for c in doc["contact_points"]],
            "conditions": [condition_view(renderer, c) for c in doc["conditions"]],
            "parameters": parameters_view(
                ctx.codelists.rights_data.parameters,
                doc["conditions"],
                today or dt.date.today(),
                doc.get("amounts"),
            ),
            "related": related,
            "localVersions": local_versions,
            "ipdcConcept": doc.get("ipdc_concept"),
            "lpdcId": doc.get("lpdc_id"),
            "regulation": doc.get("regulation", ""),
            "websites": doc.get("websites", []),
            "conceptLastReviewed": concept_reviewed,
            "ended": bool(doc["end_date"]) and doc["end_date"] < datetime.now(UTC).date().isoformat(),
        }
    )
    return view


def _contact_point(c: dict) -> dict:
    address = c.get("address")
    return {
        "title": c.get("title", ""),
        "url": c.get("url"),
        "email": c.get("email"),
        "phone": c.get("phone", ""),
        "openingHours": _lines(c.get("opening_hours")),
        "bookingUrl": c.get("booking_url"),
        "sourceUrl": c.get("source_url"),
        "readOn": c.get("read_on"),
        "address": {
            "street": address.get("street", ""),
            "houseNumber": address.get("house_number", ""),
            "box": address.get("box", ""),
            "postalCode": address.get("postal_code", ""),
            "municipality": address.get("municipality", ""),
        }
        if address
        else None,
    }


def _lines(value: object) -> list[str]:
    """Opening hours as lines (a document published before they were a list holds one string)."""
    if isinstance(value, str):
        return [value] if value else []
    return list(value or [])


def condition_view(renderer: Renderer, c: dict) -> dict:
    """A standardized condition with its parameters in camelCase and a plain-Dutch sentence."""
    params = {k: v for k, v in c.items() if k not in ("type", "note", "source") and v not in (None, "", [])}
    camel: dict = {}
    for key, value in params.items():
        parts = key.split("_")
        camel[parts[0] + "".join(p.title() for p in parts[1:])] = value
    if "limits" in camel:
        camel["limits"] = [
            {"householdSize": lim["household_size"], "amount": str(lim["amount"])} for lim in camel["limits"]
        ]
    if "perExtraPerson" in camel:
        camel["perExtraPerson"] = str(camel["perExtraPerson"])
    return {
        "type": c["type"],
        "parameters": camel,
        "text": renderer.condition(c),
        "note": c.get("note", ""),
        "source": c.get("source"),
    }


def local_rights(session: Session, ctx: CatalogueContext, municipalities: list[str]) -> list[dict]:
    """The published local rights of these municipalities, by title."""
    if not municipalities:
        return []
    rows = (
        session.execute(
            select(Right)
            .join(RightScope, RightScope.right_id == Right.id)
            .where(RightScope.scope.in_(municipalities))
            .order_by(Right.sort_key)
        )
        .scalars()
        .all()
    )
    return [summary_of(ctx, r) for r in {r.id: r for r in rows}.values()]


def current_revision(session: Session, right_id: str) -> int:
    """The published revision of a right (0 when it is not published)."""
    row = session.get(Right, right_id)
    return row.revision if row else 0


OCMW_RIGHT = "leefloon"  # every OCMW grants the leefloon: its local version carries the OCMW's contact points


def ocmw_contact(session: Session, right: dict, municipality_code: str | None) -> dict | None:
    """For a right the OCMW carries out that has no contact point of its own: the contact points of the OCMW of
    the chosen municipality, as its local version of the leefloon gives them (None when there are none)."""
    if not municipality_code or right["contactPoints"]:
        return None
    if not any("ocmw" in authority.lower() for authority in right["executingAuthorities"]):
        return None
    local = session.execute(
        select(Right).where(Right.linked_concept == OCMW_RIGHT, Right.municipality == municipality_code)
    ).scalar_one_or_none()
    if local is None:
        return None
    points = [_contact_point(c) for c in json.loads(local.document).get("contact_points") or []]
    return {"rightId": local.id, "title": local.title, "contactPoints": points} if points else None
