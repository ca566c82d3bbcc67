"""The leefloon arithmetic: named functions, exact to the cent, at and around every threshold."""

import datetime as dt
from decimal import Decimal as D

from rechtenverkenner.domain import leefloon as lf


def test_capital_tranches_at_their_edges():
    args = (D("6200"), D("12500"), D("0.06"), D("0.10"))
    assert lf.capital_income(D("6200"), *args) == 0
    assert lf.capital_income(D("6200.01"), *args) == D("0.0006")
    assert lf.capital_income(D("12500"), *args) == D("378.00")
    assert lf.capital_income(D("25500"), *args) == D("1678.00")


def test_real_estate_income_after_one_exemption_on_the_global_cadastral_income():
    assert lf.real_estate_income(D("1250"), D("750"), D("3")) == D("1500")
    assert lf.real_estate_income(D("750"), D("750"), D("3")) == 0
    assert lf.real_estate_income(D("625"), D("750"), D("3")) == 0


def test_spi_comes_off_the_monthly_income():
    assert lf.spi_countable_yearly(D("800"), D("309.48")) == D("5886.24")
    assert lf.spi_countable_yearly(D("200"), D("309.48")) == 0


def test_no_leefloon_at_exactly_the_category_amount_and_some_one_cent_below():
    assert lf.leefloon_yearly(D("15770.41"), D("15770.41"), D("250")) == (0, 0)
    assert lf.leefloon_yearly(D("15770.41"), D("15770.40"), D("250")) == (D("250.01"), D("250"))


def test_the_general_exemption_never_exceeds_the_resources():
    assert lf.leefloon_yearly(D("15770.41"), D("100"), D("250")) == (D("15770.41"), D("100"))


def test_monthly_amounts_round_half_up():
    assert lf.round_cents(D("7222.87") / 12) == D("601.91")
    assert lf.round_cents(D("0.005")) == D("0.01")


def test_cohabitants_keep_the_category_1_amount_each():
    assert lf.above_reserved(D("30000"), 2, D("10513.60")) == D("8972.80")
    assert lf.above_reserved(D("10000"), 1, D("10513.60")) == 0


def test_first_month_pro_rata():
    assert lf.pro_rata_first_month(D("1314.20"), dt.date(2025, 6, 16)) == D("657.10")
    assert lf.pro_rata_first_month(D("1314.20"), dt.date(2025, 2, 28)) == D("46.94")


def test_eu_waiting_period_ends_three_months_later():
    applicant = lf.Applicant(residence_status="euCitizen", eu_residence_start=dt.date(2025, 3, 31))
    assert lf.status_group(applicant, dt.date(2025, 6, 29), 3, "eu_citizen") == "eu_waiting"
    assert lf.status_group(applicant, dt.date(2025, 6, 30), 3, "eu_citizen") == "eu_after_waiting"


def test_age_from_a_birth_date():
    assert lf.age_on(dt.date(2007, 6, 2), dt.date(2025, 6, 1)) == 17
    assert lf.age_on(dt.date(2007, 6, 1), dt.date(2025, 6, 1)) == 18


def test_an_unknown_member_age_is_never_a_minor_or_an_adult_by_itself():
    member = lf.Member(relation="child")
    assert lf.is_minor(member, 18) is None
    situation = lf.Situation(dt.date(2025, 6, 1), dt.date(2025, 6, 1), None, lf.Applicant(), [member])
    assert lf.minor_children(situation, 18, frozenset({"child"})) == []
    assumed = lf.Member(relation="child", assumed_minor=True)
    assert lf.is_minor(assumed, 18) is True


def test_the_age_of_majority_comes_from_the_parameter():
    situation = lf.Situation(
        dt.date(2025, 6, 1), dt.date(2025, 6, 1), None, lf.Applicant(), [lf.Member(relation="child", age=18)]
    )
    assert lf.minor_children(situation, 18, frozenset({"child"})) == []
    assert len(lf.minor_children(situation, 19, frozenset({"child"}))) == 1
