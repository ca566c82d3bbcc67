"""The legal cases beside the rules (rules/leefloon/cases/*.yaml), run against the advisor with exact decimals.

worked.yaml is a checked copy of ../shared/cases/leefloon.yaml; own.yaml holds our own cases, named as
sentences. Both use the request format of POST /api/v1/leefloon/advice; the HTTP contract itself is kept by
tests/eligibility/test_worked_cases.py.
"""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from rechtenverkenner import build_advisor
from rechtenverkenner.domain.parameters import NotModelledForDate
from rechtenverkenner.eligibility.render import render
from rechtenverkenner.eligibility.request import load_request

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "rules" / "leefloon" / "cases"
WORKED = yaml.safe_load((CASES_DIR / "worked.yaml").read_text(encoding="utf-8"))
OWN = yaml.safe_load((CASES_DIR / "own.yaml").read_text(encoding="utf-8"))
ADVISOR = build_advisor(str(ROOT / "rules"))
AMOUNTS = {
    "installationPremium": "installation_premium",
    "categoryAmountYearly": "category_amount_yearly",
    "countableResourcesYearly": "countable_resources_yearly",
    "generalExemptionYearly": "general_exemption_yearly",
    "leefloonYearly": "leefloon_yearly",
    "leefloonMonthly": "leefloon_monthly",
    "firstMonthAmount": "first_month_amount",
}


def as_body(request: dict):
    """The request as the API would receive it (YAML dates become ISO strings)."""
    return json.loads(json.dumps(request, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o)))


def exact(value) -> Decimal:
    return Decimal(str(value))


def check(case: dict) -> None:
    expect = case["expect"]
    situation, issues = load_request(as_body(case["request"]))
    status = expect.get("status", 200)
    if status == 400:
        assert issues, "the request must be refused"
        return
    assert not issues, issues
    if status == 422:
        with pytest.raises(NotModelledForDate):
            ADVISOR.assess(situation)
        return
    advice = render(ADVISOR.assess(situation))
    reasons = {r.code for r in advice.review_reasons}
    assert advice.outcome == expect["outcome"], (reasons, [(c.id, c.status) for c in advice.conditions])
    if "category" in expect:
        assert advice.category == expect["category"]
    if expect.get("noCategory"):
        assert advice.category is None and advice.amounts is None
    for name, value in expect.get("amounts", {}).items():
        assert getattr(advice.amounts, AMOUNTS[name]) == exact(value), name
    if "variantsMonthly" in expect:
        assert [v.amounts.leefloon_monthly for v in advice.variants] == [exact(v) for v in expect["variantsMonthly"]]
    assert set(expect.get("missingFacts", [])) <= set(advice.missing_facts)
    assert set(expect.get("reviewReasons", [])) <= reasons
    if expect.get("warnings"):
        assert advice.warnings
    assert advice.motivation and advice.explanation
    for condition in advice.conditions:
        assert condition.legal_basis.url.startswith("https://") and condition.explanation
    for line in advice.resources:
        assert line.legal_basis.url.startswith("https://") and line.explanation
    if advice.amounts is not None:  # the counted parts of the lines add up to the countable resources
        total = sum((line.counted_yearly for line in advice.resources), Decimal(0))
        assert total.quantize(Decimal("0.01")) == advice.amounts.countable_resources_yearly
        assert not any(
            "telt volledig mee" in line.explanation.lower()
            for line in advice.resources
            if line.counted_yearly < line.yearly_amount
        )


@pytest.mark.parametrize("case", WORKED, ids=[f"{c['id']} {c['title']}" for c in WORKED])
def test_worked_case(case):
    check(case)


@pytest.mark.parametrize("case", OWN, ids=[c["name"] for c in OWN])
def test_own_case(case):
    check(case)


def test_own_case_names_are_unique_sentences():
    names = [c["name"] for c in OWN]
    assert len(names) == len(set(names))
    assert all(" " in n and n[0].isupper() for n in names)


def test_every_rule_is_exercised_by_our_own_cases():
    used = set()
    for case in OWN:  # our own cases alone cover every rule
        situation, issues = load_request(as_body(case["request"]))
        if issues or situation.reference_date < ADVISOR.scheme.modelled_from:
            continue
        used |= set(ADVISOR.assess(situation).rules_applied)
    assert {r.id for r in ADVISOR.scheme.rules} - used == set()


def test_every_review_reason_is_raised_by_a_case():
    raised = set()
    for case in OWN + WORKED:
        situation, issues = load_request(as_body(case["request"]))
        if issues or situation.reference_date < ADVISOR.scheme.modelled_from:
            continue
        raised |= {r.code for r in ADVISOR.assess(situation).review_reasons}
    assert set(ADVISOR.scheme.reviews) - raised == set()
