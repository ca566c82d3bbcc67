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


def test_filler_words_alone_never_give_an_empty_page_without_a_way_on(client):
    for q in ("ik wil hulp", "help", "wat zijn mijn rechten", "ik weet het niet meer"):
        html = client.get("/zoeken", query_string={"q": q, "gemeente": "44021"}).get_data(as_text=True)
        assert "<article>" in html or ("Zoek verder" in html and "lifeSituation=" in html), q


def test_a_typo_gets_a_correction_also_when_typo_tolerance_found_enough_rights(client):
    html = client.get("/zoeken", query_string={"q": "leeflon", "gemeente": "44021"}).get_data(as_text=True)
    assert "<article>" in html and re.search(r"Bedoelde je <a[^>]*>leefloon</a>", html)
    html = client.get("/zoeken", query_string={"q": "de deurwarder staat aan de deur", "gemeente": "44021"})
    assert re.search(r"Bedoelde je <a[^>]*>de deurwaarder staat aan de deur</a>", html.get_data(as_text=True))


def test_a_valid_word_that_search_does_not_know_is_not_corrected(client):
    for q in ("kindergeld aanvragen voor mijn dochter", "ik ben dakloze"):
        html = client.get("/zoeken", query_string={"q": q, "gemeente": "44021"}).get_data(as_text=True)
        assert "Bedoelde je" not in html, q
