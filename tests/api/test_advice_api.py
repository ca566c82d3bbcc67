"""The advice API's contract: API keys, validation with JSON paths, 422 before 2020, batch, privacy."""

import json
import logging

import pytest

from rechtenverkenner import db
from rechtenverkenner.services import apikeys

GOOD = {
    "referenceDate": "2025-06-01",
    "applicant": {
        "age": 30,
        "residenceStatus": "belgian",
        "actualResidenceInBelgium": True,
        "willingnessToWork": "demonstrated",
    },
}


@pytest.fixture
def key(app):
    with app.app_context(), db.new_session() as session:
        return apikeys.create_api_key(session, "vendor")[1]


def post(client, body, key=None, url="/api/v1/leefloon/advice"):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def test_without_an_api_key_the_answer_is_401(client):
    response = post(client, GOOD)
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert post(client, GOOD, key="rvk_wrong").status_code == 401


def test_a_revoked_key_no_longer_works(app, client, key):
    assert post(client, GOOD, key).status_code == 200
    with app.app_context(), db.new_session() as session:
        row = apikeys.list_api_keys(session)[0]
        apikeys.revoke_api_key(session, row.id)
    assert post(client, GOOD, key).status_code == 401


def test_a_cached_key_opens_no_database_session_and_an_unknown_one_does(app, key):
    cache, opened = apikeys.ApiKeyCache(60), []

    def session():
        opened.append(db.new_session())
        return opened[-1]

    with app.app_context():
        first = apikeys.check_api_key(session, f"Bearer {key}", cache)
        assert apikeys.check_api_key(session, f"Bearer {key}", cache) == first and len(opened) == 1
        with pytest.raises(apikeys.Unauthorized):
            apikeys.check_api_key(session, "Bearer rvk_wrong", cache)
        for opened_session in opened:
            opened_session.close()
    assert len(opened) == 2


def test_the_advice_carries_its_rules_version_in_body_and_header(client, key):
    response = post(client, GOOD, key)
    assert response.status_code == 200
    body = response.get_json()
    assert body["rulesVersion"].startswith("leefloon-") and response.headers["X-Rules-Version"] == body["rulesVersion"]
    assert {c["id"] for c in body["conditions"]} == {
        "effectiveResidence",
        "age",
        "nationality",
        "insufficientResources",
        "willingnessToWork",
        "otherBenefits",
    }


def test_every_problem_of_a_bad_request_is_listed_with_its_json_path(client, key):
    body = {
        "referenceDate": "2025-06-01",
        "colour": "blue",
        "applicant": {
            "age": 200,
            "residenceStatus": "martian",
            "actualResidenceInBelgium": "yes",
            "incomes": [
                {"type": "employment", "amount": -5, "period": "month"},
                {"type": "lottery", "amount": 10, "period": "week"},
            ],
        },
        "householdMembers": [{"relation": "partner", "birthDate": "2030-01-01"}],
    }
    response = post(client, body, key)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    names = [issue["name"] for issue in response.get_json()["issues"]]
    assert names == sorted(
        [
            "$.colour",
            "$.applicant.age",
            "$.applicant.residenceStatus",
            "$.applicant.actualResidenceInBelgium",
            "$.applicant.incomes[0].amount",
            "$.applicant.incomes[1].type",
            "$.applicant.incomes[1].period",
            "$.householdMembers[0].birthDate",
        ]
    )
    assert all(issue["detailNl"] and issue["detailEn"] for issue in response.get_json()["issues"])


