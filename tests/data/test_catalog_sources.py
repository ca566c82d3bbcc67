"""Every catalogue entry names a precise source page (never a bare homepage); review dates are real dates."""

import datetime as dt
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

RIGHTS = sorted((Path(__file__).resolve().parents[2] / "catalog" / "rights").glob("*.toml"))
TODAY = dt.date(2026, 11, 29)  # the day this test was written: no review date lies after the checks we did


def _doc(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _is_precise(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.netloc) and parts.path not in ("", "/")


@pytest.mark.parametrize("path", RIGHTS, ids=lambda p: p.stem)
def test_every_entry_has_a_source_that_is_not_a_homepage(path):
    doc = _doc(path)
    assert doc.get("source_url"), "every entry names its source"
    assert _is_precise(doc["source_url"]), f"{doc['source_url']} is a homepage: cite the page that states the facts"


@pytest.mark.parametrize("path", RIGHTS, ids=lambda p: p.stem)
def test_a_review_date_is_a_date_no_later_than_the_checks(path):
    reviewed = _doc(path).get("last_reviewed")
    assert reviewed is None or (isinstance(reviewed, dt.date) and reviewed <= TODAY)


@pytest.mark.parametrize("path", RIGHTS, ids=lambda p: p.stem)
def test_contact_facts_read_from_a_page_name_that_page_and_the_day(path):
    for contact in _doc(path).get("contact_points", []):
        if "source_url" in contact or "read_on" in contact:
            assert _is_precise(contact["source_url"]) and isinstance(contact["read_on"], dt.date)


def test_the_known_wrong_sources_are_fixed():
    by_id = {p.stem: _doc(p) for p in RIGHTS}
    for right_id in ("schuldbemiddeling", "budgetbegeleiding"):
        assert "huisvesting" not in by_id[right_id]["source_url"]
    assert _is_precise(by_id["derdebetalersregeling"]["source_url"])


def test_the_homepage_check_fails_on_a_homepage():
    assert not _is_precise("https://www.riziv.fgov.be")
    assert not _is_precise("https://www.riziv.fgov.be/")
    assert _is_precise("https://www.riziv.fgov.be/nl/thema-s/betaalbaarheid-zorg/derdebetalersregeling")
