"""Read and validate rules/ files (references, law tables, dated parameters, declarative rules) into domain objects."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rechtenverkenner.domain.parameters import DatedValue, LegalReference, ParameterHistory
from rechtenverkenner.eligibility.facts import FactSpaceError, check_rules, read_fact_space

CONFIDENCE = {"CONFIRMED", "DERIVED", "CORROBORATED-CODE", "UNCONFIRMED"}
STATUSES = {"met", "notMet", "unknown", "review"}
# What a condition's notMet does to the outcome (rules/README.md)
NOT_MET_POLICIES = {"refuse", "refuseWhenSettled", "review"}
# The closed list of units a parameter may have; anything else is a typo the loader refuses
UNITS = {"EUR", "EUR/jaar", "EUR/maand", "dagen", "maanden", "jaar", "fractie", "factor", "datum", "ja/nee"}
STATUS_GROUPS = ("eligible", "excluded", "foreigners_register", "eu_citizen")
RESOURCE_RULES = {
    "countedIncome",
    "exemptIncome",
    "aleExemption",
    "spiExemption",
    "spiArtistic",
    "capitalTranches",
    "cadastralIncome",
    "cohabitant",
    "art34Optional",
    "art34Debtors2026",
}


class RulesError(Exception):
    """A rules/ file does not validate; the app refuses to start with broken legal data."""


@dataclass(frozen=True)
class Condition:
    id: str
    label: str
    legal_basis: LegalReference
    not_met: str = "refuse"  # refuse | refuseWhenSettled | review


DECISIONS = {
    "category": {"1", "2", "3", "unknown"},
    "cohabitant": {"notCounted", "aboveCategory1", "full", "optional", "debtor"},
    "review": {"alternatingCustody"},
}


@dataclass(frozen=True)
class Rule:
    id: str
    condition: str  # the condition it decides, or "" for a decision rule
    status: str  # met | notMet | unknown | review, or the decided value
    explanation: str
    when: tuple[tuple[str, object], ...]  # all must hold
    when_any: tuple[tuple[tuple[str, object], ...], ...]  # one of these must hold
    decides: str = ""  # "" for a condition rule; category | cohabitant | review
    legal_basis: LegalReference | None = None


@dataclass(frozen=True)
class ReviewText:
    code: str
    explanation: str  # Dutch, may hold {placeholders} filled by the renderer
    legal_basis: LegalReference


@dataclass(frozen=True)
class ExemptIncome:
    type: str
    label: str
    legal_basis: LegalReference
    confirmed: bool = True  # False: the exemption's text was not found in a source; the advice asks a review


@dataclass(frozen=True)
class Law:
    """The non-numeric law of a scheme (law.toml): status groups, exempt and SPI incomes, child relations."""

    status_groups: dict[str, frozenset[str]]
    status_labels: dict[str, str]
    exempt_incomes: dict[str, ExemptIncome]
    spi_work_incomes: frozenset[str]
    study_grants: frozenset[str]
    ale_incomes: frozenset[str]
    artistic_incomes: frozenset[str]
    child_relations: frozenset[str]
    resource_basis: dict[str, LegalReference]

    def status_group(self, status: str) -> str:
        for group, statuses in self.status_groups.items():
            if status in statuses:
                return group
        raise KeyError(status)


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
    references: dict[str, LegalReference] = field(default_factory=dict)
    law: Law | None = None
    reviews: dict[str, ReviewText] = field(default_factory=dict)

    def parameter(self, parameter_id: str) -> ParameterHistory:
        return self.parameters[parameter_id]

    def first(self, matched: set[str], *, condition: str = "", decides: str = "") -> Rule | None:
        """The first rule in file order, among matched, that decides this condition or decision."""
        for rule in self._by_target().get((condition, decides), ()):
            if rule.id in matched:
                return rule
        return None

    def not_met_policy(self, condition_id: str) -> str:
        """What a condition's notMet does to the outcome (rules.toml `not_met`)."""
        policies = self.__dict__.get("_policies")
        if policies is None:
            policies = {c.id: c.not_met for c in self.conditions}
            object.__setattr__(self, "_policies", policies)
        return policies[condition_id]

    def _by_target(self) -> dict[tuple[str, str], tuple[Rule, ...]]:
        """The rules per (condition, decision), in file order; built once (the scheme is immutable)."""
        index = self.__dict__.get("_index")
        if index is None:
            grouped: dict[tuple[str, str], list[Rule]] = {}
            for rule in self.rules:
                grouped.setdefault((rule.condition, rule.decides), []).append(rule)
            index = {key: tuple(rules) for key, rules in grouped.items()}
            object.__setattr__(self, "_index", index)
        return index


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path}: {exc}") from exc


