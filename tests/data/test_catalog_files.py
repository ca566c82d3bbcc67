"""Every real catalogue file validates on its own, and the catalogue validates as a whole."""

from pathlib import Path

import pytest

from rechtenverkenner.catalog import files
from rechtenverkenner.catalog.codelists import load_codelists

CATALOG = Path(__file__).resolve().parents[2] / "catalog"
RIGHTS = sorted((CATALOG / "rights").glob("*.toml"))


@pytest.fixture(scope="module")
def codelists():
    return load_codelists(CATALOG)


@pytest.mark.parametrize("path", RIGHTS, ids=[p.name for p in RIGHTS])
def test_catalogue_file_is_valid(path, codelists):
    doc, issues = files.read_document_file(path, codelists)
    assert issues == [], "\n".join(f"{i.name}: {i.detail_nl}" for i in issues)
    assert doc["source_url"].startswith("https://"), "every entry names an https source"
    # a review date is the day the entry was really checked against its source; absent: never checked
    assert doc["last_reviewed"] is None or doc["last_reviewed"].year >= 2026
    if doc["kind"] == "concept":
        assert doc["product_type"] and doc["themes"] and doc["target_audiences"], "reviewed concepts carry their codes"


def test_the_catalogue_validates_as_a_whole(codelists):
    docs = files.read_folder(CATALOG, codelists)
    assert len(docs) == len(RIGHTS)


def test_there_are_at_least_60_federal_and_flemish_concepts(codelists):
    docs = files.read_folder(CATALOG, codelists)
    levels = [files.level_of(d) for d in docs if d["kind"] == "concept"]
    assert sum(level in ("federal", "flemish") for level in levels) >= 60


CENTRE_CITIES = {
    "41002": "Aalst",
    "11002": "Antwerpen",
    "31005": "Brugge",
    "71016": "Genk",
    "44021": "Gent",
    "71072": "Hasselt",
    "34022": "Kortrijk",
    "24062": "Leuven",
    "12025": "Mechelen",
    "35013": "Oostende",
    "36015": "Roeselare",
    "46021": "Sint-Niklaas",
    "13040": "Turnhout",
}


@pytest.mark.parametrize("nis", sorted(CENTRE_CITIES), ids=[CENTRE_CITIES[n] for n in sorted(CENTRE_CITIES)])
def test_every_centre_city_has_its_local_ocmw_rights(nis, codelists):
    docs = files.read_folder(CATALOG, codelists)
    local = {d["linked_concept"] for d in docs if d["kind"] == "instance" and d["municipality"] == nis}
    assert {"leefloon", "referentieadres", "huurwaarborg-ocmw", "budgetbeheer"} <= local


def test_code_lists_hold_every_flemish_and_brussels_municipality_after_the_2025_mergers(codelists):
    geography = codelists.geography
    regions = [m.region for m in geography.municipalities.values()]
    assert regions.count("VLG") == 285
    assert regions.count("BHG") == 19
    assert len(geography.provinces) == 5
    # Borsbeek merged into Antwerpen, Melle and Merelbeke into Merelbeke-Melle
    assert geography.former["11007"][1] == "11002"
    assert geography.municipalities[geography.former["44040"][1]].name == "Merelbeke-Melle"


def test_every_synonym_group_has_at_least_two_distinct_phrases(codelists):
    for group in codelists.synonyms:
        assert len(set(group)) >= 2, group


def test_every_brussels_ocmw_has_leefloon_and_referentieadres(codelists):
    docs = files.read_folder(CATALOG, codelists)
    brussels = [code for code, m in codelists.geography.municipalities.items() if m.region == "BHG"]
    for code in brussels:
        local = {d["linked_concept"] for d in docs if d["kind"] == "instance" and d["municipality"] == code}
        assert {"leefloon", "referentieadres"} <= local, code
