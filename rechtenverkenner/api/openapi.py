"""The OpenAPI 3 document of /api/v1."""

from rechtenverkenner import __version__

FACET_PARAMS = {
    "theme": "Theme code (IPDC/LPDC Thema), e.g. WelzijnGezondheid. Repeat or comma-separate for several (OR).",
    "targetAudience": "Target audience code (IPDC/LPDC Doelgroep), e.g. Burger.",
    "lifeSituation": "Life situation ('voor wie'), e.g. laag-inkomen, alleenstaande-ouder, 65-plus.",
    "level": "Level of government: european, federal, flemish, provincial, local.",
    "type": "Product type code (IPDC/LPDC Type), e.g. FinancieelVoordeel.",
}


def _problem_ref():
    return {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def openapi_document(max_page_size: int) -> dict:
    params = [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200},
         "description": "Search words in Dutch; stemming, accents, synonyms and typos are handled."},
        {"name": "municipality", "in": "query", "schema": {"type": "string", "pattern": "^\\d{5}$"},
         "description": "NIS code of the client's municipality: federal, Flemish or Brussels, provincial and that municipality's rights. A code merged in 2025 is read as the new municipality."},
    ]
    params += [
        {"name": name, "in": "query", "style": "form", "explode": True,
         "schema": {"type": "array", "items": {"type": "string"}}, "description": text}
        for name, text in FACET_PARAMS.items()
    ]
    params += [
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {"name": "pageSize", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": max_page_size, "default": 20}},
    ]
    link = {"type": "string", "format": "uri"}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Rechtenverkenner API",
            "version": __version__,
            "description": "Social rights for Flemish and Brussels municipalities (IPDC/LPDC model) in the Belgif REST style. Errors are RFC 9457 problem details; `detail` follows Accept-Language (nl or en).",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/rights": {
                "get": {
                    "operationId": "listRights",
                    "summary": "Search rights",
                    "parameters": params,
                    "responses": {
                        "200": {"description": "A page of rights with facet counts",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RightCollection"}}}},
                        "400": {"description": "Bad parameter", "content": _problem_ref()},
                    },
                }
            },
            "/rights/{rightId}": {
                "get": {
                    "operationId": "getRight",
                    "summary": "One right with its conditions, procedures, costs and contact points",
                    "parameters": [{"name": "rightId", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "The right", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Right"}}}},
                        "404": {"description": "No such right", "content": _problem_ref()},
                    },
                }
            },
            "/leefloon/advice": {
                "post": {
                    "operationId": "adviseLeefloon",
                    "summary": "An explainable leefloon advice for one client situation",
                    "security": [{"apiKey": []}],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AdviceRequest"}}}},
                    "responses": {
                        "200": {"description": "The advice; header X-Rules-Version carries the rules version",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Advice"}}}},
                        "400": {"description": "Invalid request: every problem with its JSON path", "content": _problem_ref()},
                        "401": {"description": "Missing or invalid API key", "content": _problem_ref()},
                        "422": {"description": "Reference date before the first modelled date (2020-01-01)", "content": _problem_ref()},
                    },
                }
            },
            "/leefloon/advice/batch": {
                "post": {
                    "operationId": "adviseLeefloonBatch",
                    "summary": "Up to 1,000 advice requests; answers in the same order, a bad request gets its own problem",
                    "security": [{"apiKey": []}],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": {
                        "type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/AdviceRequest"}}}}},
                    "responses": {
                        "200": {"description": "items: an advice or a problem per request", "content": {"application/json": {"schema": {
                            "type": "object", "properties": {"total": {"type": "integer"}, "items": {"type": "array", "items": {
                                "oneOf": [{"$ref": "#/components/schemas/Advice"}, {"$ref": "#/components/schemas/Problem"}]}}}}}}},
                        "400": {"description": "Not a JSON array of at most 1,000 requests", "content": _problem_ref()},
                        "401": {"description": "Missing or invalid API key", "content": _problem_ref()},
                    },
                }
            },
            "/leefloon/parameters": {
                "get": {
                    "operationId": "listLeefloonParameters",
                    "summary": "Every leefloon parameter with its dated values, sources and confidence labels",
                    "responses": {"200": {"description": "The parameters", "content": {"application/json": {"schema": {"type": "object"}}}}},
                }
            },
            "/municipalities": {
                "get": {
                    "operationId": "listMunicipalities",
                    "summary": "Municipalities of Flanders and Brussels (REFNIS 2025)",
                    "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Part of the name, or a NIS code"}],
                    "responses": {
                        "200": {"description": "Municipalities", "content": {"application/json": {"schema": {
                            "type": "object", "properties": {
                                "self": link, "total": {"type": "integer"},
                                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Municipality"}}}}}}},
                        "400": {"description": "Bad parameter", "content": _problem_ref()},
                    },
                }
            },
            "/municipalities/{nisCode}": {
                "get": {
                    "operationId": "getMunicipality",
                    "summary": "One municipality",
                    "parameters": [{"name": "nisCode", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "The municipality", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Municipality"}}}},
                        "404": {"description": "Unknown code", "content": _problem_ref()},
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer",
                                           "description": "An API key created with `flask --app wsgi apikey create`."}},
            "schemas": {
                "AdviceRequest": advice_request_schema(),
                "Advice": advice_response_schema(),
                "Problem": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"}, "href": link, "title": {"type": "string"},
                        "status": {"type": "integer"}, "detail": {"type": "string"},
                        "detailNl": {"type": "string"}, "detailEn": {"type": "string"},
                        "instance": {"type": "string"},
                        "issues": {"type": "array", "items": {"type": "object", "properties": {
                            "type": {"type": "string"}, "in": {"type": "string"}, "name": {"type": "string"},
                            "value": {}, "detail": {"type": "string"}, "detailNl": {"type": "string"},
                            "detailEn": {"type": "string"}}}},
                    },
                },
                "Municipality": {
                    "type": "object",
                    "properties": {
                        "nisCode": {"type": "string"}, "name": {"type": "string"}, "nameFr": {"type": "string"},
                        "province": {"type": "object", "nullable": True, "properties": {"nisCode": {"type": "string"}, "name": {"type": "string"}}},
                        "region": {"type": "string", "enum": ["VLG", "BHG"]},
                        "replaces": {"type": "array", "items": {"type": "object", "properties": {"nisCode": {"type": "string"}, "name": {"type": "string"}}}},
                    },
                },
                "FacetValue": {
                    "type": "object",
                    "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                                   "count": {"type": "integer"}, "selected": {"type": "boolean"}},
                },
                "RightSummary": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"}, "href": link, "kind": {"type": "string", "enum": ["concept", "instance"]},
                        "title": {"type": "string"}, "summary": {"type": "string"},
                        "level": {"type": "string"}, "levelLabel": {"type": "string"},
                        "conditional": {"type": "boolean", "description": "true when the right depends on conditions"},
                        "type": {"type": "string"}, "typeLabel": {"type": "string"},
                        "themes": {"type": "array", "items": {"type": "string"}},
                        "lifeSituations": {"type": "array", "items": {"type": "string"}},
                        "municipality": {"type": "object", "nullable": True},
                        "spatial": {"type": "array", "items": {"type": "object"}},
                        "linkedConcept": {"type": "string", "nullable": True},
                        "lastReviewed": {"type": "string", "format": "date"},
                    },
                },
                "RightCollection": {
                    "type": "object",
                    "properties": {
                        "self": link, "first": link, "last": link, "prev": link, "next": link,
                        "total": {"type": "integer"}, "page": {"type": "integer"}, "pageSize": {"type": "integer"},
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/RightSummary"}},
                        "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}},
                        "municipality": {"type": "object", "nullable": True},
                    },
                },
                "Right": {
                    "allOf": [
                        {"$ref": "#/components/schemas/RightSummary"},
                        {"type": "object", "properties": {
                            "description": {"type": "string"}, "additionalDescription": {"type": "string"},
                            "exceptions": {"type": "string"},
                            "requirements": {"type": "array", "items": {"type": "object"}},
                            "procedures": {"type": "array", "items": {"type": "object"}},
                            "costs": {"type": "array", "items": {"type": "object"}},
                            "financialAdvantages": {"type": "array", "items": {"type": "object"}},
                            "contactPoints": {"type": "array", "items": {"type": "object"}},
                            "conditions": {"type": "array", "items": {"type": "object", "properties": {
                                "type": {"type": "string"}, "parameters": {"type": "object"},
                                "text": {"type": "string"}, "note": {"type": "string"}, "source": {"type": "string", "nullable": True}}}},
                            "legalResources": {"type": "array", "items": {"type": "object"}},
                            "sourceUrl": link,
                            "related": {"type": "array", "items": {"type": "object"}},
                            "localVersions": {"type": "array", "items": {"type": "object"}},
                        }},
                    ]
                },
            }
        },
    }