def test_a_body_that_is_not_json_is_a_400(client, key):
    response = client.post(
        "/api/v1/leefloon/advice",
        data="not json",
        content_type="text/plain",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 400


def test_a_reference_date_before_2020_is_a_422_saying_not_modelled(client, key):
    response = post(client, dict(GOOD, referenceDate="2019-12-31"), key)
    assert response.status_code == 422
    body = response.get_json()
    assert "2020-01-01" in body["detailEn"] and "niet gemodelleerd" in body["detailNl"]


def test_the_batch_answers_in_order_and_isolates_bad_requests(client, key):
    bad = {"referenceDate": "2025-06-01", "applicant": {"age": -1}}
    old = dict(GOOD, referenceDate="2019-01-01")
    response = post(client, [GOOD, bad, old, GOOD], key, url="/api/v1/leefloon/advice/batch")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [i.get("outcome") or i["status"] for i in items] == ["grant", 400, 422, "grant"]
    assert items[1]["issues"][0]["name"] == "$[1].applicant.age"


def test_a_batch_of_more_than_1000_is_refused(client, key):
    assert post(client, [GOOD] * 1001, key, url="/api/v1/leefloon/advice/batch").status_code == 400


def test_the_parameters_are_listed_with_history_and_sources(client):
    body = client.get("/api/v1/leefloon/parameters").get_json()
    by_id = {p["id"]: p for p in body["items"]}
    history = by_id["category_amount_yearly_2"]["values"]
    assert history[0]["from"] == "2020-01-01" and all(v["source"].startswith("https://") for v in history)
    assert {v["confidence"] for v in history} <= {"CONFIRMED", "DERIVED", "CORROBORATED-CODE", "UNCONFIRMED"}


def test_nothing_personal_is_logged_and_nothing_is_stored(app, client, key, caplog):
    body = dict(
        GOOD,
        applicant=dict(
            GOOD["applicant"],
            birthDate="1991-03-04",
            age=None,
            incomes=[{"type": "pension", "amount": 1234.56, "period": "month"}],
        ),
    )
    body["applicant"].pop("age")
    with caplog.at_level(logging.DEBUG):
        response = post(client, body, key)
    assert response.status_code == 200
    text = caplog.text
    assert response.get_json()["adviceId"] in text
    assert "1234.56" not in text and "1234,56" not in text and "1991-03-04" not in text


def test_apikey_cli_creates_lists_and_revokes(app):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["apikey", "create", "OCMW-software X"])
    assert created.exit_code == 0
    key = created.output.strip().splitlines()[-1]
    assert key.startswith("rvk_") and len(key) > 40
    listed = runner.invoke(args=["apikey", "list"])
    assert "OCMW-software X" in listed.output and key not in listed.output
    key_id = listed.output.split("\t")[0]
    assert runner.invoke(args=["apikey", "revoke", key_id]).exit_code == 0
    assert "revoked: 20" in runner.invoke(args=["apikey", "list"]).output
    assert runner.invoke(args=["apikey", "revoke", "999"]).exit_code == 1


def test_a_date_near_9999_is_a_400_with_its_path_never_a_500(client, key):
    for body, path in (
        (dict(GOOD, referenceDate="9999-12-31"), "$.referenceDate"),
        (dict(GOOD, rightStartDate="9999-12-31"), "$.rightStartDate"),
        (
            dict(GOOD, applicant=dict(GOOD["applicant"], euResidenceStartDate="9999-12-31")),
            "$.applicant.euResidenceStartDate",
        ),
    ):
        response = post(client, body, key)
        assert response.status_code == 400, response.get_json()
        assert response.mimetype == "application/problem+json"
        assert path in [i["name"] for i in response.get_json()["issues"]]


def test_a_right_start_before_the_application_and_an_age_over_125_are_400s(client, key):
    early = dict(GOOD, applicationDate="2025-05-10", rightStartDate="2025-05-01")
    old = dict(GOOD, applicant={**GOOD["applicant"], "birthDate": "1899-01-01"})
    old["applicant"].pop("age")
    for body, path in ((early, "$.rightStartDate"), (old, "$.applicant.birthDate")):
        response = post(
            client,
            body,
            key,
        )
        assert response.status_code == 400
        issue = next(i for i in response.get_json()["issues"] if i["name"] == path)
        assert issue["detailNl"] and issue["detailEn"] != issue["detailNl"]


