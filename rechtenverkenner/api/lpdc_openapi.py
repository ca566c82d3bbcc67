"""The OpenAPI description of GET /municipalities/{nisCode}/lpdc: an LPDC feed page in JSON-LD."""

from __future__ import annotations

LPDC_FEED_PAGE = {
    "type": "object",
    "description": "A page of an LPDC instance-snapshot feed (LDES EventStream) in JSON-LD, keys as in the IPDC-LPDC "
    "implementation model (https://productencatalogus.data.vlaanderen.be/doc/implementatiemodel/ipdc-lpdc/).",
    "required": ["@context", "@id", "@type", "member"],
    "properties": {
        "@context": {
            "type": "array",
            "items": {"type": "object"},
            "description": "The IPDC-LPDC and LDES JSON-LD contexts, embedded.",
        },
        "@id": {"type": "string", "description": "The IRI of this page."},
        "@type": {"type": "string", "enum": ["EventStream"], "description": "Always EventStream."},
        "timestampPath": {"type": "string", "description": "The member property with the snapshot time."},
        "versionOfPath": {"type": "string", "description": "The member property naming the public service."},
        "member": {
            "type": "array",
            "description": "One InstantieSnapshot per local right (naam, beschrijving, voorwaarden, procedures, "
            "kosten, financieleVoordelen, regelgeving, websites, contactgegevens, zoektermen, codes, ...).",
            "items": {"type": "object"},
        },
    },
}


def operation(ex: dict, path_parameter, json_content, errors) -> dict:
    """The path item; the helpers are openapi.py's (_path_parameter, _json, _errors)."""
    _path_parameter, _json, _errors = path_parameter, json_content, errors
    return {
        "get": {
            "operationId": "getMunicipalityLpdc",
            "summary": "The municipality's local rights as LPDC instance snapshots (JSON-LD)",
            "description": "One page of an LPDC instance-snapshot feed (JSON-LD with the official IPDC-LPDC "
            "context embedded), valid against the model's SHACL shapes, so a city can push what it maintains "
            "here into the Flemish catalogue. The same document as `flask --app wsgi lpdc export "
            "--municipality NIS`. Flemish municipalities only (400 for another one).",
            "parameters": [
                _path_parameter(
                    "nisCode",
                    "NIS code of a current Flemish municipality.",
                    ex["getMunicipalityLpdc"]["path"]["nisCode"],
                )
            ],
            "responses": {
                "200": {
                    "description": "The feed page (example: the first member, the contexts shortened)",
                    "content": _json(LPDC_FEED_PAGE, ex["getMunicipalityLpdc"]["response"], "application/ld+json"),
                },
                **_errors(400, 404),
            },
        }
    }
