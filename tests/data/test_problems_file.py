"""catalog/problems.toml: every problem names existing rights and life situations, with a note."""

import tomllib
from pathlib import Path

from rechtenverkenner.catalog.problems import load_problems
from rechtenverkenner.catalog.search import Analyzer

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


def test_every_problem_points_to_existing_concepts_and_life_situations():
    concepts = {p.stem for p in (CATALOG / "rights").glob("*.toml") if 'kind = "concept"' in p.read_text("utf-8")}
    situations = {
        v["id"] for v in tomllib.loads((CATALOG / "codelists" / "life-situations.toml").read_text("utf-8"))["value"]
    }
    problems = load_problems(CATALOG, Analyzer(), situations).problems
    assert len(problems) >= 15
    for problem in problems:
        assert set(problem.rights) <= concepts, (problem.id, set(problem.rights) - concepts)
        assert problem.note and problem.phrases


def test_a_query_names_its_problem():
    situations = {
        v["id"] for v in tomllib.loads((CATALOG / "codelists" / "life-situations.toml").read_text("utf-8"))["value"]
    }
    problems = load_problems(CATALOG, Analyzer(), situations)
    assert [p.id for p in problems.match(Analyzer(), "Mijn energiefacturen zijn te hoog")] == ["energiefactuur"]
    assert problems.match(Analyzer(), "leefloon") == []


def test_a_phrase_skips_filler_words_but_not_other_words():
    situations = {
        v["id"] for v in tomllib.loads((CATALOG / "codelists" / "life-situations.toml").read_text("utf-8"))["value"]
    }
    problems = load_problems(CATALOG, Analyzer(), situations)
    assert "ziek" in [p.id for p in problems.match(Analyzer(), "ik kan niet meer gaan werken")]
    assert "ziek" not in [p.id for p in problems.match(Analyzer(), "ik wil niet naar school maar werken")]


def test_a_misspelt_word_of_the_map_names_its_problem_when_search_does_not_know_it():
    situations = {
        v["id"] for v in tomllib.loads((CATALOG / "codelists" / "life-situations.toml").read_text("utf-8"))["value"]
    }
    problems = load_problems(CATALOG, Analyzer(), situations)
    indexed = {"leeflon"}  # stands in for the search vocabulary
    assert "schulden" in [p.id for p in problems.match(Analyzer(), "de deurwarder staat aan de deur", indexed)]
    assert problems.match(Analyzer(), "de deurwarder staat aan de deur") == []  # without the vocabulary: exact only
    assert problems.match(Analyzer(), "mijn zoon", indexed) == []  # a short word is not read as "loon"


def test_an_age_of_65_or_more_names_the_pension_problem_but_an_amount_does_not():
    from rechtenverkenner.catalog.problems import age_in
    from rechtenverkenner.catalog.search import words

    assert [age_in(words(q)) for q in ("ik ben 66", "cliente 67j", "mijn moeder is 80 jaar", "is 80 euro")] == [
        66,
        67,
        80,
        None,
    ]
    situations = {
        v["id"] for v in tomllib.loads((CATALOG / "codelists" / "life-situations.toml").read_text("utf-8"))["value"]
    }
    problems = load_problems(CATALOG, Analyzer(), situations)
    assert "ouder-pensioen" in [p.id for p in problems.match(Analyzer(), "ik ben 66 en heb nooit gewerkt")]
    assert "ouder-pensioen" not in [p.id for p in problems.match(Analyzer(), "ik ben 23 en heb nooit gewerkt")]
