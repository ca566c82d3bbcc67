"""Reading LPDC with rdflib: every serialisation, offline contexts, every field of the model, languages."""

import datetime as dt
import json
import socket

import pytest
from rdflib import Graph

from rechtenverkenner.catalog.codelists import load_codelists
from rechtenverkenner.lpdc.mapping import right_id_for, to_document
from rechtenverkenner.lpdc.parse import LpdcError, parse_graph
from rechtenverkenner.lpdc.read import read_page
from tests.conftest import CATALOG
from tests.lpdc.helpers import FEED_0, IPDC_INSTANCE, PUBLISHED_JSON, PUBLISHED_TTL, as_bytes, instance

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def codelists():
    return load_codelists(CATALOG)


def documents(content: bytes, codelists) -> list[dict]:
    return [to_document(s, codelists, TODAY) for s in read_page(parse_graph(content)).services]


def test_a_full_instance_keeps_every_field_of_the_model(codelists):
    [doc] = documents(as_bytes(instance()), codelists)
    assert doc["id"] == "lpdc-11111111-2222-4333-8444-555555555555"
    assert doc["title"] == "Energiepremie (formeel)"  # nl-BE-x-formal before nl-BE-x-informal
    assert doc["lpdc_language"] == "nl-BE-x-formal"
    assert doc["description"] == "Een premie voor zuinige toestellen.\n\nTweede alinea."
    assert doc["summary"] == "Een premie voor zuinige toestellen."
    assert doc["additional_description"] == "Meer uitleg." and doc["exceptions"] == "Niet voor bedrijven."
    assert doc["regulation"] == "Testreglement."
    assert doc["keywords"] == ["energie", "premie"]
    assert doc["translations"] == {"en": {"title": "Energy grant", "description": "A grant.", "keywords": ["energy"]}}
    assert (doc["product_type"], doc["themes"], doc["target_audiences"]) == (
        "FinancieelVoordeel",
        ["MilieuEnergie"],
        ["Burger"],
    )
    assert doc["competent_authority_level"] == ["Lokaal"] and doc["spatial"] == ["44021"]
    assert doc["start_date"] == "2025-01-01" and doc["last_reviewed"] == "2025-02-03"
    assert doc["requirements"] == [
        {
            "title": "Inwoner",
            "description": "Je woont in Gent.",
            "evidence": {"title": "Identiteitskaart", "description": "Je eID."},
        }
    ]
    assert doc["procedures"] == [
        {
            "title": "Aanvragen",
            "description": "Online of aan het loket.",
            "websites": [{"title": "Formulier", "url": "https://example.org/formulier", "description": ""}],
        }
    ]
    assert doc["costs"] == [{"title": "Gratis", "description": "De aanvraag is gratis."}]
    assert doc["financial_advantages"] == [{"title": "Premie", "description": "Tot de helft van de factuur."}]
    assert doc["legal_resources"] == [{"title": "Reglement", "url": "https://example.org/reglement", "description": ""}]
    assert doc["websites"] == [
        {"title": "Testwebsite", "url": "https://example.org/energiepremie", "description": "Alle info."}
    ]
    assert doc["contact_points"] == [
        {
            "url": "https://example.org/contact",
            "email": "energie@example.org",
            "phone": "000 00 00 00",
            "opening_hours": ["ma-vr 9-12 uur"],
            "address": {
                "street": "Teststraat",
                "house_number": "1",
                "box": "",
                "postal_code": "9000",
                "municipality": "Gent",
                "country": "België",
            },
        }
    ]
    assert doc["lpdc_authorities"] and doc["lpdc_created_by"]


def test_the_same_instance_as_expanded_json_ld_and_turtle_gives_the_same_document(codelists):
    compacted = as_bytes(instance())
    graph = parse_graph(compacted)
    expanded = graph.serialize(format="json-ld").encode()  # rdflib writes expanded JSON-LD
    turtle = graph.serialize(format="turtle").encode()
    assert b'"naam"' not in expanded and b"@prefix" in turtle
    assert documents(expanded, codelists) == documents(compacted, codelists) == documents(turtle, codelists)


def test_the_published_sample_in_expanded_json_ld_and_turtle_is_one_service(codelists):
    [from_json] = documents(PUBLISHED_JSON.read_bytes(), codelists)
    [from_turtle] = documents(PUBLISHED_TTL.read_bytes(), codelists)
    assert from_json["id"] == from_turtle["id"] == "lpdc-45769c3c-0fa0-476e-b90e-0d5f1f49355a"
    assert from_json["title"] == from_turtle["title"]
    assert from_json["contact_points"][0]["address"]["municipality"] == "Harelbeke"
    assert from_json["procedures"][0]["websites"][0]["url"] == "https://new-procedure-website.com"
    assert from_json["requirements"][0]["evidence"]["title"].startswith("Bewijs")


def test_a_feed_page_counts_the_newest_snapshot_of_each_service_with_its_informal_dutch(codelists):
    page = read_page(parse_graph(FEED_0.read_bytes()))
    assert len(page.services) == 2 and len(page.skipped) == 1
    docs = {d["title"]: d for d in (to_document(s, codelists, TODAY) for s in page.services)}
    assert set(docs) == {"Minimalistische instantie updatet", "Essentiële instantie"}
    doc = docs["Minimalistische instantie updatet"]
    assert doc["lpdc_language"] == "nl-BE-x-informal" and doc["spatial"] == ["44021"]
    assert doc["competent_authority_level"] == ["Lokaal"]  # published by a local government
    assert page.next_pages == ["http://hostname/doc/instancesnapshot?pageNumber=1"]