def read_references(path: Path) -> dict[str, LegalReference]:
    """Read references.toml: acts (title, ELI) and citations (act, article, §, °, label) → LegalReference by id."""
    data = _toml(path)
    if data.get("schema") != 1:
        raise RulesError(f"{path}: schema = 1 is required")
    acts = data.get("act", {})
    for act_id, act in acts.items():
        # an act is linked by its ELI on Justel; only where that is not found yet, by a page that states
        # the rule, with a note that says so
        link = act.get("eli") or (act.get("url") if act.get("note") else "")
        if not act.get("title") or not str(link).startswith("https://"):
            raise RulesError(f"{path.name}:act.{act_id}: needs a title and an https eli (or a url with a note)")
    references = {}
    for ref_id, raw in data.get("reference", {}).items():
        where = f"{path.name}:reference.{ref_id}"
        unknown = set(raw) - {"act", "article", "paragraph", "point", "label", "url", "note", "secondary"}
        if unknown:
            raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
        act = acts.get(raw.get("act"))
        if act is None or not raw.get("article") or not raw.get("label"):
            raise RulesError(f"{where}: needs a known act, an article and a label")
        url = raw.get("url") or (f"{act['eli']}#Art.{raw['article']}" if act.get("eli") else act["url"])
        for link in (url, raw.get("secondary", "https://")):
            if not str(link).startswith("https://"):
                raise RulesError(f"{where}: links must be https")
        references[ref_id] = LegalReference(
            label=raw["label"],
            url=url,
            id=ref_id,
            title=act["title"],
            article=str(raw["article"]),
            paragraph=str(raw.get("paragraph", "")),
            point=str(raw.get("point", "")),
            note=raw.get("note", "") or ("" if act.get("eli") else act["note"]),
            secondary=raw.get("secondary", ""),
        )
    return references


def _cite(references: dict[str, LegalReference], ref_id: object, where: str) -> LegalReference:
    if not isinstance(ref_id, str) or ref_id not in references:
        raise RulesError(f"{where}: legal basis {ref_id!r} is not an id of references.toml")
    return references[ref_id]


def _value(raw: object, where: str, unit: str = "") -> Decimal | int | bool | dt.date:
    if unit == "ja/nee":
        if not isinstance(raw, bool):
            raise RulesError(f"{where}: a ja/nee parameter takes true or false")
        return raw
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        try:
            return Decimal(raw)
        except InvalidOperation as exc:
            raise RulesError(f"{where}: value {raw!r} is not a decimal amount") from exc
    raise RulesError(f'{where}: write amounts as strings (e.g. "1234.56"), counts as integers, dates as dates')


