"""The XLSX workbook editors fill in: the template (with drop-down lists and Dutch instructions) and
reading an uploaded workbook into catalogue documents, with every problem as sheet, row and column.

Uploaded workbooks are data: formulas are refused, and a workbook whose unpacked size or compression
ratio is out of proportion (a zip bomb) is refused before it is opened.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rechtenverkenner.catalog.codelists import Codelists
from rechtenverkenner.errors import Issue

MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 2000

# (column header, document key, kind): kind "text", "list" (separated by ;) or "date"
RIGHT_COLUMNS = [
    ("id", "id", "text"),
    ("soort", "kind", "text"),
    ("concept", "linked_concept", "text"),
    ("gemeente", "municipality", "text"),
    ("titel", "title", "text"),
    ("samenvatting", "summary", "text"),
    ("beschrijving", "description", "text"),
    ("aanvullende beschrijving", "additional_description", "text"),
    ("uitzonderingen", "exceptions", "text"),
    ("type", "product_type", "text"),
    ("thema's", "themes", "list"),
    ("doelgroepen", "target_audiences", "list"),
    ("voor wie", "life_situations", "list"),
    ("bevoegd niveau", "competent_authority_level", "list"),
    ("uitvoerend niveau", "executing_authority_level", "list"),
    ("bevoegde overheden", "competent_authorities", "list"),
    ("uitvoerende overheden", "executing_authorities", "list"),
    ("gebied", "spatial", "list"),
    ("zoekwoorden", "keywords", "list"),
    ("bron", "source_url", "text"),
    ("laatst nagekeken", "last_reviewed", "date"),
]
CONTACT_COLUMNS = [
    ("recht", None, "text"),
    ("titel", "title", "text"),
    ("url", "url", "text"),
    ("telefoon", "phone", "text"),
    ("e-mail", "email", "text"),
    ("openingsuren", "opening_hours", "list"),
    ("straat", "street", "text"),
    ("huisnummer", "house_number", "text"),
    ("postcode", "postal_code", "text"),
    ("gemeente", "municipality", "text"),
]
CONDITION_COLUMNS = [
    ("recht", None, "text"),
    ("type", "type", "text"),
    ("min", "min", "int"),
    ("max", "max", "int"),
    ("gebied", "scopes", "list"),
    ("statuten", "any_of", "list"),
    ("max leeftijd kind", "max_age", "int"),
    ("student", "value", "bool"),
    ("huurder", "tenant_kind", "text"),
    ("periode", "period", "text"),
    ("inkomensbasis", "income_basis", "text"),
    ("bron", "source", "text"),
    ("toelichting", "note", "text"),
]
INSTRUCTIONS = [
    "Zo vul je dit werkboek in",
    "",
    "1. Blad Rechten: één rij per recht. Een lokale versie van een bestaand recht: soort = instance,",
    "   concept = de id van het concept (zie de rechtenverkenner), gemeente = de NIS-code van je gemeente.",
    "   Wat je leeg laat bij een lokale versie, neemt ze over van het concept.",
    "2. Lijsten (thema's, doelgroepen, gebied, ...): scheid waarden met een puntkomma (;).",
    "   Kies codes uit de uitklaplijsten; alle codes staan op het blad Lijsten.",
    "3. Blad Contactpunten: één rij per contactpunt; kolom recht = de id van het recht.",
    "4. Blad Voorwaarden: vaste voorwaarden (leeftijd, woonplaats, statuut, ...), één per rij.",
    "5. Elk recht heeft een bron (een https-adres waar je alles kan nakijken) en de datum van nakijken.",
    "6. Verzin nooit een feit: laat een adres, bedrag of openingsuur dat je niet kan staven leeg.",
    "7. Formules zijn niet toegelaten. Een werkboek met een fout verandert niets: je krijgt alle fouten",
    "   te zien met blad, rij en kolom.",
]


def template(codelists: Codelists, prefill: list[dict] | None = None) -> bytes:
    """The workbook to download, optionally with rows filled in (a local version of a concept)."""
    book = Workbook()
    guide = book.active
    guide.title = "Uitleg"
    for row, line in enumerate(INSTRUCTIONS, 1):
        guide.cell(row=row, column=1, value=line)
    lists = book.create_sheet("Lijsten")
    columns = {
        "soort": ["concept", "instance"],
        "type": list(codelists.product_types.labels),
        "thema": list(codelists.themes.labels),
        "doelgroep": list(codelists.target_audiences.labels),
        "voor wie": list(codelists.life_situations.labels),
        "niveau": list(codelists.competent_levels.labels),
        "statuut": list(codelists.statuses.labels),
        "gemeente": sorted(codelists.geography.municipalities),
    }
    ranges = {}
    for index, (name, values) in enumerate(columns.items(), 1):
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, 2):
            lists.cell(row=row, column=index, value=value)
        ranges[name] = f"Lijsten!${letter}$2:${letter}${len(values) + 1}"
    sheets = {}
    for title, spec in (
        ("Rechten", RIGHT_COLUMNS),
        ("Contactpunten", CONTACT_COLUMNS),
        ("Voorwaarden", CONDITION_COLUMNS),
    ):
        sheet = book.create_sheet(title)
        for index, (header, _key, _kind) in enumerate(spec, 1):
            sheet.cell(row=1, column=index, value=header)
            sheet.column_dimensions[get_column_letter(index)].width = 22
        sheets[title] = sheet
    # single-valued columns get a drop-down list; multi-valued ones (separated by ;) list their codes
    # on the sheet Lijsten
    for header, name in (("soort", "soort"), ("type", "type"), ("gemeente", "gemeente")):
        column = [h for h, _k, _t in RIGHT_COLUMNS].index(header) + 1
        validation = DataValidation(type="list", formula1=ranges[name], allow_blank=True)
        validation.add(f"{get_column_letter(column)}2:{get_column_letter(column)}{MAX_ROWS}")
        sheets["Rechten"].add_data_validation(validation)
    for header, values in (
        ("type", ["age", "residence", "household_income", "status", "children", "student", "tenant"]),
        ("periode", ["month", "year"]),
        ("huurder", ["any", "private", "social"]),
        ("student", ["ja", "nee"]),
    ):
        column = [h for h, _k, _t in CONDITION_COLUMNS].index(header) + 1
        validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        validation.add(f"{get_column_letter(column)}2:{get_column_letter(column)}{MAX_ROWS}")
        sheets["Voorwaarden"].add_data_validation(validation)
    for row, doc in enumerate(prefill or [], 2):
        for index, (_header, key, kind) in enumerate(RIGHT_COLUMNS, 1):
            value = doc.get(key)
            if kind == "list":
                value = ";".join(value or [])
            sheets["Rechten"].cell(row=row, column=index, value=value if value not in (None, []) else None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class WorkbookError(Exception):
    """Problems in an uploaded workbook: .issues names each place (sheet, row, column)."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(i.detail_en for i in issues))


