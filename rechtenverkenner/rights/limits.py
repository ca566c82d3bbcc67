"""Which limit of a dated parameter applies to a household: by size, by dependants, by points or by category.

A household is rarely known exactly (a member's `fiscallyDependent` or school level may be missing), so every
derivation gives the lowest and the highest limit the household may have and the facts that would fix it;
`None` as the highest limit means "no upper bound known" (the household members are not given at all).
The category keys (e.g. `alleenstaande`, `andere`) are the parameter's; the condition maps the engine's
household kinds onto them (`categories = { single = "alleenstaande", other = "andere" }`), so no legal figure
or category name lives in code. A kind the condition does not map gives no limit (unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rechtenverkenner.catalog.shapes import Household, ParameterValue
from rechtenverkenner.rights.situation import MISSING, Person, Situation

PUPIL_LEVELS = {"kleuter", "lager", "secundair"}
KIND_LABELS = {
    "single": "alleenstaande",
    "single_disabled": "alleenstaande met een handicap",
    "other": "samenwonend of met personen ten laste",
}


@dataclass(frozen=True)
class Span:
    """The limits a household may have: lowest, highest (None: unbounded), the facts that fix it, a description."""

    low: Decimal | None
    high: Decimal | None
    missing: tuple[str, ...]
    persons: str


def in_scope(person: Person, scope: Household | None) -> bool | None:
    """True, False, or None when whether the person counts depends on an unknown fact (fiscallyDependent)."""
    if scope is None:
        return True
    if person.relation not in scope.relations:
        return False
    if scope.dependants_only and person.relation not in ("applicant", "partner"):
        dependent = person.get("fiscallyDependent")
        return None if dependent is MISSING else bool(dependent)
    return True


def size(situation: Situation, scope: Household | None, size_by: str) -> tuple[int, int | None, list[str]]:
    """Smallest and largest size (members, or dependants: the others than applicant and partner) the household
    may have, and the facts that would fix it; the largest is None when the members are not given."""
    low, high, missing = 0, 0, []
    for person in situation.persons:
        counts = in_scope(person, scope)
        if size_by == "dependants" and person.relation in ("applicant", "partner"):
            continue
        low += counts is True
        high += counts is not False
        if counts is None:
            missing.append(f"{person.path}.fiscallyDependent")
        if size_by == "dependants" and scope is not None and scope.disabled_count_extra and counts is not False:
            handicap = _flag(person, "disability.atLeast66Percent", missing)
            low, high = low + (handicap is True and counts is True), high + (handicap is not False)
    if size_by == "dependants" and scope is not None and scope.disabled_count_extra:
        for person in (p for p in situation.persons if p.relation in ("applicant", "partner")):
            handicap = _flag(person, "disability.atLeast66Percent", missing)
            low, high = low + (handicap is True), high + (handicap is not False)
    if not situation.members_known:
        return low, None, [*missing, "householdMembers"]
    return low, high, missing


def _flag(person: Person, path: str, missing: list[str]) -> bool | None:
    value = person.get(path)
    if value is MISSING:
        missing.append(f"{person.path}.{path}")
        return None
    return value


def points(situation: Situation) -> tuple[int, int | None, list[str]]:
    """The points of a Groeipakket family (groeipakket.be "punten van je gezin", household scope
    punten-schooltoeslag): 1 to start, 1 per fiscal dependant, 1 per pupil who is not a dependant, 1 per person
    with a handicap of at least 66 %, minus 1 per student in higher education; lowest and highest possible."""
    low = high = 1
    missing: list[str] = []
    for person in situation.persons:
        handicap = _flag(person, "disability.atLeast66Percent", missing)
        low, high = low + (handicap is True), high + (handicap is not False)
        if person.relation in ("applicant", "partner"):
            continue
        dependent = _flag(person, "fiscallyDependent", missing)
        level = _flag(person, "education.level", missing)
        pupil = None if level is None else level in PUPIL_LEVELS
        student = None if level is None else level == "hoger"
        plus = {True: 1, False: 0, None: None}[dependent]
        if dependent is False:
            plus = None if pupil is None else int(pupil)
        minus = None if student is None else int(student)
        low += (plus or 0) - (1 if minus is None else minus)
        high += (1 if plus is None else plus) - (minus or 0)
    if not situation.members_known:
        return low, None, [*missing, "householdMembers"]
    return low, high, missing


def _row_limit(row: dict | None) -> Decimal | None:
    return None if row is None else (row.get("max") if row.get("max") is not None else row.get("amount"))


def by_size(value: ParameterValue, n: int, size_by: str) -> Decimal | None:
    """The limit for n members (or n dependants)."""
    if value.amount is not None:
        return value.amount
    if value.base is not None and value.per_extra_member is not None:
        extra = n if size_by == "dependants" else max(n - 1, 0)
        return value.base + value.per_extra_member * extra
    if value.by in ("members", "dependants"):  # rows by household size or by number of dependants
        return _row_limit(value.row(n))
    return None


def _exact(value: ParameterValue, key: int) -> Decimal | None:
    return _row_limit(next((r for r in value.rows if r["key"] == key), None))


def kinds(situation: Situation, scope: Household | None, condition: dict) -> tuple[set[str], list[str]]:
    """The household kinds the client may have: single (nobody else in the scope), single_disabled (single with a
    handicap of at least 66 %, only when the condition maps it) or other."""
    missing: list[str] = []
    if not situation.members_known:
        return {"single", "other"}, ["householdMembers"]
    others = [in_scope(p, scope) for p in situation.members]
    if any(o is True for o in others):
        return {"other"}, []
    found = {"single", "other"} if any(o is None for o in others) else {"single"}
    missing += [f"{p.path}.fiscallyDependent" for p, o in zip(situation.members, others, strict=True) if o is None]
    if "single_disabled" in (condition.get("categories") or {}):
        handicap = _flag(situation.applicant, "disability.atLeast66Percent", missing)
        if handicap is not False:
            found.add("single_disabled")
        if handicap is True:
            found.discard("single")
    return found, missing


def span(value: ParameterValue, condition: dict, situation: Situation, scope: Household | None) -> Span:
    """The limits the household may have under one dated value of a parameter."""
    size_by = condition.get("size_by") or "members"
    if value.by == "category":
        return _by_category(value, condition, situation, scope)
    if size_by == "points" and (scope is None or scope.id != "punten-schooltoeslag"):
        return Span(None, None, (), "de punten van dit gezin")  # only the Groeipakket's points are derived
    if size_by == "points":
        low, high, missing = points(situation)
        limits = [_exact(value, low), None if high is None else _exact(value, high)]
        persons = f"{low} punten" if low == high else f"{low} tot {high if high is not None else '?'} punten"
    else:
        low, high, missing = size(situation, scope, size_by)
        limits = [by_size(value, low, size_by), None if high is None else by_size(value, high, size_by)]
        what = "personen ten laste" if size_by == "dependants" else "personen"
        persons = f"{low} {what}" if low == high else f"{low} tot {high if high is not None else '?'} {what}"
    if limits[0] is None or (high is not None and limits[1] is None):
        return Span(None, None, tuple(missing), persons)
    return Span(limits[0], limits[1], tuple(missing), persons)


def _by_category(value: ParameterValue, condition: dict, situation: Situation, scope: Household | None) -> Span:
    mapping = condition.get("categories") or {}
    found, missing = kinds(situation, scope, condition)
    low, high, size_missing = size(situation, scope, "dependants")
    extra = value.per_extra_member or Decimal(0)
    limits: list[Decimal | None] = []
    for kind in sorted(found):
        row = _row_limit(value.row(mapping[kind])) if kind in mapping else None
        if row is None:
            return Span(None, None, tuple(missing), KIND_LABELS.get(kind, kind))
        limits.append(row + extra * low)
        limits.append(row + extra * high if high is not None else (row if not extra else None))
    labels = " of ".join(KIND_LABELS.get(k, k) for k in sorted(found))
    dependants = (
        ""
        if not extra
        else (f", {low} personen ten laste" if low == high else f", {low} tot {high} personen ten laste")
    )
    persons = f"{labels}{dependants}"
    missing = list(dict.fromkeys([*missing, *size_missing]))
    known = [limit for limit in limits if limit is not None]
    upper = None if None in limits else max(known)
    return Span(min(known), upper, tuple(missing), persons)