def read_parameters(path: Path, references: dict[str, LegalReference]) -> dict[str, ParameterHistory]:
    """Read a parameters.toml; raise RulesError on a missing source, an unknown label, unit or reference,
    or unsorted dates."""
    data = _toml(path)
    if data.pop("schema", None) != 1:
        raise RulesError(f"{path}: schema = 1 is required")
    parameters = {}
    for parameter_id, body in data.items():
        where = f"{path.name}:{parameter_id}"
        unknown = set(body) - {"description", "unit", "reference", "values"}
        if unknown:
            raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
        if body.get("unit") not in UNITS:
            raise RulesError(f"{where}: unit {body.get('unit')!r} is not one of {sorted(UNITS)}")
        values = []
        for index, item in enumerate(body.get("values", [])):
            at = f"{where}.values[{index}]"
            if set(item) - {"from", "value", "confidence", "source", "note"}:
                raise RulesError(f"{at}: unknown keys")
            if not isinstance(item.get("from"), dt.date) or not str(item.get("source", "")).startswith("https://"):
                raise RulesError(f"{at}: needs a from date and an https source")
            if item.get("confidence") not in CONFIDENCE:
                raise RulesError(f"{at}: confidence must be one of {sorted(CONFIDENCE)}")
            values.append(
                DatedValue(
                    item["from"],
                    _value(item.get("value"), at, body["unit"]),
                    item["source"],
                    item["confidence"],
                    item.get("note", ""),
                )
            )
        if not values:
            raise RulesError(f"{where}: no values")
        starts = [v.start for v in values]
        if starts != sorted(set(starts)):
            raise RulesError(f"{where}: from dates must ascend strictly")
        parameters[parameter_id] = ParameterHistory(
            parameter_id,
            body.get("description", ""),
            body["unit"],
            _cite(references, body.get("reference"), where),
            tuple(values),
        )
    return parameters


def _strings(raw: object, where: str) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) and v for v in raw):
        raise RulesError(f"{where}: a list of names is required")
    return frozenset(raw)


def read_law(path: Path, references: dict[str, LegalReference]) -> Law:
    """Read law.toml (status groups, exempt incomes, SPI incomes, child relations, resource-line bases)."""
    data = _toml(path)
    if data.get("schema") != 1:
        raise RulesError(f"{path}: schema = 1 is required")
    raw_status = data.get("residence_status", {})
    groups = {g: _strings(raw_status.get(g), f"{path.name}:residence_status.{g}") for g in STATUS_GROUPS}
    seen: set[str] = set()
    for group, statuses in groups.items():
        if seen & statuses:
            raise RulesError(f"{path.name}: {sorted(seen & statuses)} in two status groups (last: {group})")
        seen |= statuses
    labels = raw_status.get("labels", {})
    if set(labels) != seen:
        raise RulesError(f"{path.name}: residence_status.labels must name every status once")
    exempt = {}
    for index, item in enumerate(data.get("exempt_income", [])):
        where = f"{path.name}:exempt_income[{index}]"
        if not item.get("type") or not item.get("label"):
            raise RulesError(f"{where}: needs a type and a label")
        if not isinstance(item.get("confirmed", True), bool):
            raise RulesError(f"{where}: confirmed is true or false")
        exempt[item["type"]] = ExemptIncome(
            item["type"], item["label"], _cite(references, item.get("reference"), where), item.get("confirmed", True)
        )
    spi = data.get("spi", {})
    household = data.get("household", {})
    bases = data.get("resource_basis", {})
    if set(bases) != RESOURCE_RULES:
        raise RulesError(f"{path.name}: resource_basis must give a reference for exactly {sorted(RESOURCE_RULES)}")
    return Law(
        status_groups=groups,
        status_labels=dict(labels),
        exempt_incomes=exempt,
        spi_work_incomes=_strings(spi.get("work_incomes"), f"{path.name}:spi.work_incomes"),
        study_grants=_strings(spi.get("study_grants"), f"{path.name}:spi.study_grants"),
        ale_incomes=_strings(data.get("ale", {}).get("incomes"), f"{path.name}:ale.incomes"),
        artistic_incomes=_strings(spi.get("artistic_incomes"), f"{path.name}:spi.artistic_incomes"),
        child_relations=_strings(household.get("child_relations"), f"{path.name}:household.child_relations"),
        resource_basis={k: _cite(references, v, f"{path.name}:resource_basis.{k}") for k, v in bases.items()},
    )


