"""The app's JSON provider: fractions read as Decimal, Decimal written exactly, everything else as before."""

import datetime as dt
import json
from collections import namedtuple
from decimal import Decimal

import pytest

from rechtenverkenner.jsonio import ExactJSONProvider


@pytest.fixture
def provider(app) -> ExactJSONProvider:
    assert isinstance(app.json, ExactJSONProvider) and app.json.sort_keys is False
    return app.json


def test_numbers_with_a_fraction_are_read_as_decimal_and_integers_stay_int(provider):
    data = provider.loads(b'{"amount": 1234.50, "tiny": 0.1, "age": 30, "big": 1e2, "whole": 2.0}')
    assert data == {
        "amount": Decimal("1234.50"),
        "tiny": Decimal("0.1"),
        "age": 30,
        "big": Decimal("1E+2"),
        "whole": Decimal("2.0"),
    }
    assert type(data["age"]) is int and str(data["amount"]) == "1234.50"


def test_the_body_encodings_and_constants_of_the_standard_library_are_still_read(provider):
    assert provider.loads('{"a": [1, 2]}'.encode("utf-16")) == {"a": [1, 2]}
    assert provider.loads(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
    assert provider.loads("NaN") != provider.loads("NaN")  # a float NaN, refused later by the schemas
    with pytest.raises(ValueError):
        provider.loads("\ufeff{}")
    with pytest.raises(ValueError):
        provider.loads(b"{not json")


def test_decimal_is_written_as_a_number_with_its_exact_digits_and_floats_as_before(provider):
    Pair = namedtuple("Pair", "a b")
    value = {"z": Decimal("1314.20"), "a": 1314.2, "f": 0.1 + 0.2, "n": Pair(1, 2), "d": dt.date(2025, 6, 1)}
    text = provider.dumps(value)
    assert text == (
        '{"z": 1314.20, "a": 1314.2, "f": 0.30000000000000004, "n": [1, 2], "d": "Sun, 01 Jun 2025 00:00:00 GMT"}'
    )
    assert json.loads(text, parse_float=Decimal)["z"] == Decimal("1314.20")


def test_an_exact_amount_in_a_request_keeps_its_cents():
    # 0.1 + 0.2 as floats is 0.30000000000000004; read as Decimal the amount has two decimals and is valid
    from rechtenverkenner.eligibility.request import load_request

    body = {
        "referenceDate": "2025-06-01",
        "applicant": {
            "incomes": [{"type": "employment", "amount": Decimal("1234.50"), "period": "month"}],
            "realEstate": [{"kind": "built", "cadastralIncome": Decimal("745.00"), "share": Decimal("0.5")}],
        },
    }
    situation, issues = load_request(body)
    assert not issues
    assert situation.applicant.incomes[0].amount == Decimal("1234.50")
    assert situation.applicant.real_estate[0].share == Decimal("0.5")


@pytest.mark.parametrize(
    ("field", "value"),
    [("age", 30.0), ("age", True), ("homeless", "true"), ("movableCapital", True), ("movableCapital", 12.345)],
)
def test_bool_and_int_strictness_is_unchanged_with_decimal_input(app, field, value):
    from rechtenverkenner.eligibility.request import load_request

    raw = json.dumps({"referenceDate": "2025-06-01", "applicant": {field: value}})
    with app.app_context():
        _situation, issues = load_request(app.json.loads(raw))
    assert [i["name"] for i in issues] == [f"$.applicant.{field}"]


def test_the_shared_compact_encoder_and_decoder_write_and_read_what_simplejson_does_per_call(provider):
    import simplejson

    Pair = namedtuple("Pair", "a b")
    value = {
        "z": Decimal("1314.20"),
        "e": Decimal("1E+2"),
        "a": 1314.2,
        "tiny": 1e-7,
        "nan": float("nan"),
        "n": Pair(1, 2),
        "d": dt.date(2025, 6, 1),
        "text": '€ 1.234,56 – geïndexeerd 😀 \x7f \u2028 "quoted" back\\slash',
        "nested": [{"k": None, "b": True}, ()],
    }
    expected = simplejson.dumps(
        value,
        use_decimal=True,
        separators=(",", ":"),
        default=provider.default,
        ensure_ascii=True,
        sort_keys=False,
        allow_nan=True,
        namedtuple_as_object=False,
    )
    assert provider.dumps(value, separators=(",", ":")) == expected
    assert provider.response(value).get_data(as_text=True) == expected + "\n"
    provider.sort_keys = True  # a changed setting gets an encoder of its own
    try:
        assert provider.dumps(value, separators=(",", ":")) == simplejson.dumps(
            value,
            use_decimal=True,
            separators=(",", ":"),
            default=provider.default,
            sort_keys=True,
            allow_nan=True,
            namedtuple_as_object=False,
        )
    finally:
        provider.sort_keys = False
    text = '{"amount": 1234.50, "big": 1e2, "n": NaN, "i": 3, "s": "\\u20ac"}'
    assert repr(provider.loads(text)) == repr(simplejson.loads(text, use_decimal=True, allow_nan=True))
