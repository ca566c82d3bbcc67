"""Our own leefloon cases (tests/eligibility/own_cases.yaml), one test per case, through the HTTP API."""

from pathlib import Path

import pytest
import yaml

from tests.eligibility.test_worked_cases import api_key, as_json  # noqa: F401  (fixture)

CASES = yaml.safe_load((Path(__file__).with_name("own_cases.yaml")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_own_case(client, api_key, case):  # noqa: F811
    response = client.post("/api/v1/leefloon/advice", data=as_json(case["request"]), content_type="application/json",
                           headers={"Authorization": f"Bearer {api_key}"})
    expect = case["expect"]
    assert response.status_code == expect.get("status", 200), response.get_json()
    advice = response.get_json()
    if response.status_code != 200:
        assert response.mimetype == "application/problem+json"
        return
    assert advice["outcome"] == expect["outcome"], (advice["reviewReasons"], advice["conditions"])
    if "category" in expect:
        assert advice["category"] == expect["category"]
    if expect.get("noCategory"):
        assert "category" not in advice and "amounts" not in advice
    for name, value in expect.get("amounts", {}).items():
        assert float(advice["amounts"][name]) == pytest.approx(value, abs=0.001), name  # Decimal on the wire
    if "variantsMonthly" in expect:
        assert [float(v["amounts"]["leefloonMonthly"]) for v in advice["variants"]] == expect["variantsMonthly"]
    assert set(expect.get("missingFacts", [])) <= set(advice["missingFacts"])
    assert set(expect.get("reviewReasons", [])) <= {r["code"] for r in advice["reviewReasons"]}
    if expect.get("warnings"):
        assert advice["warnings"]


def test_every_rule_is_exercised_by_a_case():
    from rechtenverkenner import build_advisor
    from rechtenverkenner.eligibility.request import load_request

    advisor = build_advisor(str(Path(__file__).resolve().parents[2] / "rules"))
    used = set()
    for case in CASES:  # our own cases alone cover every rule
        situation, issues = load_request(yaml.safe_load(as_json(case["request"])))
        assert not issues
        if situation.reference_date < advisor.scheme.modelled_from:
            continue
        used |= set(advisor.advise(situation)["rulesApplied"])
    assert {r.id for r in advisor.scheme.rules} - used == set()
