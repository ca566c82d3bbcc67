"""Shape checks of the rights-check data: dated parameters, facts, household scopes, statuses, the rights-check
conditions (catalog/rights/, the files with `engine`, `automatic_when` or new condition types) and the cases (rules/rights/cases/), read with tomllib and yaml only.

The rights-check engine lives on another branch; these tests check that the data keeps to the file shapes of
the reference (rights-check.md §3) and that everything a condition cites exists, so that the two meet."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "catalog"
PARAMETERS = sorted((CATALOG / "parameters").glob("*.toml"))
NEW_TYPES = {"any", "not", "right", "fact", "assessment", "members"}
ELIGIBILITY = sorted(
    path
    for path in (CATALOG / "rights").glob("*.toml")
    if (
        'kind = "concept"' in path.read_text(encoding="utf-8")
        and any(key in tomllib.loads(path.read_text(encoding="utf-8")) for key in ("engine", "automatic_when"))
    )
    or any(
        c.get("type") in NEW_TYPES or c.get("parameter")
        for c in tomllib.loads(path.read_text(encoding="utf-8")).get("conditions", [])
    )
)
CASES = sorted((ROOT / "rules" / "rights" / "cases").glob("*.yaml"))

UNITS = {"EUR/jaar", "EUR/maand", "EUR/dag", "EUR", "jaar", "punten", "maanden", "dagen", "personen"}
CONFIDENCE = {"official", "secondary", "derived", "unconfirmed"}
# `birth_year` is an addition for the legal pension age (cohort table); see catalog/README.md.
BY = {"points", "category", "members", "dependants", "birth_year"}
FACT_TYPES = {"boolean", "date", "amount", "integer", "choice", "list"}
SCOPES = {
    "domicilie",
    "rvv",
    "kandidaat-huurder",
    "punten-schooltoeslag",
    "leefeenheid",
    "igo",
    "verwarmingsfonds",
    "prodeo",
    "leefloon",
    "partners",
}
RELATIONS = {
    "applicant",
    "partner",
    "child",
    "parent",
    "grandparent",
    "adultChild",
    "grandchild",
    "sibling",
    "parentInLaw",
    "childInLaw",
    "exSpouse",
    "other",
}
ASSESSMENTS = {"behoeftigheid", "werkbereidheid", "betalingsonmacht", "medischAttest"}
OPS = {"eq", "in", "ge", "le", "years_since_ge", "months_since_le"}
AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")
NEW_TYPES = {"any", "not", "right", "fact", "assessment", "members"}
OLD_TYPES = {"age", "residence", "household_income", "status", "children", "student", "tenant"}
PARAMS = {
    "age": {"min", "max", "parameter", "member", "at", "when_not_met"},
    "residence": {"scopes"},
    "household_income": {
        "parameter",
        "household",
        "size_by",
        "income_basis",
        "reference_year",
        "bound",
        "period",
        "limits",
        "per_extra_person",
        "categories",
        "weights",
    },
    "status": {"any_of", "member", "as_of", "held_months_min"},
    "members": {"relation", "min_age", "max_age", "count_min", "where"},
    "any": {"options"},
    "not": {"condition"},
    "right": {"right", "mode"},
    "fact": {"fact", "op", "value", "parameter", "household", "size_by", "categories", "when_not_met"},
    "assessment": {"key"},
    "tenant": {"tenant_kind"},
    "student": {"value"},
    "children": {"max_age"},
}
COMMON = {"type", "note", "source", "confidence"}


def _toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


FACTS = {fact["id"]: fact for fact in _toml(CATALOG / "codelists" / "facts.toml")["fact"]}
HOUSEHOLDS = {scope["id"]: scope for scope in _toml(CATALOG / "codelists" / "households.toml")["household"]}
STATUSES = {value["id"] for value in _toml(CATALOG / "codelists" / "statuses.toml")["value"]}
PARAMETER_IDS = {path.stem for path in PARAMETERS}
RIGHTS = {path.stem: _toml(path) for path in sorted((CATALOG / "rights").glob("*.toml"))}


def _https(url) -> bool:
    return isinstance(url, str) and url.startswith("https://")


def _amount(value) -> bool:
    return isinstance(value, str) and bool(AMOUNT.match(value)) and Decimal(value) >= 0


@pytest.mark.parametrize("path", PARAMETERS, ids=lambda p: p.stem)
def test_parameter_file_has_the_shape_of_the_reference(path):
    data = _toml(path)
    assert data["schema"] == 1
    assert data["id"] == path.stem
    assert data["title"].strip()
    assert data["unit"] in UNITS
    assert set(data) <= {"schema", "id", "title", "unit", "values"}
    dates = []
    for value in data["values"]:
        assert isinstance(value["valid_from"], dt.date)
        dates.append(value["valid_from"])
        assert _https(value["source"]), value["source"]
        assert value["confidence"] in CONFIDENCE
        shapes = [key for key in ("amount", "base", "by") if key in value]
        assert len(shapes) == 1, f"{path.stem}: exactly one of amount, base + per_extra_member, by"
        if "amount" in value:
            assert _amount(value["amount"])
        if "base" in value:
            assert _amount(value["base"]) and _amount(value["per_extra_member"])
        if "by" in value:
            assert value["by"] in BY
            assert value["rows"], "keyed values need rows"
            if "per_extra_member" in value:
                assert _amount(value["per_extra_member"])
            keys = [row["key"] for row in value["rows"]]
            assert len(keys) == len(set(keys))
            for row in value["rows"]:
                assert isinstance(row["key"], (int, str))
                assert set(row) - {"key"} and set(row) <= {"key", "amount", "min", "max"}
                assert all(_amount(row[k]) for k in ("amount", "min", "max") if k in row)
        assert set(value) <= {
            "valid_from",
            "source",
            "confidence",
            "note",
            "amount",
            "base",
            "per_extra_member",
            "by",
            "rows",
        }
    assert dates == sorted(dates) and len(dates) == len(set(dates)), "values ascend by valid_from"


def test_every_fact_has_label_question_type_and_place():
    for fact_id, fact in FACTS.items():
        assert fact["label"].strip() and fact["question"].strip().endswith("?"), fact_id
        assert fact["type"] in FACT_TYPES, fact_id
        assert fact["section"] in range(1, 9), fact_id
        assert isinstance(fact["order"], int), fact_id
        if fact["type"] == "choice":
            assert fact["values"] and len(fact["values"]) == len(fact["labels"]), fact_id
    orders = [(fact["section"], fact["order"]) for fact in FACTS.values()]
    assert len(orders) == len(set(orders)), "one place per fact in the questionnaire"


def test_household_scopes_are_those_of_the_reference():
    assert set(HOUSEHOLDS) == SCOPES
    for scope_id, scope in HOUSEHOLDS.items():
        assert scope["label"].strip(), scope_id
        assert "applicant" in scope["relations"] and set(scope["relations"]) <= RELATIONS, scope_id
        assert _https(scope["source"]), scope_id


def test_the_statuses_the_request_names_exist():
    assert {"zorgtoeslag-kinderen", "zorgbudget-ouderen", "tegemoetkoming-hulp-van-derden"} <= STATUSES


def _check_condition(condition: dict, where: str, cited: dict) -> None:  # noqa: C901 -- one branch per type
    kind = condition["type"]
    assert kind in NEW_TYPES | OLD_TYPES, f"{where}: unknown type {kind}"
    assert set(condition) <= COMMON | PARAMS.get(kind, set()), f"{where}: {set(condition) - COMMON - PARAMS[kind]}"
    if "source" in condition:
        assert _https(condition["source"]), where
    if "confidence" in condition:
        assert condition["confidence"] in CONFIDENCE, where
    if "parameter" in condition:
        assert condition["parameter"] in PARAMETER_IDS, f"{where}: parameter {condition['parameter']}"
    if kind == "household_income" and "parameter" in condition:
        assert condition["household"] in HOUSEHOLDS, where
        assert condition["size_by"] in {"members", "dependants", "points"}, where
        assert condition["income_basis"] in {
            "bruto_belastbaar",
            "netto_belastbaar",
            "netto_maand",
            "bestaansmiddelen",
        }, where
        assert str(condition["reference_year"]) in {"-1", "-2", "-3", "current"}, where
        assert condition.get("bound", "max") in {"max", "min"}, where
    if kind == "status":
        assert condition["any_of"] and set(condition["any_of"]) <= STATUSES, f"{where}: {condition['any_of']}"
        assert condition.get("member", "any") in {"applicant", "any"}, where
        assert condition.get("as_of", "reference_date") in {"reference_date", "jan1", "jan1_previous_year"}, where
    if kind == "age":
        assert {"min", "max", "parameter"} & set(condition), where
    if kind == "members":
        assert condition["relation"] in {"child", "partner", "any"}, where
        for key, wanted in condition.get("where", {}).items():
            assert f"applicant.{key}" in FACTS, f"{where}: where {key}"
            if isinstance(wanted, dict):
                assert set(wanted) == {"op", "value"} and wanted["op"] in OPS, where
    if kind == "fact":
        assert condition["fact"] in FACTS, f"{where}: fact {condition['fact']}"
        assert condition["op"] in OPS, where
        assert ("value" in condition) != ("parameter" in condition), where
        fact = FACTS[condition["fact"]]
        if fact["type"] == "choice" and condition["op"] in {"eq", "in"}:
            wanted = condition["value"] if condition["op"] == "in" else [condition["value"]]
            assert set(wanted) <= set(fact["values"]), f"{where}: {wanted}"
    if kind == "assessment":
        assert condition["key"] in ASSESSMENTS, where
    if kind == "right":
        assert condition["right"] in RIGHTS, where
        assert condition["mode"] in {"granted", "eligible"}, where
        cited.setdefault("rights", set()).add(condition["right"])
    if kind == "any":
        assert condition["options"], where
        for index, option in enumerate(condition["options"]):
            assert option, where
            for inner, sub in enumerate(option):
                _check_condition(sub, f"{where}.options[{index}][{inner}]", cited)
    if kind == "not":
        _check_condition(condition["condition"], f"{where}.condition", cited)


def _rights_cited(data: dict) -> set[str]:
    cited: dict = {}
    for index, condition in enumerate(data.get("conditions", [])):
        _check_condition(condition, f"{data['id']}.conditions[{index}]", cited)
    return cited.get("rights", set())


@pytest.mark.parametrize("path", ELIGIBILITY, ids=lambda p: p.stem)
def test_rights_check_conditions_have_the_shape_of_the_reference(path):
    data = _toml(path)
    assert data["schema"] == 1 and data["id"] == path.stem
    assert path.stem in RIGHTS and RIGHTS[path.stem]["kind"] == "concept", "conditions belong to a concept"
    assert data.get("engine", "leefloon") == "leefloon"
    assert set(data.get("automatic_when", [])) <= STATUSES
    assert data.get("conditions") or data.get("engine"), "a right without conditions has no file here"
    for condition in data.get("conditions", []):
        assert _https(condition.get("source")), f"{path.stem}: every top-level condition has a source"
    _rights_cited(data)


def test_no_right_follows_from_itself():
    graph = {path.stem: _rights_cited(_toml(path)) for path in ELIGIBILITY}
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        if state.get(node) == "done":
            return
        assert state.get(node) != "busy", f"cycle: {' -> '.join([*trail, node])}"
        state[node] = "busy"
        for nxt in graph.get(node, ()):
            visit(nxt, [*trail, node])
        state[node] = "done"

    for node in graph:
        visit(node, [])


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_cases_are_sentences_in_the_request_format(path):
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert cases, path
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "names are unique"
    seen = set()
    for case in cases:
        assert set(case) <= {"name", "request", "expect", "missingFacts", "why"}, case["name"]
        assert case["name"][0].isupper() and " " in case["name"], case["name"]
        request = case["request"]
        assert isinstance(request["referenceDate"], dt.date) and re.fullmatch(r"\d{5}", request["municipality"])
        assert set(request) <= {
            "referenceDate",
            "municipality",
            "applicant",
            "householdMembers",
            "household",
            "housing",
            "telecom",
        }, case["name"]
        for right, verdict in case["expect"].items():
            assert right in RIGHTS, f"{case['name']}: {right}"
            assert verdict in {"yes", "no", "unknown"}, case["name"]
            seen.add(verdict)
        for right, missing in case.get("missingFacts", {}).items():
            assert case["expect"][right] == "unknown" and missing, case["name"]
        for right in case.get("why", {}):
            assert right in case["expect"], case["name"]
    assert path.stem in RIGHTS
    assert {"yes", "no", "unknown"} - NEVER_NO.get(path.stem, set()) <= seen, f"{path.stem}: yes, no and unknown"


# Rights whose data cannot give a verdict yet, and why (never guess one).
NEVER_NO = {
    # the monthly route (pensioners, invalids, the unemployed, single parents) looks at the current income,
    # which the ziekenfonds checks and no field of the situation gives: without it only yes or unknown
    "verhoogde-tegemoetkoming": {"no"},
    # follows the verhoogde tegemoetkoming, which is never no (above)
    "treinkorting-verhoogde-tegemoetkoming": {"no"},
    # each UiTPAS region sets its own criteria, often VT, leefloon or schuldbemiddeling (reference §2: local instances)
    "uitpas-kansentarief": {"yes", "no"},
    # the points of the leefeenheid and the nationality and study conditions are not machine-readable
    "studietoelage-hoger-onderwijs": {"yes"},
    # the tariff scale and its conditions were not researched (reference §2: UNCONFIRMED)
    "kinderopvang-inkomenstarief": {"yes"},
    # the current income and rent limits were not found (reference §2: figures outdated)
    "vlaamse-huursubsidie": {"yes"},
    # the income test's limits are at the DG Personen met een handicap and not in the sources here
    "inkomensvervangende-tegemoetkoming": {"yes"},
    "integratietegemoetkoming": {"yes"},
}


def test_every_income_type_of_the_rights_check_has_its_leefloon_reading_and_legal_basis_in_data():
    """catalog/codelists/income-types.toml documents, per extra income type, how the leefloon advice reads it and on
    what legal basis; the code's mapping must say the same."""
    from rechtenverkenner.eligibility.request_fields import INCOME_TYPES
    from rechtenverkenner.eligibility.situation_fields import RIGHTS_INCOME_TYPES

    entries = _toml(CATALOG / "codelists" / "income-types.toml")["income_type"]
    data = {entry["id"]: entry.get("leefloon_type") for entry in entries}
    assert data == RIGHTS_INCOME_TYPES
    for entry in entries:
        assert set(entry) <= {"id", "label", "leefloon_type", "basis", "source", "confidence"}, entry["id"]
        assert entry["label"].strip() and len(entry["basis"]) > 40, entry["id"]
        assert _https(entry["source"]) and entry["confidence"] in CONFIDENCE, entry["id"]
        assert entry.get("leefloon_type") in (None, *INCOME_TYPES), entry["id"]
    # the integratietegemoetkoming is an exempt resource of the leefloon since 1 January 2022
    assert data["it"] is None


def test_the_leefloon_advice_leaves_the_integratietegemoetkoming_out_and_counts_the_ivt():
    from decimal import Decimal as D

    from rechtenverkenner.eligibility.request import _incomes

    raw = [
        {"type": t, "amount": D("500"), "period": "month", "startedWhileBeneficiary": False, "hours": None}
        for t in ("it", "ivt", "igo")
    ]
    assert [i.type for i in _incomes(raw)] == ["disabilityBenefit", "pension"]
