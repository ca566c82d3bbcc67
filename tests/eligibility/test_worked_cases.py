"""The HTTP contract of the advice: the worked cases of ../shared/cases/leefloon.yaml through the API.

The legal content of every case (exact decimals, own cases too) is checked against the advisor directly in
test_legal_cases.py; here a JSON client sees the same figures, keys and headers.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from rechtenverkenner import db
from rechtenverkenner.services import apikeys

# A copy of ../shared/cases/leefloon.yaml is kept beside the rules so that a clone on its own runs them too;
# a test fails as soon as the copy and the shared file differ.
SHARED_FILE = Path(__file__).resolve().parents[3] / "shared" / "cases" / "leefloon.yaml"
CASES_FILE = Path(__file__).resolve().parents[2] / "rules" / "leefloon" / "cases" / "worked.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def as_json(value) -> str:
    return json.dumps(value, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o))


@pytest.fixture
def api_key(app):
    with app.app_context(), db.new_session() as session:
        _row, key = apikeys.create_api_key(session, "tests")
    return key


def test_the_worked_cases_are_the_shared_ones():
    assert len(CASES) >= 31
    if not SHARED_FILE.exists():
        pytest.skip(f"{SHARED_FILE} is not beside this clone")
    assert CASES_FILE.read_text(encoding="utf-8") == SHARED_FILE.read_text(encoding="utf-8"), (
        f"copy {SHARED_FILE} to {CASES_FILE}"
    )


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']} {c['title']}" for c in CASES])
def test_worked_case_over_http(client, api_key, case):
    response = client.post(
        "/api/v1/leefloon/advice",
        data=as_json(case["request"]),
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_key}"},
    )
    assert response.status_code == 200, response.get_json()
    advice = response.get_json()
    expect = case["expect"]
    assert advice["outcome"] == expect["outcome"], advice["reviewReasons"]
    if "category" in expect:
        assert advice["category"] == expect["category"]
    for name, value in expect.get("amounts", {}).items():
        assert float(advice["amounts"][name]) == pytest.approx(value, abs=0.001), name  # Decimal on the wire
    if "variantsMonthly" in expect:
        assert [float(v["amounts"]["leefloonMonthly"]) for v in advice["variants"]] == expect["variantsMonthly"]
    assert response.headers["X-Rules-Version"] == advice["rulesVersion"]
    assert advice["motivation"] and advice["explanation"]
    for condition in advice["conditions"]:
        assert condition["legalBasis"]["url"].startswith("https://") and condition["explanation"]
