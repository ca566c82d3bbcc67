"""LPDC on PostgreSQL: import, ended rights out of search, export, and a sync holding its advisory lock."""

import json

import pytest

from tests.conftest import dispose, make_app
from tests.lpdc.helpers import as_bytes, instance
from tests.lpdc.test_sync import feed  # noqa: F401 -- the local feed server fixture

pytestmark = pytest.mark.postgres
NEW_ID = "lpdc-11111111-2222-4333-8444-555555555555"


def test_import_export_and_sync_on_postgres(postgres_url, tmp_path, feed):  # noqa: F811
    app = make_app(postgres_url)
    try:
        runner, client = app.test_cli_runner(), app.test_client()
        path = tmp_path / "i.jsonld"
        path.write_bytes(as_bytes(instance(eindeDienstVerlening="2025-06-30T00:00:00Z")))
        result = runner.invoke(args=["lpdc", "import", str(path), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["created"][0]["ended"] == "2025-06-30"
        assert "Beëindigd" in client.get(f"/recht/{NEW_ID}").get_data(as_text=True)
        found = client.get("/api/v1/rights?q=energiepremie&municipality=44021").get_json()["items"]
        assert NEW_ID not in [r["id"] for r in found]
        exported = client.get("/api/v1/municipalities/44021/lpdc").get_json(force=True)
        assert any(m["isVersionOf"].endswith("11111111-2222-4333-8444-555555555555") for m in exported["member"])
        base = feed[0]
        first = runner.invoke(args=["lpdc", "sync", f"{base}page-0.json", "--json"])
        assert first.exit_code == 0, first.output
        assert len(json.loads(first.stdout)["created"]) == 4
        again = runner.invoke(args=["lpdc", "sync", f"{base}page-0.json", "--json"])
        assert json.loads(again.stdout) == {"created": [], "updated": [], "removed": [], "skipped": []}
    finally:
        dispose(app)
