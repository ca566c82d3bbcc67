"""Every case of rules/rights/cases/*.yaml over POST /api/v1/rights-check with the real catalogue, one test each.

A case names the situation as a sentence, gives the request (reference §A) and expects, per right (its
concept id), yes, no or unknown; `missingFacts` (optional) lists paths that must be among the right's, and `why`
(optional) words that must be in the right's reason (e.g. that a limit is not officially confirmed).
"""

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from rechtenverkenner import db
from rechtenverkenner.services import apikeys
from tests.conftest import dispose, make_app

CASES_DIR = Path(__file__).resolve().parents[2] / "rules" / "rights" / "cases"
CASES = [
    (path.stem, case)
    for path in sorted(CASES_DIR.glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('cases') / 'cases.db'}")
    with app.app_context(), db.new_session() as session:
        app.config["TEST_KEY"] = apikeys.create_api_key(session, "cases")[1]
    yield app
    dispose(app)


def test_there_are_cases_for_several_rights():
    assert len({file for file, _ in CASES}) >= 5 and len(CASES) >= 30


@pytest.mark.parametrize(("file", "case"), CASES, ids=[f"{f}: {c['name']}" for f, c in CASES])
def test_rights_check_case(real_app, file, case):
    body = json.dumps(case["request"], default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o))
    response = real_app.test_client().post(
        "/api/v1/rights-check", data=body, content_type="application/json",
        headers={"Authorization": f"Bearer {real_app.config['TEST_KEY']}"},
    )  # fmt: skip
    assert response.status_code == 200, response.get_json()
    rights = response.get_json()["rights"]
    for right, expected in case["expect"].items():
        found = [r for r in rights if right in (r["id"], r["concept"])]
        assert found, f"{right} is not in the answer"
        answer = found[0]
        assert answer["eligibility"] == expected, (answer["why"], answer["missingFacts"])
        for path in (case.get("missingFacts") or {}).get(right, []):
            assert path in answer["missingFacts"]
        for words in _as_list((case.get("why") or {}).get(right)):
            assert words in answer["why"], answer["why"]


def _as_list(value) -> list:
    return [] if value is None else (value if isinstance(value, list) else [value])


def test_a_right_whose_conditions_are_only_hints_is_never_yes(real_app):
    """persoonsvolgend-budget only says "at least 18" on its page: an adult is not thereby entitled."""
    body = {"referenceDate": "2025-06-01", "municipality": "44021", "applicant": {"age": 40}}
    response = real_app.test_client().post(
        "/api/v1/rights-check", data=json.dumps(body), content_type="application/json",
        headers={"Authorization": f"Bearer {real_app.config['TEST_KEY']}"},
    )  # fmt: skip
    pvb = next(r for r in response.get_json()["rights"] if r["id"] == "persoonsvolgend-budget")
    assert pvb["eligibility"] == "unknown" and "niet volledig machineleesbaar" in pvb["why"]
