"""The rights check's view of a request (reference rights-check.md §A): facts by JSON path, persons on the address.

A fact is present only when the client's body gave it (convention §C.3: an absent fact is unknown, never false,
zero or "no status"); values come from the validated request (dates as date, amounts as Decimal), so the
defaults the leefloon schema fills in are never read as facts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

_MISSING = object()
_INDEX = re.compile(r"\[\d+\]")


def generic_path(path: str) -> str:
    """A request path without list indexes: `householdMembers[2].birthDate` -> `householdMembers.birthDate`."""
    return _INDEX.sub("", path)


def age_on(birth: dt.date, date: dt.date) -> int:
    return date.year - birth.year - ((date.month, date.day) < (birth.month, birth.day))


def months_between(start: dt.date, end: dt.date) -> int:
    """Full months from start to end (0 when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def as_number(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@dataclass(frozen=True)
class Person:
    """The applicant or a household member: its path in the request, its relation, raw and loaded data."""

    path: str  # "applicant" or "householdMembers[i]"
    relation: str  # "applicant" for the applicant
    raw: dict
    data: dict

    def get(self, relative: str) -> object:
        """The value at a dotted path relative to this person, or _MISSING when the body did not give it."""
        return _walk(self.raw, self.data, relative)

    def has(self, relative: str) -> bool:
        return self.get(relative) is not _MISSING

    def age(self, on: dt.date) -> int | None:
        age = self.get("age")
        if age is not _MISSING and age is not None:
            return int(age)
        birth = self.get("birthDate")
        if birth is not _MISSING and birth is not None:
            return age_on(birth, on)
        return None

    def age_path(self) -> str:
        return f"{self.path}.birthDate"


def _walk(raw: object, data: object, path: str) -> object:
    for part in path.split("."):
        if not isinstance(raw, dict) or part not in raw or raw[part] is None:
            return _MISSING
        raw = raw[part]
        data = data.get(part, raw) if isinstance(data, dict) else raw
    return data


class Situation:
    """One validated rights-check request: reference date, municipality, persons and facts by path."""

    def __init__(self, raw: dict, data: dict) -> None:
        self.raw, self.data = raw, data
        self.reference_date: dt.date = data["referenceDate"]
        self.municipality: str = data["municipality"]
        self.applicant = Person("applicant", "applicant", raw.get("applicant") or {}, data.get("applicant") or {})
        raw_members = raw.get("householdMembers")
        self.members_known = isinstance(raw_members, list)
        self.members = [
            Person(f"householdMembers[{i}]", m.get("relation", "other"), raw_members[i], m)
            for i, m in enumerate(data.get("householdMembers") or [])
        ]

    @property
    def persons(self) -> list[Person]:
        return [self.applicant, *self.members]

    def get(self, path: str) -> object:
        """The value of a fact (a JSON path relative to the situation), or MISSING."""
        if path.startswith("applicant."):
            if path == "applicant.age":
                age = self.applicant.age(self.reference_date)
                return _MISSING if age is None else age
            return self.applicant.get(path[len("applicant.") :])
        return _walk(self.raw, self.data, path)

    def statuses(self, person: Person) -> list[dict] | None:
        """The person's statuses [{id, since}], or None when the body did not give the list."""
        value = person.get("statuses")
        return None if value is _MISSING else list(value)


MISSING = _MISSING
