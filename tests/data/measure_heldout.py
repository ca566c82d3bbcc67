"""Measure recall@5 of the search API on a held-out query file (a script, not a pytest test).

Usage: .venv/bin/python -m tests.data.measure_heldout tests/data/heldout_round5.toml

The file holds [[query]] tables with q, municipality ("" for none), expect (a right id) and kind
("sentence" or "keyword"). The app is built like tests/conftest.py's make_app, on SQLite in a
temporary directory, and every query goes to GET /api/v1/rights with pageSize=5.
"""

import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path

from tests.conftest import dispose, make_app

TOP = 5


def load_queries(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text("utf-8"))["query"]


def top_ids(client, query: str, municipality: str) -> list[str]:
    params = {"q": query, "pageSize": str(TOP)}
    if municipality:
        params["municipality"] = municipality
    response = client.get("/api/v1/rights", query_string=params)
    if response.status_code != 200:
        raise RuntimeError(f"{query!r}: HTTP {response.status_code}")
    return [item["id"] for item in response.get_json()["items"]][:TOP]


def measure(path: Path) -> int:
    queries = load_queries(path)
    hits: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    misses: list[tuple[dict, list[str]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(f"sqlite:///{Path(tmp) / 'heldout.db'}")
        try:
            client = app.test_client()
            for query in queries:
                ids = top_ids(client, query["q"], query.get("municipality", ""))
                kind = query.get("kind", "query")
                totals[kind] += 1
                if query["expect"] in ids:
                    hits[kind] += 1
                else:
                    misses.append((query, ids))
        finally:
            dispose(app)
    for kind in sorted(totals):
        print(f"{kind}: recall@{TOP} = {hits[kind]}/{totals[kind]} = {hits[kind] / totals[kind]:.3f}")
    print(f"all: recall@{TOP} = {sum(hits.values())}/{len(queries)} = {sum(hits.values()) / len(queries):.3f}")
    print(f"\nmisses ({len(misses)}):")
    for query, ids in misses:
        municipality = query.get("municipality") or "-"
        print(f"[{query.get('kind', 'query')}] {query['q']!r} (municipality {municipality}) expect {query['expect']}")
        print(f"    top {TOP}: {', '.join(ids) or '(none)'}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.data.measure_heldout QUERIES.toml", file=sys.stderr)
        return 2
    return measure(Path(argv[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
