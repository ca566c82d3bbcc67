"""A right page earns trust: the figures its conditions use with their date and source, the review date or
"nooit gecontroleerd", and contact points with the page they were read on."""

import datetime as dt
import shutil

import pytest

from rechtenverkenner.catalog.codelists import load_codelists
from rechtenverkenner.catalog.files import read_folder
from rechtenverkenner.errors import CatalogError
from rechtenverkenner.web import leefloon as leefloon_page
from tests.conftest import CATALOG, dispose, make_app


def test_a_right_page_lists_the_figures_its_conditions_use_with_date_and_source(app, monkeypatch):
    monkeypatch.setattr(leefloon_page, "today", lambda: dt.date(2026, 11, 29))
    parameters = app.extensions["catalogue"].codelists.rights_data.parameters
    value = parameters["vt-inkomensgrens-jaar"].at(dt.date(2026, 11, 29))
    html = app.test_client().get("/recht/verhoogde-tegemoetkoming").get_data(as_text=True)
    assert "Bedragen en grenzen die vandaag gelden" in html
    assert parameters["vt-inkomensgrens-jaar"].title in html
    assert "€ 25.630,67 per jaar, plus € 4.744,94 per extra gezinslid" in html  # the base and per member, in euro
    assert f"Geldt vanaf {value.valid_from.day} " in html and value.source in html
    assert "niet officieel: uit een secundaire bron" in html  # a secondary figure says so


def test_the_api_gives_the_value_in_force_and_none_before_the_first_one(app, monkeypatch):
    body = app.test_client().get("/api/v1/rights/verhoogde-tegemoetkoming").get_json()
    by_id = {p["id"]: p for p in body["parameters"]}
    current = by_id["vt-inkomensgrens-jaar"]["current"]
    assert current["base"] == "25630.67" and current["perExtraMember"] == "4744.94"
    assert current["source"].startswith("https://") and current["validFrom"]
    monkeypatch.setattr(leefloon_page, "today", lambda: dt.date(2000, 1, 1))
    html = app.test_client().get("/recht/verhoogde-tegemoetkoming").get_data(as_text=True)
    assert "de catalogus heeft geen bedrag dat vandaag geldt" in html


def test_an_entry_never_checked_against_its_source_says_so(small_app, fixture_catalog):
    gent = fixture_catalog / "rights" / "leefloon-gent.toml"
    gent.write_text(gent.read_text().replace("last_reviewed = 2026-01-01\n", ""))
    assert small_app.test_cli_runner().invoke(args=["catalog", "load"]).exit_code == 0
    client = small_app.test_client()
    assert client.get("/api/v1/rights/leefloon-gent").get_json()["lastReviewed"] is None
    assert "nog niet apart nagekeken" in client.get("/recht/leefloon-gent").get_data(as_text=True)  # its concept was
    checked = client.get("/recht/leefloon").get_data(as_text=True)
    assert "Laatst nagekeken tegen de bron op" in checked and "Nooit gecontroleerd" not in checked
    concept = fixture_catalog / "rights" / "leefloon.toml"
    concept.write_text(concept.read_text().replace("last_reviewed = 2026-01-01\n", ""))
    assert small_app.test_cli_runner().invoke(args=["catalog", "load"]).exit_code == 0
    assert "Nooit gecontroleerd" in client.get("/recht/leefloon-gent").get_data(as_text=True)
    assert "Nooit gecontroleerd" in client.get("/recht/leefloon").get_data(as_text=True)


def test_a_contact_point_shows_its_hours_booking_link_and_the_page_it_was_read_on(small_app, fixture_catalog):
    gent = fixture_catalog / "rights" / "leefloon-gent.toml"
    gent.write_text(
        gent.read_text()
        + 'opening_hours = ["maandag: 9 tot 12 uur", "dinsdag: gesloten"]\n'
        + 'booking_url = "https://example.org/afspraak"\n'
        + 'source_url = "https://example.org/contact"\n'
        + "read_on = 2026-11-29\n"
    )
    assert small_app.test_cli_runner().invoke(args=["catalog", "load"]).exit_code == 0
    client = small_app.test_client()
    html = client.get("/recht/leefloon-gent").get_data(as_text=True)
    assert "<li>maandag: 9 tot 12 uur</li>" in html and "<li>dinsdag: gesloten</li>" in html
    assert 'href="https://example.org/afspraak"' in html
    assert 'href="https://example.org/contact"' in html and "gelezen op 29 november 2026" in html
    contact = client.get("/api/v1/rights/leefloon-gent").get_json()["contactPoints"][0]
    assert contact["openingHours"] == ["maandag: 9 tot 12 uur", "dinsdag: gesloten"]
    assert contact["sourceUrl"] == "https://example.org/contact" and contact["readOn"] == "2026-11-29"


