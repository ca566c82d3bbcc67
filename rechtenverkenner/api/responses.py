"""Response schemas of /api/v1 (marshmallow, dump only): rights, municipalities, status, parameters, problems.

They describe the JSON the views return today, property by property, and generate the OpenAPI
document (api/openapi.py); tests/api/test_openapi.py checks real answers against them, so a key
added, removed or retyped in a view fails the tests until the schema follows. The advice has its own
schema module, rechtenverkenner/eligibility/advice_schema.py.
"""

from __future__ import annotations

from marshmallow import fields, validate

from rechtenverkenner.eligibility.advice_schema import DumpSchema, LegalBasisSchema


def _d(text: str, **extra: object) -> dict:
    """Field metadata: the OpenAPI description (and any other OpenAPI keyword)."""
    return {"description": text, **extra}


# --- problems ------------------------------------------------------------------------------------


class ProblemIssueSchema(DumpSchema):
    """One problem of the input, with where it is."""

    type = fields.String(
        required=True, metadata=_d("Kind of issue: urn:problem-type:belgif:input-validation:schemaViolation.")
    )
    in_ = fields.String(
        data_key="in",
        required=True,
        validate=validate.OneOf(["body", "query", "path", "header"]),
        metadata=_d("Where the input is: body, query, path or header."),
    )
    name = fields.String(
        required=True,
        metadata=_d(
            "The parameter, or a JSON path into the body such as $.applicant.incomes[0].amount ($[i] in a batch)."
        ),
    )
    value = fields.Raw(allow_none=True, metadata=_d("The value given, when it helps (absent for body fields)."))
    detail = fields.String(required=True, metadata=_d("What is wrong, in the language of Accept-Language."))
    detail_nl = fields.String(data_key="detailNl", required=True, metadata=_d("What is wrong, in Dutch."))
    detail_en = fields.String(data_key="detailEn", required=True, metadata=_d("What is wrong, in English."))


class ProblemSchema(DumpSchema):
    """An RFC 9457 problem in the Belgif style (media type application/problem+json)."""

    type = fields.String(required=True, metadata=_d("Problem type URN, e.g. urn:problem-type:belgif:badRequest."))
    href = fields.Url(required=True, metadata=_d("Page that documents the problem type."))
    title = fields.String(required=True, metadata=_d("Short name of the problem type, in the language asked."))
    status = fields.Integer(required=True, metadata=_d("The HTTP status code."))
    detail = fields.String(required=True, metadata=_d("What went wrong, in the language of Accept-Language."))
    detail_nl = fields.String(data_key="detailNl", required=True, metadata=_d("What went wrong, in Dutch."))
    detail_en = fields.String(data_key="detailEn", required=True, metadata=_d("What went wrong, in English."))
    instance = fields.String(required=True, metadata=_d("The path of the request that failed."))
    issues = fields.List(
        fields.Nested(ProblemIssueSchema),
        metadata=_d("Every problem of the input (400 and 422); absent for other problems."),
    )


# --- municipalities ------------------------------------------------------------------------------


class PlaceSchema(DumpSchema):
    """A municipality or province by NIS code and name."""

    nis_code = fields.String(data_key="nisCode", required=True, metadata=_d("NIS (REFNIS) code.", example="44021"))
    name = fields.String(required=True, metadata=_d("Dutch name."))


class MunicipalitySchema(DumpSchema):
    """A municipality of Flanders or Brussels (REFNIS 2025)."""

    nis_code = fields.String(data_key="nisCode", required=True, metadata=_d("NIS code, five digits.", example="44021"))
    name = fields.String(required=True, metadata=_d("Dutch name."))
    name_fr = fields.String(data_key="nameFr", required=True, metadata=_d("French name."))
    province = fields.Nested(
        PlaceSchema, required=True, allow_none=True, metadata=_d("The province; null for the Brussels municipalities.")
    )
    region = fields.String(
        required=True,
        validate=validate.OneOf(["VLG", "BHG"]),
        metadata=_d("VLG Flemish Region, BHG Brussels-Capital Region."),
    )
    replaces = fields.List(
        fields.Nested(PlaceSchema),
        required=True,
        metadata=_d("Former municipalities merged into this one (1 January 2025); their codes are still accepted."),
    )


class MunicipalityCollectionSchema(DumpSchema):
    """Municipalities matching the query, by name."""

    self_link = fields.Url(data_key="self", required=True, metadata=_d("This collection's URL."))
    items = fields.List(fields.Nested(MunicipalitySchema), required=True, metadata=_d("The municipalities, by name."))
    total = fields.Integer(required=True, metadata=_d("Number of items."))


# --- status and leefloon parameters --------------------------------------------------------------


class StatusSchema(DumpSchema):
    """Liveness and the rules version in use (no database access)."""

    status = fields.String(required=True, validate=validate.OneOf(["ok"]), metadata=_d("ok when the API answers."))
    rules_version = fields.String(data_key="rulesVersion", required=True, metadata=_d("Version of the leefloon rules."))


class ParameterValueSchema(DumpSchema):
    """A value of a parameter from a date on."""

    from_ = fields.Date(data_key="from", required=True, metadata=_d("First day the value applies."))
    value = fields.String(required=True, metadata=_d("The value as a string, exact (e.g. an amount or a date)."))
    confidence = fields.String(
        required=True,
        validate=validate.OneOf(["CONFIRMED", "DERIVED", "CORROBORATED-CODE", "UNCONFIRMED"]),
        metadata=_d("How well the value is sourced; the advice warns for CORROBORATED-CODE and UNCONFIRMED."),
    )
    source = fields.Url(required=True, metadata=_d("Where the value comes from."))
    note = fields.String(required=True, metadata=_d("How the value was derived; may be empty."))


class LeefloonParameterSchema(DumpSchema):
    """A legal parameter of the leefloon with its dated history."""

    id = fields.String(required=True, metadata=_d("Id of the parameter in rules/leefloon."))
    description = fields.String(required=True, metadata=_d("What the parameter is, in Dutch."))
    unit = fields.String(required=True, metadata=_d("Unit, in Dutch: EUR/jaar, EUR/maand, EUR, fractie, dagen, ..."))
    reference = fields.Nested(LegalBasisSchema, required=True, metadata=_d("The legal basis of the parameter."))
    values = fields.List(
        fields.Nested(ParameterValueSchema),
        required=True,
        metadata=_d("Every value with the date it applies from, oldest first."),
    )


class LeefloonParametersSchema(DumpSchema):
    """Every leefloon parameter with its dated values, sources and confidence labels."""

    rules_version = fields.String(data_key="rulesVersion", required=True, metadata=_d("Version of the leefloon rules."))
    modelled_from = fields.Date(
        data_key="modelledFrom",
        required=True,
        metadata=_d("First reference date the rules model; an earlier one gives 422."),
    )
    items = fields.List(fields.Nested(LeefloonParameterSchema), required=True, metadata=_d("The parameters."))


class AdviceBatchSchema(DumpSchema):
    """The answers of a batch, in the order of the requests."""

    items = fields.List(
        fields.Raw(
            metadata=_d(
                "An advice, or the problem of that one request (400 or 422).",
                oneOf=[{"$ref": "#/components/schemas/Advice"}, {"$ref": "#/components/schemas/Problem"}],
            )
        ),
        required=True,
        metadata=_d("An answer per request, in the same order."),
    )
    total = fields.Integer(required=True, metadata=_d("Number of items."))