def test_the_ipdc_instance_keeps_its_concept_link_codes_and_end_date(codelists):
    [doc] = documents(IPDC_INSTANCE.read_bytes(), codelists)
    assert doc["title"] == "Volledig ingevulde test om contract tussen ipdc en lpdc te testen"  # the "nl" text
    assert doc["ipdc_concept"] == "https://ipdc.tni-vlaanderen.be/id/concept/a7cedff2-e87d-42ca-b491-27075b7e15c2"
    assert doc["end_date"] == "2024-09-21" and doc["themes"] == ["BurgerOverheid"]
    assert doc["spatial"] == ["24020"] and doc["competent_authority_level"] == ["Federaal", "Provinciaal"]
    assert doc["translations"]["en"]["title"] == "titel en"


def test_a_local_service_gets_its_municipality_only_and_a_merged_one_the_new_code(codelists):
    spatial = ["BE23444021", "BE234", "BE2", "BE23444083"]  # Gent, its province, Flanders, and Nazareth (merged 2025)
    [doc] = documents(as_bytes(instance(geografischToepassingsgebieden=spatial)), codelists)
    merged = codelists.geography.former["44083"][1] if "44083" in codelists.geography.former else "44083"
    assert doc["spatial"] == ["44021", merged]
    [flemish] = documents(
        as_bytes(instance(bevoegdBestuursniveaus=["Vlaams"], geografischToepassingsgebieden=["BE2"])), codelists
    )
    assert flemish["spatial"] == ["VLG"]


@pytest.mark.parametrize("archived", [True, "true", "True"])
def test_archived_is_read_as_a_boolean_or_a_string(archived):
    [service] = read_page(parse_graph(as_bytes(instance(gearchiveerd=archived)))).services
    assert service.fields["archived"] is True


def test_the_id_is_stable_and_our_own_iri_maps_back():
    iri = "http://data.lblod.info/id/public-service/C0D6BF9A-FCC4-4D46-BEB6-3F4D80F03BF3"
    assert right_id_for(iri) == right_id_for(iri.lower()) == "lpdc-c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3"
    assert right_id_for("urn:rechtenverkenner:recht:leefloon-gent") == "leefloon-gent"
    one, other = right_id_for("https://a.example/id/x"), right_id_for("https://b.example/id/x")
    assert one != other and one.startswith("lpdc-x-")


def test_a_context_url_is_never_fetched(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert len(read_page(parse_graph(FEED_0.read_bytes())).services) == 2
    with pytest.raises(LpdcError) as caught:
        parse_graph(as_bytes(instance(**{"@context": "https://evil.example/other.jsonld"})))
    assert "Onbekende JSON-LD-context" in caught.value.nl


def test_a_document_without_context_is_read_with_the_lpdc_context():
    data = instance()
    del data["@context"]
    assert read_page(parse_graph(as_bytes(data))).services[0].fields["title"]["nl-be-x-informal"] == "Energiepremie"


def deep(levels: int) -> bytes:
    return b'{"beschrijving": ' * levels + b'{"@id": "x"}' + b"}" * levels


MALFORMED = {
    "broken JSON": b'{"member": [',
    "broken Turtle": b"@prefix dct: <http://purl.org/dc/terms/> .\n<a> dct:title 'x' ;;; .",
    "not UTF-8": b"\xff\xfe{\x00",
    "a number": b"42",
    "a string": b'"hallo"',
    "an empty object": b"{}",
    "a list of numbers": b"[1, 2, 3]",
    "a list where an object was expected": as_bytes({**instance(), "naam": [["a"], ["b"]]}),
    "a number where a language map was expected": as_bytes({**instance(), "beschrijving": 5}),
    "an object as @id": as_bytes({**instance(), "@id": {"x": 1}}),
    "a wrong type of @context": as_bytes({**instance(), "@context": 5}),
    "an @import context": as_bytes({**instance(), "@context": {"@import": "https://example.org/c.jsonld"}}),
    "huge nesting": deep(500),
    "nesting beyond the JSON parser": deep(20_000),
    "deep JSON beyond the parser": b"[" * 50_000 + b"]" * 50_000,
    "a date that is no date": as_bytes({**instance(), "eindeDienstVerlening": "gisteren"}),
    "empty bytes": b"",
    "binary": bytes(range(256)),
}


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_input_gives_a_dutch_error_never_an_exception(content, codelists):
    from rechtenverkenner.errors import BadRequest
    from rechtenverkenner.services.lpdc import read_content

    try:
        page = read_content(content)
        for service in page.services:
            to_document(service, codelists, TODAY)
    except BadRequest as exc:
        assert exc.issues and all(issue.detail_nl for issue in exc.issues)
        return
    except (ValueError, KeyError) as exc:  # a value the mapping refuses: plan_import turns it into a problem
        assert str(exc)
        return
    assert page.services  # read without error: then it was a usable instance


def test_rdflib_turtle_of_the_sample_round_trips_through_our_reader(codelists):
    graph = Graph().parse(PUBLISHED_TTL, format="turtle")
    again = documents(graph.serialize(format="nt").encode(), codelists)  # N-Triples is Turtle too
    assert again == documents(PUBLISHED_TTL.read_bytes(), codelists)
    assert json.dumps(again)
