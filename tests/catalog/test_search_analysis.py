"""Text analysis for search: folding, stemming, synonyms, typos, compounds and ranking."""

import pytest

from rechtenverkenner.catalog.search import (
    Analyzer,
    Clause,
    Vocabulary,
    build_clauses,
    fold,
    index_terms,
    levenshtein,
    rank,
    title_key,
    words,
)

GROUPS = [["maf", "maximumfactuur"], ["ocmw", "sociaal huis"], ["vt", "omnio", "verhoogde tegemoetkoming"]]


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(GROUPS)


def test_accents_and_case_are_ignored():
    assert fold("Crèche Ééntje") == "creche eentje"


def test_stemming_joins_singular_and_plural(analyzer):
    assert analyzer.terms("uitkering") == analyzer.terms("uitkeringen")
    assert analyzer.terms("huurders") == analyzer.terms("huurder")


def test_stopwords_are_not_indexed(analyzer):
    assert analyzer.terms("de premie van het OCMW") == ["premie", "ocmw"]


def test_a_multi_word_synonym_becomes_one_part(analyzer):
    assert analyzer.query_parts("verhoogde tegemoetkoming") == [("syn", "~2", "verhoogde tegemoetkoming")]
    assert analyzer.query_parts("OMNIO") == [("syn", "~2", "omnio")]
    assert analyzer.synonym_tokens("Het Sociaal Huis helpt") == {"~1"}


def test_the_title_key_ignores_word_order(analyzer):
    assert title_key(analyzer, "Vlaamse huurpremie") == title_key(analyzer, "huurpremie vlaamse")


def test_levenshtein_stops_past_its_limit():
    assert levenshtein("leefloon", "leeflon", 2) == 1
    assert levenshtein("kitten", "sitting", 2) == 3


def test_the_vocabulary_tolerates_one_typo_in_short_words_and_two_in_long_ones():
    vocabulary = Vocabulary(["leeflon", "maximumfactur", "huur", "huurpremi", "verwarmingstoelag"])
    assert vocabulary.fuzzy("leflon") == ["leeflon"]  # the stem of the typo "lefloon"
    assert vocabulary.fuzzy("maximunfaktur") == ["maximumfactur"]
    assert vocabulary.fuzzy("hur") == []  # too short to guess
    assert vocabulary.prefixed("huur") == ["huurpremi"]
    assert vocabulary.suffixed("toelag") == ["verwarmingstoelag"]


def test_clauses_offer_exact_prefix_and_synonym_alternatives(analyzer):
    vocabulary = Vocabulary(["maf", "maximumfactur", "huur", "huurpremi"])
    clauses = build_clauses("huur MAF", analyzer, vocabulary)
    # "huur" stems to "hur"; the compound is still found from the word itself
    assert clauses[0].alternatives == {"hur": (1, 1), "huurpremi": (5, 10)}
    assert clauses[1].alternatives == {"~0": (1, 1)}


def test_a_title_match_beats_a_passing_mention(analyzer):
    concept = {"title": "Maximumfactuur", "summary": "", "description": ""}
    other = {"title": "Verhoogde tegemoetkoming", "summary": "", "description": "Ook de maximumfactuur is lager."}
    terms_a = index_terms(concept, analyzer, [])
    terms_b = index_terms(other, analyzer, [])
    assert terms_a["~0"] > terms_b["~0"]


def test_rank_keeps_only_the_rights_that_match_the_most_clauses():
    clauses = [Clause("a", {"a": (1, 1)}), Clause("b", {"b": (1, 1)})]
    rows = [("x", "a", 100), ("x", "b", 5), ("y", "a", 100), ("z", "b", 100), ("z", "a", 5)]
    assert rank(clauses, rows) == [("z", 2, 105), ("x", 2, 105)] or rank(clauses, rows) == [
        ("x", 2, 105),
        ("z", 2, 105),
    ]
    assert [r[0] for r in rank(clauses, [("y", "a", 100)])] == ["y"]


def test_rank_adds_the_exact_title_bonus():
    clauses = [Clause("a", {"a": (1, 1)})]
    ranked = rank(clauses, [("x", "a", 100), ("y", "a", 100), ("y", "=a", 50)], exact_title="=a")
    assert ranked[0][0] == "y"


def test_elderly_and_secondary_school_keep_a_stem_of_their_own():
    from rechtenverkenner.catalog.search import Analyzer

    analyzer = Analyzer()
    assert analyzer.stem("ouderen") == analyzer.stem("oudere") != analyzer.stem("ouders")
    assert analyzer.stem("middelbare") == analyzer.stem("middelbaar") != analyzer.stem("middelen")


def test_the_analyzer_fingerprint_changes_with_the_synonyms():
    from rechtenverkenner.catalog.search import Analyzer

    assert Analyzer([["a", "b"]]).fingerprint() == Analyzer([["a", "b"]]).fingerprint()
    assert Analyzer([["a", "b"]]).fingerprint() != Analyzer([["a", "b", "c"]]).fingerprint()


def test_spoken_flemish_is_read_as_standard_dutch():
    assert words("ik kan nie meer gaan werken") == words("ik kan niet meer gaan werken")
    assert words("wa moet ge doen as da nie lukt") == ["wat", "moet", "je", "doen", "als", "dat", "niet", "lukt"]
    assert words("ik heb gene frank") == ["ik", "heb", "geen", "frank"]
