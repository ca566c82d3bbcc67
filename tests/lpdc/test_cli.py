"""`flask lpdc import`: all or nothing, one JSON summary, stable ids, archived and ended services."""

import json

import pytest

from tests.lpdc.helpers import FEED_0, FEED_2, IPDC_INSTANCE, PUBLISHED_JSON, PUBLISHED_TTL, as_bytes, instance

NEW_ID = "lpdc-11111111-2222-4333-8444-555555555555"


def run(app, *args):
    return app.test_cli_runner().invoke(args=["lpdc", *args])


def import_json(app, path, *extra):
    result = run(app, "import", str(path), "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else as_bytes(data))
    return str(path)


def test_import_prints_one_json_object_with_the_four_lists(app, client, tmp_path):
    summary = import_json(app, FEED_0)
    assert set(summary) == {"created", "updated", "removed", "skipped"}
    assert sorted(e["title"] for e in summary["created"]) == [
        "Essentiële instantie",
        "Minimalistische instantie updatet",
    ]
    assert all(e["id"].startswith("lpdc-") for e in summary["created"])
    [older] = summary["skipped"]
    assert older["reason"] == "oudere momentopname van dezelfde dienst in dit bestand"
    assert older["id"] == "lpdc-c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3" and older["title"] == "Minimalistische instantie"
    right = client.get("/api/v1/rights/lpdc-c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3").get_json()
    assert right["title"] == "Minimalistische instantie updatet"


def test_dry_run_changes_nothing(app, client):
    summary = import_json(app, FEED_2, "--dry-run")
    assert len(summary["created"]) == 2
    assert client.get(f"/api/v1/rights/{summary['created'][0]['id']}").status_code == 404


def test_the_same_service_in_another_serialisation_is_never_duplicated(app, client):
    first = import_json(app, PUBLISHED_JSON)
    [created] = first["created"]
    again = import_json(app, PUBLISHED_JSON)
    assert again["created"] == [] and again["updated"] == [] and again["skipped"][0]["reason"] == "ongewijzigd"
    turtle = import_json(app, PUBLISHED_TTL)
    assert turtle["created"] == []
    assert [e["id"] for e in turtle["updated"] + turtle["skipped"]] == [created["id"]]
    found = client.get("/api/v1/rights?q=nationaliteit&pageSize=100").get_json()["items"]
    assert [r["id"] for r in found if r["id"].startswith("lpdc-")].count(created["id"]) <= 1


def test_all_fields_are_published_and_shown(app, client, tmp_path):
    summary = import_json(app, write(tmp_path, "i.jsonld", instance()))
    assert summary["created"] == [
        {"id": NEW_ID, "title": "Energiepremie (formeel)", "lpdcId": instance()["@id"], "language": "nl-BE-x-formal"}
    ]
    right = client.get(f"/api/v1/rights/{NEW_ID}").get_json()
    assert right["contactPoints"][0]["openingHours"] == ["ma-vr 9-12 uur"]
    assert right["contactPoints"][0]["address"]["street"] == "Teststraat"
    assert right["procedures"][0]["websites"][0]["url"] == "https://example.org/formulier"
    assert right["requirements"][0]["evidence"]["title"] == "Identiteitskaart"
    assert right["keywords"] == ["energie", "premie"]
    page = client.get(f"/recht/{NEW_ID}").get_data(as_text=True)
    for text in (
        "Testreglement.",
        "Testwebsite",
        "Tot de helft van de factuur.",
        "De aanvraag is gratis.",
        "Niet voor bedrijven.",
    ):
        assert text in page


@pytest.mark.parametrize("archived", [True, "true"])
def test_an_archived_service_is_never_created_and_removed_when_it_exists(app, client, tmp_path, archived):
    summary = import_json(app, write(tmp_path, "a.jsonld", instance(gearchiveerd=archived)))
    assert summary["created"] == [] and summary["skipped"][0]["reason"] == "gearchiveerd in LPDC: niet aangemaakt"
    assert client.get(f"/api/v1/rights/{NEW_ID}").status_code == 404
    import_json(app, write(tmp_path, "b.jsonld", instance()))
    assert client.get(f"/api/v1/rights/{NEW_ID}").status_code == 200
    summary = import_json(app, write(tmp_path, "c.jsonld", instance(gearchiveerd=archived)))
    assert [e["id"] for e in summary["removed"]] == [NEW_ID]
    assert client.get(f"/api/v1/rights/{NEW_ID}").status_code == 404


def test_an_ended_service_is_kept_marked_and_left_out_of_search(app, client, tmp_path):
    summary = import_json(app, write(tmp_path, "e.jsonld", instance(eindeDienstVerlening="2025-06-30T00:00:00Z")))
    assert summary["created"][0]["ended"] == "2025-06-30"
    assert client.get(f"/api/v1/rights/{NEW_ID}").status_code == 200
    page = client.get(f"/recht/{NEW_ID}").get_data(as_text=True)
    assert "Beëindigd" in page and "30 juni 2025" in page
    found = client.get("/api/v1/rights?q=energiepremie&municipality=44021").get_json()["items"]
    assert NEW_ID not in [r["id"] for r in found]
    import_json(app, write(tmp_path, "f.jsonld", instance(eindeDienstVerlening="2099-12-31T00:00:00Z")))
    found = client.get("/api/v1/rights?q=energiepremie&municipality=44021").get_json()["items"]
    assert NEW_ID in [r["id"] for r in found]
    assert "Beëindigd" not in client.get(f"/recht/{NEW_ID}").get_data(as_text=True)


def test_one_bad_service_changes_nothing_and_is_named(app, client, tmp_path):
    good = instance()
    bad = instance(uuid="99999999-2222-4333-8444-555555555555", geografischToepassingsgebieden=[])
    bad["naam"] = {"nl": "Zonder gebied"}
    page = {
        "@context": [good.pop("@context"), "ldes.jsonld"],
        "@type": "EventStream",
        "member": [good, {k: v for k, v in bad.items() if k != "@context"}],
    }
    result = run(app, "import", write(tmp_path, "p.jsonld", page), "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "dienst 'Zonder gebied'" in result.stderr and "spatial" in result.stderr
    assert "Er is niets gewijzigd." in result.stderr
    assert client.get(f"/api/v1/rights/{NEW_ID}").status_code == 404


@pytest.mark.parametrize(
    "content",
    [b'{"member": [', b"@prefix x: <y> . x:a x:b", b"[1, 2]", b"", b'{"@id": {"x": 1}, "@type": "Instantie"}'],
    ids=["broken JSON", "broken Turtle", "wrong types", "empty", "object as id"],
)
def test_malformed_files_give_a_dutch_error_and_exit_1(app, tmp_path, content):
    result = run(app, "import", write(tmp_path, "x.jsonld", content))
    assert result.exit_code == 1
    assert "Er is niets gewijzigd." in result.stderr


def test_a_missing_file_is_a_clear_error(app):
    result = run(app, "import", "/no/such/file.jsonld")
    assert result.exit_code == 1 and "bestaat niet" in result.stderr


def test_the_ipdc_instance_imports_with_its_end_date(app, client):
    summary = import_json(app, IPDC_INSTANCE)
    [entry] = summary["created"]
    assert entry["ended"] == "2024-09-21"
    right = client.get(f"/api/v1/rights/{entry['id']}").get_json()
    assert right["ipdcConcept"].endswith("a7cedff2-e87d-42ca-b491-27075b7e15c2")
