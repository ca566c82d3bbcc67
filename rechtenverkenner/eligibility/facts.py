"""The fact space of a ruleset (rules/<scheme>/facts.toml): every derived fact and its finite domain.

The rules test derived facts by equality, so a ruleset is fully described by finitely many fact
combinations. facts.toml declares, per fact, its values and the rule group that reads it; the loader
(`files.read_scheme`) refuses a rule that tests an undeclared fact, a fact of another group or a value
outside the domain. tests/eligibility/test_matching.py enumerates every combination of each group.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # files.py imports this module
    from rechtenverkenner.eligibility.files import Rule

# the rule groups: each reads its own fact dict (advice.py asks the matcher once per group and member)
GROUP_OF_DECISION = {"": "conditions", "category": "category", "review": "category", "cohabitant": "cohabitant"}
GROUPS = ("conditions", "category", "cohabitant")


class FactSpaceError(Exception):
    """facts.toml does not validate, or a rule tests outside the declared fact space."""


@dataclass(frozen=True)
class Fact:
    id: str
    description: str
    group: str  # conditions | category | cohabitant
    values: tuple[str | bool, ...]


@dataclass(frozen=True)
class FactSpace:
    """The declared facts of one ruleset, in file order."""

    facts: tuple[Fact, ...]

    def group(self, name: str) -> tuple[Fact, ...]:
        """The facts read by rule group name, in file order."""
        return tuple(fact for fact in self.facts if fact.group == name)

    def size(self, name: str) -> int:
        """The number of fact combinations of group name."""
        count = 1
        for fact in self.group(name):
            count *= len(fact.values)
        return count

    def combinations(self, name: str) -> Iterator[dict[str, str | bool]]:
        """Every combination of the values of group name's facts (the cartesian product), as fact dicts."""
        facts = self.group(name)
        for values in itertools.product(*(fact.values for fact in facts)):
            yield dict(zip((fact.id for fact in facts), values, strict=True))


def read_fact_space(path: Path) -> FactSpace:
    """Read a facts.toml; raise FactSpaceError on unknown keys, an unknown group or a bad domain."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FactSpaceError(f"{path}: cannot read the fact space ({exc})") from exc
    if data.get("schema") != 1 or set(data) - {"schema", "fact"}:
        raise FactSpaceError(f"{path}: schema = 1 and [[fact]] tables only")
    facts = []
    for index, raw in enumerate(data.get("fact", [])):
        where = f"{path.name}:fact[{index}] {raw.get('id', '')}"
        if set(raw) - {"id", "description", "group", "values"}:
            raise FactSpaceError(f"{where}: unknown keys {sorted(set(raw) - {'id', 'description', 'group', 'values'})}")
        if not raw.get("id") or not raw.get("description"):
            raise FactSpaceError(f"{where}: needs an id and a description")
        if raw.get("group") not in GROUPS:
            raise FactSpaceError(f"{where}: group must be one of {list(GROUPS)}")
        values = raw.get("values")
        if (
            not isinstance(values, list)
            or not values
            or len({repr(v) for v in values}) != len(values)
            or not (all(isinstance(v, str) for v in values) or all(isinstance(v, bool) for v in values))
        ):
            raise FactSpaceError(f'{where}: values are distinct strings (e.g. ["yes", "no"]) or [true, false]')
        facts.append(Fact(raw["id"], raw["description"], raw["group"], tuple(values)))
    ids = [fact.id for fact in facts]
    if len(ids) != len(set(ids)):
        raise FactSpaceError(f"{path}: fact ids must be unique")
    return FactSpace(tuple(facts))


def check_rules(rules: Iterable[Rule], space: FactSpace) -> None:
    """Raise FactSpaceError for the first rule that tests a fact undeclared for its group or a value
    outside the fact's domain."""
    for rule in rules:
        group = GROUP_OF_DECISION.get(rule.decides)
        if group is None:
            raise FactSpaceError(f"rule {rule.id}: no fact group reads decisions of {rule.decides!r}")
        declared = {fact.id: fact for fact in space.group(group)}
        for clause in (rule.when, *rule.when_any):
            for fact_id, value in clause:
                fact = declared.get(fact_id)
                if fact is None:
                    raise FactSpaceError(
                        f"rule {rule.id}: fact {fact_id} is not declared for group {group} in facts.toml"
                    )
                if not any(type(value) is type(v) and value == v for v in fact.values):
                    raise FactSpaceError(
                        f"rule {rule.id}: {fact_id} = {value!r} is outside its values {list(fact.values)}"
                    )
