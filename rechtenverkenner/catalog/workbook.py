"""The XLSX workbook editors fill in: its sheets and columns, and the template to download (with drop-down
lists and Dutch instructions), blank or filled with documents. workbook_read.py reads it back.

One sheet per part of a right: Rechten (one row per right), and one row per contact point, procedure,
website of a procedure, document to bring, cost and condition, each naming its right in the column
"recht". Code-list columns take the Dutch name or the code; geography columns a name or a NIS code.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rechtenverkenner.catalog.codelists import CodeList, Codelists
from rechtenverkenner.catalog.schema import CONDITION_TYPES
from rechtenverkenner.catalog.xlsx import MAX_ROWS

MAX_RIGHTS = 300  # rows of the sheet Rechten: a preview of more is more than an editor can check at once


@dataclass(frozen=True)
class Column:
    """header: the column's name in row 1; key: the dotted path of its value within a row's item (None for
    the columns that name the right or the procedure); kind: how a cell is read; codes: the code list."""

    header: str
    key: str | None
    kind: str = "text"  # text, list, date, int, bool, code, codes, municipality, scopes, right, procedure
    codes: str = ""


@dataclass(frozen=True)
class Sheet:
    title: str
    key: str | None  # the document list its rows become items of (None: the sheet Rechten itself)
    columns: tuple[Column, ...]

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.header == header), None)


def _c(header: str, key: str | None, kind: str = "text", codes: str = "") -> Column:
    return Column(header, key, kind, codes)


RIGHTS = Sheet(
    "Rechten",
    None,
    (
        _c("id", "id"),
        _c("soort", "kind", "code", "kind"),
        _c("concept", "linked_concept"),
        _c("gemeente", "municipality", "municipality"),
        _c("titel", "title"),
        _c("samenvatting", "summary"),
        _c("beschrijving", "description"),
        _c("aanvullende beschrijving", "additional_description"),
        _c("uitzonderingen", "exceptions"),
        _c("type", "product_type", "code", "product_types"),
        _c("thema's", "themes", "codes", "themes"),
        _c("doelgroepen", "target_audiences", "codes", "target_audiences"),
        _c("voor wie", "life_situations", "codes", "life_situations"),
        _c("bevoegd niveau", "competent_authority_level", "codes", "competent_levels"),
        _c("uitvoerend niveau", "executing_authority_level", "codes", "executing_levels"),
        _c("bevoegde overheden", "competent_authorities", "list"),
        _c("uitvoerende overheden", "executing_authorities", "list"),
        _c("gebied", "spatial", "scopes"),
        _c("zoekwoorden", "keywords", "list"),
        _c("bron", "source_url"),
        _c("laatst nagekeken", "last_reviewed", "date"),
    ),
)
RIGHT = _c("recht", None, "right")
CONTACTS = Sheet(
    "Contactpunten",
    "contact_points",
    (
        RIGHT,
        _c("titel", "title"),
        _c("url", "url"),
        _c("telefoon", "phone"),
        _c("e-mail", "email"),
        _c("openingsuren", "opening_hours", "list"),
        _c("straat", "address.street"),
        _c("huisnummer", "address.house_number"),
        _c("bus", "address.box"),
        _c("postcode", "address.postal_code"),
        _c("gemeente", "address.municipality"),
        _c("afspraak", "booking_url"),
        _c("bron", "source_url"),
        _c("gelezen op", "read_on", "date"),
    ),
)
PROCEDURES = Sheet("Procedures", "procedures", (RIGHT, _c("titel", "title"), _c("beschrijving", "description")))
WEBSITES = Sheet(
    "Websites", "websites", (RIGHT, _c("procedure", None, "procedure"), _c("titel", "title"), _c("url", "url"))
)
DOCUMENTS = Sheet(
    "Documenten",
    "requirements",
    (
        RIGHT,
        _c("voorwaarde", "title"),
        _c("uitleg", "description"),
        _c("mee te brengen", "evidence.title"),
        _c("uitleg document", "evidence.description"),
    ),
)
COSTS = Sheet("Kosten", "costs", (RIGHT, _c("titel", "title"), _c("beschrijving", "description")))
CONDITIONS = Sheet(
    "Voorwaarden",
    "conditions",
    (
        RIGHT,
        _c("type", "type", "code", "condition_type"),
        _c("min", "min", "int"),
        _c("max", "max", "int"),
        _c("gebied", "scopes", "scopes"),
        _c("statuten", "any_of", "codes", "statuses"),
        _c("max leeftijd kind", "max_age", "int"),
        _c("student", "value", "bool"),
        _c("huurder", "tenant_kind", "code", "tenant_kind"),
        _c("periode", "period", "code", "period"),
        _c("inkomensbasis", "income_basis"),
        _c("bron", "source"),
        _c("toelichting", "note"),
    ),
)
SHEETS = (RIGHTS, CONTACTS, PROCEDURES, WEBSITES, DOCUMENTS, COSTS, CONDITIONS)
GUIDE_SHEETS = ("Uitleg", "Lijsten")
# the condition types a row of the sheet Voorwaarden can hold (the others need the catalogue file)
SHEET_CONDITION_TYPES = ["age", "residence", "status", "children", "student", "tenant", "household_income"]
FIXED_CODES = {
    "kind": {"concept": "concept", "instance": "lokale versie"},
    "condition_type": {t: CONDITION_TYPES[t] for t in SHEET_CONDITION_TYPES},
    "period": {"month": "maand", "year": "jaar"},
    "tenant_kind": {"any": "alle huurders", "private": "private huurmarkt", "social": "sociale huurwoning"},
}
INSTRUCTIONS = [
    "Zo vul je dit werkboek in",
    "",
    "1. Blad Rechten: één rij per recht. Een lokale versie van een bestaand recht: soort = lokale versie,",
    "   concept = de id van het concept (zie de rechtenverkenner), gemeente = de naam of NIS-code van je gemeente.",
    "   Wat je leeg laat bij een lokale versie, neemt ze over van het concept.",
    "2. Lijsten (thema's, doelgroepen, gebied, ...): scheid waarden met een puntkomma (;).",
    "   Schrijf de naam of de code; alle namen en codes staan op het blad Lijsten. Een gemeente of gebied",
    "   mag met zijn naam (Gent) of NIS-code (44021); schrijf de code als een naam meer dan één gebied kan zijn.",
    "3. Blad Contactpunten: één rij per contactpunt; kolom recht = de id van het recht. Openingsuren: scheid de",
    "   dagen of periodes met een puntkomma. Bron = de pagina met deze gegevens, gelezen op = de dag dat je ze las.",
    "4. Blad Procedures: hoe je het recht aanvraagt, één rij per stap of manier. Blad Websites: de websites",
    "   van een procedure, één rij per website; kolom procedure = de titel van de procedure.",
    "5. Blad Documenten: de voorwaarden en de documenten die de aanvrager meebrengt. Blad Kosten: wat het kost.",
    "   In een werkboek voor een lokale versie staan hier de procedures, documenten en kosten van het concept:",
    "   pas ze aan voor je gemeente, of maak de rijen leeg om altijd die van het concept te volgen.",
    "6. Blad Voorwaarden: vaste voorwaarden (leeftijd, woonplaats, statuut, ...), één per rij.",
    "7. Elk recht heeft een bron (een https-adres waar je alles kan nakijken) en de datum van nakijken",
    "   (bv. 28/11/2026).",
    "8. Verzin nooit een feit: laat een adres, bedrag of openingsuur dat je niet kan staven leeg.",
    "9. Formules zijn niet toegelaten. Een werkboek met een fout verandert niets: je krijgt alle fouten",
    f"   samen te zien, met blad, rij en kolom. Hoogstens {MAX_RIGHTS} rechten en {MAX_ROWS} rijen per blad.",
]


def codes_of(codelists: Codelists, name: str) -> dict[str, str]:
    """Code -> Dutch name of a code list named in a Column (an attribute of Codelists or a fixed list)."""
    if name in FIXED_CODES:
        return FIXED_CODES[name]
    codelist: CodeList = getattr(codelists, name)
    return codelist.labels


def _cell(codelists: Codelists, column: Column, value: object) -> object:
    """The value of a document as the workbook shows it (a name for a code, ';' between list values)."""
    if value in (None, "", []):
        return None
    if column.kind in ("code", "codes"):
        names = codes_of(codelists, column.codes)
        values = value if isinstance(value, list) else [value]
        return "; ".join(names.get(v, v) for v in values)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if column.kind == "bool":
        return "ja" if value else "nee"
    if column.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _get(item: dict, key: str) -> object:
    for part in key.split("."):
        item = item.get(part) if isinstance(item, dict) else None
    return item


def _write(sheets: dict, codelists: Codelists, sheet: Sheet, row: int, item: dict, extra: list) -> None:
    for index, column in enumerate(sheet.columns, 1):
        value = extra.pop(0) if column.key is None else _cell(codelists, column, _get(item, column.key))
        sheets[sheet.title].cell(row=row, column=index, value=value)


def _fill(sheets: dict, codelists: Codelists, docs: list[dict]) -> None:
    rows = {sheet.title: 2 for sheet in SHEETS}

    def put(sheet: Sheet, item: dict, *extra: object) -> None:
        _write(sheets, codelists, sheet, rows[sheet.title], item, list(extra))
        rows[sheet.title] += 1

    for doc in docs:
        put(RIGHTS, doc)
        for sheet in (CONTACTS, PROCEDURES, DOCUMENTS, COSTS, CONDITIONS):
            for item in doc.get(sheet.key) or []:
                put(sheet, item, doc["id"])
                if sheet is PROCEDURES:
                    for site in item.get("websites") or []:
                        put(WEBSITES, site, doc["id"], item["title"])


def _lists(book: Workbook, codelists: Codelists) -> dict[str, str]:
    """The sheet Lijsten (every name and code) and the cell range of each drop-down list's names."""
    lists = book.create_sheet("Lijsten")
    columns = [
        ("soort", codes_of(codelists, "kind")),
        ("type", codelists.product_types.labels),
        ("thema", codelists.themes.labels),
        ("doelgroep", codelists.target_audiences.labels),
        ("voor wie", codelists.life_situations.labels),
        ("bevoegd niveau", codelists.competent_levels.labels),
        ("uitvoerend niveau", codelists.executing_levels.labels),
        ("statuut", codelists.statuses.labels),
        ("type voorwaarde", codes_of(codelists, "condition_type")),
        (
            "gemeente",
            {m.code: m.name for m in sorted(codelists.geography.municipalities.values(), key=lambda m: m.name)},
        ),
    ]
    ranges = {}
    for index, (name, labels) in enumerate(columns):
        names_at, codes_at = 2 * index + 1, 2 * index + 2
        lists.cell(row=1, column=names_at, value=f"{name} (naam)")
        lists.cell(row=1, column=codes_at, value=f"{name} (code)")
        for row, (code, label) in enumerate(labels.items(), 2):
            lists.cell(row=row, column=names_at, value=label)
            lists.cell(row=row, column=codes_at, value=code)
        letter = get_column_letter(names_at)
        ranges[name] = f"Lijsten!${letter}$2:${letter}${len(labels) + 1}"
        lists.column_dimensions[letter].width = 28
    return ranges


