"""The list of recent changes (/recent) and its Atom 1.0 feed: what changed, when, where; new amounts too."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from rechtenverkenner.web import leefloon as leefloon_page

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def changed_app(small_app, fixture_catalog):
    """The small catalogue loaded, then a load that changes Gent's leefloon, adds a right and removes one."""
    gent = fixture_catalog / "rights" / "leefloon-gent.toml"
    gent.write_text(gent.read_text().replace('phone = "09 000 00 00"', 'phone = "09 111 11 11"'))
    extra = fixture_catalog / "rights" / "brugs-extra.toml"
    extra.unlink()
    (fixture_catalog / "rights" / "nieuw-recht.toml").write_text(
        "\n".join(
            [
                "schema = 1",
                'id = "nieuw-recht"',
                'kind = "concept"',
                'title = "Een nieuw Vlaams recht"',
                'summary = "Voor de test."',
                'description = "Een recht dat alleen in deze test bestaat."',
                'competent_authority_level = ["Vlaams"]',
                'product_type = "FinancieelVoordeel"',
                'spatial = ["VLG"]',
                'source_url = "https://example.org/nieuw"',
                "",
            ]
        )
    )
    result = small_app.test_cli_runner().invoke(args=["catalog", "load"])
    assert result.exit_code == 0, result.output
    return small_app


def test_a_load_lists_what_changed_when_and_for_which_municipality(changed_app):
    page = changed_app.test_client().get("/recent")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Leefloon – OCMW Gent" in html and "Gewijzigd: contactpunten." in html and "(Gent)" in html
    assert "Een nieuw Vlaams recht" in html and "Nieuw in de catalogus." in html
    assert "Uit de catalogus gehaald." in html
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/recent.atom"' in html
    assert "<script" not in html


def test_an_unchanged_load_adds_nothing(changed_app):
    before = changed_app.test_client().get("/recent").get_data(as_text=True).count("<li>")
    result = changed_app.test_cli_runner().invoke(args=["catalog", "load"])
    assert result.exit_code == 0
    assert changed_app.test_client().get("/recent").get_data(as_text=True).count("<li>") == before


def test_the_municipality_filter_stays_in_the_url_and_the_feed_link(changed_app):
    client = changed_app.test_client()
    gent = client.get("/recent?gemeente=44021").get_data(as_text=True)
    assert "Leefloon – OCMW Gent" in gent and "Een nieuw Vlaams recht" in gent  # Gent is in Flanders
    assert 'href="/recent.atom?gemeente=44021"' in gent
    assert '<option value="44021" selected>' in gent
    brussels = client.get("/recent?gemeente=21004").get_data(as_text=True)
    assert "Leefloon – OCMW Gent" not in brussels and "Een nieuw Vlaams recht" not in brussels
    assert client.get("/recent?gemeente=99999").status_code == 400


def test_the_feed_is_valid_atom_with_the_required_elements(changed_app):
    response = changed_app.test_client().get("/recent.atom?gemeente=44021")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None and root.find(f"{ATOM}{name}").text.strip()
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Rechtenverkenner"
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/recent.atom?gemeente=44021")
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = set()
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text.strip()
        dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)  # RFC 3339
        ids.add(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(entries)
    titles = [e.find(f"{ATOM}title").text for e in entries]
    gent = next(e for e in entries if "Leefloon – OCMW Gent" in e.find(f"{ATOM}title").text)
    assert gent.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/recht/leefloon-gent")
    assert gent.find(f"{ATOM}category").get("term") == "44021"
    assert any(t.startswith("Gewijzigd") for t in titles)


def test_new_index_amounts_appear_with_their_source(app, monkeypatch):
    """The real catalogue: a parameter value in force within the window is listed, in the feed too."""
    parameters = app.extensions["catalogue"].codelists.rights_data.parameters
    value = parameters["vt-inkomensgrens-jaar"].values[-1]
    monkeypatch.setattr(leefloon_page, "today", lambda: value.valid_from + dt.timedelta(days=10))
    client = app.test_client()
    html = client.get("/recent").get_data(as_text=True)
    assert parameters["vt-inkomensgrens-jaar"].title in html and value.source in html
    title = parameters["vt-inkomensgrens-jaar"].title
    users = ("verhoogde-tegemoetkoming", "sociaal-telefoontarief")  # the rights whose conditions use the figure
    assert any(f'<a href="/recht/{right}">{title}</a>' in html for right in users)
    root = ET.fromstring(client.get("/recent.atom").data)
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert any(value.source in s for s in summaries)
    monkeypatch.setattr(leefloon_page, "today", lambda: value.valid_from + dt.timedelta(days=800))
    assert parameters["vt-inkomensgrens-jaar"].title not in client.get("/recent").get_data(as_text=True)
