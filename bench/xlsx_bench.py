"""Uploaded workbooks up to the 1 MB cap: time and memory of reading each, hostile and honest (issue 12 point 3).

Every case runs in fresh Python processes, so its memory is its own: "RSS+" is the growth of the process's
peak resident set (ru_maxrss) during the read, after the imports and the code lists are loaded (0 when the
read fits in what the process already held), "peak" the peak of Python's allocations during the read
(tracemalloc, in a second run, as it slows the code it measures).
"read" is catalog/workbook_read.read (size checks, then openpyxl read-only); "upload" is the whole POST
/beheer/upload of an editor through the Flask test client on a fresh SQLite copy of the catalogue, which
also validates every right and stores the drafts.

    .venv/bin/python bench/xlsx_bench.py            # every case
    .venv/bin/python bench/xlsx_bench.py --case far-cell
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CAP = 1024 * 1024


def _template(docs=None) -> bytes:
    from rechtenverkenner.catalog import workbook
    from rechtenverkenner.catalog.codelists import load_codelists

    return workbook.template(load_codelists(ROOT / "catalog"), docs or [])


def _with_part(content: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, data)
    return out.getvalue()


def _rights_part(content: bytes) -> str:
    from rechtenverkenner.catalog import xlsx

    return xlsx.sheet_parts(zipfile.ZipFile(io.BytesIO(content)))["Rechten"]


def far_cell() -> bytes:
    """The reported attack: a 16 KB workbook with one cell at column 4,000 and row 1,000,000."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_template()))
    book["Rechten"].cell(row=1_000_000, column=4_000, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _honest_docs(count: int, text: int) -> list[dict]:
    return [
        {
            "schema": 1,
            "id": f"voorbeeld-{n}",
            "kind": "instance",
            "linked_concept": "budgetbeheer",
            "municipality": "44021",
            "title": f"Voorbeeld {n}",
            "summary": f"Samenvatting van voorbeeld {n}.",
            "description": f"Beschrijving {n} " + " ".join(f"woord{n}-{i}" for i in range(text // 10)),
            "themes": ["WelzijnGezondheid"],
            "spatial": ["44021"],
            "source_url": f"https://example.org/{n}",
            "last_reviewed": "2026-11-28",
            "contact_points": [{"title": f"Loket {n}", "phone": "09 000 00 00", "url": f"https://example.org/c/{n}"}],
        }
        for n in range(count)
    ]


def honest_full() -> bytes:
    """An honest workbook as large as the cap allows: as many rights as the limit (300) with long texts, up to 1 MB."""
    from rechtenverkenner.catalog.workbook import MAX_RIGHTS

    text = 14000
    while True:
        content = _template(_honest_docs(MAX_RIGHTS, text))
        if len(content) > CAP:
            text = int(text * 0.85)
            continue
        return content


def max_cells() -> bytes:
    """The most cells the checks let through: 300 rows of 40 columns on Rechten and 948 on Contactpunten,
    every cell a different number (so every cell of Rechten is also a problem to report)."""
    from rechtenverkenner.catalog import xlsx

    content = _template()
    parts = xlsx.sheet_parts(zipfile.ZipFile(io.BytesIO(content)))
    for title, last in (("Rechten", 301), ("Contactpunten", 949)):
        cells = "".join(
            f'<row r="{r}">' + "".join(f'<c r="{_col(c)}{r}"><v>{r * 100 + c}</v></c>' for c in range(1, 41)) + "</row>"
            for r in range(2, last + 1)
        )
        xml = zipfile.ZipFile(io.BytesIO(content)).read(parts[title]).decode()
        content = _with_part(content, parts[title], xml.replace("</sheetData>", cells + "</sheetData>").encode())
    return content


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def big_strings() -> bytes:
    """The most shared strings the checks let through (30,000), 8 MB at most as every part read whole."""
    from rechtenverkenner.catalog import xlsx

    n = xlsx.MAX_SHARED_STRINGS
    strings = [f"<si><t>tekst {i:07d} {'abcdefghijklmnopqrstuvwxyz' * 4} {i * 7919 % 10007}</t></si>" for i in range(n)]
    xml = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">'
    content = _with_part(_template(), "xl/sharedStrings.xml", (xml + "".join(strings) + "</sst>").encode())
    types = zipfile.ZipFile(io.BytesIO(content)).read("[Content_Types].xml").decode()
    declared = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    return _with_part(content, "[Content_Types].xml", types.replace("</Types>", declared).encode())


def big_styles() -> bytes:
    """The most cell formats the checks let through (3,000 style records in all), each parsed by openpyxl."""
    from rechtenverkenner.catalog import xlsx

    content = _template()
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/styles.xml").decode()
    pattern = (
        '<xf numFmtId="{}" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment indent="{}"/></xf>'
    )
    randoms = random.Random(1)
    start = xml.index("<cellXfs")
    end = xml.index("</cellXfs>") + len("</cellXfs>")
    others = len(xlsx._RECORDS[1][1].findall(xml.encode())) - xml[start:end].count("<xf ")
    xfs = [pattern.format(randoms.randrange(50), randoms.randrange(10)) for _ in range(xlsx.MAX_STYLE_RECORDS - others)]
    xml = xml[:start] + f'<cellXfs count="{len(xfs)}">' + "".join(xfs) + "</cellXfs>" + xml[end:]
    return _with_part(content, "xl/styles.xml", xml.encode())


def no_references() -> bytes:
    """A row of 100,000 different numbers in cells without an `r` attribute (the reader counts them itself)."""
    content = _template()
    part = _rights_part(content)
    xml = zipfile.ZipFile(io.BytesIO(content)).read(part)
    randoms = random.Random(2)
    row = b"<row>" + b"".join(b"<c><v>%d</v></c>" % randoms.randrange(10**6) for _ in range(100_000)) + b"</row>"
    return _with_part(content, part, xml.replace(b"</sheetData>", row + b"</sheetData>"))


CASES = {
    "far-cell": far_cell,
    "no-references": no_references,
    "max-cells": max_cells,
    "big-strings": big_strings,
    "big-styles": big_styles,
    "honest-max-rights": honest_full,
}

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from rechtenverkenner.catalog import workbook_read, xlsx
from rechtenverkenner.catalog.codelists import load_codelists
codelists = load_codelists(sys.argv[1] + "/catalog")
content = open(sys.argv[2], "rb").read()
mode = sys.argv[3]
if mode == "upload":
    import shutil, tempfile, io
    from tests.conftest import make_app
    from rechtenverkenner import db
    from rechtenverkenner.services import accounts
    folder = tempfile.mkdtemp()
    app = make_app(f"sqlite:///{folder}/bench.db")
    with app.app_context(), db.new_session() as session:
        accounts.create_user(session, app.extensions["catalogue"], "bench@gent.be", "Bench", "correct horse battery staple", "editor", ["44021"])
    client = app.test_client()
    import re
    page = client.get("/beheer/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/beheer/login", data={"email": "bench@gent.be", "password": "correct horse battery staple", "csrf_token": csrf})
    page = client.get("/beheer/upload").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
import gc, tracemalloc
gc.collect()
if sys.argv[4] == "trace":
    tracemalloc.start()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if mode == "upload":
    response = client.post("/beheer/upload", data={"csrf_token": csrf, "bestand": (io.BytesIO(content), "werkboek.xlsx")}, content_type="multipart/form-data")
    outcome = str(response.status_code)
else:
    try:
        reading = workbook_read.read(content, codelists)
        outcome = f"read {len(reading.entries)} rights, {len(reading.issues)} problems"
    except xlsx.XlsxError as exc:
        outcome = "refused: " + exc.issues[0].detail_nl[:70]
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if sys.argv[4] == "trace" else 0
print(json.dumps({"seconds": seconds, "rssGrowthMb": (after - before) / 1024, "tracedPeakMb": peak, "outcome": outcome}))
"""


def run(name: str, content: bytes, mode: str, folder: Path, trace: bool) -> dict:
    path = folder / f"{name}.xlsx"
    path.write_bytes(content)
    command = [sys.executable, "-c", CHILD, str(ROOT), str(path), mode, "trace" if trace else "time"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    import tempfile

    folder = Path(tempfile.mkdtemp())
    print(f"{'case':<20} {'size':>9} {'mode':<7} {'seconds':>8} {'RSS+ MB':>8} {'peak MB':>8}  outcome")
    for name in args.case or CASES:
        content = CASES[name]()
        assert len(content) <= CAP, (name, len(content))
        for mode in ("read", "upload"):
            timed = run(name, content, mode, folder, trace=False)  # tracemalloc slows the code it measures
            traced = run(name, content, mode, folder, trace=True)
            print(
                f"{name:<20} {len(content) / 1024:>7.0f}KB {mode:<7} {timed['seconds']:>8.2f} "
                f"{timed['rssGrowthMb']:>8.1f} {traced['tracedPeakMb']:>8.1f}  {timed['outcome']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
