"""The social workers' pages through the Flask client: start, search, detail, print views."""

import re


def test_the_start_page_offers_every_municipality_grouped_by_province(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert len(re.findall(r'<option value="\d{5}"', html)) == 304
    assert 'label="Provincie Oost-Vlaanderen"' in html and 'label="Brussels Hoofdstedelijk Gewest"' in html


def test_search_without_a_municipality_goes_to_the_start_page(client):
    response = client.get("/zoeken")
    assert response.status_code == 302 and response.headers["Location"].endswith("/?volgende=zoeken")


def test_choosing_a_municipality_is_remembered_in_a_cookie(client):
    response = client.get("/zoeken?gemeente=44021&q=leefloon")
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert "gemeente=44021" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    html = client.get("/zoeken?q=budgetbeheer").get_data(as_text=True)
    assert "Rechten zoeken in Gent" in html and "Budgetbeheer – OCMW Gent" in html


def test_results_show_level_and_whether_conditions_apply(client):
    html = client.get("/zoeken?gemeente=44021&q=maximumfactuur").get_data(as_text=True)
    assert "Federaal" in html and "Onder voorwaarden" in html
    general = client.get("/zoeken?gemeente=44021&q=budgetbegeleiding").get_data(as_text=True)
    assert "Algemeen recht" in general


def test_facets_are_checkboxes_with_counts_in_a_plain_form(client):
    html = client.get("/zoeken?gemeente=44021&level=flemish").get_data(as_text=True)
    assert 'type="checkbox"' in html and 'name="level" value="flemish" checked' in html
    assert "<legend>Bestuursniveau</legend>" in html


def test_paging_keeps_the_filters(client):
    html = client.get("/zoeken?gemeente=44021").get_data(as_text=True)
    assert 'rel="next"' in html and "page=2" in html


def test_the_right_page_shows_what_who_conditions_how_documents_and_where(client):
    client.get("/zoeken?gemeente=31005")
    html = client.get("/recht/leefloon-brugge").get_data(as_text=True)
    for heading in ["Wat is het?", "Voor wie?", "Voorwaarden", "Hoe aanvragen?", "Mee te brengen documenten", "Waar?"]:
        assert f"<h2>{heading}</h2>" in html
    assert "Hoogstraat 9" in html and "050 32 77 70" in html
    assert "Laatst nagekeken tegen de bron op" in html or "Nooit gecontroleerd" in html


def test_the_print_views_have_no_navigation(client):
    html = client.get("/recht/leefloon/print").get_data(as_text=True)
    assert 'class="print"' in html and "Printversie</a>" not in html
    listing = client.get("/zoeken/print?q=leefloon&gemeente=44021").get_data(as_text=True)
    assert "Leefloon – OCMW Gent" in listing and 'class="print"' in listing


def test_an_unknown_right_or_municipality_is_a_page_not_a_crash(client):
    assert client.get("/recht/bestaat-niet").status_code == 404
    response = client.get("/zoeken?gemeente=99999")
    assert response.status_code == 400 and "Onbekende NIS-code" in response.get_data(as_text=True)


def test_a_bad_facet_value_on_the_page_is_a_400_page(client):
    response = client.get("/zoeken?gemeente=44021&theme=Vakantie")
    assert response.status_code == 400


def test_health_check(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
