"""The workbook without the app: a full document round-trips through the template, names are read as codes,
and the size checks refuse an absurd sheet before openpyxl reads it."""

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from rechtenverkenner.catalog import files, publish, workbook, workbook_read, xlsx
from rechtenverkenner.catalog.codelists import load_codelists
from tests.conftest import CATALOG

# A made-up right for the test: every sheet of the workbook has something to hold.
FULL = {
    "schema": 1,
    "id": "voorbeeld-recht-gent",
    "kind": "concept",
    "title": "Voorbeeldrecht",
    "summary": "Een korte samenvatting.",
    "description": "Eerste alinea.\n\nTweede alinea.",
    "exceptions": "Geen.",
    "product_type": "InfrastructuurMateriaal",
    "themes": ["WelzijnGezondheid", "BurgerOverheid"],
    "target_audiences": ["Burger"],
    "life_situations": ["laag-inkomen", "huurder"],
    "competent_authority_level": ["Lokaal"],
    "executing_authority_level": ["Lokaal"],
    "competent_authorities": ["Stad Voorbeeld"],
    "spatial": ["44021", "10000"],
    "keywords": ["voorbeeld", "test"],
    "source_url": "https://example.org/recht",
    "last_reviewed": "2026-11-28",
    "contact_points": [
        {
            "title": "Sociaal huis",
            "url": "https://example.org/contact",
            "phone": "09 000 00 00",
            "email": "info@example.org",
            "opening_hours": ["maandag tot vrijdag: 9 tot 12 uur", "woensdag: ook 14 tot 16 uur"],
            "booking_url": "https://example.org/afspraak",
            "source_url": "https://example.org/contact",
            "read_on": "2026-11-27",
            "address": {
                "street": "Voorbeeldstraat",
                "house_number": "1",
                "box": "2",
                "postal_code": "9000",
                "municipality": "Gent",
            },
        },
        {"title": "Alleen een website", "url": "https://example.org/website"},
    ],
    "procedures": [
        {
            "title": "Aanvragen",
            "description": "Vul het formulier in.",
            "websites": [
                {"title": "Formulier", "url": "https://example.org/formulier"},
                {"title": "Uitleg", "url": "https://example.org/uitleg"},
            ],
        },
        {"title": "Opvolging", "description": "Je krijgt een brief."},
    ],
    "requirements": [
        {
            "title": "Inkomen",
            "description": "Een laag inkomen.",
            "evidence": {"title": "Loonbrief", "description": "De laatste."},
        },
        {"title": "Woonplaats"},
    ],
    "costs": [{"title": "Gratis", "description": "Het kost niets."}],
    "conditions": [
        {
            "type": "age",
            "min": 18,
            "max": 64,
            "source": "https://example.org/leeftijd",
            "note": "Op de dag van de aanvraag.",
        },
        {"type": "residence", "scopes": ["44021"]},
        {"type": "status", "any_of": ["leefloon", "igo"]},
        {"type": "student", "value": False},
        {"type": "tenant", "tenant_kind": "social"},
        {"type": "children", "max_age": 18},
    ],
}


@pytest.fixture(scope="module")
def codelists():
    return load_codelists(CATALOG)


def loaded(raw: dict, codelists) -> dict:
    doc, issues = files.parse_document(raw, codelists)
    assert issues == [], issues
    return json.loads(publish.to_json(doc))


def test_a_full_document_reads_back_the_same_from_its_workbook(codelists):
    original = loaded(FULL, codelists)
    content = workbook.template(codelists, [original])
    reading = workbook_read.read(content, codelists)
    assert reading.issues == []
    assert [loaded(e.doc, codelists) for e in reading.entries] == [original]


def test_the_workbook_shows_names_not_codes(codelists):
    book = load_workbook(io.BytesIO(workbook.template(codelists, [loaded(FULL, codelists)])))
    row = {c.value: v.value for c, v in zip(book["Rechten"][1], book["Rechten"][2], strict=True)}
    assert row["thema's"] == "Welzijn en Gezondheid; Burger en Overheid"
    assert row["type"] == codelists.product_types.label("InfrastructuurMateriaal") != "InfrastructuurMateriaal"
    assert [c.value for c in book["Websites"][3]] == [
        "voorbeeld-recht-gent",
        "Aanvragen",
        "Uitleg",
        "https://example.org/uitleg",
    ]


def test_columns_are_found_by_their_header_in_any_order(codelists):
    book = load_workbook(io.BytesIO(workbook.template(codelists, [loaded(FULL, codelists)])))
    book["Kosten"].move_range("A1:C2", cols=2)  # recht, titel, beschrijving now in columns C to E
    out = io.BytesIO()
    book.save(out)
    reading = workbook_read.read(out.getvalue(), codelists)
    assert reading.issues == [] and reading.entries[0].doc["costs"] == [
        {"title": "Gratis", "description": "Het kost niets."}
    ]


