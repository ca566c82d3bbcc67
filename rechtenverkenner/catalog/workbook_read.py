"""Reading an uploaded workbook (catalog/workbook.py) into raw catalogue documents, in one pass.

Every cell is read and converted; a cell that cannot be (an unknown name, a date that is no date, a
formula) becomes a problem naming its sheet, row and column, its value is left out, and reading goes
on, so one upload lists every problem. Names are accepted for codes (themes, types, levels, ...) and
municipalities and other areas by name or NIS code, without regard to case or accents, as long as the
name means one thing only; otherwise the problem names the candidates.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from rechtenverkenner.catalog import xlsx
from rechtenverkenner.catalog.codelists import REGION_SCOPES, Codelists
from rechtenverkenner.catalog.search import fold
from rechtenverkenner.catalog.workbook import (
    GUIDE_SHEETS,
    MAX_RIGHTS,
    PROCEDURES,
    RIGHTS,
    SHEETS,
    WEBSITES,
    Column,
    Sheet,
    codes_of,
)
from rechtenverkenner.errors import Issue

MAX_SUGGESTIONS = 20
MAX_PROBLEMS = 200  # problems listed at once; a sheet full of mistakes is more than anyone reads
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_CODE_IN_BRACKETS = re.compile(r"^(.*?)\s*\(([A-Za-z0-9]+)\)$")


@dataclass
class Item:
    """A row of a sheet that became an item of a document (a contact point, a procedure, ...)."""

    sheet: str
    row: int
    data: dict
    items: dict[str, list[Item]] = field(default_factory=dict)  # a procedure's websites


@dataclass
class Entry:
    """A right read from the sheet Rechten, with the rows of the other sheets that belong to it."""

    doc: dict
    row: int
    items: dict[str, list[Item]] = field(default_factory=dict)
    bad: set[str] = field(default_factory=set)  # paths whose cell already has a problem

    @property
    def sheet(self) -> str:
        return RIGHTS.title


@dataclass
class Reading:
    entries: list[Entry]
    issues: list[Issue]
    columns: dict[str, dict[str, int]]  # sheet title -> column key or header -> column number

    def place(self, sheet: str, row: int, column: Column | None = None) -> str:
        where = f"Blad {sheet}, rij {row}"
        if column is None:
            return where
        number = self.columns.get(sheet, {}).get(column.header)
        if number is None:
            return f"{where}, kolom {column.header} (ontbreekt)"
        return f"{where}, kolom {get_column_letter(number)} ({column.header})"


def _problem(place: str, nl: str, en: str = "") -> Issue:
    return Issue("file", place, None, en or nl, nl)


class Lookup:
    """Codes by code or Dutch name, and areas by NIS code or name, folded (case and accents ignored)."""

    def __init__(self, codelists: Codelists):
        self.codelists = codelists
        self.suggestions = MAX_SUGGESTIONS
        self._codes: dict[str, dict[str, set[str]]] = {}
        geo = codelists.geography
        self.scopes: dict[str, set[str]] = {}
        self.municipalities: dict[str, set[str]] = {}
        names = [(code, name) for code, name in REGION_SCOPES.items()] + [("VLG", "Vlaanderen")]
        for code, name in geo.provinces.items():
            names += [(code, name), (code, name.removeprefix("Provincie ").strip())]
        for m in geo.municipalities.values():
            for name in (m.code, m.name, m.name_fr):
                if name:
                    self.municipalities.setdefault(fold(name), set()).add(m.code)
                    self.scopes.setdefault(fold(name), set()).add(m.code)
        for code, name in [*names, *((c, c) for c in REGION_SCOPES), *((c, c) for c in geo.provinces)]:
            self.scopes.setdefault(fold(name), set()).add(code)
        self.former = {fold(name): (code, new) for code, (name, new) in geo.former.items()}
        self.former.update({code: (code, new) for code, (_name, new) in geo.former.items()})

    def _table(self, name: str) -> dict[str, set[str]]:
        if name not in self._codes:
            table: dict[str, set[str]] = {}
            for code, label in codes_of(self.codelists, name).items():
                table.setdefault(fold(code), set()).add(code)
                table.setdefault(fold(label), set()).add(code)
            self._codes[name] = table
        return self._codes[name]

    def code(self, name: str, header: str, text: str) -> tuple[str | None, str]:
        """(the code, '') or (None, a Dutch explanation)."""
        found = self._table(name).get(fold(text.strip()), set())
        if len(found) == 1:
            return next(iter(found)), ""
        labels = list(codes_of(self.codelists, name).values())
        shown = ", ".join(labels[:15]) + (", …" if len(labels) > 15 else "")
        return None, f"Onbekende waarde '{text}' voor {header}. Kies uit: {shown} (alle namen en codes: blad Lijsten)."

    def area(self, text: str, municipality_only: bool) -> tuple[str | None, str]:
        """An area (a municipality only, when municipality_only) by NIS code or name."""
        geo = self.codelists.geography
        table = self.municipalities if municipality_only else self.scopes
        text = text.strip()
        bracketed = _CODE_IN_BRACKETS.match(text)  # "Gent (44021)", as the lists show it
        key = bracketed.group(2) if bracketed and fold(bracketed.group(2)) in table else text
        found = table.get(fold(key), set())
        if len(found) == 1:
            return next(iter(found)), ""
        what = "gemeente" if municipality_only else "gebied"
        if found:
            options = " of ".join(f"{geo.scope_label(c)} ({c})" for c in sorted(found))
            return None, f"'{text}' kan meer dan één {what} zijn: {options}. Schrijf de NIS-code."
        if fold(key) in self.former:
            old, new = self.former[fold(key)]
            return None, (
                f"'{text}' ({old}) is sinds 2025 deel van {geo.scope_label(new)} ({new}): schrijf {geo.scope_label(new)}."
            )
        close = []
        if self.suggestions > 0:  # a suggestion compares with every name: only for the first few unknown names
            self.suggestions -= 1
            close = difflib.get_close_matches(fold(text), list(table), n=1, cutoff=0.8)
        hint = f" Bedoel je {geo.scope_label(next(iter(table[close[0]])))}?" if close else ""
        unknown = "Onbekende gemeente" if municipality_only else "Onbekend gebied"
        return None, f"{unknown} '{text}': schrijf de naam (bv. Gent) of de NIS-code (bv. 44021).{hint}"


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value).strip()


def _date(value: object) -> tuple[object, str]:
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), ""
    if isinstance(value, dt.date):
        return value.isoformat(), ""
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat(), ""
        except ValueError:
            continue
    return None, f"'{text}' is geen geldige datum: schrijf bv. 28/11/2026 of 2026-11-28."


def _int(value: object) -> tuple[object, str]:
    if isinstance(value, bool):
        return None, "Schrijf een geheel getal."
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return int(value), ""
    text = _text(value)
    return (int(text), "") if text.isdigit() else (None, f"'{text}' is geen geheel getal.")


def _bool(value: object) -> tuple[object, str]:
    if isinstance(value, bool):
        return value, ""
    text = fold(_text(value))
    answers = {"ja": True, "nee": False, "waar": True, "onwaar": False, "true": True, "false": False}
    return (answers[text], "") if text in answers else (None, f"'{_text(value)}': schrijf ja of nee.")


def convert(lookup: Lookup, column: Column, value: object) -> tuple[object, list[str]]:
    """(the document's value of a cell, [Dutch problems]); the value is None when there is a problem."""
    if isinstance(value, str) and value.lstrip().startswith("="):
        return None, ["Formules zijn niet toegelaten: typ de waarde zelf."]
    if not isinstance(value, (str, int, float, bool, dt.date, dt.datetime)):
        return None, ["Deze cel kan niet gelezen worden (een formule of een tijd?): typ de waarde zelf."]
    if column.kind == "date":
        result, problem = _date(value)
        return result, [problem] if problem else []
    if column.kind == "int":
        result, problem = _int(value)
        return result, [problem] if problem else []
    if column.kind == "bool":
        result, problem = _bool(value)
        return result, [problem] if problem else []
    text = _text(value)
    if column.kind in ("text", "right", "procedure"):
        return text, []
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if column.kind == "list":
        return parts, []
    found, problems = [], []
    for part in parts:
        if column.kind in ("code", "codes"):
            code, problem = lookup.code(column.codes, column.header, part)
        else:
            code, problem = lookup.area(part, municipality_only=column.kind == "municipality")
        found.append(code)
        if problem:
            problems.append(problem)
    if problems:
        return None, problems
    return (found if column.kind in ("codes", "scopes") else (found[0] if found else None)), []


def _set(item: dict, key: str, value: object) -> None:
    *parents, last = key.split(".")
    for part in parents:
        item = item.setdefault(part, {})
    item[last] = value


class _Reader:
    def __init__(self, lookup: Lookup):
        self.lookup = lookup
        self.issues: list[Issue] = []
        self.columns: dict[str, dict[str, int]] = {}
        self.reading = Reading([], self.issues, self.columns)

    def headers(self, sheet: Sheet, rows: list[tuple[int, tuple]]) -> dict[int, Column]:
        """Column number -> Column, from the header row; every unknown header is a problem."""
        if not rows or rows[0][0] != 1:
            if rows:
                self.issues.append(_problem(f"Blad {sheet.title}, rij 1", "Rij 1 moet de kolomnamen bevatten."))
            return {}
        by_number, numbers = {}, {}
        for number, value in enumerate(rows[0][1], 1):
            if value is None or str(value).strip() == "":
                continue
            header = str(value).strip().lower()
            column = sheet.column(header)
            if column is None:
                known = ", ".join(c.header for c in sheet.columns)
                self.issues.append(
                    _problem(
                        f"Blad {sheet.title}, rij 1, kolom {get_column_letter(number)}",
                        f"Onbekende kolom '{value}'. De kolommen van dit blad zijn: {known}.",
                    )
                )
            elif header in numbers:
                self.issues.append(
                    _problem(
                        f"Blad {sheet.title}, rij 1, kolom {get_column_letter(number)}",
                        f"De kolom '{header}' staat er twee keer.",
                    )
                )
            else:
                by_number[number], numbers[header] = column, number
        self.columns[sheet.title] = numbers
        needed = sheet.columns[0]
        if needed.header not in numbers:
            self.issues.append(_problem(f"Blad {sheet.title}, rij 1", f"De kolom '{needed.header}' ontbreekt."))
            return {}
        return by_number

    def row(self, sheet: Sheet, number: int, cells: tuple, columns: dict[int, Column]) -> tuple[dict, dict, set]:
        """(the item, {header: text of the columns without key}, the keys with a problem) of one row."""
        data, refs, bad = {}, {}, set()
        for index, column in columns.items():
            value = cells[index - 1] if index - 1 < len(cells) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            result, problems = convert(self.lookup, column, value)
            for problem in problems:
                self.issues.append(_problem(self.reading.place(sheet.title, number, column), problem))
            if problems:
                bad.add(column.key or column.header)
            elif column.key is None:
                refs[column.header] = result
            elif result not in (None, "", []):
                _set(data, column.key, result)
        return data, refs, bad

    def rights(self, rows: list[tuple[int, tuple]]) -> dict[str, Entry]:
        columns = self.headers(RIGHTS, rows)
        by_id: dict[str, Entry] = {}
        for number, cells in rows[1:] if columns else []:
            data, _refs, bad = self.row(RIGHTS, number, cells, columns)
            doc = {"schema": 1, **data}
            if doc.get("kind") == "concept":
                doc.pop("linked_concept", None)
                doc.pop("municipality", None)
            right_id = str(doc.get("id", ""))
            if right_id and right_id in by_id:
                self.issues.append(
                    _problem(
                        self.reading.place(RIGHTS.title, number, RIGHTS.columns[0]),
                        f"De id '{right_id}' komt twee keer voor (ook op rij {by_id[right_id].row}).",
                    )
                )
                continue
            entry = Entry(doc, number, bad=bad)
            self.reading.entries.append(entry)
            if right_id:
                by_id[right_id] = entry
        return by_id

    def items(self, sheet: Sheet, rows: list[tuple[int, tuple]], by_id: dict[str, Entry]) -> None:
        columns = self.headers(sheet, rows)
        for number, cells in rows[1:] if columns else []:
            data, refs, bad = self.row(sheet, number, cells, columns)
            right_id = refs.get("recht")
            entry = by_id.get(right_id or "")
            if entry is None:
                if "recht" not in bad:
                    self.issues.append(
                        _problem(
                            self.reading.place(sheet.title, number, sheet.columns[0]),
                            f"Geen recht '{right_id or ''}' op het blad Rechten: schrijf de id van het recht.",
                        )
                    )
                continue
            owner: Entry | Item = entry
            if sheet is WEBSITES:
                wanted = fold(refs.get("procedure") or "")
                owner = next(
                    (p for p in entry.items.get("procedures", []) if fold(p.data.get("title", "")) == wanted), None
                )
                if owner is None:
                    self.issues.append(
                        _problem(
                            self.reading.place(sheet.title, number, sheet.columns[1]),
                            f"Geen procedure '{refs.get('procedure') or ''}' bij het recht '{right_id}' op het blad "
                            "Procedures: schrijf de titel van de procedure.",
                        )
                    )
                    continue
            siblings = owner.items.setdefault(sheet.key, [])
            prefix = f"{sheet.key}[{len(siblings)}]"
            if owner is not entry:  # a website: procedures[i].websites[j]
                prefix = f"{PROCEDURES.key}[{entry.items[PROCEDURES.key].index(owner)}].{prefix}"
            siblings.append(Item(sheet.title, number, data))
            entry.bad.update(f"{prefix}.{key}" for key in bad)


def _assemble(entry: Entry) -> None:
    """Put the items of the other sheets into the entry's document."""
    for key, items in entry.items.items():
        entry.doc[key] = []
        for item in items:
            data = dict(item.data)
            if key == PROCEDURES.key:
                data["websites"] = [site.data for site in item.items.get(WEBSITES.key, [])]
            entry.doc[key].append(data)


def read(content: bytes, codelists: Codelists) -> Reading:
    """Every right of an uploaded workbook and every problem of its cells.

    Raises xlsx.XlsxError when the file is not a workbook, is out of proportion or has unknown sheets;
    the documents are validated against the catalogue schema afterwards (services/workbook_uploads.py).
    """
    limits = {s.title: MAX_RIGHTS if s is RIGHTS else xlsx.MAX_ROWS for s in SHEETS}
    titles, rows = xlsx.read_sheets(content, limits)
    unknown = [t for t in titles if t not in GUIDE_SHEETS and t not in {s.title for s in SHEETS}]
    if unknown:
        known = ", ".join(s.title for s in SHEETS)
        raise xlsx.XlsxError(
            [_problem(f"Blad {t}", f"Onbekend blad '{t}'. De bladen van het werkboek zijn: {known}.") for t in unknown]
        )
    if RIGHTS.title not in rows:
        raise xlsx.XlsxError([_problem(f"Blad {RIGHTS.title}", f"Het blad {RIGHTS.title} ontbreekt.")])
    reader = _Reader(Lookup(codelists))
    by_id = reader.rights(rows[RIGHTS.title])
    for sheet in SHEETS[1:]:
        reader.items(sheet, rows.get(sheet.title, []), by_id)
    for entry in reader.reading.entries:
        _assemble(entry)
    return reader.reading