def test_a_contact_source_without_its_reading_date_is_refused(small_app, fixture_catalog):
    gent = fixture_catalog / "rights" / "leefloon-gent.toml"
    gent.write_text(gent.read_text() + 'source_url = "https://example.org/contact"\n')
    result = small_app.test_cli_runner().invoke(args=["catalog", "load"])
    assert result.exit_code != 0 and "read_on" in result.output


def _with_amounts(fixture_catalog, amounts: str):
    shutil.copytree(CATALOG / "parameters", fixture_catalog / "parameters")
    path = fixture_catalog / "rights" / "huurpremie.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('related = ["leefloon"]', f'related = ["leefloon"]\namounts = {amounts}'), "utf-8")
    return fixture_catalog


def test_a_right_shows_its_own_amounts_apart_from_the_limits_of_its_conditions(tmp_path, fixture_catalog, monkeypatch):
    monkeypatch.setattr(leefloon_page, "today", lambda: dt.date(2026, 11, 29))
    app = make_app(f"sqlite:///{tmp_path / 'a.db'}", _with_amounts(fixture_catalog, '["igo-bedrag"]'))
    body = app.test_client().get("/api/v1/rights/huurpremie").get_json()
    assert [(p["id"], p["role"]) for p in body["parameters"]] == [("igo-bedrag", "amount")]
    html = app.test_client().get("/recht/huurpremie").get_data(as_text=True)
    assert '<h2 id="bedragen-recht-kop">Bedragen</h2>' in html and "Bedragen en grenzen die vandaag" not in html
    value = app.extensions["catalogue"].codelists.rights_data.parameters["igo-bedrag"].at(dt.date(2026, 11, 29))
    assert value.source in html
    dispose(app)


def test_an_amount_that_names_no_parameter_is_refused_with_its_path(fixture_catalog):
    _with_amounts(fixture_catalog, '["bestaat-niet"]')
    with pytest.raises(CatalogError) as refused:
        read_folder(fixture_catalog, load_codelists(fixture_catalog))
    assert [i.name for i in refused.value.issues] == ["huurpremie.toml:amounts[0]"]
    assert "bestaat-niet" in refused.value.issues[0].detail_nl


def test_a_figure_older_than_a_year_is_shown_as_the_last_known_one(app, monkeypatch):
    parameters = app.extensions["catalogue"].codelists.rights_data.parameters
    latest = parameters["vt-inkomensgrens-jaar"].values[-1].valid_from
    monkeypatch.setattr(leefloon_page, "today", lambda: latest + dt.timedelta(days=400))
    html = app.test_client().get("/recht/verhoogde-tegemoetkoming").get_data(as_text=True)
    assert "Laatst gekend bedrag" in html
    monkeypatch.setattr(leefloon_page, "today", lambda: latest + dt.timedelta(days=30))
    html = app.test_client().get("/recht/verhoogde-tegemoetkoming").get_data(as_text=True)
    assert "Laatst gekend bedrag" not in html


def test_an_ocmw_right_without_its_own_contact_shows_the_chosen_municipalitys_ocmw(app):
    client = app.test_client()
    assert "Je vraagt het aan bij het OCMW van" not in client.get("/recht/medische-kosten-ocmw").get_data(as_text=True)
    client.set_cookie("gemeente", "31005")  # Brugge: its leefloon version has sourced contact points
    html = client.get("/recht/medische-kosten-ocmw").get_data(as_text=True)
    assert "Je vraagt het aan bij het OCMW van Brugge" in html
    assert "050 32 77 70" in html and 'href="/recht/leefloon-brugge"' in html
    assert "gelezen op" in html  # with the page the facts were read on
    # a right another body carries out never borrows the OCMW's contact points
    assert "Je vraagt het aan bij het OCMW van" not in client.get("/recht/rustpensioen").get_data(as_text=True)


def test_a_local_version_says_when_the_content_it_takes_over_was_checked(app):
    concept = app.test_client().get("/api/v1/rights/budgetbeheer").get_json()
    version = app.test_client().get("/api/v1/rights/budgetbeheer-gent").get_json()
    assert concept["lastReviewed"] and concept["conceptLastReviewed"] is None
    assert version["lastReviewed"] is None and version["conceptLastReviewed"] == concept["lastReviewed"]
    html = app.test_client().get("/recht/budgetbeheer-gent").get_data(as_text=True)
    assert "Deze lokale versie zelf werd nog niet apart nagekeken" in html and "Nooit gecontroleerd" not in html