def test_one_failing_item_never_fails_the_rest_of_the_batch(app, client, key, monkeypatch):
    advisor = app.extensions["leefloon"]
    real = advisor.advise

    def flaky(situation, following=()):
        if situation.applicant.age == 31:
            raise ArithmeticError("boom")
        return real(situation, following)

    monkeypatch.setattr(advisor, "advise", flaky)
    failing = dict(GOOD, applicant=dict(GOOD["applicant"], age=31))
    response = post(client, [GOOD, failing, GOOD], key, url="/api/v1/leefloon/advice/batch")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [i.get("outcome") or i["status"] for i in items] == ["grant", 500, "grant"]


def test_a_grant_lists_the_rights_that_follow_from_the_leefloon_and_a_refusal_none(client, key):
    """followingRights comes from the catalogue: rights whose automatic_when or status conditions name the leefloon,
    and those that follow in turn (the reduced zorgpremie via the verhoogde tegemoetkoming)."""
    body = {
        "referenceDate": "2025-06-01",
        "applicant": {
            "age": 30,
            "residenceStatus": "belgian",
            "actualResidenceInBelgium": True,
            "willingnessToWork": "demonstrated",
        },
    }
    headers = {"Authorization": f"Bearer {key}"}
    advice = client.post("/api/v1/leefloon/advice", json=body, headers=headers).get_json()
    assert advice["outcome"] == "grant" and list(advice)[-1] == "followingRights"
    following = {r["id"]: r for r in advice["followingRights"]}
    assert all(set(r) == {"id", "title", "reason"} and r["reason"].endswith(".") for r in following.values())
    assert following["sociaal-tarief-energie"]["reason"] == "Wie een leefloon krijgt, krijgt dit automatisch."
    assert "3 volle maanden" in following["verhoogde-tegemoetkoming"]["reason"]
    assert "1 januari" in following["sociale-correctie-water"]["reason"]
    assert "verminderde-zorgpremie" in following and "leefloon" not in following
    body["applicant"]["residenceStatus"] = "irregularStay"
    refused = client.post("/api/v1/leefloon/advice", json=body, headers=headers).get_json()
    assert refused["outcome"] == "refuse" and refused["followingRights"] == []


def test_the_rights_that_follow_are_those_of_the_clients_municipality_when_the_request_names_it(client, key):
    """A Brussels client is not told about the Flemish sociale correctie on the water bill, and a local version
    (the OCMW's own verwarmingstoelage) takes the place of its concept, with the same reason."""
    body = {
        "referenceDate": "2025-06-01",
        "applicant": {
            "age": 30,
            "residenceStatus": "belgian",
            "actualResidenceInBelgium": True,
            "willingnessToWork": "demonstrated",
        },
    }
    headers = {"Authorization": f"Bearer {key}"}

    def following(municipality):
        request = dict(body, municipality=municipality) if municipality else body
        advice = client.post("/api/v1/leefloon/advice", json=request, headers=headers).get_json()
        assert advice["outcome"] == "grant"
        return {r["id"]: r for r in advice["followingRights"]}

    everywhere, brussel, gent = following(None), following("21004"), following("44021")
    assert "sociale-correctie-water" in everywhere and "sociale-correctie-water" not in brussel
    assert "verwarmingstoelage" in everywhere
    assert "verwarmingstoelage" not in gent and "verwarmingstoelage-gent" in gent
    assert gent["verwarmingstoelage-gent"]["reason"] == everywhere["verwarmingstoelage"]["reason"]
    assert following("99999") == everywhere  # not a municipality: nothing is left out
    batch = client.post(
        "/api/v1/leefloon/advice/batch", json=[body, dict(body, municipality="21004")], headers=headers
    ).get_json()["items"]
    assert [{r["id"] for r in item["followingRights"]} for item in batch] == [set(everywhere), set(brussel)]
