"""Capture real answers of the API as the OpenAPI examples: `python -m tests.api.capture_examples`.

Writes rechtenverkenner/api/examples/examples.json from a fresh app with the real catalogue and the
worked cases; tests/api/test_openapi.py checks that the examples still fit the schemas and that the
example requests are still answered as shown.
"""

import json
import tempfile
from pathlib import Path

from tests.api.test_openapi import create_key
from tests.conftest import ROOT, make_app
from tests.eligibility.test_worked_cases import CASES

TARGET = ROOT / "rechtenverkenner" / "api" / "examples" / "examples.json"
ADVICE_CASE = "GC11"
BATCH_CASE = "GC01"
RIGHTS_CHECK = {
    "referenceDate": "2025-06-01",
    "municipality": "44021",
    "applicant": {
        "age": 34,
        "residenceStatus": "belgian",
        "actualResidenceInBelgium": True,
        "willingnessToWork": "demonstrated",
        "healthInsured": True,
        "statuses": [{"id": "leefloon", "since": "2025-01-01"}],
        "incomes": [],
    },
    "householdMembers": [{"relation": "child", "age": 6}],
    "housing": {"tenure": "tenantPrivate", "rentMonthly": 650, "heating": "naturalGasGrid"},
}


def lpdc_example(page: dict) -> dict:
    """The first member of the real answer, each context shortened to the terms of its main type."""
    keep = {"InstantieSnapshot", "EventStream"}
    contexts = [{k: v for k, v in context.items() if k in keep} for context in page["@context"]]
    return {**page, "@context": contexts, "member": page["member"][:1]}


def main() -> None:
    app = make_app(f"sqlite:///{Path(tempfile.mkdtemp()) / 'examples.db'}")
    key = create_key(app)
    client = app.test_client()
    cases = {c["id"]: c for c in CASES}

    def request_of(case_id: str) -> dict:
        return json.loads(json.dumps(cases[case_id]["request"], default=lambda o: o.isoformat()))

    def get(url: str, status: int = 200) -> dict:
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return json.loads(response.data)

    def post(url: str, body, status: int = 200, authorised: bool = True) -> dict:
        headers = {"Authorization": f"Bearer {key}"} if authorised else {}
        response = client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)
        assert response.status_code == status, (url, response.status_code, response.data)
        return json.loads(response.data)

    parameters = get("/api/v1/leefloon/parameters")
    parameters["items"] = [dict(p, values=p["values"][:2]) for p in parameters["items"][:2]]
    advice = request_of(ADVICE_CASE)
    batch = [
        request_of(BATCH_CASE),
        {"referenceDate": "2025-06-01", "applicant": {"age": -1}},
        dict(request_of(BATCH_CASE), referenceDate="2019-12-31"),
    ]
    examples = {
        "listRights": {
            "query": "q=leefloon&municipality=44021&pageSize=2",
            "response": get("/api/v1/rights?q=leefloon&municipality=44021&pageSize=2"),
        },
        "getRight": {"path": {"rightId": "leefloon-gent"}, "response": get("/api/v1/rights/leefloon-gent")},
        "listMunicipalities": {"query": "q=gent", "response": get("/api/v1/municipalities?q=gent")},
        "getMunicipality": {"path": {"nisCode": "44021"}, "response": get("/api/v1/municipalities/44021")},
        "getMunicipalityLpdc": {
            "path": {"nisCode": "44021"},
            "response": lpdc_example(get("/api/v1/municipalities/44021/lpdc")),
        },
        "getStatus": {"response": get("/api/v1/status")},
        "listLeefloonParameters": {
            "note": "the first two parameters with their first two values",
            "response": parameters,
        },
        "adviseLeefloon": {"case": ADVICE_CASE, "request": advice, "response": post("/api/v1/leefloon/advice", advice)},
        "adviseLeefloonBatch": {"request": batch, "response": post("/api/v1/leefloon/advice/batch", batch)},
        "checkRights": {"request": RIGHTS_CHECK, "response": post("/api/v1/rights-check", RIGHTS_CHECK)},
        "checkRightsBatch": {
            "request": [RIGHTS_CHECK, {"referenceDate": "2025-06-01"}],
            "response": post("/api/v1/rights-check/batch", [RIGHTS_CHECK, {"referenceDate": "2025-06-01"}]),
        },
        "problems": {
            "400": get("/api/v1/rights?page=0", 400),
            "401": post("/api/v1/leefloon/advice", request_of(BATCH_CASE), 401, authorised=False),
            "404": get("/api/v1/rights/no-such-right", 404),
            "422": post("/api/v1/leefloon/advice", dict(request_of(BATCH_CASE), referenceDate="2019-12-31"), 422),
        },
    }
    TARGET.write_text(json.dumps(examples, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
