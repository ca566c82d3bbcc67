"""The OpenAPI 3 document of /api/v1, generated with apispec from the marshmallow schemas of the contract.

Request schemas: eligibility/request.py (advice) and api/schemas.py (rights query); response schemas:
api/responses.py, eligibility/advice_schema.py and api/rights_check_schemas.py (with the rights-check operations). Examples are real requests and answers, captured
by `python -m tests.api.capture_examples` into api/examples/examples.json. The document is built once
per app, on first use, and kept in app.extensions["openapi"]; nothing is built at import time.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import simplejson
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app
from marshmallow import Schema, fields

from rechtenverkenner import __version__
from rechtenverkenner.api import lpdc_openapi, responses, right_schemas, rights_check_schemas
from rechtenverkenner.api.schemas import rights_query_schema
from rechtenverkenner.eligibility import request as advice_request
from rechtenverkenner.eligibility.advice_schema import AdviceSchema
from rechtenverkenner.services.rights_check import MAX_BATCH

OPENAPI_VERSION = "3.0.3"
JSON = "application/json"
PROBLEM = "application/problem+json"
EXAMPLES = Path(__file__).with_name("examples") / "examples.json"
DESCRIPTION = (
    "Social rights for Flemish and Brussels municipalities (IPDC/LPDC model) and an explainable leefloon "
    "advice, in the Belgif REST style. Errors are RFC 9457 problem details (application/problem+json); "
    "`detail` follows Accept-Language (nl or en), `detailNl` and `detailEn` are always present. JSON numbers "
    "are exact: amounts are read and written as decimals with at most two decimals."
)
SCHEMA_TEXTS = {  # component schemas without a docstring of their own (the request schemas)
    "AdviceRequest": "The client situation on a reference date: the applicant and the household.",
    "Applicant": "The person who applies for the leefloon. Unknown facts may be left out: the advice says "
    "which missing facts leave it open.",
    "Member": "Someone living with the applicant.",
    "Income": "An income of a person.",
    "RealEstate": "Real estate a person owns (in part).",
    "Transfer": "Property given away or sold before the application.",
}


def openapi_document(max_page_size: int | None = None) -> dict:
    """The document of the current app: built on first use, then kept in app.extensions["openapi"]."""
    app = current_app
    document = app.extensions.get("openapi")
    if document is None:
        geography = app.extensions["catalogue"].codelists.geography
        codes = sorted({*geography.municipalities, *geography.former})
        document = build_document(max_page_size or app.config["MAX_PAGE_SIZE"], app.config["MAX_CONTENT_LENGTH"], codes)
        app.extensions["openapi"] = document
    return document


@cache
def _examples() -> dict:
    return json.loads(EXAMPLES.read_text(encoding="utf-8"))


def _name(schema: type[Schema] | Schema) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    return cls.__name__.removesuffix("Schema")


def _money_two_decimals(self: Any, field: fields.Field, **_kwargs: Any) -> dict:
    """Request amounts take at most two decimals (the Money field of eligibility/request.py).

    Said as `format: decimal` with `x-maxDecimalPlaces`, not as `multipleOf: 0.01`: validators that check
    multipleOf in binary floating point reject many valid amounts with cents, so clients would refuse them."""
    if not isinstance(field, advice_request.Money):
        return {}
    return {"format": "decimal", "x-maxDecimalPlaces": 2}


def _json(schema: str, example: Any = None, media: str = JSON) -> dict:
    content: dict = {"schema": schema}
    if example is not None:
        content["example"] = example
    return {media: content}


def _problem(description: str, example: dict | None = None, **extra: Any) -> dict:
    return {"description": description, "content": _json("Problem", example, PROBLEM), **extra}


def _responses(max_content_length: int) -> dict:
    problems = _examples()["problems"]
    return {
        "BadRequest": _problem(
            "The input is not valid: `issues` names every problem, with a JSON path for the body.", problems["400"]
        ),
        "Unauthorized": _problem(
            "Missing, unknown or revoked API key.",
            problems["401"],
            headers={
                "WWW-Authenticate": {"description": 'Bearer realm="rechtenverkenner"', "schema": {"type": "string"}}
            },
        ),
        "NotFound": _problem("No such resource.", problems["404"]),
        "PayloadTooLarge": _problem(
            f"The body is larger than {max_content_length} bytes (MAX_CONTENT_LENGTH), or a batch answer would be "
            "larger than MAX_BATCH_RESPONSE_BYTES (32 MiB by default): send fewer requests per batch."
        ),
        "NotModelled": _problem(
            "The reference date lies before the first date the leefloon rules model; "
            "`modelledFrom` of /leefloon/parameters gives that date.",
            problems["422"],
        ),
        "TooManyRequests": _problem(
            "A rate limit is reached: wait the seconds of `Retry-After` before asking again. The advice and "
            "rights-check operations allow each API key API_KEY_LIMIT requests (1,200 a minute by default; a "
            "batch counts as one request), counted together by every instance of the service.",
            headers={
                "Retry-After": {
                    "description": "Seconds until the next request is accepted.",
                    "schema": {"type": "integer", "minimum": 1},
                }
            },
        ),
    }


def _errors(*codes: int) -> dict:
    names = {
        400: "BadRequest",
        401: "Unauthorized",
        404: "NotFound",
        413: "PayloadTooLarge",
        422: "NotModelled",
        429: "TooManyRequests",
    }
    return {str(code): names[code] for code in (*codes, 429)}


def _path_parameter(name: str, description: str, example: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
        "example": example,
    }


def _operations(max_page_size: int) -> dict[str, dict]:
    ex = _examples()
    version = {"X-Rules-Version": {"description": "Version of the leefloon rules used.", "schema": {"type": "string"}}}
    bearer = [{"apiKey": []}]
    return {
        "/rights": {
            "get": {
                "operationId": "listRights",
                "summary": "Search rights",
                "description": "Search words, a municipality and facet filters; facet counts are disjunctive.",
                "parameters": [{"in": "query", "schema": rights_query_schema(max_page_size)}],
                "responses": {
                    "200": {
                        "description": "A page of rights with facet counts and paging links",
                        "content": _json("RightCollection", ex["listRights"]["response"]),
                    },
                    **_errors(400),
                },
            }
        },
        "/rights/{rightId}": {
            "get": {
                "operationId": "getRight",
                "summary": "One right with its conditions, procedures, costs and contact points",
                "parameters": [_path_parameter("rightId", "Id of the right.", ex["getRight"]["path"]["rightId"])],
                "responses": {
                    "200": {"description": "The right", "content": _json("Right", ex["getRight"]["response"])},
                    **_errors(404),
                },
            }
        },
        "/municipalities": {
            "get": {
                "operationId": "listMunicipalities",
                "summary": "Municipalities of Flanders and Brussels (REFNIS 2025)",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "schema": {"type": "string"},
                        "example": "gent",
                        "description": "Part of the Dutch or French name, or a NIS code (first 100 characters).",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The municipalities, by name",
                        "content": _json("MunicipalityCollection", ex["listMunicipalities"]["response"]),
                    },
                    **_errors(400),
                },
            }
        },
        "/municipalities/{nisCode}": {
            "get": {
                "operationId": "getMunicipality",
                "summary": "One municipality",
                "parameters": [
                    _path_parameter(
                        "nisCode", "NIS code of a current municipality.", ex["getMunicipality"]["path"]["nisCode"]
                    )
                ],
                "responses": {
                    "200": {
                        "description": "The municipality",
                        "content": _json("Municipality", ex["getMunicipality"]["response"]),
                    },
                    **_errors(404),
                },
            }
        },
        "/municipalities/{nisCode}/lpdc": lpdc_openapi.operation(ex, _path_parameter, _json, _errors),
        "/status": {
            "get": {
                "operationId": "getStatus",
                "summary": "Liveness and the rules version (no database access)",
                "responses": {
                    "200": {"description": "The API answers", "content": _json("Status", ex["getStatus"]["response"])},
                    **_errors(),
                },
            }
        },
        "/leefloon/parameters": {
            "get": {
                "operationId": "listLeefloonParameters",
                "summary": "Every leefloon parameter with its dated values, sources and confidence labels",
                "responses": {
                    "200": {
                        "description": "The parameters (example: the first two, shortened)",
                        "content": _json("LeefloonParameters", ex["listLeefloonParameters"]["response"]),
                    },
                    **_errors(),
                },
            }
        },
        "/leefloon/advice": {
            "post": {
                "operationId": "adviseLeefloon",
                "summary": "An explainable leefloon advice for one client situation",
                "description": "Nothing of the situation is stored or logged; the log keeps the advice id and outcome.",
                "security": bearer,
                "requestBody": {
                    "required": True,
                    "description": f"A client situation (example: worked case {ex['adviseLeefloon']['case']})",
                    "content": _json("AdviceRequest", ex["adviseLeefloon"]["request"]),
                },
                "responses": {
                    "200": {
                        "description": "The advice",
                        "headers": version,
                        "content": _json("Advice", ex["adviseLeefloon"]["response"]),
                    },
                    **_errors(400, 401, 413, 422),
                },
            }
        },
        "/leefloon/advice/batch": {
            "post": {
                "operationId": "adviseLeefloonBatch",
                "summary": "Up to 1,000 advice requests; answers in the same order, a bad request gets its own problem",
                "security": bearer,
                "requestBody": {
                    "required": True,
                    "description": "A JSON array of client situations",
                    "content": {
                        JSON: {
                            "schema": {
                                "type": "array",
                                "maxItems": 1000,
                                "items": {"$ref": "#/components/schemas/AdviceRequest"},
                            },
                            "example": ex["adviseLeefloonBatch"]["request"],
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "An advice or a problem (400 or 422) per request",
                        "headers": version,
                        "content": _json("AdviceBatch", ex["adviseLeefloonBatch"]["response"]),
                    },
                    **_errors(400, 401, 413),
                },
            }
        },
        **rights_check_schemas.operations(ex, _errors(400, 401, 413), MAX_BATCH, _json),
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApiDocument",
                "summary": "This OpenAPI document",
                "responses": {
                    "200": {
                        "description": "The OpenAPI 3 document",
                        "content": {JSON: {"schema": {"type": "object", "description": "An OpenAPI 3.0 document."}}},
                    },
                    **_errors(),
                },
            }
        },
    }


def build_document(max_page_size: int, max_content_length: int, municipalities: list[str] | None = None) -> dict:
    """Generate the document from the schemas; plain JSON types only (numbers as int or float).
    `municipalities`: the NIS codes the rights check accepts (current and merged former ones), as an enum."""
    plugin = MarshmallowPlugin(schema_name_resolver=_name)
    spec = APISpec(
        title="Rechtenverkenner API",
        version=__version__,
        openapi_version=OPENAPI_VERSION,
        plugins=[plugin],
        info={"description": DESCRIPTION},
        servers=[{"url": "/api/v1"}],
    )
    plugin.converter.add_attribute_function(_money_two_decimals)
    spec.components.security_scheme(
        "apiKey",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key created with `flask --app wsgi apikey create <name>`.",
        },
    )
    for schema in (
        responses.ProblemSchema,
        AdviceSchema,
        advice_request.AdviceRequestSchema,  # nested ones first
        right_schemas.RightSchema,
        right_schemas.RightCollectionSchema,
        responses.MunicipalitySchema,
        responses.MunicipalityCollectionSchema,
        responses.StatusSchema,
        responses.LeefloonParametersSchema,
        responses.AdviceBatchSchema,
        *rights_check_schemas.SCHEMAS,
    ):
        spec.components.schema(_name(schema), schema=schema)
    advice_request_schema = spec.components.schemas[_name(advice_request.AdviceRequestSchema)]
    spec.components.schema(
        "RightsCheckRequest", rights_check_schemas.request_schema(advice_request_schema, municipalities)
    )
    for name, response in _responses(max_content_length).items():
        spec.components.response(name, response)
    for path, operations in _operations(max_page_size).items():
        spec.path(path=path, operations=operations)
    document = spec.to_dict()
    _null_only(document)
    _describe_schemas(document, plugin)
    _parameter_examples(document)
    return json.loads(simplejson.dumps(document, use_decimal=True))  # Decimal bounds become plain numbers


def _null_only(node: Any) -> None:
    """apispec writes a nullable nested object as anyOf [$ref, {type: object, nullable: true}], whose second
    branch takes any object; `enum: [null]` narrows it to null, so a non-null value must fit the $ref."""
    if isinstance(node, dict):
        for branch in node.get("anyOf", []):
            if branch == {"type": "object", "nullable": True}:
                branch["enum"] = [None]
        for value in node.values():
            _null_only(value)
    elif isinstance(node, list):
        for value in node:
            _null_only(value)


def _describe_schemas(document: dict, plugin: MarshmallowPlugin) -> None:
    """Each component schema gets the first paragraph of its class docstring as description."""
    schemas = document["components"]["schemas"]
    for key, name in plugin.converter.refs.items():
        text = (key[0].__doc__ or "").strip().split("\n\n")[0].replace("\n", " ").strip()
        text = SCHEMA_TEXTS.get(name) or text
        if text and name in schemas:
            schemas[name]["description"] = " ".join(text.split())


def _parameter_examples(document: dict) -> None:
    """Paging parameters last; the real search example gives its parameters an example; a query has no null."""
    values = dict(parse_qsl(_examples()["listRights"]["query"]))
    operation = document["paths"]["/rights"]["get"]
    operation["parameters"].sort(key=lambda p: p["name"] in ("page", "pageSize"))  # paging last, as before
    for parameter in operation["parameters"]:
        if parameter["schema"].pop("nullable", False):
            parameter["schema"].pop("default", None)
        if parameter["name"] in values and "example" not in parameter:
            value = values[parameter["name"]]
            parameter["example"] = int(value) if parameter["schema"].get("type") == "integer" else value
