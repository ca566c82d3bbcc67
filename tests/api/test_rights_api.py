"""The rights API: collection, facets, paging, detail, municipalities, OpenAPI and problem details."""

import pytest

from rechtenverkenner.catalog.search import fold


def get(client, url, **params):
    return client.get(url, query_string=params)


def test_a_search_returns_items_total_facets_and_paging_links(client):
    body = get(client, "/api/v1/rights", q="leefloon", municipality="44021", pageSize=2).get_json()
    assert body["total"] >= 3 and len(body["items"]) == 2
    assert body["items"][0]["id"] == "leefloon-gent"
    assert body["items"][0]["href"].endswith("/api/v1/rights/leefloon-gent")
    assert "page=2" in body["next"] and "page=1" in body["first"] and "prev" not in body
    assert body["municipality"] == {"nisCode": "44021", "name": "Gent"}
    assert {f for f in body["facets"]} == {"theme", "lifeSituation", "targetAudience", "level", "type"}
    level_counts = {v["value"]: v["count"] for v in body["facets"]["level"]}
    assert sum(level_counts.values()) == body["total"]


def test_the_next_page_continues_where_the_first_stopped(client):
    first = get(client, "/api/v1/rights", municipality="44021", pageSize=5).get_json()
    second = get(client, "/api/v1/rights", municipality="44021", pageSize=5, page=2).get_json()
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert second["prev"].endswith("page=1")


def test_an_empty_query_lists_the_municipality_rights_alphabetically(client):
    body = get(client, "/api/v1/rights", municipality="31005", pageSize=100).get_json()
    titles = [i["title"] for i in body["items"]]
    assert titles == sorted(titles, key=fold)
    found = {i["id"] for i in body["items"]}
    assert "brugs-menswaardig-inkomen" in found and "leefloon-brugge" in found
    assert "leefloon" not in found, "the local version replaces the concept"
    assert "leefloon-gent" not in found, "another municipality's rights stay out"


def test_facet_filters_combine_and_show_selected_values(client):
    body = get(client, "/api/v1/rights", municipality="44021", level="flemish", lifeSituation="huurder").get_json()
    assert body["total"] > 0
    assert all(item["level"] == "flemish" for item in body["items"])
    assert all("huurder" in item["lifeSituations"] for item in body["items"])
    selected = [v for v in body["facets"]["level"] if v["selected"]]
    assert [v["value"] for v in selected] == ["flemish"]
    # counts of a facet ignore that facet's own filter, so the selection can be widened
    levels = {v["value"]: v["count"] for v in body["facets"]["level"]}
    assert levels["flemish"] == body["total"] and levels.get("local", 0) > 0


def test_repeated_and_comma_separated_facet_values_mean_or(client):
    a = get(client, "/api/v1/rights", municipality="44021", level="federal,flemish").get_json()
    b = client.get("/api/v1/rights?municipality=44021&level=federal&level=flemish").get_json()
    federal = get(client, "/api/v1/rights", municipality="44021", level="federal").get_json()
    assert a["total"] == b["total"] > federal["total"]


def test_a_result_says_whether_the_right_is_general_or_conditional(client):
    general = get(client, "/api/v1/rights", q="budgetbegeleiding", municipality="44021").get_json()
    assert {i["id"]: i for i in general["items"]}["budgetbegeleiding"]["conditional"] is False
    body = get(client, "/api/v1/rights", q="maximumfactuur", municipality="44021").get_json()
    by_id = {i["id"]: i for i in body["items"]}
    assert by_id["maximumfactuur"]["conditional"] is True  # for whoever is insured (reference §C.4)
    assert by_id["verhoogde-tegemoetkoming"]["conditional"] is True


def test_the_detail_of_a_local_version_carries_its_concept_and_contact(client):
    body = client.get("/api/v1/rights/leefloon-brugge").get_json()
    assert body["linkedConcept"] == "leefloon"
    assert body["related"][0]["id"] == "leefloon"
    assert body["contactPoints"][0]["address"]["postalCode"] == "8000"
    assert body["requirements"], "inherited from the concept"
    assert body["conditions"][0]["text"] == "Minstens 18 jaar oud."
    assert body["sourceUrl"].startswith("https://")


def test_a_concept_lists_its_local_versions(client):
    body = client.get("/api/v1/rights/leefloon").get_json()
    assert len(body["localVersions"]) == 13 + 19  # the centre cities and the Brussels municipalities


def test_unknown_right_is_a_404_problem(client):
    response = client.get("/api/v1/rights/bestaat-niet")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "urn:problem-type:belgif:resourceNotFound"


