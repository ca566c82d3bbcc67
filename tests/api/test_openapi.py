"""The generated OpenAPI document: it validates, describes everything, matches real answers and survives fuzzing."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.eligibility.test_worked_cases import CASES, as_json
from tests.rights.test_cases import CASES as RIGHTS_CASES

OPERATIONS = {
    ("get", "/rights"),
    ("get", "/rights/{rightId}"),
    ("get", "/municipalities"),
    ("get", "/municipalities/{nisCode}"),
    ("get", "/municipalities/{nisCode}/lpdc"),
    ("get", "/status"),
    ("get", "/leefloon/parameters"),
    ("get", "/openapi.json"),
    ("post", "/leefloon/advice"),
    ("post", "/leefloon/advice/batch"),
    ("post", "/rights-check"),
    ("post", "/rights-check/batch"),
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
FUZZ_EXAMPLES = 60  # per operation and generation mode (speed is measured in bench/, never asserted here)


def create_key(app) -> str:
    """A real API key, created by the service behind `flask apikey create`."""
    result = app.test_cli_runner().invoke(args=["apikey", "create", "openapi tests"])
    assert result.exit_code == 0
    return result.output.strip().splitlines()[-1]


@pytest.fixture
def key(app) -> str:
    return create_key(app)


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return json.loads(response.data)  # plain floats, as any client reads it


def conforms(document: dict, schema_name: str, instance) -> list[str]:
    """Every error of instance against a component schema, with the OpenAPI 3.0 semantics (nullable)."""
    validator = OAS30Validator({"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]})
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def walk(node, path="$"):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}[{index}]")


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


# --- the document ----------------------------------------------------------------------------------


def test_the_document_is_a_valid_openapi_3_0_document(document):
    assert document["openapi"] == "3.0.3"
    validate_spec(document)
    numeric = [p for p, n in walk(document) if isinstance(n, dict) and type(n.get("exclusiveMinimum")) in (int, float)]
    assert numeric == [], "a numeric exclusiveMinimum is OpenAPI 3.1, not 3.0"
    assert {(m, p) for m, p, _ in operations(document)} == OPERATIONS


def test_every_property_parameter_and_schema_has_a_description(document):
    undescribed = []
    for name, schema in document["components"]["schemas"].items():
        if not schema.get("description"):
            undescribed.append(name)
        undescribed += [
            f"{name}.{key}" for key, prop in schema.get("properties", {}).items() if not prop.get("description")
        ]
    for method, path, operation in operations(document):
        undescribed += [
            f"{method} {path} {p['name']}" for p in operation.get("parameters", []) if not p.get("description")
        ]
    assert undescribed == []


def test_every_operation_has_an_example_request_and_answer_and_its_problem_answers(document):
    responses = document["components"]["responses"]
    for method, path, operation in operations(document):
        if "requestBody" in operation:
            assert operation["requestBody"]["content"]["application/json"]["example"], path
        if path != "/openapi.json":
            content = operation["responses"]["200"]["content"]
            assert (content.get("application/json") or content["application/ld+json"])["example"], path
        codes = set(operation["responses"])
        assert "429" in codes, path
        if method == "post":
            assert {"400", "401", "413"} <= codes, path
            assert operation["security"] == [{"apiKey": []}]
        for code, response in operation["responses"].items():
            if code != "200":
                ref = response["$ref"].rsplit("/", 1)[-1]
                assert "application/problem+json" in responses[ref]["content"], (path, code)
    assert "422" in document["paths"]["/leefloon/advice"]["post"]["responses"]
    assert "8388608 bytes" in responses["PayloadTooLarge"]["description"]


def test_the_document_is_built_once_per_app_on_first_use(app, client):
    assert "openapi" not in app.extensions
    client.get("/api/v1/openapi.json")
    built = app.extensions["openapi"]
    client.get("/api/v1/docs")
    assert app.extensions["openapi"] is built


def test_the_docs_page_shows_every_operation_with_its_examples(client, document):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    for method, path, _operation in operations(document):
        assert f"{method.upper()} /api/v1{path}" in page
    assert page.count("Voorbeeldantwoord") == len(OPERATIONS) - 1 and "Voorbeeldaanvraag" in page
    assert "Missing, unknown or revoked API key." in page


# --- the examples and the real answers fit the schemas -----------------------------------------------


def test_the_examples_fit_their_schemas(document):
    for method, path, operation in operations(document):
        for code, response in operation["responses"].items():
            if "$ref" in response:
                response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
            for media in response.get("content", {}).values():
                if "example" in media and "$ref" in media["schema"]:
                    name = media["schema"]["$ref"].rsplit("/", 1)[-1]
                    assert conforms(document, name, media["example"]) == [], (method, path, code)
        if path == "/leefloon/advice":
            example = operation["requestBody"]["content"]["application/json"]["example"]
            assert conforms(document, "AdviceRequest", example) == []
        if path == "/rights-check":
            example = operation["requestBody"]["content"]["application/json"]["example"]
            assert conforms(document, "RightsCheckRequest", example) == []
            assert conforms(document, "AdviceRequest", example) == []  # the same document serves both


def test_the_example_requests_still_get_the_example_answers(client, key, document):
    headers = {"Authorization": f"Bearer {key}"}
    for path in ("/leefloon/advice", "/leefloon/advice/batch", "/rights-check", "/rights-check/batch"):
        operation = document["paths"][path]["post"]
        example = operation["responses"]["200"]["content"]["application/json"]["example"]
        body = operation["requestBody"]["content"]["application/json"]["example"]
        answer = json.loads(
            client.post(f"/api/v1{path}", data=json.dumps(body), content_type="application/json", headers=headers).data
        )
        for item in [*answer.get("items", [answer]), *example.get("items", [example])]:
            item.pop("adviceId", None)
        assert answer == example, f"regenerate with python -m tests.api.capture_examples ({path})"


def test_every_real_get_answer_conforms_to_its_schema(client, document):
    ids, page = [], 1
    while True:
        collection = json.loads(client.get(f"/api/v1/rights?pageSize=100&page={page}").data)
        assert conforms(document, "RightCollection", collection) == []
        ids += [item["id"] for item in collection["items"]]
        if "next" not in collection:
            break
        page += 1
    for query in (
        "q=leefloon&municipality=44021&pageSize=3&page=2",
        "q=huur&level=flemish,local&theme=BouwenWonen",
        "municipality=11007&lifeSituation=laag-inkomen",
    ):
        assert conforms(document, "RightCollection", json.loads(client.get(f"/api/v1/rights?{query}").data)) == []
    for right_id in ids:  # every right of the catalogue
        assert conforms(document, "Right", json.loads(client.get(f"/api/v1/rights/{right_id}").data)) == [], right_id
    municipalities = json.loads(client.get("/api/v1/municipalities").data)
    assert conforms(document, "MunicipalityCollection", municipalities) == []
    for municipality in municipalities["items"][:50]:
        answer = json.loads(client.get(f"/api/v1/municipalities/{municipality['nisCode']}").data)
        assert conforms(document, "Municipality", answer) == []
    lpdc = document["paths"]["/municipalities/{nisCode}/lpdc"]["get"]["responses"]["200"]["content"]
    page = json.loads(client.get("/api/v1/municipalities/44021/lpdc").data)
    assert list(OAS30Validator(lpdc["application/ld+json"]["schema"]).iter_errors(page)) == []
    assert conforms(document, "Status", json.loads(client.get("/api/v1/status").data)) == []
    assert conforms(document, "LeefloonParameters", json.loads(client.get("/api/v1/leefloon/parameters").data)) == []


def test_every_worked_case_and_every_problem_conforms_to_its_schema(app, client, key, document):
    headers = {"Authorization": f"Bearer {key}"}
    requests = [case["request"] for case in CASES]
    for body in requests:
        answer = json.loads(
            client.post(
                "/api/v1/leefloon/advice", data=as_json(body), content_type="application/json", headers=headers
            ).data
        )
        assert conforms(document, "Advice", answer) == [], body
    batch = client.post(
        "/api/v1/leefloon/advice/batch",
        content_type="application/json",
        headers=headers,
        data=as_json([*requests, {"referenceDate": "2019-01-01", "applicant": {}}, {"x": 1}]),
    )
    assert conforms(document, "AdviceBatch", json.loads(batch.data)) == []
    app.config["MAX_CONTENT_LENGTH"] = 100
    problems = [
        client.get("/api/v1/rights?page=0&colour=red"),
        client.get("/api/v1/rights/nope"),
        client.get("/api/v1/municipalities?x=1"),
        client.post("/api/v1/leefloon/advice", data="{}"),
        client.post("/api/v1/leefloon/advice", data="[]", headers=headers),
        client.post(
            "/api/v1/leefloon/advice", data=as_json(requests[0]), headers=headers, content_type="application/json"
        ),
        client.post("/api/v1/leefloon/advice/batch", data="{}", headers=headers, content_type="application/json"),
    ]
    assert [p.status_code for p in problems] == [400, 404, 400, 401, 400, 413, 400]
    for problem in problems:
        assert problem.mimetype == "application/problem+json"
        assert conforms(document, "Problem", json.loads(problem.data)) == []


def test_every_rights_check_case_and_its_problems_conform_to_the_schemas(client, key, document):
    headers = {"Authorization": f"Bearer {key}"}
    bodies = [json.loads(json.dumps(case["request"], default=str)) for _file, case in RIGHTS_CASES]
    for body in bodies:
        assert conforms(document, "RightsCheckRequest", body) == [], body
        response = client.post("/api/v1/rights-check", json=body, headers=headers)
        assert response.status_code == 200
        assert conforms(document, "RightsCheck", json.loads(response.data)) == [], body
    batch = client.post(
        "/api/v1/rights-check/batch", json=[*bodies[:5], {"referenceDate": "2025-06-01"}, []], headers=headers
    )
    answer = json.loads(batch.data)
    assert conforms(document, "RightsCheckBatch", answer) == [] and [i.get("status") for i in answer["items"][5:]] == [
        400,
        400,
    ]
    problems = [
        client.post("/api/v1/rights-check", json=bodies[0]),
        client.post("/api/v1/rights-check", json=[], headers=headers),
        client.post(
            "/api/v1/rights-check", json={"referenceDate": "2025-06-01", "municipality": "99999"}, headers=headers
        ),
        client.post("/api/v1/rights-check/batch", json=[bodies[0]] * 101, headers=headers),
    ]
    assert [p.status_code for p in problems] == [401, 400, 400, 400]
    for problem in problems:
        assert problem.mimetype == "application/problem+json"
        assert conforms(document, "Problem", json.loads(problem.data)) == []


# --- fuzzing -----------------------------------------------------------------------------------------


def fuzz(operation, mode: GenerationMode, app, headers: dict, sent: dict) -> None:
    """Send FUZZ_EXAMPLES generated requests of one operation to the app and check each answer."""

    @settings(
        max_examples=FUZZ_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case):
        response = case.call(app=app, headers=headers)
        sent[operation.label] = sent.get(operation.label, 0) + 1
        if response.status_code == 200:
            sent[f"200 {operation.label}"] = sent.get(f"200 {operation.label}", 0) + 1
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        send()
    except Unsatisfiable:
        assert mode == GenerationMode.NEGATIVE  # nothing to get wrong: no parameters, or free strings


def test_fuzzing_every_operation_from_the_document_gives_no_server_error_and_conforming_answers(app, key, document):
    """Schemathesis generates valid and invalid requests for every operation (the advice and the batch too),
    sends them to the app in-process with a real API key, and checks every answer: no 5xx, a documented
    status, content type and headers, and a body that fits the documented schema."""
    schema = schemathesis.openapi.from_dict(document)
    headers = {"Authorization": f"Bearer {key}"}
    sent: dict[str, int] = {}
    for result in schema.get_all_operations():
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(result.ok(), mode, app, headers, sent)
    assert {label.split(" ")[-1] for label in sent} == {path for _method, path in OPERATIONS}
    assert sent["200 POST /rights-check"] and sent["200 POST /rights-check/batch"]  # the engine itself is fuzzed
    for label in ("/leefloon/advice", "/leefloon/advice/batch", "/rights-check", "/rights-check/batch"):
        assert sent[f"POST {label}"] >= FUZZ_EXAMPLES, label