def _enum(values):
    return {"type": "string", "enum": values}


def advice_request_schema() -> dict:
    from rechtenverkenner.eligibility.request import INCOME_TYPES, RELATIONS, RESIDENCE_STATUSES, WILLINGNESS

    money = {"type": "number", "minimum": 0, "multipleOf": 0.01}
    income = {"type": "object", "required": ["type", "amount", "period"], "additionalProperties": False, "properties": {
        "type": _enum(INCOME_TYPES), "amount": money, "period": _enum(["month", "year"]),
        "startedWhileBeneficiary": {"type": "boolean"}}}
    estate = {"type": "object", "required": ["kind", "cadastralIncome"], "additionalProperties": False, "properties": {
        "kind": _enum(["built", "unbuilt"]), "cadastralIncome": money, "ownership": _enum(["full", "usufruct", "bareOwnership"]),
        "share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}, "ownHome": {"type": "boolean"},
        "mortgageInterestYearly": money, "rentedOut": {"type": "boolean"}}}
    person = {"birthDate": {"type": "string", "format": "date"}, "age": {"type": "integer", "minimum": 0, "maximum": 125},
              "married": {"type": "boolean"}, "incomes": {"type": "array", "items": income}, "movableCapital": money,
              "realEstate": {"type": "array", "items": estate}}
    applicant = {"type": "object", "additionalProperties": False, "properties": {
        **person, "residenceStatus": _enum(RESIDENCE_STATUSES), "euResidenceStartDate": {"type": "string", "format": "date"},
        "euWorkerOrSelfEmployed": {"type": "boolean"}, "actualResidenceInBelgium": {"type": "boolean"},
        "homeless": {"type": "boolean"}, "pregnant": {"type": "boolean"}, "fullTimeStudent": {"type": "boolean"},
        "piisSigned": {"type": "boolean"}, "willingnessToWork": _enum(WILLINGNESS),
        "unclaimedBenefits": {"type": "array", "items": _enum(INCOME_TYPES)}, "sharesHousehold": {"type": "boolean"},
        "familyAllowanceRecipient": {"type": "boolean"}, "spiDaysUsed": {"type": "integer", "minimum": 0},
        "propertyTransfers": {"type": "array", "items": {"type": "object", "required": ["date", "value", "forValue"], "properties": {
            "date": {"type": "string", "format": "date"}, "value": money, "forValue": {"type": "boolean"}}}}}}
    member = {"type": "object", "required": ["relation"], "additionalProperties": False, "properties": {
        **person, "relation": _enum(RELATIONS), "alsoApplies": {"type": "boolean"}, "activationJob": {"type": "boolean"},
        "hostedDaysInMonth": {"type": "integer", "minimum": 0, "maximum": 31}}}
    return {"type": "object", "required": ["referenceDate", "applicant"], "additionalProperties": False, "properties": {
        "referenceDate": {"type": "string", "format": "date"}, "applicationDate": {"type": "string", "format": "date"},
        "rightStartDate": {"type": "string", "format": "date"}, "applicant": applicant,
        "householdMembers": {"type": "array", "items": member}}}


