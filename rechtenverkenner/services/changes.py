"""Recent changes of the catalogue: rights that a load or an editor added, changed or removed, and new amounts.

A catalogue load records one RightChange per right whose document changed (with the fields that changed); an
editor's publication is read from the version history (RightVersion). New values of the dated parameters
(catalog/parameters and the leefloon amounts) appear on the date they come into force.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog import publish
from rechtenverkenner.domain.dutch import dutch_date, euro
from rechtenverkenner.models import Right, RightChange, RightVersion
from rechtenverkenner.services.right_parameters import CONFIDENCE_NL, parameter_ids, value_view

# the fields of a document in plain Dutch, for "what changed"
FIELD_NL = {
    "title": "titel",
    "summary": "samenvatting",
    "description": "beschrijving",
    "additional_description": "aanvullende beschrijving",
    "exceptions": "uitzonderingen",
    "requirements": "voorwaarden",
    "conditions": "vaste voorwaarden",
    "procedures": "procedure",
    "costs": "kosten",
    "financial_advantages": "bedragen",
    "contact_points": "contactpunten",
    "source_url": "bron",
    "last_reviewed": "datum van nakijken",
    "legal_resources": "regelgeving",
    "spatial": "gebied",
    "start_date": "begindatum",
    "end_date": "einddatum",
    "keywords": "zoekwoorden",
    "related": "verwante rechten",
    "amounts": "bedragen",
}
ACTION_NL = {"added": "nieuw", "changed": "gewijzigd", "removed": "verwijderd", "amount": "nieuw bedrag"}
WINDOW_DAYS = 365  # how far back the list goes
AHEAD_DAYS = 92  # amounts already known that come into force within this many days are listed too
LIMIT = 200


def changed_fields(old: dict, new: dict) -> list[str]:
    """The top-level fields whose value differs, in a stable order."""
    keys = sorted(set(old) | set(new))
    return [k for k in keys if old.get(k) != new.get(k)]


def _hash(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def snapshot(session: Session) -> dict[str, tuple[str, str, str | None]]:
    """(content hash, title, municipality) of every published right, before a load replaces them."""
    rows = session.execute(select(Right.id, Right.content_hash, Right.title, Right.municipality)).all()
    return {r.id: (r.content_hash, r.title, r.municipality) for r in rows}


def record_load(
    session: Session, before: dict[str, tuple[str, str, str | None]], docs: list[dict], now: dt.datetime
) -> int:
    """Record the rights a load adds, changes or removes, compared with `before` (call before the load writes;
    nothing is recorded on the first load of an empty catalogue). Returns the number of changes."""
    if not before:
        return 0
    documents = {d["id"]: publish.to_json(d) for d in docs}
    changed_ids = [i for i, text in documents.items() if i in before and before[i][0] != _hash(text)]
    old_docs: dict[str, dict] = {}
    for start in range(0, len(changed_ids), 500):
        chunk = changed_ids[start : start + 500]
        for right_id, document in session.execute(select(Right.id, Right.document).where(Right.id.in_(chunk))):
            old_docs[right_id] = json.loads(document)
    rows = []
    by_id = {d["id"]: d for d in docs}
    for right_id in sorted(documents):
        doc = by_id[right_id]
        if right_id not in before:
            rows.append(_change(doc["id"], doc["title"], doc, "added", [], now))
        elif right_id in old_docs:
            fields = changed_fields(old_docs[right_id], json.loads(documents[right_id]))
            rows.append(_change(doc["id"], doc["title"], doc, "changed", fields, now))
    for right_id in sorted(set(before) - set(documents)):
        _hash_before, title, municipality = before[right_id]
        rows.append(
            RightChange(
                right_id=right_id,
                title=title[:300],
                municipality=municipality,
                scopes=municipality or "",
                action="removed",
                changed_fields="",
                changed_at=now,
            )
        )
    session.add_all(rows)
    return len(rows)


def _change(right_id: str, title: str, doc: dict, action: str, fields: list[str], now: dt.datetime) -> RightChange:
    return RightChange(
        right_id=right_id,
        title=title[:300],
        municipality=doc.get("municipality") or None,
        scopes=",".join(sorted(set(doc.get("spatial") or [])))[:500],
        action=action,
        changed_fields=",".join(fields)[:2000],
        changed_at=now,
    )


@dataclass(frozen=True)
class Change:
    """One line of the list of recent changes."""

    key: str  # stable id (the Atom entry id)
    when: dt.datetime
    kind: str  # added | changed | removed | amount
    title: str
    right_id: str | None
    municipality: str | None
    what: str  # what changed, in Dutch
    source: str | None = None  # for an amount: the page that states it
    link: str | None = None  # for an amount: the page that lists it ("leefloon" or a right id)

    @property
    def kind_label(self) -> str:
        return ACTION_NL[self.kind]


def _what(kind: str, fields: list[str], by_editor: bool) -> str:
    who = " door een redacteur" if by_editor else ""
    if kind == "added":
        return f"Nieuw in de catalogus{who}."
    if kind == "removed":
        return f"Uit de catalogus gehaald{who}."
    if not fields:
        return f"Nieuwe versie{who}."
    names = [FIELD_NL.get(f, f.replace("_", " ")) for f in fields]
    return f"Gewijzigd{who}: {', '.join(names)}."


def _in_scope(scopes: list[str], municipality_scopes: list[str] | None) -> bool:
    return municipality_scopes is None or any(s in municipality_scopes for s in scopes)


def right_changes(session: Session, since: dt.datetime, municipality_scopes: list[str] | None) -> list[Change]:
    """Rights changed since `since` by a load or an editor, limited to a municipality's scopes when given."""
    out: list[Change] = []
    rows = (
        session.execute(
            select(RightChange)
            .where(RightChange.changed_at >= since)
            .order_by(RightChange.changed_at.desc(), RightChange.id.desc())
            .limit(LIMIT * 5)
        )
        .scalars()
        .all()
    )
    for row in rows:
        scopes = [s for s in row.scopes.split(",") if s]
        if not _in_scope(scopes, municipality_scopes):
            continue
        fields = [f for f in row.changed_fields.split(",") if f]
        out.append(
            Change(
                f"load-{row.id}",
                _aware(row.changed_at),
                row.action,
                row.title,
                row.right_id,
                row.municipality,
                _what(row.action, fields, False),
            )
        )
    versions = (
        session.execute(
            select(RightVersion)
            .where(RightVersion.published_at >= since)
            .order_by(RightVersion.published_at.desc(), RightVersion.id.desc())
            .limit(LIMIT * 5)
        )
        .scalars()
        .all()
    )
    previous = _previous_documents(session, versions)
    for version in versions:
        doc = json.loads(version.document)
        if not _in_scope(doc.get("spatial") or [], municipality_scopes):
            continue
        before = previous.get(version.id)
        if version.removed:
            kind, fields = "removed", []
        elif before is None:
            kind, fields = ("added" if version.revision <= 1 else "changed"), []
        else:
            kind, fields = "changed", changed_fields(before, doc)
        out.append(
            Change(
                f"version-{version.id}",
                _aware(version.published_at),
                kind,
                doc.get("title") or version.right_id,
                version.right_id,
                doc.get("municipality") or None,
                _what(kind, fields, True),
            )
        )
    return out


