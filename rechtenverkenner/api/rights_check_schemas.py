"""Response schemas and OpenAPI operations of the rights check (POST /api/v1/rights-check and its batch).

The schemas describe the answer of services/rights_check.py (reference rights-check.md §B) property by
property; tests/api/test_openapi.py checks real answers against them and schemathesis fuzzes both
operations with response conformance, so a key added or retyped in the engine fails until this follows.
The request is the advice request (eligibility/request.py) with `municipality` required and the applicant
optional: `request_schema` derives it from the generated AdviceRequest component.
"""

from __future__ import annotations

import copy
from typing import Any

from marshmallow import fields, validate

from rechtenverkenner.eligibility.advice_schema import DumpSchema

ELIGIBILITY = ["yes", "no", "unknown"]


def _d(text: str, **extra: object) -> dict:
    """Field metadata: the OpenAPI description (and any other OpenAPI keyword)."""
    return {"description": text, **extra}


class CheckedConditionSchema(DumpSchema):
    """One machine-readable condition of a right, evaluated on the situation (rights check)."""

    status = fields.String(
        required=True,
        validate=validate.OneOf(["met", "notMet", "unknown"]),
        metadata=_d("met, notMet, or unknown (a fact is missing or a professional must judge)."),
    )
    text = fields.String(required=True, metadata=_d("Why, in one Dutch sentence."))
    source = fields.String(
        required=True, metadata=_d("Where the condition or its figure comes from (URL); may be empty.")
    )
    confidence = fields.String(
        required=True, metadata=_d("How well the figure is sourced: official, secondary, unconfirmed, ...")
    )
    valid_from = fields.String(
        data_key="validFrom",
        required=True,
        allow_none=True,
        metadata=_d("First day of the figure used (YYYY-MM-DD); null when the condition has no dated figure."),
    )


class RightVerdictSchema(DumpSchema):
    """The verdict on one right in scope of the municipality (or of another region: then `no`)."""

    id = fields.String(required=True, metadata=_d("Id of the right (a local version has its own id)."))
    concept = fields.String(required=True, metadata=_d("Id of the right's concept; the id itself for a concept."))
    title = fields.String(required=True, metadata=_d("Title of the right, in Dutch."))
    eligibility = fields.String(
        required=True,
        validate=validate.OneOf(ELIGIBILITY),
        metadata=_d("yes (every condition met), no (a condition not met) or unknown (a fact is missing)."),
    )
    why = fields.String(required=True, metadata=_d("Why, in one Dutch sentence."))
    automatic = fields.Boolean(required=True, metadata=_d("The right follows automatically from a status held."))
    conditions = fields.List(
        fields.Nested(CheckedConditionSchema), required=True, metadata=_d("Each condition with its outcome.")
    )
    missing_facts = fields.List(
        fields.String(),
        data_key="missingFacts",
        required=True,
        metadata=_d("JSON paths of the request that would decide an unknown verdict, e.g. housing.heating."),
    )
    depends_on = fields.List(
        fields.String(), data_key="dependsOn", required=True, metadata=_d("Ids of the rights this right follows from.")
    )
    how_to_apply = fields.String(
        data_key="howToApply", required=True, metadata=_d("How to apply, in Dutch; may be empty.")
    )
    url = fields.String(required=True, metadata=_d("Path of the right's page on this site."))


class QuestionSchema(DumpSchema):
    """A missing fact, with how many rights it would decide ("next best question")."""

    fact = fields.String(required=True, metadata=_d("JSON path of the fact in the request."))
    label = fields.String(required=True, metadata=_d("The question's label, in Dutch."))
    decides = fields.Integer(required=True, metadata=_d("Number of rights whose verdict waits on this fact."))


class RightsCheckSchema(DumpSchema):
    """Every right in scope of the municipality: yes, no or unknown, why, and the questions still to ask."""

    reference_date = fields.Date(data_key="referenceDate", required=True, metadata=_d("The day the check is about."))
    municipality = fields.String(
        required=True, metadata=_d("NIS code of the municipality (a code merged in 2025 is read as the new one).")
    )
    rights = fields.List(
        fields.Nested(RightVerdictSchema),
        required=True,
        metadata=_d("A verdict per right in scope, by title, then the concepts of another region or province."),
    )
    questions = fields.List(
        fields.Nested(QuestionSchema),
        required=True,
        metadata=_d("The missing facts, ordered by how many rights each would decide."),
    )


class RightsCheckBatchSchema(DumpSchema):
    """The answers of a rights-check batch, in the order of the requests."""

    items = fields.List(
        fields.Raw(
            metadata=_d(
                "A rights check, or the problem of that one request (400; 500 when it could not be computed).",
                oneOf=[{"$ref": "#/components/schemas/RightsCheck"}, {"$ref": "#/components/schemas/Problem"}],
            )
        ),
        required=True,
        metadata=_d("An answer per request, in the same order."),
    )
    total = fields.Integer(required=True, metadata=_d("Number of items."))


SCHEMAS = (CheckedConditionSchema, RightVerdictSchema, QuestionSchema, RightsCheckSchema, RightsCheckBatchSchema)


def request_schema(advice_request: dict, municipalities: list[str] | None = None) -> dict:
    """The RightsCheckRequest component: the advice request with `municipality` required (one of the codes
    given, when given), the applicant optional."""
    schema = copy.deepcopy(advice_request)
    schema["required"] = ["referenceDate", "municipality"]
    schema["description"] = (
        "The client situation on a reference date (reference rights-check.md §A): the same document as the "
        "leefloon advice, with the municipality required. An absent fact is unknown, never false."
    )
    municipality = schema["properties"]["municipality"]
    municipality.pop("nullable", None)
    municipality.pop("default", None)
    municipality["description"] = (
        "NIS code of the domicile (REFNIS 2025); a code merged in 2025 is read as the new one. "
        "An unknown code is a 400."
    )
    if municipalities:
        municipality["enum"] = list(municipalities)
    schema["properties"]["applicant"]["description"] = "The client; absent: every fact of the client is unknown."
    return schema


def operations(ex: dict, errors: dict, max_batch: int, json_content: Any) -> dict[str, dict]:
    """The two operations of the rights check, with their real examples (ex: the captured examples)."""
    bearer = [{"apiKey": []}]
    return {
        "/rights-check": {
            "post": {
                "operationId": "checkRights",
                "summary": "Which rights may this client have, which not and why, and what is still to ask",
                "description": "Nothing of the situation is stored or logged; the log keeps the municipality and counts.",
                "security": bearer,
                "requestBody": {
                    "required": True,
                    "description": "A client situation (reference rights-check.md §A)",
                    "content": json_content("RightsCheckRequest", ex["checkRights"]["request"]),
                },
                "responses": {
                    "200": {
                        "description": "A verdict per right and the next best questions",
                        "content": json_content("RightsCheck", ex["checkRights"]["response"]),
                    },
                    **errors,
                },
            }
        },
        "/rights-check/batch": {
            "post": {
                "operationId": "checkRightsBatch",
                "summary": f"Up to {max_batch} rights checks; answers in the same order, a bad request gets its "
                "own problem",
                "security": bearer,
                "requestBody": {
                    "required": True,
                    "description": "A JSON array of client situations",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "array",
                                "maxItems": max_batch,
                                "items": {"$ref": "#/components/schemas/RightsCheckRequest"},
                            },
                            "example": ex["checkRightsBatch"]["request"],
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "A rights check or a problem per request",
                        "content": json_content("RightsCheckBatch", ex["checkRightsBatch"]["response"]),
                    },
                    **errors,
                },
            }
        },
    }
