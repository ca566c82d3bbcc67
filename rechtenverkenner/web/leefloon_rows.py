"""The rows of the leefloon form and its numbers: amounts typed the Belgian way (e.g. "12,50") read
straight into a Decimal, and the rows a social worker adds without JavaScript (with their caps).

Plain Python on a form mapping: no Flask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

YES_NO = {"ja": True, "nee": False}


@dataclass(frozen=True)
class RowLimits:
    """How many rows the form shows at first, and how many a social worker can add."""

    incomes: int = 3
    members: int = 4
    member_incomes: int = 1
    max_incomes: int = 20
    max_members: int = 20
    max_member_incomes: int = 5


LIMITS = RowLimits()

# Groups of thousands with dots and an optional decimal comma (e.g. 1.234,56); the first group has no leading 0
_DOT_GROUPS = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
# Groups of thousands with spaces (e.g. 1 234,56)
_SPACE_GROUPS = re.compile(r"-?[1-9]\d{0,2}(?: \d{3})+(?:,\d+)?")
# One decimal comma or point, or none (e.g. 12,50 or 1234.56)
_PLAIN = re.compile(r"-?\d+(?:[.,]\d+)?")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def parse_amount(raw: str) -> Decimal | str:
    """An amount as a Decimal, never through float; text that is not a number comes back as is.

    Reads 12,50 · 1.234,56 · 1234.56 · 1 234,56 (e.g.), with or without a euro sign. Dots in groups of three
    are thousands, as Belgians write them: 1.500 is fifteen hundred.
    """
    text = raw.translate(_SPACES).strip().removeprefix("€").removesuffix("€").strip()
    if _DOT_GROUPS.fullmatch(text) or _SPACE_GROUPS.fullmatch(text):
        text = text.replace(".", "").replace(" ", "").replace(",", ".")
    elif _PLAIN.fullmatch(text):
        text = text.replace(",", ".")
    else:
        return raw
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        return raw


def parse_whole(raw: str) -> int | str:
    """A whole number (an age, a number of days); anything else comes back as text for the schema to report."""
    text = raw.strip()
    return int(text) if re.fullmatch(r"-?\d{1,6}", text) else raw


@dataclass
class Rows:
    """How many rows of each kind the form has: applicant incomes, household members, incomes per member."""

    incomes: int
    members: int
    member_incomes: list[int]

    def add(self, action: str, limits: RowLimits = LIMITS) -> None:
        """One more row for "inkomen", "huisgenoot" or "huisgenoot-N-inkomen" (member N counted from 0)."""
        if action == "inkomen":
            self.incomes = min(self.incomes + 1, limits.max_incomes)
        elif action == "huisgenoot":
            if self.members < limits.max_members:
                self.members += 1
                self.member_incomes.append(limits.member_incomes)
        elif match := re.fullmatch(r"huisgenoot-(\d{1,2})-inkomen", action):
            i = int(match.group(1))
            if i < self.members:
                self.member_incomes[i] = min(self.member_incomes[i] + 1, limits.max_member_incomes)


def member_income_prefix(member: int, income: int) -> str:
    """The field names' prefix of a member's income: member0_ for the first (the names the form always had),
    member0_income1_ for the next."""
    return f"member{member}_" if income == 0 else f"member{member}_income{income}_"


def _filled(form: Mapping[str, str], pattern: str) -> int:
    """1 + the highest row number of a filled field whose name matches pattern (group 1 is the row), or 0."""
    rows = [int(m.group(1)) for name in form if (m := re.fullmatch(pattern, name)) and form.get(name, "").strip()]
    return max(rows) + 1 if rows else 0


def _count(form: Mapping[str, str], hidden: str, default: int, cap: int, filled: int) -> int:
    try:
        shown = int(form.get(hidden, ""))
    except ValueError:
        shown = default
    return max(default, min(max(shown, filled), cap))


def read_rows(form: Mapping[str, str], limits: RowLimits = LIMITS) -> Rows:
    """The rows the form had: its hidden counts, and never fewer than the rows that hold a value."""
    incomes = _count(form, "income_rows", limits.incomes, limits.max_incomes, _filled(form, r"income(\d+)_\w+"))
    members = _count(form, "member_rows", limits.members, limits.max_members, _filled(form, r"member(\d+)_\w+"))
    member_incomes = []
    for i in range(members):
        filled = max(
            _filled(form, rf"member{i}_income(\d+)_\w+"),
            1 if any(form.get(f"member{i}_{part}", "").strip() for part in ("type", "amount")) else 0,
        )
        member_incomes.append(
            _count(form, f"member{i}_income_rows", limits.member_incomes, limits.max_member_incomes, filled)
        )
    return Rows(incomes, members, member_incomes)
