"""Read and validate rules/ files (dated parameters and declarative rules) into domain objects."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rechtenverkenner.domain.parameters import DatedValue, LegalReference, ParameterHistory
from rechtenverkenner.eligibility.facts import FactSpaceError, check_rules, read_fact_space

CONFIDENCE = {"CONFIRMED", "DERIVED", "CORROBORATED-CODE", "UNCONFIRMED"}
STATUSES = {"met", "notMet", "unknown", "review"}


class RulesError(Exception):
    """A rules/ file does not validate; the app refuses to start with broken legal data."""


@dataclass(frozen=True)
class Condition:
    id: str
    label: str
    legal_basis: LegalReference


DECISIONS = {"category": {"1", "2", "3", "unknown"},
             "cohabitant": {"notCounted", "aboveCategory1", "full", "optional", "debtor"},
             "review": {"alternatingCustody"}}


@dataclass(frozen=True)
class Rule:
    id: str
    condition: str  # the condition it decides, or "" for a decision rule
    status: str  # met | notMet | unknown | review, or the decided value
    explanation: str
    when: tuple[tuple[str, object], ...]  # all must hold
    when_any: tuple[tuple[tuple[str, object], ...], ...]  # one of these must hold
    decides: str = ""  # "" for a condition rule; category | cohabitant | review


@dataclass(frozen=True)
class Scheme:
    """One scheme's rules and parameters, as read from rules/<scheme>/."""

    id: str
    title: str
    modelled_from: dt.date
    conditions: tuple[Condition, ...]
    rules: tuple[Rule, ...]
    parameters: dict[str, ParameterHistory]
    version: str  # content hash of the scheme's files, reported with every advice

    def parameter(self, parameter_id: str) -> ParameterHistory:
        return self.parameters[parameter_id]

    def first(self, matched: set[str], *, condition: str = "", decides: str = "") -> Rule | None:
        """The first rule in file order, among matched, that decides this condition or decision."""
        for rule in self.rules:
            if rule.id in matched and rule.condition == condition and rule.decides == decides:
                return rule
        return None


def _reference(raw, where: str) -> LegalReference:
    if not isinstance(raw, dict) or not raw.get("label") or not str(raw.get("url", "")).startswith("https://"):
        raise RulesError(f"{where}: a reference needs a label and an https url")
    return LegalReference(label=raw["label"], url=raw["url"])


def _value(raw, where: str):
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        try:
            return Decimal(raw)
        except InvalidOperation as exc:
            raise RulesError(f"{where}: value {raw!r} is not a decimal amount") from exc
    raise RulesError(f"{where}: write amounts as strings (e.g. \"1234.56\"), counts as integers, dates as dates")


def read_parameters(path: Path) -> dict[str, ParameterHistory]:
    """Read a parameters.toml; raise RulesError on a missing source, an unknown label or unsorted dates."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data.pop("schema", None) != 1:
        raise RulesError(f"{path}: schema = 1 is required")
    parameters = {}
    for parameter_id, body in data.items():
        where = f"{path.name}:{parameter_id}"
        unknown = set(body) - {"description", "unit", "reference", "values"}
        if unknown:
            raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
        values = []
        for index, item in enumerate(body.get("values", [])):
            at = f"{where}.values[{index}]"
            if set(item) - {"from", "value", "confidence", "source", "note"}:
                raise RulesError(f"{at}: unknown keys")
            if not isinstance(item.get("from"), dt.date) or not str(item.get("source", "")).startswith("https://"):
                raise RulesError(f"{at}: needs a from date and an https source")
            if item.get("confidence") not in CONFIDENCE:
                raise RulesError(f"{at}: confidence must be one of {sorted(CONFIDENCE)}")
            values.append(DatedValue(item["from"], _value(item.get("value"), at), item["source"], item["confidence"],
                                     item.get("note", "")))
        if not values:
            raise RulesError(f"{where}: no values")
        starts = [v.start for v in values]
        if starts != sorted(set(starts)):
            raise RulesError(f"{where}: from dates must ascend strictly")
        parameters[parameter_id] = ParameterHistory(parameter_id, body.get("description", ""), body.get("unit", ""),
                                                    _reference(body.get("reference"), where), tuple(values))
    return parameters


def _clause(raw, where: str) -> tuple[tuple[str, object], ...]:
    if not isinstance(raw, dict) or not raw:
        raise RulesError(f"{where}: a clause is a non-empty table of fact = value")
    for fact, value in raw.items():
        if not isinstance(value, (str, bool)):
            # the durable-rules adapter matches by equality on strings and booleans only (engine.py)
            raise RulesError(f"{where}: {fact} must be compared with a string or a boolean")
    return tuple(sorted(raw.items()))


def read_scheme(folder: Path) -> Scheme:
    """Read rules/<scheme>/rules.toml and parameters.toml; raise RulesError on any problem."""
    rules_path = folder / "rules.toml"
    raw_bytes = rules_path.read_bytes() + (folder / "parameters.toml").read_bytes()
    data = tomllib.loads(rules_path.read_text(encoding="utf-8"))
    if data.get("schema") != 1 or not isinstance(data.get("modelled_from"), dt.date):
        raise RulesError(f"{rules_path}: schema = 1 and modelled_from (a date) are required")
    conditions = tuple(
        Condition(c["id"], c["label"], _reference(c.get("legal_basis"), f"condition {c.get('id')}"))
        for c in data.get("condition", [])
    )
    known = {c.id for c in conditions}
    rules = []
    for index, raw in enumerate(data.get("rule", [])):
        where = f"{rules_path.name}:rule[{index}] {raw.get('id', '')}"
        if "decides" in raw:
            if raw["decides"] not in DECISIONS or raw.get("value") not in DECISIONS[raw["decides"]] or not raw.get("explanation"):
                raise RulesError(f"{where}: decides one of {sorted(DECISIONS)} with a known value, and explains it")
        elif raw.get("condition") not in known or raw.get("status") not in STATUSES or not raw.get("explanation"):
            raise RulesError(f"{where}: needs a known condition, a status in {sorted(STATUSES)} and an explanation")
        if ("when" in raw) == ("when_any" in raw):
            raise RulesError(f"{where}: give exactly one of when and when_any")
        when = _clause(raw["when"], where) if "when" in raw else ()
        when_any = tuple(_clause(c, where) for c in raw.get("when_any", ()))
        if "decides" in raw:
            rules.append(Rule(raw["id"], "", raw["value"], raw["explanation"], when, when_any, raw["decides"]))
        else:
            rules.append(Rule(raw["id"], raw["condition"], raw["status"], raw["explanation"], when, when_any))
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise RulesError(f"{rules_path}: rule ids must be unique")
    for condition in conditions:
        if not any(r.condition == condition.id and not r.decides for r in rules):
            raise RulesError(f"{rules_path}: condition {condition.id} has no rule")
    try:  # every rule tests declared facts with declared values (rules/<scheme>/facts.toml)
        check_rules(rules, read_fact_space(folder / "facts.toml"))
    except FactSpaceError as exc:
        raise RulesError(f"{rules_path}: {exc}") from exc
    return Scheme(
        id=data["id"], title=data["title"], modelled_from=data["modelled_from"], conditions=conditions,
        rules=tuple(rules), parameters=read_parameters(folder / "parameters.toml"),
        version=f"{data['id']}-{hashlib.sha256(raw_bytes).hexdigest()[:12]}",
    )