@pytest.mark.parametrize(
    "params, name",
    [
        ({"municipality": "99999"}, "municipality"),
        ({"municipality": "gent"}, "municipality"),
        ({"pageSize": "10000"}, "pageSize"),
        ({"pageSize": "0"}, "pageSize"),
        ({"page": "twee"}, "page"),
        ({"theme": "Vakantie"}, "theme"),
        ({"level": "galactic"}, "level"),
        ({"sort": "title"}, "sort"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_input_is_a_400_problem_naming_the_parameter(client, params, name):
    response = get(client, "/api/v1/rights", **params)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400 and body["type"] == "urn:problem-type:belgif:badRequest"
    assert [issue["name"] for issue in body["issues"]] == [name]
    assert all(issue["in"] == "query" and issue["detailNl"] and issue["detailEn"] for issue in body["issues"])


def test_a_single_valued_parameter_given_twice_is_refused(client):
    response = client.get("/api/v1/rights?page=1&page=2")
    assert response.status_code == 400


def test_the_problem_detail_follows_accept_language(client):
    dutch = client.get("/api/v1/rights?pageSize=10000", headers={"Accept-Language": "nl-BE"}).get_json()
    english = client.get("/api/v1/rights?pageSize=10000", headers={"Accept-Language": "en"}).get_json()
    assert dutch["issues"][0]["detail"] == dutch["issues"][0]["detailNl"] != english["issues"][0]["detail"]


def test_an_empty_municipality_is_the_same_as_none(client):
    empty = get(client, "/api/v1/rights", q="huurpremie", municipality="").get_json()
    none = get(client, "/api/v1/rights", q="huurpremie").get_json()
    assert empty["municipality"] is None
    assert [item["id"] for item in empty["items"]] == [item["id"] for item in none["items"]]
    assert get(client, "/api/v1/rights", municipality=" 44021 ").get_json()["municipality"]["name"] == "Gent"


def test_a_merged_municipality_code_is_read_as_its_new_municipality(client):
    body = get(client, "/api/v1/rights", municipality="44040").get_json()
    assert body["municipality"]["name"] == "Merelbeke-Melle"


def test_municipalities_are_listed_and_filtered(client):
    body = client.get("/api/v1/municipalities").get_json()
    assert body["total"] == 304
    gent = get(client, "/api/v1/municipalities", q="gent").get_json()["items"]
    assert [m["nisCode"] for m in gent] == ["44021"]
    antwerpen = client.get("/api/v1/municipalities/11002").get_json()
    assert antwerpen["replaces"] == [{"nisCode": "11007", "name": "Borsbeek"}]
    assert client.get("/api/v1/municipalities/99999").status_code == 404
    assert get(client, "/api/v1/municipalities", foo="bar").status_code == 400


def test_the_openapi_document_describes_every_route(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/rights",
        "/rights/{rightId}",
        "/municipalities",
        "/municipalities/{nisCode}",
        "/municipalities/{nisCode}/lpdc",
        "/leefloon/advice",
        "/leefloon/advice/batch",
        "/leefloon/parameters",
        "/rights-check",
        "/rights-check/batch",
        "/status",
        "/openapi.json",
    }
    names = [p["name"] for p in spec["paths"]["/rights"]["get"]["parameters"]]
    assert names == [
        "q",
        "municipality",
        "theme",
        "targetAudience",
        "lifeSituation",
        "level",
        "type",
        "page",
        "pageSize",
    ]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and "GET /api/v1/rights" in page.get_data(as_text=True)


def test_an_unknown_api_url_and_a_wrong_method_are_problems(client):
    assert client.get("/api/v1/nope").mimetype == "application/problem+json"
    response = client.post("/api/v1/rights")
    assert response.status_code == 405 and response.mimetype == "application/problem+json"


def test_a_search_with_few_results_suggests_a_spelling_and_life_situations_to_explore(client):
    body = get(client, "/api/v1/rights", q="huurpreemie", municipality="44021").get_json()
    hints = body["suggestions"]
    assert hints["spelling"] == "huurpremie"
    assert "q=huurpremie" in hints["spellingHref"] and "municipality=44021" in hints["spellingHref"]
    assert hints["lifeSituations"] and all("lifeSituation=" in s["href"] for s in hints["lifeSituations"])
    nothing = get(client, "/api/v1/rights", q="xyzzy").get_json()
    assert nothing["total"] == 0 and nothing["suggestions"]["lifeSituations"]  # never a dead end
    follow = client.get(nothing["suggestions"]["lifeSituations"][0]["href"]).get_json()
    assert follow["total"] > 0


def test_a_search_with_enough_results_has_no_suggestions(client):
    assert "suggestions" not in get(client, "/api/v1/rights", q="leefloon").get_json()
    assert "suggestions" not in get(client, "/api/v1/rights").get_json()


def test_the_collection_says_how_a_sentence_was_read(client):
    body = get(client, "/api/v1/rights", q="ik kan mijn huur niet betalen", municipality="44021").get_json()
    assert "huur" in [p["id"] for p in body["problems"]]
    assert all(p["label"] for p in body["problems"])
    assert get(client, "/api/v1/rights", q="leefloon").get_json()["problems"] == []
    html = client.get("/zoeken", query_string={"q": "ik kan mijn huur niet betalen", "gemeente": "44021"}).get_data(
        as_text=True
    )
    assert "Gelezen als: Huur niet kunnen betalen" in html


def test_without_a_municipality_local_versions_do_not_repeat_their_right(client):
    ids = [i["id"] for i in get(client, "/api/v1/rights", q="leefloon", pageSize=50).get_json()["items"]]
    assert "leefloon" in ids and not [i for i in ids if i.startswith("leefloon-")]
    ids = [i["id"] for i in get(client, "/api/v1/rights", q="leefloon aalst", pageSize=5).get_json()["items"]]
    assert ids[0] == "leefloon-aalst"  # a version that matches more of the query than its right still shows
    ids = [i["id"] for i in get(client, "/api/v1/rights", q="OCMW Antwerpen huurwaarborg").get_json()["items"]]
    assert "huurwaarborg-ocmw-antwerpen" in ids[:2]  # also when a problem of the map raises the right itself
