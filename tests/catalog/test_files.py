"""The catalogue schema: what a file must hold, how errors are reported, and instance inheritance."""

import copy
from pathlib import Path

import pytest

from rechtenverkenner.catalog import files
from rechtenverkenner.catalog.codelists import load_codelists
from rechtenverkenner.errors import CatalogError

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


@pytest.fixture(scope="module")
def codelists():
    return load_codelists(CATALOG)


VALID = {
    "schema": 1,
    "id": "test-recht",
    "kind": "concept",
    "title": "Test",
    "summary": "Kort.",
    "description": "Lang.",
    "product_type": "FinancieelVoordeel",
    "themes": ["WelzijnGezondheid"],
    "target_audiences": ["Burger"],
    "competent_authority_level": ["Vlaams"],
    "spatial": ["VLG"],
    "source_url": "https://example.org",
    "last_reviewed": "2026-01-01",
}


def parse(codelists, **changes):
    raw = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return files.parse_document(raw, codelists)


def paths(issues):
    return sorted(i.name for i in issues)


def test_a_complete_document_has_no_issues(codelists):
    doc, issues = parse(codelists)
    assert issues == []
    assert doc["last_reviewed"].isoformat() == "2026-01-01"


def test_an_unknown_field_is_reported_with_its_name(codelists):
    _doc, issues = parse(codelists, colour="blue")
    assert paths(issues) == ["colour"]
    assert "Onbekend veld" in issues[0].detail_nl


def test_a_missing_source_is_reported(codelists):
    _doc, issues = parse(codelists, source_url=None)
    assert paths(issues) == ["source_url"]


def test_a_bad_date_says_how_to_write_it(codelists):
    _doc, issues = parse(codelists, last_reviewed="28/11/2026")
    assert paths(issues) == ["last_reviewed"]
    assert "JJJJ-MM-DD" in issues[0].detail_nl


def test_unknown_codes_name_the_list_and_the_position(codelists):
    _doc, issues = parse(codelists, themes=["WelzijnGezondheid", "Vakantie"], life_situations=["rijk"])
    assert paths(issues) == ["life_situations[0]", "themes[1]"]


def test_a_merged_municipality_code_explains_the_merger(codelists):
    _doc, issues = parse(codelists, spatial=["44040"])
    assert paths(issues) == ["spatial[0]"]
    assert "Merelbeke-Melle" in issues[0].detail_nl


def test_an_instance_needs_a_concept_and_a_known_municipality(codelists):
    _doc, issues = parse(codelists, kind="instance", municipality="99999")
    assert paths(issues) == ["linked_concept", "municipality"]


def test_a_condition_rejects_parameters_of_another_type(codelists):
    _doc, issues = parse(codelists, conditions=[{"type": "age", "min": 18, "any_of": ["leefloon"]}])
    assert paths(issues) == ["conditions[0].any_of"]


def test_an_age_condition_needs_a_bound_and_an_order(codelists):
    _doc, issues = parse(codelists, conditions=[{"type": "age"}, {"type": "age", "min": 30, "max": 20}])
    assert paths(issues) == ["conditions[0].min", "conditions[1].max"]


def test_income_limits_are_strings_with_at_most_two_decimals(codelists):
    good = {
        "type": "household_income",
        "period": "year",
        "income_basis": "x",
        "source": "https://example.org",
        "limits": [{"household_size": 1, "amount": "1000.50"}],
    }
    doc, issues = parse(codelists, conditions=[good])
    assert issues == [] and str(doc["conditions"][0]["limits"][0]["amount"]) == "1000.50"
    bad = dict(good, limits=[{"household_size": 1, "amount": 1000.5}, {"household_size": 2, "amount": "1.001"}])
    _doc, issues = parse(codelists, conditions=[bad])
    assert paths(issues) == ["conditions[0].limits[0].amount", "conditions[0].limits[1].amount"]


def test_a_status_condition_uses_the_status_list(codelists):
    _doc, issues = parse(codelists, conditions=[{"type": "status", "any_of": ["leefloon", "miljonair"]}])
    assert paths(issues) == ["conditions[0].any_of[1]"]


def test_an_instance_inherits_what_it_does_not_give(codelists):
    concept, _ = parse(codelists)
    instance, issues = parse(
        codelists,
        id="test-recht-gent",
        kind="instance",
        linked_concept="test-recht",
        municipality="44021",
        spatial=["44021"],
        title="Test Gent",
        summary=None,
        description=None,
        themes=None,
        product_type=None,
        target_audiences=None,
        competent_authority_level=None,
    )
    assert issues == []
    resolved = files.resolve(instance, concept)
    assert resolved["summary"] == "Kort." and resolved["themes"] == ["WelzijnGezondheid"]
    assert resolved["title"] == "Test Gent" and resolved["spatial"] == ["44021"]
    assert files.check_resolved(resolved) == []


def test_reading_a_folder_reports_every_bad_file_and_returns_nothing(tmp_path, codelists):
    (tmp_path / "rights").mkdir()
    (tmp_path / "rights" / "a.toml").write_text('schema = 1\nid = "b"\n', encoding="utf-8")
    (tmp_path / "rights" / "c.toml").write_text("this is [not toml", encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        files.read_folder(tmp_path, codelists)
    names = {i.name.split(":")[0] for i in error.value.issues}
    assert names == {"a.toml", "c.toml"}


def test_a_file_whose_id_differs_from_its_name_is_refused(tmp_path, codelists):
    path = tmp_path / "other-name.toml"
    path.write_text(
        'schema = 1\nid = "test-recht"\nkind = "concept"\nsource_url = "https://example.org"\n'
        "last_reviewed = 2026-01-01\n",
        encoding="utf-8",
    )
    _doc, issues = files.read_document_file(path, codelists)
    assert paths(issues) == ["id"]


def test_the_level_is_the_most_local_competent_level():
    assert files.level_of({"competent_authority_level": ["Federaal", "Lokaal"]}) == "local"
    assert files.level_of({"competent_authority_level": ["Vlaams"]}) == "flemish"
