"""Opening an uploaded XLSX file safely: every size is checked before openpyxl reads anything, and the
sheets are then read in openpyxl's read-only (streaming) mode.

A workbook is a zip of XML parts. Before it is opened we refuse, with a Dutch message:
- a file that is not a zip, or whose unpacked size or compression ratio is out of proportion (a zip bomb);
- a part openpyxl reads whole (the shared strings, the styles, the workbook) that is larger, or holds
  more strings or formats, than a real workbook of at most MAX_ROWS rows needs;
- a sheet we read that has a cell beyond MAX_COLUMNS columns or beyond its row limit, or sheets that
  together hold more than MAX_CELLS cells. The cells are counted by scanning the sheet's XML as bytes (the `<dimension>`
  element is only a claim: it may be missing or lie), so one cell at column 4,000 or row 1,000,000 is
  refused in milliseconds instead of making the reader fill millions of empty cells.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from rechtenverkenner.errors import Issue

MAX_ROWS = 2000  # rows of data per sheet (the header row comes on top)
MAX_COLUMNS = 40  # columns A to AN; the widest sheet has 21
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100
MAX_WHOLE_PART_BYTES = 8 * 1024 * 1024  # shared strings, styles, workbook: read whole by openpyxl
MAX_SHARED_STRINGS = 30_000  # openpyxl reads every shared string of the workbook at once
MAX_STYLE_RECORDS = 3_000  # and every cell format, font, fill and border: a real workbook has a few hundred
MAX_CELLS = 50_000  # in all the sheets read together: openpyxl reads about 60,000 cells a second here
CHUNK = 1 << 16

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RECORDS = [
    ("sharedstrings.xml", re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s>]"), MAX_SHARED_STRINGS, "gedeelde teksten"),
    (
        "styles.xml",
        re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:xf|font|fill|border|numFmt|dxf|cellStyle)[\s/>]"),
        MAX_STYLE_RECORDS,
        "opmaakregels",
    ),
]
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(c|row)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{0,3})\$?([0-9]{1,9})["']""")


class XlsxError(Exception):
    """The file cannot be read as a workbook; .issues says why, in Dutch, naming the sheet when there is one."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(i.detail_en for i in issues))


def problem(place: str, nl: str, en: str) -> Issue:
    return Issue("file", place, None, en, nl)


def _refuse(nl: str, en: str, place: str = "bestand") -> XlsxError:
    return XlsxError([problem(place, nl, en)])


@dataclass
class Extent:
    """What a scan of a sheet's XML found: the furthest column and row a cell uses and the number of cells."""

    max_column: int = 0
    max_row: int = 0
    cells: int = 0


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ch - 64)
    return index


def scan_sheet(chunks: Iterable[bytes]) -> Extent:
    """The extent of a sheet from its XML, read chunk by chunk (a tag is never split between chunks).

    Cells and rows without an `r` attribute follow the one before, as spreadsheet readers place them."""
    extent = Extent()
    row = column = 0
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            cut = len(data)
        data, tail = data[:cut], data[cut:]
        for match in _TAG.finditer(data):
            ref = _REF.search(match.group(2))
            if match.group(1) == b"row":
                row = int(ref.group(2)) if ref else row + 1
                column = 0
                continue
            extent.cells += 1
            if ref and ref.group(1):
                column, row = _column_index(ref.group(1)), max(row, int(ref.group(2)))
            else:
                column += 1
            extent.max_column = max(extent.max_column, column)
            extent.max_row = max(extent.max_row, row)
        if len(tail) > CHUNK:  # a "tag" that never closes is not XML a reader could use either
            raise _refuse("Het werkboek is beschadigd (ongeldige XML).", "The workbook is damaged (invalid XML).")
    return extent


