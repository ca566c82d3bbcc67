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
    assert book.sheetnames == [
        "Uitleg",
        "Lijsten",
        "Rechten",
        "Contactpunten",
        "Procedures",
        "Websites",
        "Documenten",
        "Kosten",
        "Voorwaarden",
    ]
    assert book["Rechten"].data_validations.dataValidation, "drop-down lists"
    row = [c.value for c in book["Rechten"][2]]
    assert row[:4] == ["budgetbeheer-gent", "lokale versie", "budgetbeheer", "44021"]
    assert "Formules zijn niet toegelaten" in " ".join(str(c.value) for c in book["Uitleg"]["A"])
    # the concept's procedure and documents to bring, to adapt for Gent
    assert [c.value for c in book["Procedures"][2]][:2] == ["budgetbeheer-gent", "Vraag het aan bij het OCMW"]
    documents = [c.value for c in book["Documenten"][2]]
    assert documents[:2] == ["budgetbeheer-gent", "Akkoord"]
    assert documents[3] == "Overzicht van inkomsten, vaste kosten en schulden"


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
        (lambda b: setattr(cell_of(b, "thema's"), "value", "Vakantie"), "Blad Rechten, rij 2, kolom K (thema&#39;s)"),
        (
            lambda b: setattr(cell_of(b, "laatst nagekeken"), "value", "31/02/2026"),
            "Blad Rechten, rij 2, kolom U (laatst nagekeken)",
        ),
        (lambda b: setattr(cell_of(b, "titel"), "value", "=1+1"), "Blad Rechten, rij 2, kolom E (titel)"),
        (lambda b: b["Rechten"].cell(row=1, column=1, value="identiteit"), "Blad Rechten, rij 1, kolom A"),
        (
            lambda b: [b["Rechten"].cell(row=3, column=i + 1, value=c.value) for i, c in enumerate(b["Rechten"][2])],
            "komt twee keer voor (ook op rij 2)",
        ),
        (
            lambda b: b["Contactpunten"].cell(row=3, column=1, value="bestaat-niet"),
            "Blad Contactpunten, rij 3, kolom A (recht)",
        ),
        (lambda b: b.create_sheet("Notities"), "Onbekend blad &#39;Notities&#39;"),
    ],
)
def test_every_error_names_sheet_row_and_column_and_changes_nothing(gent, edit, expected):
    before = gent.get("/api/v1/rights?pageSize=1").get_json()["total"]
    response = upload(gent, filled(gent, edit), "rechten.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and expected in html, html[html.find("fouten") :][:800]
    assert gent.get("/api/v1/rights?pageSize=1").get_json()["total"] == before


def problems_of(html: str) -> list[str]:
    import re

    return re.findall(r"<li><code>([^<]*)</code>: ([^<]*)</li>", html)


def test_five_mistakes_in_three_sheets_are_all_reported_in_one_upload(gent):
    def five(book):
        cell_of(book, "thema's").value = "Vakantie"  # an unknown theme
        cell_of(book, "laatst nagekeken").value = "gisteren"  # not a date
        cell_of(book, "bron").value = "geen adres"  # not a URL
        book["Contactpunten"].cell(row=2, column=5, value="geen-e-mail")  # e-mail
        book["Procedures"].cell(row=3, column=1, value="budgetbeheer-gent")
        book["Procedures"].cell(row=3, column=3, value="Zonder titel")  # a procedure without a title
        book["Websites"].append(["budgetbeheer-gent", "Bestaat niet", "Site", "https://stad.gent"])

    response = upload(gent, filled(gent, five), "rechten.xlsx")
    assert response.status_code == 400
    places = [place for place, _ in problems_of(response.get_data(as_text=True))]
    assert sorted(places) == sorted(
        [
            "Blad Rechten, rij 2, kolom K (thema&#39;s)",
            "Blad Rechten, rij 2, kolom U (laatst nagekeken)",
            "Blad Rechten, rij 2, kolom T (bron)",
            "Blad Contactpunten, rij 2, kolom E (e-mail)",
            "Blad Procedures, rij 3, kolom B (titel)",
            "Blad Websites, rij 2, kolom B (procedure)",
        ]
    ), places


def test_names_are_accepted_for_codes_and_municipalities(gent):
    def by_name(book):
        cell_of(book, "soort").value = "Lokale Versie"
        cell_of(book, "gemeente").value = "gent"
        cell_of(book, "type").value = "advies en begeleiding"
        cell_of(book, "thema's").value = "Welzijn en Gezondheid; burger en overheid"
        cell_of(book, "doelgroepen").value = "BURGER"
        cell_of(book, "bevoegd niveau").value = "Lokale overheid"
        cell_of(book, "gebied").value = "Gent"
        cell_of(book, "laatst nagekeken").value = "28/11/2026"

    response = upload(gent, filled(gent, by_name), "rechten.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[html.find("fouten") :][:800]
    assert publish_all(gent, html).status_code == 302
    right = gent.get("/api/v1/rights/budgetbeheer-gent").get_json()
    assert right["type"] == "AdviesBegeleiding" and right["municipality"]["nisCode"] == "44021"
    assert sorted(right["themes"]) == ["BurgerOverheid", "WelzijnGezondheid"]
    assert right["lastReviewed"] == "2026-11-28"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Antwerpen", "kan meer dan één gebied zijn: Provincie Antwerpen (10000) of Antwerpen (11002)"),
        ("Borsbeek", "sinds 2025 deel van Antwerpen (11002)"),
        (
            "Gentt",
            "Onbekend gebied &#39;Gentt&#39;: schrijf de naam (bv. Gent) of de NIS-code (bv. 44021). Bedoel je Gent?",
        ),
    ],
)
def test_an_ambiguous_unknown_or_former_area_is_named_with_its_candidates(gent, value, expected):
    response = upload(gent, filled(gent, lambda b: setattr(cell_of(b, "gebied"), "value", value)), "rechten.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and expected in html, problems_of(html)
    assert "Blad Rechten, rij 2, kolom R (gebied)" in html


def test_an_unchanged_workbook_makes_no_new_version(gent):
    content = filled(gent)
    assert publish_all(gent, upload(gent, content, "rechten.xlsx").get_data(as_text=True)).status_code == 302
    again = upload(gent, content, "rechten.xlsx")
    html = again.get_data(as_text=True)
    assert again.status_code == 200 and "Geen wijzigingen" in html
    assert "/beheer/publiceer" not in html, "nothing to publish"
    history = gent.get("/beheer/recht/budgetbeheer-gent/geschiedenis").get_data(as_text=True)
    # budgetbeheer-gent is in the base catalogue (revision 1): the upload made revision 2, the same upload nothing
    assert '<th scope="row">2</th>' in history and '<th scope="row">3</th>' not in history


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


def test_a_16_kb_workbook_with_a_cell_at_column_4000_and_row_1000000_is_refused_and_counted(gent, monkeypatch):
    from rechtenverkenner.services import uploads

    book = load_workbook(io.BytesIO(gent.get("/beheer/sjabloon.xlsx").data))
    book["Rechten"].cell(row=1_000_000, column=4_000, value="x")
    out = io.BytesIO()
    book.save(out)
    assert len(out.getvalue()) <= 20 * 1024
    monkeypatch.setattr(uploads, "MAX_UPLOADS_PER_10_MINUTES", 2)
    response = upload(gent, out.getvalue(), "rechten.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Het blad Rechten is te groot: het heeft cellen tot kolom EWV en rij 1.000.000" in html
    assert upload(gent, out.getvalue(), "rechten.xlsx").status_code == 400
    assert upload(gent, out.getvalue(), "rechten.xlsx").status_code == 429, "refused uploads count"
