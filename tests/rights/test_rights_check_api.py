"""POST /api/v1/rights-check and its batch over HTTP: API key, the §B keys, 400 with JSON paths, batch."""

import json

import pytest

from rechtenverkenner import db
from rechtenverkenner.services import apikeys
from tests.conftest import dispose, make_app

URL = "/api/v1/rights-check"
RIGHT_KEYS = {
    "id", "concept", "title", "eligibility", "why", "automatic", "conditions",
    "missingFacts", "dependsOn", "howToApply", "url",
}  # fmt: skip


@pytest.fixture(scope="module")
def rc_app(rc_catalog, tmp_path_factory):
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('rcdb') / 'rc.db'}", rc_catalog)
    yield app
    dispose(app)


@pytest.fixture(scope="module")
def key(rc_app):
    with rc_app.app_context(), db.new_session() as session:
        return apikeys.create_api_key(session, "vendor")[1]


def post(app, body, key=None, url=URL):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return app.test_client().post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def test_a_key_is_needed(rc_app):
    assert post(rc_app, {"referenceDate": "2025-06-01", "municipality": "44021"}).status_code == 401


def test_the_answer_has_every_right_in_scope_with_the_contract_keys(rc_app, key):
    body = {"referenceDate": "2025-06-01", "municipality": "44021", "applicant": {"statuses": [{"id": "igo"}]}}
    response = post(rc_app, body, key)
    assert response.status_code == 200
    answer = response.get_json()
    assert set(answer) == {"referenceDate", "municipality", "rights", "questions"}
    assert answer["municipality"] == "44021"
    rights = {r["id"]: r for r in answer["rights"]}
    assert all(set(r) == RIGHT_KEYS for r in answer["rights"])
    assert rights["rc-verhoogde-tegemoetkoming"]["eligibility"] == "yes"
    assert "leefloon" not in rights and "leefloon-gent" in rights  # a local version replaces its concept
    assert all(set(q) == {"fact", "label", "decides"} for q in answer["questions"])
    decides = [q["decides"] for q in answer["questions"]]
    assert decides == sorted(decides, reverse=True)


def test_bad_input_is_a_400_with_json_paths(rc_app, key):
    response = post(rc_app, {"referenceDate": "2025-06-01", "housing": {"heating": "wood"}, "x": 1}, key)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    names = {i["name"] for i in response.get_json()["issues"]}
    assert {"$.municipality", "$.housing.heating", "$.x"} <= names
    assert post(rc_app, {"referenceDate": "2025-06-01", "municipality": "99999"}, key).status_code == 400


def test_batch(rc_app, key):
    good = {"referenceDate": "2025-06-01", "municipality": "44021"}
    response = post(rc_app, [good, {"referenceDate": "2025-06-01"}], key, url=URL + "/batch")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert "rights" in items[0] and items[1]["status"] == 400
    assert items[1]["issues"][0]["name"] == "$[1].municipality"
    assert post(rc_app, [good] * 101, key, url=URL + "/batch").status_code == 400


def test_the_advice_accepts_the_extra_blocks(rc_app, key):
    body = {
        "referenceDate": "2025-06-01",
        "municipality": "44021",
        "applicant": {"age": 30, "residenceStatus": "belgian", "statuses": [{"id": "leefloon"}]},
        "housing": {"heating": "electric"},
    }
    assert post(rc_app, body, key, url="/api/v1/leefloon/advice").status_code == 200
