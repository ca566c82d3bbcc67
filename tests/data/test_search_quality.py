"""Search quality on realistic social-worker queries, on SQLite and on PostgreSQL alike."""

import tomllib
from pathlib import Path

import pytest

from tests.conftest import dispose, make_app

QUERIES = tomllib.loads((Path(__file__).with_name("search_queries.toml")).read_text(encoding="utf-8"))["query"]


def ids(client, case, page_size=10):
    response = client.get(
        "/api/v1/rights", query_string={"q": case["q"], "municipality": case["municipality"], "pageSize": page_size}
    )
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
