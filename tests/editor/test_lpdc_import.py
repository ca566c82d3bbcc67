"""LPDC/IPDC JSON-LD import: the real sample feeds, HTML made plain, all or nothing, scoped."""

import json
from pathlib import Path

import pytest

from tests.editor.test_accounts import PASSWORD, sign_in
from tests.editor.test_publish import upload

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "reference" / "lpdc" / "lpdc-samples"
FEED = SAMPLES / "instance-snapshots-ldes" / "page-0.json"
INSTANCE = SAMPLES / "ipdc-instances" / "aae82967-fd21-4a05-a870-7d2b43f4d443.jsonld"
pytestmark = pytest.mark.skipif(not FEED.exists(), reason="../shared/reference/lpdc is not beside this clone")


def account(app, client, email, role, *codes):
    args = ["user", "create", email, "--name", email.split("@")[0], "--role", role]
    for code in codes:
        args += ["--municipality", code]
    assert app.test_cli_runner().invoke(args=args, input=f"{PASSWORD}\n{PASSWORD}\n").exit_code == 0
    assert sign_in(client, email).status_code == 302


def publish_all(client, html):
    import re

    ids = re.findall(r'name="upload" value="(\d+)"', html)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return client.post("/beheer/publiceer", data={"upload": ids, "csrf_token": csrf})


def test_the_sample_feed_page_imports_for_gent_with_its_language_variant(app, client):
    account(app, client, "r@gent.be", "editor", "44021")
    response = upload(client, FEED.read_bytes(), "page-0.json")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "LPDC-import: 2 rechten" in html  # two snapshots of one service count once
    assert "Gent" in html and "nl-BE-x-informal" in html
    assert publish_all(client, html).status_code == 302
    members = json.loads(FEED.read_text(encoding="utf-8"))["member"]
    newest = max(
        (m for m in members if m["isVersionOf"] == members[0]["isVersionOf"]), key=lambda m: m["generatedAtTime"]
    )
    right_id = "lpdc-" + newest["isVersionOf"].rsplit("/", 1)[-1]
    right = client.get(f"/api/v1/rights/{right_id}").get_json()
    assert right["title"] == "Minimalistische instantie updatet"  # the newest snapshot
    assert (
        right["description"] == "Beschrijving van de minimalistische instantie updatet"
        and "<p" not in right["description"]
    )
    assert right["municipality"] is None and right["spatial"] == [{"code": "44021", "label": "Gent"}]
    found = client.get("/api/v1/rights?q=minimalistische&municipality=44021").get_json()["items"]
    assert found and found[0]["id"] == right_id


def test_a_full_instance_keeps_codes_dates_and_its_concept_link(app, client):
    account(app, client, "admin@example.org", "admin")
    html = upload(client, INSTANCE.read_bytes(), "instance.jsonld").get_data(as_text=True)
    assert publish_all(client, html).status_code == 302
    right = client.get("/api/v1/rights/lpdc-aae82967-fd21-4a05-a870-7d2b43f4d443").get_json()
    assert right["title"] == "Volledig ingevulde test om contract tussen ipdc en lpdc te testen"  # the "nl" variant
    assert right["themes"] == ["BurgerOverheid"] and right["startDate"] == "2024-03-12"


def test_an_editor_cannot_import_another_municipalitys_rights(app, client):
    account(app, client, "r@brugge.be", "editor", "31005")
    assert upload(client, FEED.read_bytes(), "page-0.json").status_code == 403


@pytest.mark.parametrize(
    "content",
    [
        b'{"member": [',
        b'{"hello": "world"}',
        b'{"member": [{"@type": ["InstantieSnapshot"], "naam": {"nl": "Zonder gebied"}}]}',
    ],
)
def test_broken_or_incomplete_json_ld_changes_nothing(app, client, content):
    account(app, client, "admin@example.org", "admin")
    before = client.get("/api/v1/rights?pageSize=1").get_json()["total"]
    response = upload(client, content, "broken.jsonld")
    assert response.status_code == 400 and "Het bestand bevat fouten" in response.get_data(as_text=True)
    assert client.get("/api/v1/rights?pageSize=1").get_json()["total"] == before


def test_html_in_lpdc_texts_is_never_rendered(app, client):
    account(app, client, "admin@example.org", "admin")
    evil = {
        "@type": "Instantie",
        "@id": "https://example.org/id/public-service/evil-1",
        "naam": {"nl": "Test <script>alert(1)</script>"},
        "beschrijving": {"nl": "<p>Hallo <img src=x onerror=alert(1)> wereld &amp; co</p>"},
        "geografischToepassingsgebieden": ["BE23444021"],
        "bevoegdBestuursniveaus": ["Lokaal"],
    }
    html = upload(client, json.dumps(evil).encode(), "evil.jsonld").get_data(as_text=True)
    publish_all(client, html)
    right = client.get("/api/v1/rights/lpdc-evil-1").get_json()
    assert right["title"] == "Test" and right["description"] == "Hallo wereld & co"
    page = client.get("/recht/lpdc-evil-1").get_data(as_text=True)
    assert "<script>alert" not in page and "onerror" not in page


@pytest.mark.parametrize(
    "path", sorted((SAMPLES / "ipdc-instances").glob("*.jsonld")) if FEED.exists() else [], ids=lambda p: p.name
)
def test_every_sample_instance_imports_with_municipality_language_and_concept_link(app, client, path):
    from rechtenverkenner.catalog.lpdc import LANGUAGES

    account(app, client, "admin@example.org", "admin")
    item = json.loads(path.read_text(encoding="utf-8"))
    html = upload(client, path.read_bytes(), path.name).get_data(as_text=True)
    assert "taalvariant nl" in html
    assert publish_all(client, html).status_code == 302
    right = client.get(f"/api/v1/rights/lpdc-{item['@id'].rsplit('/', 1)[-1]}").get_json()
    assert right["spatial"] == [
        {"code": "24020", "label": client.get("/api/v1/municipalities/24020").get_json()["name"]}
    ]
    assert right["ipdcConcept"] == item["linkedConcept"]
    assert right["title"] == item["naam"][next(lang for lang in LANGUAGES if lang in item["naam"])]


def test_the_second_sample_feed_page_imports(app, client):
    account(app, client, "r@gent.be", "editor", "44021")
    page = SAMPLES / "instance-snapshots-ldes" / "page-2.json"
    html = upload(client, page.read_bytes(), page.name).get_data(as_text=True)
    assert "LPDC-import" in html
    assert publish_all(client, html).status_code == 302
