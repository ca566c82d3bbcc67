"""Search quality on realistic social-worker queries, on SQLite and on PostgreSQL alike."""

import tomllib
from pathlib import Path

import pytest

from tests.conftest import dispose, make_app

QUERIES = tomllib.loads((Path(__file__).with_name("search_queries.toml")).read_text(encoding="utf-8"))["query"]


def ids(client, case, page_size=10):
    params = {"q": case["q"], "pageSize": page_size}
    if case["municipality"]:  # "" = no municipality: the concepts, as a search without one
        params["municipality"] = case["municipality"]
    response = client.get("/api/v1/rights", query_string=params)
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def check(found, case):
    if "first" in case:
        assert found[:1] == [case["first"]], found
    if "expect" in case:
        assert case["expect"] in found[: case.get("within", 1)], found
    if "absent" in case:
        assert case["absent"] not in found, found


@pytest.fixture(scope="module")
def sqlite_client(tmp_path_factory):
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('quality') / 'q.db'}")
    return app.test_client()


def test_there_are_at_least_40_queries():
    assert len(QUERIES) >= 40


@pytest.mark.parametrize("case", QUERIES, ids=[c["name"] for c in QUERIES])
def test_search_quality_on_sqlite(sqlite_client, case):
    check(ids(sqlite_client, case), case)


@pytest.fixture
def postgres_client(postgres_url):
    app = make_app(postgres_url)
    yield app.test_client()
    dispose(app)


@pytest.mark.postgres
def test_search_quality_and_results_are_the_same_on_postgres(postgres_client, sqlite_client):
    for case in QUERIES:
        on_postgres = ids(postgres_client, case, page_size=50)
        check(on_postgres, case)
        assert on_postgres == ids(sqlite_client, case, page_size=50), case["name"]


SENTENCES = tomllib.loads((Path(__file__).with_name("sentence_queries.toml")).read_text(encoding="utf-8"))["query"]


def recall_at_5(client, cases) -> tuple[float, list[str]]:
    """The share of cases whose right is in the first five results, and the misses."""
    misses = []
    for case in cases:
        expected = case.get("expect") or case.get("first")
        if expected and expected not in ids(client, case, page_size=5):
            misses.append(f"{case['q']!r} → {expected}")
    return 1 - len(misses) / len(cases), misses


def test_there_are_at_least_60_sentence_queries():
    assert len(SENTENCES) >= 60


def test_sentence_queries_find_the_right_in_the_top_5_for_9_in_10(sqlite_client):
    recall, misses = recall_at_5(sqlite_client, SENTENCES)
    print(f"recall@5 sentence queries: {recall:.1%} of {len(SENTENCES)}")
    assert recall >= 0.9, misses


def test_keyword_queries_keep_recall_at_5_of_95_percent(sqlite_client):
    cases = [c for c in QUERIES if "absent" not in c or "first" in c or "expect" in c]
    recall, misses = recall_at_5(sqlite_client, [c for c in cases if c.get("expect") or c.get("first")])
    print(f"recall@5 keyword queries: {recall:.1%}")
    assert recall >= 0.95, misses


def test_filler_words_alone_never_fail_and_never_drown_the_subject(sqlite_client):
    response = sqlite_client.get("/api/v1/rights", query_string={"q": "ik kan niet", "municipality": "44021"})
    assert response.status_code == 200
    found = ids(sqlite_client, {"q": "ik kan mijn huur niet betalen", "municipality": "44021"}, page_size=5)
    assert "vlaamse-huurpremie" in found


def test_a_compound_match_ranks_below_a_match_on_the_subject(sqlite_client):
    found = ids(sqlite_client, {"q": "energiefactuur te hoog", "municipality": "44021"}, page_size=10)
    assert found.index("sociaal-tarief-energie") < found.index("maximumfactuur") if "maximumfactuur" in found else True
    assert found[0] != "maximumfactuur"
