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
    description = Text()  # absent when not given (a document keeps its stored form)


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
    country = Text()  # absent when not given


class TextLines(fields.List):
    """A list of text lines; one string is read as one line and an empty string as none."""

    def __init__(self, **kwargs):
        super().__init__(Text(validate=validate.Length(min=1, max=300)), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = [value] if value.strip() else []
        return super()._deserialize(value, attr, data, **kwargs)


class ContactPointSchema(Strict):
    title = Text(load_default="")
    url = fields.Url(load_default=None, schemes={"https", "http"})
    email = fields.Email(load_default=None)
    phone = Text(load_default="", validate=validate.Regexp(r"^[+0-9 ./()-]*$"))
    # one line per day or period, e.g. "maandag tot vrijdag: 9 tot 12 uur"
    opening_hours = TextLines(load_default=list)
    address = fields.Nested(AddressSchema, load_default=None)
    # a link to apply or to book an appointment, where the service has one
    booking_url = fields.Url(load_default=None, schemes={"https", "http"})
    # the public page that states these facts, and the date it was read
    source_url = fields.Url(load_default=None, schemes={"https", "http"})
    read_on = FlexDate(load_default=None)

    @validates_schema
    def _sourced(self, data, **_kwargs):
        if data.get("read_on") and not data.get("source_url"):
            raise ValidationError({"source_url": ["A contact point read on a date names the page it was read on."]})
        if data.get("source_url") and not data.get("read_on"):
            raise ValidationError({"read_on": ["Give the date the source page was read."]})


class TranslationSchema(Strict):
    """A right's texts in another language (from LPDC); not shown yet."""

    title = Text(load_default="")
    description = Text(load_default="")
    additional_description = Text(load_default="")
    exceptions = Text(load_default="")
    regulation = Text(load_default="")
    keywords = fields.List(Text(), load_default=list)


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
    "members": "gezinsleden",
    "any": "een van",
    "not": "niet",
    "right": "ander recht",
    "fact": "gegeven",
    "assessment": "beoordeling",
}
INCOME_BASES = ["bruto_belastbaar", "netto_belastbaar", "netto_maand", "bestaansmiddelen"]
REFERENCE_YEARS = ["-1", "-2", "-3", "current"]
FACT_OPS = ["eq", "in", "ge", "le", "years_since_ge", "months_since_le"]
ASSESSMENT_KEYS = ["behoeftigheid", "werkbereidheid", "betalingsonmacht", "medischAttest"]
# the parameters each type may have (besides type, note, source, confidence) and those it must have
ALLOWED = {
    "age": {"min", "max", "parameter", "member", "when_not_met"},
    "residence": {"scopes"},
    "household_income": {
        "period",
        "income_basis",
        "limits",
        "per_extra_person",
        "parameter",
        "household",
        "size_by",
        "reference_year",
        "bound",
        "categories",
        "weights",
    },
    "status": {"any_of", "member", "as_of", "held_months_min"},
    "children": {"max_age"},
    "student": {"value"},
    "tenant": {"tenant_kind"},
    "members": {"relation", "min_age", "max_age", "count_min", "where"},
    "any": {"options"},
    "not": {"condition"},
    "right": {"right", "mode"},
    "fact": {"fact", "op", "value", "parameter", "household", "size_by", "categories", "when_not_met"},
    "assessment": {"key"},
}
REQUIRED = {
    "residence": ["scopes"],
    "household_income": ["income_basis", "source"],
    "status": ["any_of"],
    "children": ["max_age"],
    "student": ["value"],
    "tenant": ["tenant_kind"],
    "any": ["options"],
    "not": ["condition"],
    "right": ["right", "mode"],
    "fact": ["fact", "op"],
    "assessment": ["key"],
}


class ReferenceYear(fields.Field):
    """`-1`, `-2`, `-3` or `current`, written as a string or an integer; read as a string."""

    default_error_messages = {"invalid": "reference_year is -1, -2, -3 or current."}

    def _deserialize(self, value, attr, data, **kwargs):
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if text not in REFERENCE_YEARS:
            raise self.make_error("invalid")
        return text