def advice_response_schema() -> dict:
    amount = {"type": "number"}
    basis = {"type": "object", "properties": {"label": {"type": "string"}, "url": {"type": "string", "format": "uri"}}}
    return {"type": "object", "properties": {
        "adviceId": {"type": "string", "format": "uuid"}, "referenceDate": {"type": "string", "format": "date"},
        "applicationDate": {"type": "string", "format": "date"}, "rulesVersion": {"type": "string"},
        "outcome": _enum(["grant", "refuse", "review"]), "category": {"type": "integer", "enum": [1, 2, 3]},
        "amounts": {"type": "object", "properties": {k: amount for k in (
            "categoryAmountYearly", "countableResourcesYearly", "generalExemptionYearly", "leefloonYearly",
            "leefloonMonthly", "firstMonthAmount")}},
        "conditions": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "label": {"type": "string"}, "status": _enum(["met", "notMet", "unknown", "review"]),
            "legalBasis": basis, "explanation": {"type": "string"}}}},
        "resources": {"type": "array", "items": {"type": "object", "properties": {
            "person": {"type": "string"}, "type": {"type": "string"}, "yearlyAmount": amount, "countedYearly": amount,
            "exemptedYearly": amount, "rule": {"type": "string"}, "legalBasis": basis, "explanation": {"type": "string"}}}},
        "variants": {"type": "array", "items": {"type": "object", "properties": {
            "label": {"type": "string"}, "assumption": {"type": "string"}, "amounts": {"type": "object"}}}},
        "reviewReasons": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "explanation": {"type": "string"}}}},
        "missingFacts": {"type": "array", "items": {"type": "string"}},
        "warnings": {"type": "array", "items": {"type": "string"}},
        "explanation": {"type": "array", "items": {"type": "string"}},
        "motivation": {"type": "string"},
    }}