def _problem(place: str, nl: str, en: str) -> Issue:
    return Issue("file", place, None, en, nl)


def _check_archive(content: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise WorkbookError([_problem("bestand", "Dit is geen XLSX-werkboek.", "Not an XLSX workbook.")]) from exc
    unpacked = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise WorkbookError(
            [
                _problem(
                    "bestand",
                    "Het werkboek is uitgepakt te groot (mogelijk een zipbom).",
                    "The unpacked workbook is too large (possibly a zip bomb).",
                )
            ]
        )


def _value(cell_value, kind: str):
    if cell_value is None:
        return None
    if kind == "list":
        return [v.strip() for v in str(cell_value).split(";") if v.strip()]
    if kind == "date":
        if isinstance(cell_value, dt.datetime):
            return cell_value.date().isoformat()
        return str(cell_value).strip()
    if kind == "int":
        return cell_value if isinstance(cell_value, int) else str(cell_value).strip()
    if kind == "bool":
        text = str(cell_value).strip().lower()
        return {"ja": True, "nee": False, "true": True, "false": False}.get(text, text)
    return str(cell_value).strip()


def _rows(book, title: str, spec, problems) -> list[tuple[int, dict]]:
    if title not in book.sheetnames:
        problems.append(_problem(f"blad {title}", f"Het blad {title} ontbreekt.", f"Sheet {title} is missing."))
        return []
    sheet = book[title]
    rows = list(sheet.iter_rows(values_only=False, max_row=min(sheet.max_row, MAX_ROWS + 2)))
    if not rows:
        return []
    headers = [str(c.value).strip().lower() if c.value is not None else "" for c in rows[0]]
    expected = [h for h, _k, _t in spec]
    if headers[: len(expected)] != expected:
        problems.append(
            _problem(
                f"blad {title}, rij 1",
                f"De kolommen moeten zijn: {', '.join(expected)}.",
                f"The columns must be: {', '.join(expected)}.",
            )
        )
        return []
    out = []
    for row in rows[1:]:
        values = {}
        for index, (header, key, kind) in enumerate(spec):
            cell = row[index] if index < len(row) else None
            if cell is None or cell.value is None:
                continue
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                problems.append(
                    _problem(
                        f"blad {title}, rij {cell.row}, kolom {cell.column_letter} ({header})",
                        "Formules zijn niet toegelaten: typ de waarde zelf.",
                        "Formulas are not allowed.",
                    )
                )
                continue
            values[key or "_right"] = _value(cell.value, kind)
        if values:
            out.append((row[0].row, values))
    if len(out) > MAX_ROWS:
        problems.append(_problem(f"blad {title}", f"Hoogstens {MAX_ROWS} rijen.", f"At most {MAX_ROWS} rows."))
    return out


def read(content: bytes) -> tuple[list[dict], dict[str, str]]:
    """The raw documents of an uploaded workbook and, per document id, the place of its row.

    Raises WorkbookError listing every structural problem (not a workbook, zip bomb, formulas,
    wrong columns); the documents themselves are validated by the catalogue schema afterwards.
    """
    _check_archive(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=False, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise WorkbookError(
            [_problem("bestand", "Het werkboek kan niet gelezen worden.", f"The workbook cannot be read: {exc}")]
        ) from exc
    problems: list[Issue] = []
    rights = _rows(book, "Rechten", RIGHT_COLUMNS, problems)
    contacts = _rows(book, "Contactpunten", CONTACT_COLUMNS, problems)
    conditions = _rows(book, "Voorwaarden", CONDITION_COLUMNS, problems)
    if problems:
        raise WorkbookError(problems)
    docs, places, ids = [], {}, []
    for row, values in rights:
        doc = {"schema": 1, **values}
        if doc.get("kind") == "concept":
            doc.pop("linked_concept", None)
            doc.pop("municipality", None)
        docs.append(doc)
        places[str(doc.get("id", f"rij {row}"))] = f"blad Rechten, rij {row}"
        ids.append(doc.get("id"))
    by_id = {d.get("id"): d for d in docs}
    for sheet, items, key in (("Contactpunten", contacts, "contact_points"), ("Voorwaarden", conditions, "conditions")):
        for row, values in items:
            right_id = values.pop("_right", None)
            if right_id not in by_id:
                problems.append(
                    _problem(
                        f"blad {sheet}, rij {row}, kolom A (recht)",
                        f"Geen recht '{right_id}' op het blad Rechten.",
                        f"No right '{right_id}' on sheet Rechten.",
                    )
                )
                continue
            if key == "contact_points":
                address = {
                    k: values.pop(k) for k in ("street", "house_number", "postal_code", "municipality") if k in values
                }
                if address:
                    values["address"] = address
            by_id[right_id].setdefault(key, []).append(values)
    if problems:
        raise WorkbookError(problems)
    return docs, places
