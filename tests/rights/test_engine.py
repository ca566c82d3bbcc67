"""The rights-check engine: each condition type tri-state, Kleene combination, dependencies, the Matcher seam."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rechtenverkenner.catalog.codelists import load_codelists
from rechtenverkenner.catalog.files import read_folder
from rechtenverkenner.catalog.graph import find_cycle
from rechtenverkenner.eligibility.engine import DurableMatcher
from rechtenverkenner.eligibility.matching import TableMatcher
from rechtenverkenner.eligibility.request import _SCHEMA
from rechtenverkenner.errors import CatalogError
from rechtenverkenner.rights.engine import RightsEngine
from rechtenverkenner.rights.situation import Situation

GENT = "44021"


@pytest.fixture(scope="module")
def docs_and_lists(rc_catalog):
    lists = load_codelists(rc_catalog)
    return {d["id"]: d for d in read_folder(rc_catalog, lists)}, lists


def situation(body: dict) -> Situation:
    full = {"referenceDate": "2025-06-01", "municipality": GENT, **body}
    data = _SCHEMA.load({"applicant": {}, **full})
    return Situation(full, data)


def check(docs_and_lists, body, matcher=None):
    docs, lists = docs_and_lists
    engine = RightsEngine(docs, lists, matcher or TableMatcher())
    return {r["id"]: r for r in engine.check(situation(body))["rights"]}


def test_nothing_known_gives_unknown_never_no(docs_and_lists):
    rights = check(docs_and_lists, {})
    for right_id in ("rc-verhoogde-tegemoetkoming", "rc-treinkorting", "rc-water", "rc-verwarming"):
        assert rights[right_id]["eligibility"] == "unknown", rights[right_id]
        assert rights[right_id]["missingFacts"]


def test_an_automatic_status_gives_yes_and_follows_to_dependent_rights(docs_and_lists):
    rights = check(docs_and_lists, {"applicant": {"statuses": [{"id": "igo", "since": "2020-01-01"}]}})
    vt = rights["rc-verhoogde-tegemoetkoming"]
    assert vt["eligibility"] == "yes" and vt["automatic"] is True
    train = rights["rc-treinkorting"]
    assert train["eligibility"] == "yes" and train["dependsOn"] == ["rc-verhoogde-tegemoetkoming"]


def test_leefloon_counts_only_after_three_full_months(docs_and_lists):
    short = {"applicant": {"statuses": [{"id": "leefloon", "since": "2025-04-15"}]}, "householdMembers": []}
    assert check(docs_and_lists, short)["rc-verhoogde-tegemoetkoming"]["eligibility"] == "unknown"
    long = {"applicant": {"statuses": [{"id": "leefloon", "since": "2025-01-15"}]}, "householdMembers": []}
    assert check(docs_and_lists, long)["rc-verhoogde-tegemoetkoming"]["eligibility"] == "yes"


def test_income_far_above_the_limit_is_no_and_near_a_secondary_limit_is_unknown(docs_and_lists):
    base = {"applicant": {"statuses": []}, "householdMembers": []}
    far = {**base, "household": {"taxAssessment": {"incomeYear": 2024, "grossTaxable": 60000}}}
    vt = check(docs_and_lists, far)["rc-verhoogde-tegemoetkoming"]
    assert vt["eligibility"] == "no" and "hoger dan de grens" in vt["why"]
    near = {**base, "household": {"taxAssessment": {"incomeYear": 2024, "grossTaxable": 26000}}}
    vt = check(docs_and_lists, near)["rc-verhoogde-tegemoetkoming"]
    assert vt["eligibility"] == "unknown" and "10 %" in vt["why"]
    low = {**base, "household": {"taxAssessment": {"incomeYear": 2024, "grossTaxable": 20000}}}
    assert check(docs_and_lists, low)["rc-verhoogde-tegemoetkoming"]["eligibility"] == "yes"


def test_a_parameter_before_its_first_date_is_not_modelled(docs_and_lists):
    body = {
        "referenceDate": "2023-06-01",
        "applicant": {"statuses": []},
        "householdMembers": [],
        "household": {"taxAssessment": {"incomeYear": 2022, "grossTaxable": 90000}},
    }
    vt = check(docs_and_lists, body)["rc-verhoogde-tegemoetkoming"]
    assert vt["eligibility"] == "unknown" and "niet gemodelleerd voor die datum" in vt["why"]


def test_an_unknown_dependant_keeps_the_household_size_open(docs_and_lists):
    body = {
        "applicant": {"statuses": []},
        "householdMembers": [{"relation": "child", "age": 10}],
        # between the limits for one and for two persons, and more than 10 % under the one for two
        "household": {"taxAssessment": {"incomeYear": 2024, "grossTaxable": 27000}},
    }
    vt = check(docs_and_lists, body)["rc-verhoogde-tegemoetkoming"]
    assert vt["eligibility"] == "unknown" and "householdMembers[0].fiscallyDependent" in vt["missingFacts"]
    body["householdMembers"][0]["fiscallyDependent"] = True
    assert check(docs_and_lists, body)["rc-verhoogde-tegemoetkoming"]["eligibility"] == "yes"


def test_water_reads_the_status_on_1_january(docs_and_lists):
    since_march = {"applicant": {"statuses": [{"id": "leefloon", "since": "2025-03-01"}]}, "householdMembers": []}
    assert check(docs_and_lists, since_march)["rc-water"]["eligibility"] == "unknown"
    since_2024 = {"applicant": {"statuses": [{"id": "leefloon", "since": "2024-03-01"}]}, "householdMembers": []}
    assert check(docs_and_lists, since_2024)["rc-water"]["eligibility"] == "yes"


def test_fact_and_assessment(docs_and_lists):
    gas = check(docs_and_lists, {"housing": {"heating": "naturalGasGrid"}})["rc-verwarming"]
    assert gas["eligibility"] == "no" and "aardgas" in gas["why"] and "stookolie" in gas["why"]
    oil = check(docs_and_lists, {"housing": {"heating": "heatingOilBulk"}})["rc-verwarming"]
    assert oil["eligibility"] == "unknown" and oil["missingFacts"] == ["applicant.assessment.betalingsonmacht"]
    found = {"housing": {"heating": "heatingOilBulk"}, "applicant": {"assessment": {"betalingsonmacht": "met"}}}
    assert check(docs_and_lists, found)["rc-verwarming"]["eligibility"] == "yes"


def test_durable_and_table_matchers_agree(docs_and_lists):
    body = {"applicant": {"statuses": [{"id": "igo"}]}, "housing": {"heating": "electric"}}
    assert check(docs_and_lists, body, DurableMatcher(memo=False)) == check(docs_and_lists, body)


def test_cycles_are_refused(rc_catalog, tmp_path):
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []
    import shutil

    target = tmp_path / "catalog"
    shutil.copytree(rc_catalog, target)
    path = target / "rights" / "rc-verhoogde-tegemoetkoming.toml"
    text = path.read_text().replace(
        '[[conditions]]\ntype = "any"',
        '[[conditions]]\ntype = "right"\nright = "rc-treinkorting"\nmode = "eligible"\n\n[[conditions]]\ntype = "any"',
    )
    path.write_text(text)
    with pytest.raises(CatalogError) as exc:
        read_folder(target, load_codelists(target))
    assert any("cycle" in i.detail_en for i in exc.value.issues)


def test_unknown_references_are_refused_with_file_and_key(rc_catalog, tmp_path):
    import shutil

    target = tmp_path / "catalog"
    shutil.copytree(rc_catalog, target)
    path = target / "rights" / "rc-verwarming.toml"
    path.write_text(path.read_text().replace('fact = "housing.heating"', 'fact = "housing.nope"'))
    with pytest.raises(CatalogError) as exc:
        read_folder(target, load_codelists(target))
    assert any(i.name == "rc-verwarming.toml:conditions[0].fact" for i in exc.value.issues)


FACTS = {
    "applicant.statuses": [{"id": "leefloon", "since": "2024-01-01"}],
    "householdMembers": [
        {"relation": "child", "age": 4},
        {"relation": "partner", "age": 70, "incomes": [], "movableCapital": 0, "realEstate": []},
    ],
    "housing.heating": "heatingOilBulk",
    "household.taxAssessment": {"incomeYear": 2024, "grossTaxable": 40000},
    "applicant.assessment": {"betalingsonmacht": "notMet"},
    # the means test, categories, points and rents (limits.py, means.py)
    "applicant.birthDate": "1950-03-01",
    "applicant.residenceStatus": "belgian",
    "applicant.actualResidenceInBelgium": True,
    "applicant.incomes": [{"type": "pension", "amount": 1500, "period": "month"}],
    "applicant.movableCapital": 0,
    "applicant.realEstate": [],
    "applicant.disability": {"atLeast66Percent": False, "selfRelianceScore": 9},
    "housing.tenure": "tenantPrivate",
    "housing.dwelling": "apartment",
    "housing.rentMonthly": 820,
    "housing.socialHousingCandidateSince": "2019-01-01",
    "household.netMonthlyIncome": 1900,
    "household.zorgkas": {"affiliated": True, "yearsInFlandersOrBrussels": 20},
}


def _body(keys: set[str]) -> dict:
    body: dict = {}
    for key in keys:
        parts = key.split(".")
        target = body
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = FACTS[key]
    return body


def test_removing_a_fact_never_turns_unknown_or_yes_into_no(docs_and_lists):
    @settings(max_examples=60, deadline=None)
    @given(st.sets(st.sampled_from(sorted(FACTS))), st.sampled_from(sorted(FACTS)))
    def prop(keys: set, removed: str) -> None:
        before = check(docs_and_lists, _body(keys | {removed}))
        after = check(docs_and_lists, _body(keys - {removed}))
        for right_id, answer in before.items():
            if answer["eligibility"] != "no":
                assert after[right_id]["eligibility"] != "no", (right_id, sorted(keys), removed)

    prop()


@pytest.mark.parametrize(
    ("date", "children", "income", "expected"),
    [
        ("2023-01-01", [2010, 2012, 2014], 34526.91, "yes"),  # exactly limit 1 (official, 1 January 2023)
        ("2023-01-01", [2010, 2012, 2014], 34526.92, "no"),  # one cent over: three children born before 2019
        ("2025-06-01", [2010, 2012, 2014], 36325.77, "no"),  # one cent over limit 1 of September 2023 (derived)
        ("2025-06-01", [2020], 36325.77, "unknown"),  # one child: the band for fewer than three children
        ("2025-06-01", [2012, 2016, 2020], 68329.62, "unknown"),  # one cent over limit 2 (secondary): near it
    ],
)
def test_sociale_toeslag_one_cent_over_each_limit(docs_and_lists, date, children, income, expected):
    """The cents that binary floats cannot carry through the OpenAPI check of the cases (rules/rights/cases)."""
    year = int(date[:4]) - 2
    body = {
        "referenceDate": date,
        "applicant": {"age": 40},
        "householdMembers": [{"relation": "child", "birthDate": f"{y}-04-01"} for y in children],
        "household": {"taxAssessment": {"incomeYear": year, "grossTaxable": income}},
    }
    assert check(docs_and_lists, body)["sociale-toeslag"]["eligibility"] == expected