class ConditionSchema(Strict):
    """A standardized, machine-checkable condition; see catalog/README.md for the vocabulary."""

    type = fields.String(required=True, validate=validate.OneOf(sorted(CONDITION_TYPES)))
    note = Text(load_default="")
    source = fields.Url(load_default=None, schemes={"https", "http"})
    confidence = fields.String(
        load_default=None, validate=validate.OneOf(["official", "secondary", "derived", "unconfirmed"])
    )
    # age
    min = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    max = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    member = fields.String(load_default=None, validate=validate.OneOf(["applicant", "any"]))
    # residence
    scopes = fields.List(fields.String(), load_default=None)
    # household_income (and age, fact: a catalog/parameters id)
    period = fields.String(load_default=None, validate=validate.OneOf(["month", "year"]))
    income_basis = Text(load_default="")
    limits = fields.List(fields.Nested(IncomeLimitSchema), load_default=None)
    per_extra_person = Money(load_default=None)
    parameter = fields.String(load_default=None, validate=validate.Regexp(ID_PATTERN))
    household = fields.String(load_default=None)
    size_by = fields.String(load_default=None, validate=validate.OneOf(["members", "dependants", "points"]))
    reference_year = ReferenceYear(load_default=None)
    bound = fields.String(load_default=None, validate=validate.OneOf(["max", "min"]))
    # household kind (single, single_disabled, other) -> the parameter's category key
    categories = fields.Dict(
        keys=fields.String(validate=validate.OneOf(["single", "single_disabled", "other"])),
        values=fields.String(),
        load_default=None,
    )
    # bestaansmiddelen: income type -> weight ("0.90": counted for 90 %; "0": left out)
    weights = fields.Dict(
        keys=fields.String(), values=fields.String(validate=validate.Regexp(r"^(0|1)(\.\d{1,4})?$")), load_default=None
    )
    # status
    any_of = fields.List(fields.String(), load_default=None)
    as_of = fields.String(load_default=None, validate=validate.OneOf(["reference_date", "jan1", "jan1_previous_year"]))
    held_months_min = fields.Integer(load_default=None, validate=validate.Range(min=1, max=600))
    # children, members
    max_age = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    min_age = fields.Integer(load_default=None, validate=validate.Range(min=0, max=130))
    relation = fields.String(load_default=None, validate=validate.OneOf(["child", "partner", "any"]))
    count_min = fields.Integer(load_default=None, validate=validate.Range(min=1, max=30))
    where = fields.Dict(keys=fields.String(), values=fields.Raw(), load_default=None)
    # student (a boolean), fact (any JSON value)
    value = fields.Raw(load_default=None)
    tenant_kind = fields.String(load_default=None, validate=validate.OneOf(["any", "private", "social"]))
    # any / not
    options = fields.List(
        fields.List(fields.Nested(lambda: ConditionSchema()), validate=validate.Length(min=1)),
        load_default=None,
        validate=validate.Length(min=1),
    )
    condition = fields.Nested(lambda: ConditionSchema(), load_default=None)
    # right
    right = fields.String(load_default=None, validate=validate.Regexp(ID_PATTERN))
    mode = fields.String(load_default=None, validate=validate.OneOf(["granted", "eligible"]))
    # fact
    fact = fields.String(load_default=None)
    op = fields.String(load_default=None, validate=validate.OneOf(FACT_OPS))
    # fact: "unknown" when only the listed values are sure and the deciding service checks the others
    when_not_met = fields.String(load_default=None, validate=validate.OneOf(["notMet", "unknown"]))
    # assessment
    key = fields.String(load_default=None, validate=validate.OneOf(ASSESSMENT_KEYS))

    @validates_schema
    def _parameters_fit_type(self, data, **_kwargs):  # noqa: C901 -- one check per rule of the vocabulary
        kind = data.get("type")
        allowed = ALLOWED.get(kind, set())
        errors = {}
        for key, value in data.items():
            if key in {"type", "note", "source", "confidence"} or value in (None, "", []):
                continue
            if key not in allowed:
                errors[key] = [f"Not a parameter of a {kind} condition."]
        for key in REQUIRED.get(kind, []):
            if data.get(key) in (None, "", []):
                errors[key] = ["Missing data for required field."]
        if kind == "household_income":
            if data.get("parameter") is None and data.get("period") is None:
                errors["period"] = ["Missing data for required field."]
            if data.get("parameter") is not None and data.get("income_basis") not in INCOME_BASES:
                errors["income_basis"] = [f"With a parameter, income_basis is one of: {', '.join(INCOME_BASES)}."]
            if data.get("parameter") is not None and data.get("limits"):
                errors["limits"] = ["Give a parameter or inline limits, not both."]
        if kind == "age" and data.get("min") is None and data.get("max") is None and data.get("parameter") is None:
            errors["min"] = ["An age condition needs min, max, a parameter or more."]
        if kind == "age" and None not in (data.get("min"), data.get("max")) and data["min"] > data["max"]:
            errors["max"] = ["max is below min."]
        if kind == "student" and not isinstance(data.get("value"), bool):
            errors["value"] = ["A student condition's value is true or false."]
        if kind == "fact" and (data.get("value") is None) == (data.get("parameter") is None):
            errors["value"] = ["A fact condition gives a value or a parameter."]
        if kind == "fact" and data.get("op") == "in" and not isinstance(data.get("value"), list):
            errors["value"] = ["The op 'in' takes a list of values."]
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
    # the date the entry was really checked against its source; absent: never checked ("nooit gecontroleerd")
    last_reviewed = FlexDate(load_default=None, allow_none=True)
    requirements = fields.List(fields.Nested(RequirementSchema), load_default=list)
    procedures = fields.List(fields.Nested(ProcedureSchema), load_default=list)
    costs = fields.List(fields.Nested(TextBlockSchema), load_default=list)
    financial_advantages = fields.List(fields.Nested(TextBlockSchema), load_default=list)
    contact_points = fields.List(fields.Nested(ContactPointSchema), load_default=list)
    conditions = fields.List(fields.Nested(ConditionSchema), load_default=list)
    # rights check: statuses that grant this right automatically; "leefloon" = decided by the leefloon advice
    automatic_when = fields.List(fields.String(), load_default=list)
    engine = fields.String(load_default="", validate=validate.OneOf(["", "leefloon"]))
    # the text of the regulations the right is based on (LPDC regelgevingTekst); links in legal_resources
    # (these LPDC fields are absent from a document that does not give them, so documents written before
    # they existed keep their stored form and content hash)
    regulation = Text()
    # websites with more information (LPDC websites)
    websites = fields.List(fields.Nested(LinkSchema))
    # the right's own dated amounts (ids of catalog/parameters), shown with the figures its conditions use
    amounts = fields.List(fields.String(validate=validate.Length(min=1, max=100)))
    # texts in other languages, kept for later: {"en": {"title": ..., "description": ..., "keywords": [...]}}
    translations = fields.Dict(
        keys=fields.String(validate=validate.OneOf(["en", "fr", "de"])),
        values=fields.Nested(TranslationSchema),
    )
    # provenance of a right imported from LPDC/IPDC
    ipdc_concept = fields.Url(load_default=None, schemes={"https", "http"})
    lpdc_id = fields.Url(load_default=None, schemes={"https", "http"})
    lpdc_language = fields.String(load_default="", validate=validate.Length(max=40))
    # the organisations LPDC names (IRIs): competent and executing authorities, and who published it
    lpdc_authorities = fields.List(fields.Url(schemes={"https", "http"}))
    lpdc_executing_authorities = fields.List(fields.Url(schemes={"https", "http"}))
    lpdc_created_by = fields.Url(schemes={"https", "http"})