def _drop_down(sheet, spec: Sheet, header: str, formula: str) -> None:
    """A drop-down list of names; typing a code instead stays allowed (no error message)."""
    column = get_column_letter([c.header for c in spec.columns].index(header) + 1)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
    validation.add(f"{column}2:{column}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


def template(codelists: Codelists, docs: list[dict] | None = None) -> bytes:
    """The workbook to download, optionally filled with documents (a local version of a concept)."""
    book = Workbook()
    guide = book.active
    guide.title = "Uitleg"
    guide.column_dimensions["A"].width = 110
    for row, line in enumerate(INSTRUCTIONS, 1):
        guide.cell(row=row, column=1, value=line)
    ranges = _lists(book, codelists)
    sheets = {}
    for spec in SHEETS:
        sheet = book.create_sheet(spec.title)
        for index, column in enumerate(spec.columns, 1):
            sheet.cell(row=1, column=index, value=column.header)
            sheet.column_dimensions[get_column_letter(index)].width = 22
        sheet.freeze_panes = "A2"
        sheets[spec.title] = sheet
    for header, name in (("soort", "soort"), ("type", "type"), ("gemeente", "gemeente")):
        _drop_down(sheets["Rechten"], RIGHTS, header, ranges[name])
    _drop_down(sheets["Voorwaarden"], CONDITIONS, "type", ranges["type voorwaarde"])
    for header, values in (("periode", "maand,jaar"), ("student", "ja,nee")):
        _drop_down(sheets["Voorwaarden"], CONDITIONS, header, f'"{values}"')
    _fill(sheets, codelists, docs or [])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
