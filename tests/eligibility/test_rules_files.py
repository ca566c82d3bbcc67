"""The real rules/ files: every parameter dated and sourced, every value in force on both sides of its date."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from rechtenverkenner.domain.parameters import NotModelledForDate
from rechtenverkenner.eligibility.files import RulesError, read_parameters, read_scheme

RULES = Path(__file__).resolve().parents[2] / "rules" / "leefloon"
SCHEME = read_scheme(RULES)


@pytest.mark.parametrize("parameter", sorted(SCHEME.parameters), ids=sorted(SCHEME.parameters))
def test_parameter_history_is_dated_sourced_and_takes_effect_on_its_date(parameter):
    history = SCHEME.parameters[parameter]
    assert history.reference.url.startswith("https://")
    for value in history.values:
        assert value.source.startswith("https://") and value.confidence
        assert history.at(value.start) == value, "in force on its first day"
        before = value.start - dt.timedelta(days=1)
        if value is history.values[0]:
            with pytest.raises(NotModelledForDate):
                history.at(before)
        else:
            assert history.at(before) != value, "not yet in force the day before"


def test_the_yearly_amounts_give_the_published_monthly_amounts():
    from rechtenverkenner.domain.leefloon import round_cents

    assert round_cents(SCHEME.parameter("category_amount_yearly_2").value_at(dt.date(2025, 2, 1)) / 12) == Decimal("1314.20")
    assert round_cents(SCHEME.parameter("category_amount_yearly_3").value_at(dt.date(2024, 5, 1)) / 12) == Decimal("1741.29")


def test_the_scheme_is_modelled_from_2020():
    assert SCHEME.modelled_from == dt.date(2020, 1, 1)
    assert SCHEME.version.startswith("leefloon-")


def test_a_parameter_without_source_is_refused(tmp_path):
    path = tmp_path / "parameters.toml"
    path.write_text('schema = 1\n[x]\nreference = { label = "a", url = "https://example.org" }\n'
                    'values = [{ from = 2020-01-01, value = "1.00", confidence = "CONFIRMED" }]\n', encoding="utf-8")
    with pytest.raises(RulesError, match="source"):
        read_parameters(path)


def test_dates_must_ascend(tmp_path):
    path = tmp_path / "parameters.toml"
    path.write_text('schema = 1\n[x]\nreference = { label = "a", url = "https://example.org" }\nvalues = [\n'
                    ' { from = 2021-01-01, value = "1.00", confidence = "CONFIRMED", source = "https://example.org" },\n'
                    ' { from = 2020-01-01, value = "2.00", confidence = "CONFIRMED", source = "https://example.org" },\n]\n',
                    encoding="utf-8")
    with pytest.raises(RulesError, match="ascend"):
        read_parameters(path)


def test_a_rule_comparing_a_number_is_refused(tmp_path):
    (tmp_path / "parameters.toml").write_text("schema = 1\n", encoding="utf-8")
    (tmp_path / "rules.toml").write_text(
        'schema = 1\nid = "t"\ntitle = "T"\nmodelled_from = 2020-01-01\n'
        '[[condition]]\nid = "c"\nlabel = "C"\nlegal_basis = { label = "a", url = "https://example.org" }\n'
        '[[rule]]\nid = "r"\ncondition = "c"\nstatus = "met"\nexplanation = "x"\nwhen = { age = 18 }\n', encoding="utf-8")
    with pytest.raises(RulesError, match="string or a boolean"):
        read_scheme(tmp_path)