def _far_cell(row: int, column: int, sheet: str = "Rechten") -> bytes:
    book = load_workbook(io.BytesIO(workbook.template(load_codelists(CATALOG))))
    book[sheet].cell(row=row, column=column, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("row, column", [(1_000_000, 4_000), (2, 4_000), (1_000_000, 1)])
def test_a_small_workbook_with_one_far_cell_is_refused_before_it_is_read(codelists, row, column):
    content = _far_cell(row, column)
    assert len(content) < 32 * 1024
    with pytest.raises(xlsx.XlsxError) as refused:
        workbook_read.read(content, codelists)
    message = refused.value.issues[0].detail_nl
    assert message.startswith("Het blad Rechten is te groot")
    assert (
        f"kolom {get_column_letter(max(column, len(workbook.RIGHTS.columns)))} en rij {row:,}".replace(",", ".")
        in message
    )


def test_a_far_cell_on_a_sheet_that_is_not_read_changes_nothing(codelists):
    reading = workbook_read.read(_far_cell(1_000_000, 4_000, "Uitleg"), codelists)
    assert reading.entries == [] and reading.issues == []


def _rewrite(content: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == part else data)
    return out.getvalue()


def _rights_part(content: bytes) -> str:
    return xlsx.sheet_parts(zipfile.ZipFile(io.BytesIO(content)))["Rechten"]


def test_cells_without_a_reference_are_counted_too(codelists):
    content = workbook.template(codelists, [loaded(FULL, codelists)])
    many = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * 5_000 + b"</row>"
    bad = _rewrite(content, _rights_part(content), lambda xml: xml.replace(b"</sheetData>", many + b"</sheetData>"))
    with pytest.raises(xlsx.XlsxError) as refused:
        workbook_read.read(bad, codelists)
    assert "Het blad Rechten is te groot" in refused.value.issues[0].detail_nl


def test_a_dimension_that_lies_does_not_matter(codelists):
    content = workbook.template(codelists, [loaded(FULL, codelists)])
    import re

    lying = _rewrite(
        content,
        _rights_part(content),
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', xml),
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(lying)).read(_rights_part(lying))
    assert [e.doc["id"] for e in workbook_read.read(lying, codelists).entries] == ["voorbeeld-recht-gent"]


def test_the_scan_finds_the_same_extent_whatever_the_chunks():
    xml = b'<worksheet><sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row r="7"><c r="B7"/><c/></row></sheetData></worksheet>'
    whole = xlsx.scan_sheet([xml])
    assert (whole.max_column, whole.max_row, whole.cells) == (3, 7, 4)
    pieces = [xml[i : i + 5] for i in range(0, len(xml), 5)]
    assert xlsx.scan_sheet(pieces) == whole


def test_a_huge_shared_strings_part_is_refused(codelists):
    content = workbook.template(codelists)
    box = io.BytesIO()
    with zipfile.ZipFile(box, "w", zipfile.ZIP_DEFLATED) as target:
        source = zipfile.ZipFile(io.BytesIO(content))
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        strings = b"<sst>" + b"".join(b"<si><t>%d</t></si>" % i for i in range(700_000)) + b"</sst>"
        target.writestr("xl/sharedStrings.xml", strings)
    with pytest.raises(xlsx.XlsxError) as refused:
        workbook_read.read(box.getvalue(), codelists)
    assert "te groot" in refused.value.issues[0].detail_nl


def test_sheets_that_together_hold_too_many_cells_are_refused(codelists):
    content = workbook.template(codelists)
    parts = xlsx.sheet_parts(zipfile.ZipFile(io.BytesIO(content)))
    for title in ("Contactpunten", "Procedures", "Kosten"):
        rows = b"".join(
            b'<row r="%d">' % r
            + b"".join(b'<c r="%s%d"><v>1</v></c>' % (get_column_letter(c).encode(), r) for c in range(1, 21))
            + b"</row>"
            for r in range(2, 1000)
        )
        content = _rewrite(
            content, parts[title], lambda xml, rows=rows: xml.replace(b"</sheetData>", rows + b"</sheetData>")
        )
    with pytest.raises(xlsx.XlsxError) as refused:
        workbook_read.read(content, codelists)
    assert "de bladen bevatten samen 59.9" in refused.value.issues[0].detail_nl


def test_more_rights_than_the_limit_are_refused_by_their_row(codelists):
    book = load_workbook(io.BytesIO(workbook.template(codelists)))
    book["Rechten"].cell(row=workbook.MAX_RIGHTS + 2, column=1, value="een-recht-te-veel")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(xlsx.XlsxError) as refused:
        workbook_read.read(out.getvalue(), codelists)
    assert f"en {workbook.MAX_RIGHTS + 1} rijen hebben" in refused.value.issues[0].detail_nl


def test_too_many_cell_formats_are_refused_before_openpyxl_reads_them(codelists):
    content = workbook.template(codelists)
    xfs = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * (xlsx.MAX_STYLE_RECORDS + 1)
    bigger = _rewrite(content, "xl/styles.xml", lambda xml: xml.replace(b"</cellXfs>", xfs + b"</cellXfs>"))
    with pytest.raises(xlsx.XlsxError) as refused:
        workbook_read.read(bigger, codelists)
    assert "opmaakregels" in refused.value.issues[0].detail_nl
