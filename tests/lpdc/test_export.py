"""LPDC out: `flask lpdc export` and GET /api/v1/municipalities/{nisCode}/lpdc, valid against the SHACL
shapes of the model (pyshacl), and a round trip (export, then import, gives the same right)."""

import copy
import json
import warnings

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from rechtenverkenner.lpdc.parse import parse_graph
from rechtenverkenner.lpdc.vocab import LPDC
from tests.conftest import make_app
from tests.lpdc.helpers import FIXTURES, as_bytes, instance

MODEL = FIXTURES / "model"
NEW_ID = "lpdc-11111111-2222-4333-8444-555555555555"


def import_file(app, tmp_path, data, name="in.jsonld") -> dict:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else as_bytes(data))
    result = app.test_cli_runner().invoke(args=["lpdc", "import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def export(app, code="44021") -> dict:
    result = app.test_cli_runner().invoke(args=["lpdc", "export", "--municipality", code])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def shacl_report(document: dict) -> tuple[bool, str]:
    import pyshacl

    data = parse_graph(json.dumps(document).encode())
    codelists = Graph()
    for path in MODEL.glob("*.ttl"):
        if path.name != "instantie-shape.ttl":
            codelists.parse(path, format="turtle")
    shapes = Graph().parse(MODEL / "instantie-shape.ttl", format="turtle")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conforms, _graph, text = pyshacl.validate(data + codelists, shacl_graph=shapes, inference="none")
    return conforms, text


def test_the_export_of_gent_validates_against_the_shacl_shapes(app, client, tmp_path):
    import_file(app, tmp_path, instance())
    document = export(app)
    titles = {next(iter(m["naam"].values())) for m in document["member"]}
    assert "Energiepremie (formeel)" in titles and "Budgetbeheer – OCMW Gent" in titles  # ours and LPDC's
    graph = parse_graph(json.dumps(document).encode())
    assert len(set(graph.subjects(RDF.type, LPDC.InstancePublicServiceSnapshot))) == len(document["member"]) >= 3
    conforms, text = shacl_report(document)
    assert conforms, text
    broken = copy.deepcopy(document)
    del broken["member"][0]["naam"]
    broken["member"][1]["contactgegevens"] = [{"@type": "Contactgegevens", "email": "geen e-mail"}]
    conforms, text = shacl_report(broken)
    assert not conforms and "dc1:title" in text and "email" in text.lower()  # the check can fail


def test_the_api_answers_the_same_document_as_json_ld(app, client):
    answer = client.get("/api/v1/municipalities/44021/lpdc")
    assert answer.status_code == 200 and answer.mimetype == "application/ld+json"
    body = answer.get_json(force=True)
    printed = export(app)
    assert body["member"] == printed["member"] and body["@context"] == printed["@context"]
    assert body["@id"] == "http://localhost/api/v1/municipalities/44021/lpdc"


def test_unknown_and_non_flemish_municipalities_are_problems(app, client):
    assert client.get("/api/v1/municipalities/99999/lpdc").status_code == 404
    brussels = client.get("/api/v1/municipalities/21004/lpdc")
    assert brussels.status_code == 400 and brussels.mimetype == "application/problem+json"
    assert "Vlaamse gemeenten" in brussels.get_json()["issues"][0]["detailNl"]
    result = app.test_cli_runner().invoke(args=["lpdc", "export", "--municipality", "21004"])
    assert result.exit_code == 1 and "Vlaamse gemeenten" in result.stderr


def test_round_trip_export_then_import_gives_the_same_rights(app, client, tmp_path):
    import_file(app, tmp_path, instance())
    before = {m["isVersionOf"]: m for m in export(app)["member"]}
    rights = {
        right_id: client.get(f"/api/v1/rights/{right_id}").get_json() for right_id in (NEW_ID, "budgetbeheer-gent")
    }
    summary = import_file(app, tmp_path, as_bytes(export(app)), "export.jsonld")
    assert summary["created"] == summary["updated"] == summary["removed"] == []
    assert {e["reason"] for e in summary["skipped"]} == {"ongewijzigd"} and len(summary["skipped"]) == len(before)
    for right_id, right in rights.items():
        assert client.get(f"/api/v1/rights/{right_id}").get_json() == right


def test_round_trip_into_another_database_recreates_the_right(app, client, tmp_path):
    import_file(app, tmp_path, instance())
    original = client.get(f"/api/v1/rights/{NEW_ID}").get_json()
    other = make_app(f"sqlite:///{tmp_path / 'other.db'}")
    summary = import_file(other, tmp_path, as_bytes(export(app)), "export.jsonld")
    assert [e["id"] for e in summary["created"]] == [NEW_ID]
    copied = other.test_client().get(f"/api/v1/rights/{NEW_ID}").get_json()
    assert copied == original


@pytest.mark.parametrize("serialisation", ["turtle", "json-ld"])
def test_the_export_in_turtle_or_expanded_json_ld_imports_unchanged(app, tmp_path, serialisation):
    import_file(app, tmp_path, instance())
    graph = parse_graph(json.dumps(export(app)).encode())
    summary = import_file(app, tmp_path, graph.serialize(format=serialisation).encode(), f"export.{serialisation}")
    assert summary["created"] == summary["updated"] == []
    assert {e["reason"] for e in summary["skipped"]} == {"ongewijzigd"}
