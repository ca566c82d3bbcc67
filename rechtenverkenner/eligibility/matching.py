"""The matcher seam: which rules of a scheme hold for a set of derived facts.

Two implementations answer the same question:
- `engine.DurableMatcher`: durable-rules (the only module importing durable), used by the app;
- `TableMatcher` here: the same semantics in plain Python, a reference for the tests and a drop-in
  replacement should durable-rules stop building.

Semantics (rules/README.md): a rule holds when every `fact = value` of its `when` holds, or when
every test of one of its `when_any` clauses holds. A test holds when the fact is present and equal to
the value with the same type (JSON equality: `true` is not `"true"`, and a missing fact holds nothing).
Facts and values are strings and booleans only.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Protocol

from rechtenverkenner.eligibility.files import Rule, Scheme


class Matcher(Protocol):
    """Finds the rules of a scheme that hold for facts."""

    def register(self, scheme: Scheme) -> None:
        """Prepare scheme's rules; calling it again for the same scheme version does nothing."""

    def matched(self, scheme: Scheme, facts: Mapping[str, object]) -> set[str]:
        """The ids of every rule of scheme that holds for facts (not only the first per condition)."""


DECIDING_CACHE = 4096  # sets of matched rules whose deciding rules a scheme keeps


def deciding(scheme: Scheme, matched: Set[str]) -> dict[tuple[str, str], Rule | None]:
    """For every (condition, decision) of scheme: the first rule in file order among matched, or None (what
    `scheme.first` answers), kept per set of matched rules: a handful of sets recur (the facts are a few strings
    and booleans), so an assessment looks its rules up instead of scanning them."""
    cache = scheme.__dict__.get("_deciding")
    if cache is None:
        cache = {}
        object.__setattr__(scheme, "_deciding", cache)  # the scheme is immutable; the cache only remembers
    key = matched if isinstance(matched, frozenset) else frozenset(matched)
    found = cache.get(key)
    if found is None:
        found = {target: next((r for r in rules if r.id in key), None) for target, rules in scheme._by_target().items()}
        if len(cache) >= DECIDING_CACHE:
            cache.clear()
        cache[key] = found
    return found


_MISSING = object()


def _test_holds(facts: Mapping[str, object], fact: str, value: object) -> bool:
    given = facts.get(fact, _MISSING)
    return type(given) is type(value) and given == value


def _clause_holds(facts: Mapping[str, object], clause: tuple[tuple[str, object], ...]) -> bool:
    return all(_test_holds(facts, fact, value) for fact, value in clause)


def rule_holds(rule: Rule, facts: Mapping[str, object]) -> bool:
    """True when every test of rule.when holds, or every test of one clause of rule.when_any."""
    if rule.when:
        return _clause_holds(facts, rule.when)
    return any(_clause_holds(facts, clause) for clause in rule.when_any)


class TableMatcher:
    """The Matcher in plain Python: walks the scheme's rules in file order; stateless, thread-safe."""

    def register(self, scheme: Scheme) -> None:
        """Nothing to prepare: the rules are read from the scheme on every call."""

    def matched(self, scheme: Scheme, facts: Mapping[str, object]) -> set[str]:
        """The ids of every rule of scheme that holds for facts."""
        return {rule.id for rule in scheme.rules if rule_holds(rule, facts)}