def _archive(content: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _refuse("Dit is geen XLSX-werkboek.", "Not an XLSX workbook.") from exc
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise _refuse(
            "Het werkboek is uitgepakt te groot (mogelijk een zipbom).",
            "The unpacked workbook is too large (possibly a zip bomb).",
        )
    for info in infos:
        name = info.filename.lower()
        whole = name.endswith(("sharedstrings.xml", "styles.xml", "workbook.xml", ".rels")) or "/theme/" in name
        if whole and info.file_size > MAX_WHOLE_PART_BYTES:
            raise _refuse(
                f"Het werkboek is te groot: het onderdeel {info.filename} is uitgepakt groter dan "
                f"{MAX_WHOLE_PART_BYTES // (1024 * 1024)} MB.",
                f"The workbook part {info.filename} is too large.",
            )
        for suffix, pattern, limit, what in _RECORDS:
            if name.endswith(suffix) and sum(1 for _ in pattern.finditer(archive.read(info))) > limit:
                raise _refuse(
                    f"Het werkboek is te groot: het heeft meer dan {_number(limit)} {what}. Kopieer de tabellen "
                    "naar een leeg werkboek (het sjabloon) en laad dat op.",
                    f"The workbook has more than {limit} {suffix} records.",
                )
    return archive


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> the name of its XML part in the archive, from xl/workbook.xml and its relations."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError) as exc:
        raise _refuse("Het werkboek kan niet gelezen worden.", "The workbook cannot be read.") from exc
    targets = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        part = targets.get(sheet.get(f"{_REL}id"), "")
        parts[sheet.get("name", "")] = part
    return parts


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _check_extent(title: str, extent: Extent, max_rows: int) -> None:
    if extent.max_column <= MAX_COLUMNS and extent.max_row <= max_rows + 1:
        return
    furthest = "voorbij ZZZ" if extent.max_column > 18278 else get_column_letter(max(extent.max_column, 1))
    raise _refuse(
        f"Het blad {title} is te groot: het heeft cellen tot kolom {furthest} en rij {_number(extent.max_row)} "
        f"({_number(extent.cells)} cellen). Een blad mag hoogstens {MAX_COLUMNS} kolommen (tot "
        f"{get_column_letter(MAX_COLUMNS)}) en {_number(max_rows + 1)} rijen hebben. Maak de cellen buiten de "
        "tabel leeg (ook hun opmaak), of kopieer de tabel naar een leeg werkboek, en laad het opnieuw op.",
        f"Sheet {title} is too large: column {extent.max_column}, row {extent.max_row}, {extent.cells} cells.",
        f"blad {title}",
    )


def read_sheets(content: bytes, limits: dict[str, int]) -> tuple[list[str], dict[str, list[tuple[int, tuple]]]]:
    """(every sheet title, {title: [(row number, cell values up to MAX_COLUMNS)]}) for the sheets of limits
    (title -> the most rows of data it may have) the workbook has; only non-empty rows. Formulas come back
    as openpyxl's formula strings ("=...").

    Raises XlsxError before reading anything when the file is not a workbook or is out of proportion.
    """
    archive = _archive(content)
    parts = sheet_parts(archive)
    wanted = [t for t in limits if t in parts]
    cells = 0
    for title in wanted:
        try:
            with archive.open(parts[title]) as stream:
                extent = scan_sheet(iter(lambda s=stream: s.read(CHUNK), b""))
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            raise _refuse("Het werkboek kan niet gelezen worden.", "The workbook cannot be read.") from exc
        _check_extent(title, extent, limits[title])
        cells += extent.cells
    if cells > MAX_CELLS:
        raise _refuse(
            f"Het werkboek is te groot: de bladen bevatten samen {_number(cells)} cellen, hoogstens "
            f"{_number(MAX_CELLS)} mag. Verdeel de rechten over meer werkboeken.",
            f"The workbook has {cells} cells; at most {MAX_CELLS}.",
        )
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise _refuse("Het werkboek kan niet gelezen worden.", f"The workbook cannot be read: {exc}") from exc
    out: dict[str, list[tuple[int, tuple]]] = {}
    try:
        for title in wanted:
            if title not in book.sheetnames:
                continue
            rows = []
            sheet = book[title]
            for number, cells in enumerate(
                sheet.iter_rows(min_row=1, max_row=limits[title] + 1, max_col=MAX_COLUMNS, values_only=True), 1
            ):
                if any(v is not None and v != "" for v in cells):
                    rows.append((number, cells))
            out[title] = rows
    except Exception as exc:  # damaged XML inside a sheet
        raise _refuse("Het werkboek kan niet gelezen worden.", f"The workbook cannot be read: {exc}") from exc
    finally:
        book.close()
    return list(parts), out
