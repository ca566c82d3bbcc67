"""The marshmallow schema of a catalogue document: the one schema for files in catalog/rights/ and for uploads."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FlexDate(fields.Date):
    """A date written as a TOML date or as an ISO-8601 string (JSON uploads)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dt.datetime):
            raise self.make_error("invalid")
        if isinstance(value, dt.date):
            return value
        return super()._deserialize(value, attr, data, **kwargs)


class Text(fields.String):
    """Trimmed text."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


class Money(fields.Field):
    """An amount in euro written as a string (e.g. "1234.56"), read as Decimal with at most two decimals."""

    default_error_messages = {"invalid": 'Not a valid amount: write it as a string, e.g. "1234.56".'}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            amount = Decimal(value)
        except InvalidOperation as exc:
            raise self.make_error("invalid") from exc
        if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
            raise self.make_error("invalid")
        return amount


def _url():
    return fields.Url(required=True, schemes={"https", "http"})


class Strict(Schema):
    class Meta:
        unknown = RAISE


class LinkSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    url = _url()


class EvidenceSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")


class RequirementSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")
    evidence = fields.Nested(EvidenceSchema, load_default=None)


class ProcedureSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")
    websites = fields.List(fields.Nested(LinkSchema), load_default=list)


class TextBlockSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    description = Text(load_default="")


class AddressSchema(Strict):
    street = Text(load_default="")
    house_number = Text(load_default="")
    box = Text(load_default="")
    postal_code = Text(load_default="", validate=validate.Regexp(r"^(\d{4})?$"))
    municipality = Text(load_default="")


class ContactPointSchema(Strict):
    title = Text(load_default="")
    url = fields.Url(load_default=None, schemes={"https", "http"})
    email = fields.Email(load_default=None)
    phone = Text(load_default="", validate=validate.Regexp(r"^[+0-9 ./()-]*$"))
    opening_hours = Text(load_default="")
    address = fields.Nested(AddressSchema, load_default=None)


class IncomeLimitSchema(Strict):
    household_size = fields.Integer(required=True, validate=validate.Range(min=1, max=20))
    amount = Money(required=True)


CONDITION_TYPES = {
    "age": "leeftijd",
    "residence": "woonplaats",
    "household_income": "gezinsinkomen",
    "status": "statuut",
    "children": "kinderen ten laste",
    "student": "student",
    "tenant": "huurder",
}


class ConditionSchema(Strict):
    """A standardized, machine-checkable condition; see catalog/README.md for the vocabulary."""

    type = fields.String(required=True, validate=validate.OneOf(sorted(CONDITION_TYPES)))
    note = Text(load_default="")
    source = fields.Url(load_default=None, schemes={"https", "http"})
    # age
    min = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    max = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    # residence
    scopes = fields.List(fields.String(), load_default=None)
    # household_income
    period = fields.String(load_default=None, validate=validate.OneOf(["month", "year"]))
    income_basis = Text(load_default="")
    limits = fields.List(fields.Nested(IncomeLimitSchema), load_default=None)
    per_extra_person = Money(load_default=None)
    # status
    any_of = fields.List(fields.String(), load_default=None)
    # children
    max_age = fields.Integer(load_default=None, validate=validate.Range(min=0, max=30))
    # student / tenant
    value = fields.Boolean(load_default=None)
    tenant_kind = fields.String(load_default=None, validate=validate.OneOf(["any", "private", "social"]))

    @validates_schema
    def _parameters_fit_type(self, data, **_kwargs):
        kind = data.get("type")
        allowed = {
            "age": {"min", "max"},
            "residence": {"scopes"},
            "household_income": {"period", "income_basis", "limits", "per_extra_person"},
            "status": {"any_of"},
            "children": {"max_age"},
            "student": {"value"},
            "tenant": {"tenant_kind"},
        }.get(kind, set())
        common = {"type", "note", "source"}
        errors = {}
        for key, value in data.items():
            if key in common or value in (None, "", []):
                continue
            if key not in allowed:
                errors[key] = [f"Not a parameter of a {kind} condition."]
        required = {
            "age": [],
            "residence": ["scopes"],
            "household_income": ["period", "income_basis", "source"],
            "status": ["any_of"],
            "children": ["max_age"],
            "student": ["value"],
            "tenant": ["tenant_kind"],
        }.get(kind, [])
        for key in required:
            if data.get(key) in (None, "", []):
                errors[key] = ["Missing data for required field."]
        if kind == "age" and data.get("min") is None and data.get("max") is None:
            errors["min"] = ["An age condition needs min, max or both."]
        if kind == "age" and None not in (data.get("min"), data.get("max")) and data["min"] > data["max"]:
            errors["max"] = ["max is below min."]
        if errors:
            raise ValidationError(errors)


class DocumentSchema(Strict):
    """A concept or instance of a right, as written in catalog/rights/<id>.toml or uploaded."""

    schema = fields.Integer(required=True, validate=validate.Equal(SCHEMA_VERSION))
    id = fields.String(required=True, validate=[validate.Regexp(ID_PATTERN), validate.Length(max=120)])
    kind = fields.String(required=True, validate=validate.OneOf(["concept", "instance"]))
    linked_concept = fields.String(load_default="")
    municipality = fields.String(load_default="")
    title = Text(load_default="", validate=validate.Length(max=300))
    summary = Text(load_default="", validate=validate.Length(max=400))
    description = Text(load_default="")
    additional_description = Text(load_default="")
    exceptions = Text(load_default="")
    product_type = fields.String(load_default="")
    themes = fields.List(fields.String(), load_default=list)
    target_audiences = fields.List(fields.String(), load_default=list)
    life_situations = fields.List(fields.String(), load_default=list)
    competent_authority_level = fields.List(fields.String(), load_default=list)
    executing_authority_level = fields.List(fields.String(), load_default=list)
    competent_authorities = fields.List(Text(), load_default=list)
    executing_authorities = fields.List(Text(), load_default=list)
    spatial = fields.List(fields.String(), load_default=list)
    keywords = fields.List(Text(), load_default=list)
    related = fields.List(fields.String(), load_default=list)
    languages = fields.List(
        fields.String(validate=validate.OneOf(["nl", "fr", "de", "en"])), load_default=lambda: ["nl"]
    )
    legal_resources = fields.List(fields.Nested(LinkSchema), load_default=list)
    start_date = FlexDate(load_default=None)
    end_date = FlexDate(load_default=None)
    source_url = _url()
    last_reviewed = FlexDate(required=True)
    requirements = fields.List(fields.Nested(RequirementSchema), load_default=list)
    procedures = fields.List(fields.Nested(ProcedureSchema), load_default=list)
    costs = fields.List(fields.Nested(TextBlockSchema), load_default=list)
    financial_advantages = fields.List(fields.Nested(TextBlockSchema), load_default=list)
    contact_points = fields.List(fields.Nested(ContactPointSchema), load_default=list)
    conditions = fields.List(fields.Nested(ConditionSchema), load_default=list)
    # provenance of a right imported from LPDC/IPDC
    ipdc_concept = fields.Url(load_default=None, schemes={"https", "http"})
    lpdc_id = fields.Url(load_default=None, schemes={"https", "http"})
    lpdc_language = fields.String(load_default="", validate=validate.Length(max=40))
