"""The LPDC upload in the editor: the same summary as the CLI before publishing, scoped to the editor's
municipalities (a refused service is named with the reason), all or nothing, never a 500."""

import json
import re

import pytest

from tests.editor.test_accounts import PASSWORD, sign_in
from tests.editor.test_publish import upload
from tests.lpdc.helpers import FEED_0, FEED_2, PUBLISHED_TTL, as_bytes, instance
from tests.lpdc.test_read import MALFORMED

NEW_ID = "lpdc-11111111-2222-4333-8444-555555555555"
BRUGGE = "BE25131005"


def account(app, client, email, role, *codes):
    args = ["user", "create", email, "--name", email.split("@")[0], "--role", role]
    for code in codes:
        args += ["--municipality", code]
    assert app.test_cli_runner().invoke(args=args, input=f"{PASSWORD}\n{PASSWORD}\n").exit_code == 0
    assert sign_in(client, email).status_code == 302


def publish_all(client, html):
    ids = re.findall(r'name="upload" value="(\d+)"', html)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return client.post("/beheer/publiceer", data={"upload": ids, "csrf_token": csrf})


def feed(*members) -> bytes:
    context = members[0]["@context"]
    return as_bytes(
        {
            "@context": [context, "ldes.jsonld"],
            "@type": "EventStream",
            "member": [{k: v for k, v in m.items() if k != "@context"} for m in members],
        }
    )


def test_a_gent_editor_imports_a_feed_page_of_gent_services_and_sees_the_cli_summary(app, client):
    account(app, client, "r@gent.be", "editor", "44021")
    response = upload(client, FEED_0.read_bytes(), "page-0.json")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "LPDC-import: 2 nieuw, 0 gewijzigd, 0 verwijderd, 1 overgeslagen" in html
    assert "taalvariant nl-BE-x-informal" in html and "oudere momentopname van dezelfde dienst" in html
    assert publish_all(client, html).status_code == 302
    right = client.get("/api/v1/rights/lpdc-c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3").get_json()
    assert right["title"] == "Minimalistische instantie updatet" and "<p" not in right["description"]
    assert right["spatial"] == [{"code": "44021", "label": "Gent"}]
    found = client.get("/api/v1/rights?q=minimalistische&municipality=44021").get_json()["items"]
    assert found and found[0]["id"] == right["id"]
    again = upload(client, FEED_0.read_bytes(), "page-0.json").get_data(as_text=True)
    assert "Er verandert niets" in again and 'name="upload"' not in again


def test_a_gent_service_that_also_names_its_province_and_region_is_gents(app, client):
    account(app, client, "r@gent.be", "editor", "44021")
    member = instance(geografischToepassingsgebieden=["BE23444021", "BE234", "BE2"])
    html = upload(client, feed(member, instance(uuid="22222222-2222-4333-8444-555555555555")), "p.jsonld").get_data(
        as_text=True
    )
    assert "LPDC-import: 2 nieuw" in html
    assert publish_all(client, html).status_code == 302
    assert client.get(f"/api/v1/rights/{NEW_ID}").get_json()["spatial"] == [{"code": "44021", "label": "Gent"}]
    assert upload(client, FEED_2.read_bytes(), "page-2.json").status_code == 200


def test_an_editor_is_refused_other_municipalities_services_each_named_with_the_reason(app, client):
    account(app, client, "r@brugge.be", "editor", "31005")
    response = upload(client, FEED_2.read_bytes(), "page-2.json")
    html = response.get_data(as_text=True)
    assert response.status_code == 403 and "Je mag niet elke dienst in dit bestand importeren" in html
    assert "Registerplicht" in html and "Toelating voor losse standplaats" in html
    assert html.count("hoort bij Gent") == 2 and "Brugge" in html


