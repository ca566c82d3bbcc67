"""What editors read of a document: every field a Dutch label, every value readable (never JSON, never None)."""

import pytest

from rechtenverkenner.catalog import files
from rechtenverkenner.catalog.codelists import load_codelists
from rechtenverkenner.catalog.schema import DocumentSchema
from rechtenverkenner.services.display import Renderer, as_html, label
from tests.conftest import CATALOG


@pytest.fixture(scope="module")
def catalogue():
    codelists = load_codelists(CATALOG)
    return codelists, files.read_folder(CATALOG, codelists)


def test_every_field_has_a_label_without_snake_case():
    for name in DocumentSchema().fields:
        assert "_" not in label(name) and label(name)[0].isupper(), name
    assert label("some_new_field") == "Some new field"


def test_every_condition_of_the_catalogue_reads_as_a_sentence(catalogue):
    codelists, docs = catalogue
    titles = {d["id"]: d["title"] for d in docs}
    renderer = Renderer(codelists, titles.get)
    seen = set()
    for doc in docs:
        for _path, condition in files.walk_conditions(doc["conditions"]):
            text = renderer.condition(condition)
            seen.add(condition["type"])
            assert text.endswith(".") and not any(bad in text for bad in ("None", "{", "[", "_")), (doc["id"], text)
    assert {"age", "status", "any", "right", "fact"} <= seen, seen


def test_every_document_of_the_catalogue_is_shown_without_json(catalogue):
    codelists, docs = catalogue
    renderer = Renderer(codelists)
    for doc in docs:
        for change in renderer.diff({}, doc):
            html = str(as_html(change["after"]))
            assert "{&#39;" not in html and "[&#39;" not in html and "None" not in html, (doc["id"], change["field"])


def test_a_text_is_escaped_and_a_list_is_a_list():
    assert (
        str(as_html({"items": [["<b>", "tweede regel"]]}))
        == '<ul class="values"><li>&lt;b&gt;<br>tweede regel</li></ul>'
    )
    assert str(as_html({"lines": ["a & b"]})) == '<p class="value">a &amp; b</p>'
    assert str(as_html({"empty": True})) == '<span class="meta">(leeg)</span>'
