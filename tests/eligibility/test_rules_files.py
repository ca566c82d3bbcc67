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

    assert round_cents(SCHEME.parameter("category_amount_yearly_2").value_at(dt.date(2025, 2, 1)) / 12) == Decimal(
        "1314.20"
    )
    assert round_cents(SCHEME.parameter("category_amount_yearly_3").value_at(dt.date(2024, 5, 1)) / 12) == Decimal(
        "1741.29"
    )


def test_the_scheme_is_modelled_from_2020():
    assert SCHEME.modelled_from == dt.date(2020, 1, 1)
    assert SCHEME.version.startswith("leefloon-")


REFS = {
    "r": __import__("rechtenverkenner.domain.parameters", fromlist=["x"]).LegalReference("a", "https://example.org")
}


def test_a_parameter_without_source_is_refused(tmp_path):
    path = tmp_path / "parameters.toml"
    path.write_text(
        'schema = 1\n[x]\nunit = "EUR"\nreference = "r"\n'
        'values = [{ from = 2020-01-01, value = "1.00", confidence = "CONFIRMED" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="source"):
        read_parameters(path, REFS)


def test_dates_must_ascend(tmp_path):
    path = tmp_path / "parameters.toml"
    path.write_text(
        'schema = 1\n[x]\nunit = "EUR"\nreference = "r"\nvalues = [\n'
        ' { from = 2021-01-01, value = "1.00", confidence = "CONFIRMED", source = "https://example.org" },\n'
        ' { from = 2020-01-01, value = "2.00", confidence = "CONFIRMED", source = "https://example.org" },\n]\n',
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="ascend"):
        read_parameters(path, REFS)


@pytest.fixture
def rules_copy(tmp_path):
    """A copy of rules/leefloon to break one thing at a time."""
    for name in ("rules.toml", "parameters.toml", "references.toml", "law.toml", "facts.toml"):
        (tmp_path / name).write_text((RULES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def edit(folder: Path, name: str, old: str, new: str) -> None:
    text = (folder / name).read_text(encoding="utf-8")
    assert old in text, old
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copy_of_the_rules_reads_like_the_original(rules_copy):
    assert read_scheme(rules_copy).version == SCHEME.version


def test_a_unit_outside_the_closed_list_is_refused(rules_copy):
    edit(rules_copy, "parameters.toml", 'unit = "EUR/jaar"', 'unit = "euro per jaar"')
    with pytest.raises(RulesError, match="unit"):
        read_scheme(rules_copy)


def test_a_parameter_citing_an_unknown_reference_is_refused(rules_copy):
    edit(rules_copy, "parameters.toml", 'reference = "kb_art27"', 'reference = "kb_art27bis"')
    with pytest.raises(RulesError, match="kb_art27bis"):
        read_scheme(rules_copy)


def test_a_condition_citing_an_unknown_reference_is_refused(rules_copy):
    edit(rules_copy, "rules.toml", 'legal_basis = "law_art3_1"', 'legal_basis = "law_art99"')
    with pytest.raises(RulesError, match="law_art99"):
        read_scheme(rules_copy)


def test_a_condition_must_say_what_not_met_does(rules_copy):
    edit(rules_copy, "rules.toml", 'not_met = "refuse"', 'not_met = "maybe"')
    with pytest.raises(RulesError, match="not_met"):
        read_scheme(rules_copy)


def test_a_status_in_two_groups_is_refused(rules_copy):
    edit(
        rules_copy,
        "law.toml",
        'excluded = ["asylumSeeker", "irregularStay"]',
        'excluded = ["asylumSeeker", "irregularStay", "belgian"]',
    )
    with pytest.raises(RulesError, match="two status groups"):
        read_scheme(rules_copy)


def test_a_reference_without_https_link_is_refused(rules_copy):
    edit(rules_copy, "references.toml", 'eli = "https://www.ejustice', 'eli = "http://www.ejustice')
    with pytest.raises(RulesError, match="https"):
        read_scheme(rules_copy)


def test_a_rule_comparing_a_number_is_refused(rules_copy):
    edit(rules_copy, "rules.toml", 'when = { residence = "yes" }', "when = { residence = 1 }")
    with pytest.raises(RulesError, match="string or a boolean"):
        read_scheme(rules_copy)


def test_every_reference_links_to_its_article_on_justel():
    for ref in SCHEME.references.values():
        assert ref.title and ref.label
        if ref.url.startswith("https://www.ejustice.just.fgov.be/eli/"):
            assert ref.url.endswith(f"#Art.{ref.article}")
        else:  # an act whose ELI is not found yet says so
            assert ref.note, ref.id


def test_every_residence_status_and_income_of_the_request_is_known_to_the_law():
    from rechtenverkenner.eligibility.request import INCOME_TYPES, RESIDENCE_STATUSES

    law = SCHEME.law
    assert set().union(*law.status_groups.values()) == set(RESIDENCE_STATUSES)
    assert set(law.exempt_incomes) | law.spi_work_incomes | law.artistic_incomes <= set(INCOME_TYPES)


def test_every_review_reason_the_advisor_raises_has_a_text():
    import re

    codes = set()
    for path in (RULES.parents[1] / "rechtenverkenner" / "eligibility").glob("*.py"):
        codes |= set(re.findall(r'review\("(\w+)"\)', path.read_text(encoding="utf-8")))
        codes |= set(re.findall(r'reviews\["(\w+)"\]', path.read_text(encoding="utf-8")))
    assert codes and codes <= set(SCHEME.reviews)
