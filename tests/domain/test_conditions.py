"""Standardized conditions: every type is described in Dutch and evaluated tri-state."""

from decimal import Decimal

from rechtenverkenner.domain.conditions import MET, NOT_MET, UNKNOWN, Client, describe, evaluate, income_limit

INCOME = {
    "type": "household_income",
    "period": "year",
    "income_basis": "bruto belastbaar gezinsinkomen",
    "limits": [{"household_size": 1, "amount": "20000.00"}, {"household_size": 2, "amount": "25000.00"}],
    "per_extra_person": "1000.00",
}


def test_an_unknown_fact_gives_unknown_never_met():
    for condition in [
        {"type": "age", "min": 18},
        {"type": "residence", "scopes": ["VLG"]},
        INCOME,
        {"type": "status", "any_of": ["leefloon"]},
        {"type": "children", "max_age": 12},
        {"type": "student", "value": True},
        {"type": "tenant", "tenant_kind": "any"},
    ]:
        assert evaluate(condition, Client())[0] == UNKNOWN, condition["type"]


def test_age_bounds_are_inclusive():
    condition = {"type": "age", "min": 18, "max": 25}
    assert evaluate(condition, Client(age=18))[0] == MET
    assert evaluate(condition, Client(age=25))[0] == MET
    assert evaluate(condition, Client(age=17))[0] == NOT_MET
    assert evaluate(condition, Client(age=26))[0] == NOT_MET


def test_the_income_limit_grows_per_extra_person():
    assert income_limit(INCOME, 1) == Decimal("20000.00")
    assert income_limit(INCOME, 4) == Decimal("27000.00")


def test_income_exactly_at_the_limit_is_met_and_one_cent_above_is_not():
    at_limit = Client(household_size=2, household_income=Decimal("25000.00"))
    above = Client(household_size=2, household_income=Decimal("25000.01"))
    assert evaluate(INCOME, at_limit)[0] == MET
    assert evaluate(INCOME, above)[0] == NOT_MET


def test_a_monthly_income_is_compared_with_a_yearly_limit():
    client = Client(household_size=1, household_income=Decimal("1600.00"), income_period="month")
    status, explanation = evaluate(INCOME, client)
    assert status == MET and "19.200,00" in explanation


def test_an_income_condition_without_amounts_stays_unknown():
    condition = {"type": "household_income", "period": "year", "income_basis": "x"}
    assert evaluate(condition, Client(household_size=1, household_income=Decimal("1")))[0] == UNKNOWN


def test_residence_status_children_student_tenant():
    client = Client(
        scopes=["BE", "VLG", "40000", "44021"],
        statuses={"verhoogde-tegemoetkoming"},
        children_ages=[3, 15],
        student=False,
        tenant_kind="social",
    )
    assert evaluate({"type": "residence", "scopes": ["44021"]}, client)[0] == MET
    assert evaluate({"type": "residence", "scopes": ["BHG"]}, client)[0] == NOT_MET
    assert evaluate({"type": "status", "any_of": ["leefloon", "verhoogde-tegemoetkoming"]}, client)[0] == MET
    assert evaluate({"type": "children", "max_age": 3}, client)[0] == NOT_MET
    assert evaluate({"type": "children", "max_age": 4}, client)[0] == MET
    assert evaluate({"type": "student", "value": True}, client)[0] == NOT_MET
    assert evaluate({"type": "tenant", "tenant_kind": "private"}, client)[0] == NOT_MET
    assert evaluate({"type": "tenant", "tenant_kind": "any"}, client)[0] == MET


def test_descriptions_are_plain_dutch_with_belgian_money():
    text = describe(INCOME, {}, lambda code: code)
    assert "€ 20.000,00" in text and "per jaar" in text and "€ 1.000,00 per extra persoon" in text
    assert describe({"type": "age", "min": 65}, {}, str) == "Minstens 65 jaar oud."
    assert (
        describe({"type": "status", "any_of": ["leefloon"]}, {"leefloon": "Leefloon"}, str)
        == "Heeft het statuut: Leefloon."
    )