def _clause(raw: object, where: str) -> tuple[tuple[str, object], ...]:
    if not isinstance(raw, dict) or not raw:
        raise RulesError(f"{where}: a clause is a non-empty table of fact = value")
    for fact, value in raw.items():
        if not isinstance(value, (str, bool)):
            # the durable-rules adapter matches by equality on strings and booleans only (engine.py)
            raise RulesError(f"{where}: {fact} must be compared with a string or a boolean")
    return tuple(sorted(raw.items()))


def _rule(raw: dict, where: str, known: set[str], references: dict[str, LegalReference]) -> Rule:
    if "decides" in raw:
        if (
            raw["decides"] not in DECISIONS
            or raw.get("value") not in DECISIONS[raw["decides"]]
            or not raw.get("explanation")
        ):
            raise RulesError(f"{where}: decides one of {sorted(DECISIONS)} with a known value, and explains it")
    elif raw.get("condition") not in known or raw.get("status") not in STATUSES or not raw.get("explanation"):
        raise RulesError(f"{where}: needs a known condition, a status in {sorted(STATUSES)} and an explanation")
    if ("when" in raw) == ("when_any" in raw):
        raise RulesError(f"{where}: give exactly one of when and when_any")
    when = _clause(raw["when"], where) if "when" in raw else ()
    when_any = tuple(_clause(c, where) for c in raw.get("when_any", ()))
    basis = _cite(references, raw["legal_basis"], where) if "legal_basis" in raw else None
    if "decides" in raw:
        return Rule(raw["id"], "", raw["value"], raw["explanation"], when, when_any, raw["decides"], basis)
    return Rule(raw["id"], raw["condition"], raw["status"], raw["explanation"], when, when_any, "", basis)


SCHEME_FILES = ("rules.toml", "parameters.toml", "references.toml", "law.toml", "facts.toml")


def read_scheme(folder: Path) -> Scheme:
    """Read rules/<scheme>/ (rules, parameters, references, law); raise RulesError on any problem."""
    rules_path = folder / "rules.toml"
    for name in SCHEME_FILES:
        if not (folder / name).is_file():
            raise RulesError(f"{folder}: {name} is missing")
    raw_bytes = b"".join((folder / name).read_bytes() for name in SCHEME_FILES)
    references = read_references(folder / "references.toml")
    data = _toml(rules_path)
    if data.get("schema") != 1 or not isinstance(data.get("modelled_from"), dt.date):
        raise RulesError(f"{rules_path}: schema = 1 and modelled_from (a date) are required")
    conditions = []
    for c in data.get("condition", []):
        where = f"condition {c.get('id')}"
        if c.get("not_met") not in NOT_MET_POLICIES:
            raise RulesError(f"{where}: not_met must be one of {sorted(NOT_MET_POLICIES)}")
        conditions.append(Condition(c["id"], c["label"], _cite(references, c.get("legal_basis"), where), c["not_met"]))
    known = {c.id for c in conditions}
    rules = [
        _rule(raw, f"{rules_path.name}:rule[{index}] {raw.get('id', '')}", known, references)
        for index, raw in enumerate(data.get("rule", []))
    ]
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
    reviews = {}
    for index, raw in enumerate(data.get("review", [])):
        where = f"{rules_path.name}:review[{index}]"
        if not raw.get("code") or not raw.get("explanation") or raw["code"] in reviews:
            raise RulesError(f"{where}: needs a unique code and an explanation")
        reviews[raw["code"]] = ReviewText(
            raw["code"], raw["explanation"], _cite(references, raw.get("legal_basis"), where)
        )
    return Scheme(
        id=data["id"],
        title=data["title"],
        modelled_from=data["modelled_from"],
        conditions=tuple(conditions),
        rules=tuple(rules),
        parameters=read_parameters(folder / "parameters.toml", references),
        version=f"{data['id']}-{hashlib.sha256(raw_bytes).hexdigest()[:12]}",
        references=references,
        law=read_law(folder / "law.toml", references),
        reviews=reviews,
    )
