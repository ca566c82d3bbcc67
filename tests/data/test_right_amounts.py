"""A right's own amounts (`amounts` in catalog/rights/<id>.toml): every id names a parameter of catalog/parameters/,
that parameter holds a value in force on the reference date (a right page must never list an amount and then say
"de catalogus heeft geen bedrag"), and every one of its values names the https page that states the figure."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "catalog"
REFERENCE_DATE = dt.date(2026, 11, 29)


def _toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


PARAMETERS = {path.stem: _toml(path) for path in sorted((CATALOG / "parameters").glob("*.toml"))}
RIGHTS = {path.stem: _toml(path) for path in sorted((CATALOG / "rights").glob("*.toml"))}
WITH_AMOUNTS = sorted(right_id for right_id, right in RIGHTS.items() if right.get("amounts"))
AMOUNT_IDS = sorted({parameter_id for right_id in WITH_AMOUNTS for parameter_id in RIGHTS[right_id]["amounts"]})


def test_some_rights_show_their_own_amounts():
    assert len(WITH_AMOUNTS) >= 5


@pytest.mark.parametrize("right_id", WITH_AMOUNTS)
def test_every_amount_of_a_right_is_a_parameter_named_once(right_id):
    amounts = RIGHTS[right_id]["amounts"]
    assert len(amounts) == len(set(amounts)), f"{right_id}: an amount is listed twice"
    missing = [parameter_id for parameter_id in amounts if parameter_id not in PARAMETERS]
    assert not missing, f"{right_id}: no parameter file for {missing}"


@pytest.mark.parametrize("right_id", WITH_AMOUNTS)
def test_amounts_live_on_the_concept(right_id):
    """Instances inherit the amounts of their concept; they do not repeat them."""
    assert RIGHTS[right_id]["kind"] == "concept", f"{right_id}: put amounts on the concept"


@pytest.mark.parametrize("parameter_id", AMOUNT_IDS)
def test_an_amount_has_a_value_in_force_on_the_reference_date(parameter_id):
    dates = [value["valid_from"] for value in PARAMETERS[parameter_id]["values"]]
    assert any(date <= REFERENCE_DATE for date in dates), (
        f"{parameter_id}: no value in force on {REFERENCE_DATE}; the page would say 'de catalogus heeft geen bedrag',"
        " so leave it out of `amounts`"
    )


@pytest.mark.parametrize("parameter_id", AMOUNT_IDS)
def test_every_value_of_an_amount_names_its_https_source(parameter_id):
    for value in PARAMETERS[parameter_id]["values"]:
        source = value.get("source")
        assert isinstance(source, str) and source.startswith("https://"), f"{parameter_id} {value['valid_from']}"
        assert source.rstrip("/").count("/") >= 3, f"{parameter_id}: a homepage is no source for a figure"
        if value["confidence"] != "official":
            assert value.get("note", "").strip(), f"{parameter_id} {value['valid_from']}: say why it is not official"
