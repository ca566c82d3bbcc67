"""A search page never ends empty: a spelling correction and life situations lead on; the municipality stays."""

import re


def test_no_results_suggest_life_situations_and_keep_the_municipality(client):
    html = client.get("/zoeken", query_string={"q": "xyzzy", "gemeente": "44021"}).get_data(as_text=True)
    assert "Zoek verder" in html and "lifeSituation=" in html
    links = re.findall(r'href="(/zoeken\?[^"]*)"', html)
    assert links and all("gemeente=44021" in link for link in links if "lifeSituation" in link)
    assert 'name="gemeente" value="44021"' in html


def test_a_typo_gets_a_spelling_correction(client):
    html = client.get("/zoeken", query_string={"q": "verwarmingstoelge", "gemeente": "44021"}).get_data(as_text=True)
    assert re.search(r"Bedoelde je <a[^>]*>verwarmingstoelage</a>", html)


def test_a_skip_link_leads_past_the_filters_to_the_results(client):
    html = client.get("/zoeken", query_string={"q": "leefloon", "gemeente": "44021"}).get_data(as_text=True)
    assert html.index('href="#resultaten-kop"') < html.index('id="filters-kop"')
