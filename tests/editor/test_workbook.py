"""The XLSX workbook: template with lists and instructions, upload with sheet/row/column errors."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from tests.editor.test_accounts import PASSWORD, sign_in
from tests.editor.test_lpdc_import import publish_all
from tests.editor.test_publish import upload


@pytest.fixture
def gent(app, client):
    assert (
        app.test_cli_runner()
        .invoke(
            args=["user", "create", "r@gent.be", "--name", "Redacteur", "--role", "editor", "--municipality", "44021"],
            input=f"{PASSWORD}\n{PASSWORD}\n",
        )
        .exit_code
        == 0
    )
    assert sign_in(client, "r@gent.be").status_code == 302
    return client


def filled(client, edit=None) -> bytes:
    content = client.get("/beheer/sjabloon/budgetbeheer.xlsx?gemeente=44021").data
    book = load_workbook(io.BytesIO(content))
    rights = book["Rechten"]
    headers = [c.value for c in rights[1]]
    rights.cell(row=2, column=headers.index("bron") + 1, value="https://stad.gent")
    rights.cell(row=2, column=headers.index("laatst nagekeken") + 1, value="2026-11-28")
    contacts = book["Contactpunten"]
    for column, value in enumerate(["budgetbeheer-gent", "OCMW Gent", "https://stad.gent", "09 266 99 11"], 1):
        contacts.cell(row=2, column=column, value=value)
    if edit:
        edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_has_the_sheets_lists_and_a_prefilled_local_version(gent):
    book = load_workbook(io.BytesIO(gent.get("/beheer/sjabloon/budgetbeheer.xlsx?gemeente=44021").data))
    assert book.sheetnames == ["Uitleg", "Lijsten", "Rechten", "Contactpunten", "Voorwaarden"]
    assert book["Rechten"].data_validations.dataValidation, "drop-down lists"
    row = [c.value for c in book["Rechten"][2]]
    assert row[:4] == ["budgetbeheer-gent", "instance", "budgetbeheer", "44021"]
    assert "Formules zijn niet toegelaten" in " ".join(str(c.value) for c in book["Uitleg"]["A"])


def test_a_filled_workbook_is_previewed_and_published(gent):
    response = upload(gent, filled(gent), "rechten.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Werkboek: 1 recht" in html
    assert publish_all(gent, html).status_code == 302
    right = gent.get("/api/v1/rights/budgetbeheer-gent").get_json()
    assert right["contactPoints"][0]["phone"] == "09 266 99 11" and right["description"]


def cell_of(book, header, row=2, sheet="Rechten"):
    headers = [c.value for c in book[sheet][1]]
    return book[sheet].cell(row=row, column=headers.index(header) + 1)


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda b: setattr(cell_of(b, "thema's"), "value", "Vakantie"), "blad Rechten, rij 2, kolom thema&#39;s"),
        (
            lambda b: setattr(cell_of(b, "laatst nagekeken"), "value", "28/11/2026"),
            "blad Rechten, rij 2, kolom laatst nagekeken",
        ),
        (lambda b: setattr(cell_of(b, "titel"), "value", "=1+1"), "blad Rechten, rij 2, kolom E (titel)"),
        (lambda b: b["Rechten"].cell(row=1, column=1, value="identiteit"), "blad Rechten, rij 1"),
        (
            lambda b: [b["Rechten"].cell(row=3, column=i + 1, value=c.value) for i, c in enumerate(b["Rechten"][2])],
            "komt twee keer voor",
        ),
        (
            lambda b: b["Contactpunten"].cell(row=3, column=1, value="bestaat-niet"),
            "blad Contactpunten, rij 3, kolom A (recht)",
        ),
    ],
)
def test_every_error_names_sheet_row_and_column_and_changes_nothing(gent, edit, expected):
    before = gent.get("/api/v1/rights?pageSize=1").get_json()["total"]
    response = upload(gent, filled(gent, edit), "rechten.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and expected in html, html[html.find("fouten") :][:800]
    assert gent.get("/api/v1/rights?pageSize=1").get_json()["total"] == before


def test_a_file_that_is_not_xlsx_and_a_zip_bomb_are_refused(gent):
    assert upload(gent, b"PK\x03\x04 not really a zip", "rechten.xlsx").status_code == 400
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    response = upload(gent, bomb.getvalue(), "rechten.xlsx")
    assert response.status_code == 400 and "zipbom" in response.get_data(as_text=True)


def test_an_empty_workbook_is_refused(gent):
    response = upload(gent, gent.get("/beheer/sjabloon.xlsx").data, "leeg.xlsx")
    assert response.status_code == 400 and "geen enkel recht" in response.get_data(as_text=True)