def _previous_documents(session: Session, versions: list[RightVersion]) -> dict[int, dict]:
    """For each version, the document of the same right's version just before it (when the history has one)."""
    ids = sorted({v.right_id for v in versions})
    history: dict[str, list[RightVersion]] = {}
    for start in range(0, len(ids), 500):
        for v in session.execute(
            select(RightVersion)
            .where(RightVersion.right_id.in_(ids[start : start + 500]))
            .order_by(RightVersion.right_id, RightVersion.revision)
        ).scalars():
            history.setdefault(v.right_id, []).append(v)
    out = {}
    for items in history.values():
        for before, after in itertools.pairwise(items):
            if not before.removed:
                out[after.id] = json.loads(before.document)
    return out


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def parameter_users(session: Session) -> dict[str, str]:
    """For each dated parameter, the concept right that shows it (its own amount first, else a condition's
    limit): the page a new value links to."""
    users: dict[str, str] = {}
    rows = session.execute(select(Right.id, Right.document).where(Right.kind == "concept").order_by(Right.id)).all()
    docs = [(right_id, json.loads(document)) for right_id, document in rows]
    for right_id, doc in docs:
        for parameter_id in doc.get("amounts") or []:
            users.setdefault(parameter_id, right_id)
    for right_id, doc in docs:
        for parameter_id in parameter_ids(doc.get("conditions") or []):
            users.setdefault(parameter_id, right_id)
    return users


def amount_changes(
    rights_parameters: dict,
    leefloon_parameters: dict,
    first: dt.date,
    last: dt.date,
    users: dict[str, str] | None = None,
) -> list[Change]:
    """New values of the dated parameters that come into force between first and last (inclusive); `users` names
    the right page each parameter links to."""
    out: list[Change] = []
    for parameter in rights_parameters.values():
        for value in parameter.values:
            if first <= value.valid_from <= last:
                out.append(
                    Change(
                        f"parameter-{parameter.id}-{value.valid_from.isoformat()}",
                        dt.datetime.combine(value.valid_from, dt.time(), tzinfo=dt.UTC),
                        "amount",
                        parameter.title,
                        None,
                        None,
                        f"Nieuwe waarde vanaf {dutch_date(value.valid_from)}: {value_view(parameter, value)['text']} "
                        f"({CONFIDENCE_NL.get(value.confidence, value.confidence)}).",
                        source=value.source,
                        link=(users or {}).get(parameter.id),
                    )
                )
    for parameter_id, history in leefloon_parameters.items():
        for value in history.values:
            if first <= value.start <= last:
                out.append(
                    Change(
                        f"leefloon-{parameter_id}-{value.start.isoformat()}",
                        dt.datetime.combine(value.start, dt.time(), tzinfo=dt.UTC),
                        "amount",
                        f"Leefloon: {history.description}",
                        None,
                        None,
                        f"Nieuwe waarde vanaf {dutch_date(value.start)}: {_leefloon_value(value.value, history.unit)}.",
                        source=value.source,
                        link="leefloon",
                    )
                )
    return out


def _leefloon_value(value: object, unit: str) -> str:
    if isinstance(value, Decimal | int) and not isinstance(value, bool) and unit.startswith("EUR"):
        per = {"EUR/jaar": " per jaar", "EUR/maand": " per maand"}.get(unit, "")
        return f"{euro(Decimal(value))}{per}"
    if isinstance(value, dt.date):
        return dutch_date(value)
    return f"{value} {unit}".strip()


def recent_changes(
    session: Session,
    rights_parameters: dict,
    leefloon_parameters: dict,
    today: dt.date,
    municipality_scopes: list[str] | None = None,
) -> list[Change]:
    """Every recent change, newest first: rights (in the municipality's scope when given) and amounts."""
    since = dt.datetime.combine(today - dt.timedelta(days=WINDOW_DAYS), dt.time(), tzinfo=dt.UTC)
    items = right_changes(session, since, municipality_scopes)
    ahead = today + dt.timedelta(days=AHEAD_DAYS)
    items += amount_changes(rights_parameters, leefloon_parameters, since.date(), ahead, parameter_users(session))
    items.sort(key=lambda c: (c.when, c.key), reverse=True)
    return items[:LIMIT]