def test_one_refused_service_stops_the_whole_upload(app, client):
    account(app, client, "r@gent.be", "editor", "44021")
    brugge = instance(uuid="33333333-2222-4333-8444-555555555555", geografischToepassingsgebieden=[BRUGGE])
    brugge["naam"] = {"nl": "Brugse premie"}
    flemish = instance(uuid="44444444-2222-4333-8444-555555555555", bevoegdBestuursniveaus=["Vlaams"])
    flemish["naam"] = {"nl": "Vlaamse premie"}
    html = upload(client, feed(instance(), brugge, flemish), "p.jsonld").get_data(as_text=True)
    assert "dienst &#39;Brugse premie&#39;" in html and "hoort bij Brugge" in html
    assert "dienst &#39;Vlaamse premie&#39;" in html and "geen lokale dienst (bevoegd bestuursniveau: Vlaams)" in html
    assert "Energiepremie" not in html  # the service of Gent is not refused
    assert client.get(f"/api/v1/rights/{NEW_ID}").status_code == 404


def test_an_administrator_imports_turtle_and_an_archived_string_removes(app, client):
    account(app, client, "admin@example.org", "admin")
    html = upload(client, PUBLISHED_TTL.read_bytes(), "instance.ttl").get_data(as_text=True)
    assert "LPDC-import: 1 nieuw" in html
    assert publish_all(client, html).status_code == 302
    right_id = "lpdc-45769c3c-0fa0-476e-b90e-0d5f1f49355a"
    assert client.get(f"/api/v1/rights/{right_id}").status_code == 200
    archived = PUBLISHED_TTL.read_text(encoding="utf-8") + (
        "\n<http://data.lblod.info/id/public-service/45769c3c-0fa0-476e-b90e-0d5f1f49355a> "
        '<https://productencatalogus.data.vlaanderen.be/ns/ipdc-lpdc#isArchived> "true" .\n'
    )
    html = upload(client, archived.encode(), "archived.ttl").get_data(as_text=True)
    assert "1 verwijderd" in html and "gearchiveerd in LPDC" in html
    assert publish_all(client, html).status_code == 302
    assert client.get(f"/api/v1/rights/{right_id}").status_code == 404


def test_html_in_lpdc_texts_is_never_rendered(app, client):
    account(app, client, "admin@example.org", "admin")
    evil = instance(naam={"nl": "Test <script>alert(1)</script>"})
    evil["beschrijving"] = {"nl": "<p>Hallo <img src=x onerror=alert(1)> wereld &amp; co</p>"}
    html = upload(client, as_bytes(evil), "evil.jsonld").get_data(as_text=True)
    assert "<script>alert" not in html and "onerror" not in html
    publish_all(client, html)
    right = client.get(f"/api/v1/rights/{NEW_ID}").get_json()
    assert right["title"] == "Test" and right["description"] == "Hallo wereld & co"
    page = client.get(f"/recht/{NEW_ID}").get_data(as_text=True)
    assert "<script>alert" not in page and "onerror" not in page


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_lpdc_uploads_are_a_400_with_a_dutch_message(app, client, content):
    account(app, client, "admin@example.org", "admin")
    before = client.get("/api/v1/rights?pageSize=1").get_json()["total"]
    response = upload(client, content, "broken.jsonld")
    html = response.get_data(as_text=True)
    if response.status_code == 200:  # read as a usable instance (e.g. a harmless oddity): nothing published yet
        assert "LPDC-import" in html
    else:
        assert response.status_code == 400 and "Het bestand bevat fouten" in html
    assert client.get("/api/v1/rights?pageSize=1").get_json()["total"] == before


def test_the_upload_summary_matches_the_cli_json(app, client, tmp_path):
    path = tmp_path / "page-2.json"
    path.write_bytes(FEED_2.read_bytes())
    result = app.test_cli_runner().invoke(args=["lpdc", "import", str(path), "--json", "--dry-run"])
    cli = json.loads(result.stdout)
    account(app, client, "r@gent.be", "editor", "44021")
    html = upload(client, FEED_2.read_bytes(), "page-2.json").get_data(as_text=True)
    for entry in cli["created"]:
        assert f"<code>{entry['id']}</code>" in html and entry["title"] in html
