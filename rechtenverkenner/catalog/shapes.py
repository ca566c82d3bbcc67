"""The rights check's shared catalogue files: dated parameters (catalog/parameters/<id>.toml), the fact list
(codelists/facts.toml) and the household scopes (codelists/households.toml), validated into frozen objects.

Every problem is an Issue naming its file and key path; a parameter value without a date, an https source or
a confidence is refused, and values must ascend by `valid_from` (reference rights-check.md §3.1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from rechtenverkenner.catalog.schema import ID_PATTERN, FlexDate, Money, Text
from rechtenverkenner.eligibility.request_fields import RELATIONS as REQUEST_RELATIONS
from rechtenverkenner.errors import Issue

UNITS = ["EUR/jaar", "EUR/maand", "EUR/dag", "EUR", "jaar", "punten", "maanden", "dagen", "personen"]
CONFIDENCES = ["official", "secondary", "derived", "unconfirmed"]
FACT_TYPES = ["boolean", "date", "amount", "integer", "choice", "list"]
SECTIONS = {
    1: "gemeente",
    2: "personen",
    3: "verblijf",
    4: "statuten/uitkeringen",
    5: "wonen",
    6: "inkomen",
    7: "zorg/handicap",
    8: "school/studie",
}
HOUSEHOLD_IDS = [
    "domicilie",
    "rvv",
    "kandidaat-huurder",
    "punten-schooltoeslag",
    "leefeenheid",
    "igo",
    "verwarmingsfonds",
    "prodeo",
    "leefloon",
    "partners",
]
RELATIONS = ["applicant", *REQUEST_RELATIONS]  # a household scope names the applicant and the relations of §A


class _Strict(Schema):
    class Meta:
        unknown = RAISE


def _https() -> fields.Url:
    return fields.Url(required=True, schemes={"https"})


class RowSchema(_Strict):
    key = fields.Raw(required=True)
    amount = Money(load_default=None)
    min = Money(load_default=None)
    max = Money(load_default=None)

    @validates_schema
    def _one_figure(self, data: dict, **_kwargs: object) -> None:
        if not isinstance(data["key"], (int, str)) or isinstance(data["key"], bool):
            raise ValidationError({"key": ["A row key is an integer or a string."]})
        if data["amount"] is None and data["min"] is None and data["max"] is None:
            raise ValidationError({"amount": ["A row gives amount, min or max."]})


class ValueSchema(_Strict):
    valid_from = FlexDate(required=True)
    source = _https()
    confidence = fields.String(required=True, validate=validate.OneOf(CONFIDENCES))
    note = Text(load_default="")
    amount = Money(load_default=None)
    base = Money(load_default=None)
    per_extra_member = Money(load_default=None)
    by = fields.String(
        load_default=None, validate=validate.OneOf(["points", "category", "members", "dependants", "birth_year"])
    )
    rows = fields.List(fields.Nested(RowSchema), load_default=None)

    @validates_schema
    def _one_shape(self, data: dict, **_kwargs: object) -> None:
        keyed = data["by"] is not None or data["rows"] is not None
        shapes = [
            data["amount"] is not None,
            data["base"] is not None or (data["per_extra_member"] is not None and not keyed),
            keyed,  # keyed rows (by category) may add an amount per extra member to every row
        ]
        if sum(shapes) != 1:
            raise ValidationError(["A value gives exactly one of: amount; base + per_extra_member; by + rows."])
        if shapes[1] and (data["base"] is None or data["per_extra_member"] is None):
            raise ValidationError({"per_extra_member": ["base and per_extra_member go together."]})
        if shapes[2] and (data["by"] is None or not data["rows"]):
            raise ValidationError({"rows": ["Keyed values give by and at least one row."]})


class ParameterSchema(_Strict):
    schema = fields.Integer(required=True, validate=validate.Equal(1))
    id = fields.String(required=True, validate=validate.Regexp(ID_PATTERN))
    title = Text(required=True, validate=validate.Length(min=1))
    unit = fields.String(required=True, validate=validate.OneOf(UNITS))
    values = fields.List(fields.Nested(ValueSchema), required=True, validate=validate.Length(min=1))

    @validates_schema
    def _ascending(self, data: dict, **_kwargs: object) -> None:
        dates = [v["valid_from"] for v in data["values"]]
        if dates != sorted(set(dates)):
            raise ValidationError({"values": ["Values ascend by valid_from, one per date."]})


class FactSchema(_Strict):
    id = fields.String(required=True, validate=validate.Regexp(r"^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$"))
    label = Text(required=True, validate=validate.Length(min=1))
    question = Text(required=True, validate=validate.Length(min=1))
    type = fields.String(required=True, validate=validate.OneOf(FACT_TYPES))
    values = fields.List(fields.String(), load_default=list)
    labels = fields.List(Text(), load_default=list)
    unit = fields.String(load_default="")
    section = fields.Integer(required=True, validate=validate.OneOf(sorted(SECTIONS)))
    order = fields.Integer(required=True)

    @validates_schema
    def _labels(self, data: dict, **_kwargs: object) -> None:
        if data["labels"] and len(data["labels"]) != len(data["values"]):
            raise ValidationError({"labels": ["One label per value."]})


class FactsFileSchema(_Strict):
    schema = fields.Integer(load_default=1, validate=validate.Equal(1))
    title = Text(load_default="")
    source = fields.String(load_default="")
    fact = fields.List(fields.Nested(FactSchema), load_default=list)


class HouseholdSchema(_Strict):
    id = fields.String(required=True, validate=validate.OneOf(HOUSEHOLD_IDS))
    label = Text(required=True, validate=validate.Length(min=1))
    relations = fields.List(fields.String(validate=validate.OneOf(RELATIONS)), required=True)
    dependants_only = fields.Boolean(load_default=False)
    disabled_count_extra = fields.Boolean(load_default=False)
    note = Text(load_default="")
    source = fields.Url(load_default=None, schemes={"https"})

    @validates_schema
    def _applicant(self, data: dict, **_kwargs: object) -> None:
        if "applicant" not in data["relations"]:
            raise ValidationError({"relations": ["A household scope always includes the applicant."]})


class HouseholdsFileSchema(_Strict):
    schema = fields.Integer(load_default=1, validate=validate.Equal(1))
    title = Text(load_default="")
    source = fields.String(load_default="")
    household = fields.List(fields.Nested(HouseholdSchema), load_default=list)


@dataclass(frozen=True)
class ParameterValue:
    """One dated value of a parameter: an amount, a base + per extra member, or keyed rows."""

    valid_from: dt.date
    source: str
    confidence: str
    note: str = ""
    amount: Decimal | None = None
    base: Decimal | None = None
    per_extra_member: Decimal | None = None
    by: str | None = None
    rows: tuple[dict, ...] = ()

    def row(self, key: int | str) -> dict | None:
        """The row for key; for points/members the largest key at or below it."""
        if self.by == "category":
            return next((r for r in self.rows if r["key"] == key), None)
        chosen = None
        for row in sorted(self.rows, key=lambda r: r["key"]):
            if isinstance(row["key"], int) and isinstance(key, int) and row["key"] <= key:
                chosen = row
        return chosen


@dataclass(frozen=True)
class Parameter:
    """A dated, sourced parameter of catalog/parameters/."""

    id: str
    title: str
    unit: str
    values: tuple[ParameterValue, ...]

    def at(self, date: dt.date) -> ParameterValue | None:
        """The value in force on date; None before the first one ("niet gemodelleerd voor die datum")."""
        chosen = None
        for value in self.values:
            if value.valid_from <= date:
                chosen = value
        return chosen


@dataclass(frozen=True)
class Fact:
    id: str
    label: str
    question: str
    type: str
    section: int
    order: int
    values: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    unit: str = ""

    def value_label(self, value: object) -> str:
        if str(value) in self.values and self.labels:
            return self.labels[self.values.index(str(value))]
        return str(value)


@dataclass(frozen=True)
class Household:
    id: str
    label: str
    relations: frozenset[str]
    dependants_only: bool = False
    note: str = ""
    source: str | None = None
    disabled_count_extra: bool = False  # a person with a handicap of at least 66 % counts as one more dependant


@dataclass
class RightsData:
    """The parameters, facts and household scopes the rights check needs."""

    parameters: dict[str, Parameter] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    households: dict[str, Household] = field(default_factory=dict)


def _flat(messages: object, prefix: str) -> list[tuple[str, str]]:
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            path = prefix if key == "_schema" else (f"{prefix}[{key}]" if isinstance(key, int) else f"{prefix}.{key}")
            out += _flat(value, path.lstrip("."))
        return out
    if isinstance(messages, list):
        out = []
        for item in messages:
            out += _flat(item, prefix) if isinstance(item, (dict, list)) else [(prefix, str(item))]
        return out
    return [(prefix, str(messages))]


def _problems(file: str, exc: ValidationError) -> list[Issue]:
    return [Issue("file", f"{file}:{path}", None, msg, msg) for path, msg in _flat(exc.messages, "")]


def parse_parameter(raw: dict) -> Parameter:
    """A parameter from its raw TOML table; raises ValidationError."""
    data = ParameterSchema().load(raw)
    values = tuple(
        ParameterValue(
            valid_from=v["valid_from"],
            source=v["source"],
            confidence=v["confidence"],
            note=v["note"],
            amount=v["amount"],
            base=v["base"],
            per_extra_member=v["per_extra_member"],
            by=v["by"],
            rows=tuple(v["rows"] or ()),
        )
        for v in data["values"]
    )
    return Parameter(data["id"], data["title"], data["unit"], values)


def load_rights_data(catalog_dir: str | Path, read_toml: object) -> tuple[RightsData, list[Issue]]:
    """Read catalog/parameters/*.toml, codelists/facts.toml and codelists/households.toml (each optional)."""
    base = Path(catalog_dir)
    data, issues = RightsData(), []
    for path in sorted((base / "parameters").glob("*.toml")):
        try:
            parameter = parse_parameter(read_toml(path))
        except ValidationError as exc:
            issues += _problems(f"parameters/{path.name}", exc)
            continue
        if parameter.id != path.stem:
            msg = f"id '{parameter.id}' differs from the file name '{path.stem}'."
            issues.append(Issue("file", f"parameters/{path.name}:id", None, msg, msg))
        data.parameters[parameter.id] = parameter
    facts_path = base / "codelists" / "facts.toml"
    if facts_path.exists():
        try:
            for f in FactsFileSchema().load(read_toml(facts_path))["fact"]:
                data.facts[f["id"]] = Fact(
                    f["id"],
                    f["label"],
                    f["question"],
                    f["type"],
                    f["section"],
                    f["order"],
                    tuple(f["values"]),
                    tuple(f["labels"]),
                    f["unit"],
                )
        except ValidationError as exc:
            issues += _problems("codelists/facts.toml", exc)
    households_path = base / "codelists" / "households.toml"
    if households_path.exists():
        try:
            for h in HouseholdsFileSchema().load(read_toml(households_path))["household"]:
                data.households[h["id"]] = Household(
                    h["id"],
                    h["label"],
                    frozenset(h["relations"]),
                    h["dependants_only"],
                    h["note"],
                    h["source"],
                    h["disabled_count_extra"],
                )
        except ValidationError as exc:
            issues += _problems("codelists/households.toml", exc)
    return data, issues
