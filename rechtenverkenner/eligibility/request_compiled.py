"""A compiled load of the advice request for valid input: marshmallow's result, without marshmallow's call chain.

marshmallow spends most of a load in its machinery (error stores, hooks, per-field method chains), several
times what checking a request costs. This module reads the request schema once and builds a plain function per
schema that checks and converts a body the way marshmallow's fields do, for the field types the request
uses. It only ever answers for input that marshmallow accepts: anything else (an unknown key, a missing
required field, a null where none is allowed, a value of another type than the plain JSON one, a failed
validator or schema check, an exception of any kind) makes it give up (`None`), and the caller loads with
marshmallow, whose error report is then the one given. A field type it does not know is never compiled: a
request that gives such a field is always loaded by marshmallow.

tests/eligibility/test_request_compiled.py checks that, for every legal case and for generated input, the
compiled load gives exactly marshmallow's data (types and decimal digits included) or gives up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, missing, validate

from rechtenverkenner.eligibility import request_fields as rf

VALIDATES_SCHEMA = "validates_schema"
Converter = Callable[[Any], Any]


class GiveUp(Exception):
    """The input is not plainly valid: marshmallow must load it (and report its errors)."""


def _give_up(_value: Any = None) -> Any:
    raise GiveUp


def _check(validator: Any) -> Callable[[Any], None]:
    """A validator as a check that raises when marshmallow's would fail (the common ones inlined)."""
    if type(validator) is validate.OneOf and all(type(c) is str for c in validator.choices):
        choices = frozenset(validator.choices)

        def one_of(value: Any) -> None:
            if value not in choices:
                raise GiveUp

        return one_of
    if type(validator) is validate.Range:
        low, high = validator.min, validator.max
        low_in, high_in = validator.min_inclusive, validator.max_inclusive

        def in_range(value: Any) -> None:
            if low is not None and (value < low if low_in else value <= low):
                raise GiveUp
            if high is not None and (value > high if high_in else value >= high):
                raise GiveUp

        return in_range
    if not isinstance(validator, validate.Validator):

        def function(value: Any) -> None:  # marshmallow: a plain function fails by returning False or raising
            if validator(value) is False:
                raise GiveUp

        return function

    def other(value: Any) -> None:  # a Validator raises ValidationError, which gives up too
        validator(value)

    return other


def _string(value: Any) -> str:
    if type(value) is not str:
        raise GiveUp
    return value


def _integer(value: Any) -> int:
    if type(value) is not int:  # bool is not int here: marshmallow refuses it
        raise GiveUp
    return value


def _decimal(value: Any) -> Decimal:
    """fields.Decimal reads Decimal(str(value)); for a Decimal, an int or a float that is the same number with
    the same digits. Strings and everything else are left to marshmallow."""
    kind = type(value)
    if kind is Decimal:
        number = value
    elif kind is int or kind is float:
        number = Decimal(str(value))
    else:
        raise GiveUp
    if not number.is_finite():
        raise GiveUp
    return number


def _decimal_field(field: fields.Decimal) -> Converter:
    if field.allow_nan:
        return _give_up
    places, rounding = field.places, field.rounding
    if places is None:
        return _decimal
    return lambda value: _decimal(value).quantize(places, rounding=rounding)


CENT = Decimal("0.01")


def _money(value: Any) -> Decimal:
    """request_fields.Money: a Decimal with at most two significant decimals."""
    number = _decimal(value)
    if number.as_tuple().exponent < -2 and number != number.quantize(CENT):
        raise GiveUp
    return number


def _date(value: Any) -> dt.date:
    if type(value) is not str or not value:
        raise GiveUp
    return dt.date.fromisoformat(value)  # marshmallow's Date reads ISO dates with this function


def _bounded_date(value: Any) -> dt.date:
    """request_fields.Date: an ISO date between FIRST_DATE and LAST_DATE."""
    date = _date(value)
    if not rf.FIRST_DATE <= date <= rf.LAST_DATE:
        raise GiveUp
    return date


def _boolean(field: fields.Boolean) -> Converter:
    """The booleans true and false as marshmallow reads them with this field (asked once); anything else gives up."""
    answers = {}
    for value in (True, False):
        try:
            answers[value] = field.deserialize(value)
        except ValidationError:  # refused by the field: marshmallow reports it
            continue

    def boolean(value: Any) -> bool:
        if value is True or value is False:
            return answers[value]  # KeyError: refused, give up
        raise GiveUp

    return boolean


def _reads_iso(field: fields.Date) -> bool:
    """The field reads dates with date.fromisoformat (its format, bound to the schema, is ISO)."""
    return field.DESERIALIZATION_FUNCS.get(field.format or field.DEFAULT_FORMAT) == dt.date.fromisoformat


def _base(field: fields.Field) -> Converter:
    """The conversion of a field's value without its validators; _give_up for a type that is not compiled."""
    kind = type(field)
    if kind is fields.Nested:
        if field.many or field.only is not None or field.exclude:
            return _give_up
        return compile_loader(field.schema)
    if kind is fields.List:
        inner = _converter(field.inner)

        def each(value: Any) -> list:
            if type(value) is not list:
                raise GiveUp
            return [inner(item) for item in value]

        return each
    if kind is fields.String:
        return _string
    if kind in (fields.Integer, rf.StrictInt):
        return _integer
    if kind is rf.Money:
        return _money
    if kind is fields.Decimal:
        return _decimal_field(field)
    if kind in (fields.Boolean, rf.StrictBool):
        return _boolean(field)
    if kind in (fields.Date, rf.Date) and _reads_iso(field):
        return _bounded_date if kind is rf.Date else _date
    return _give_up


def _converter(field: fields.Field) -> Converter:
    """A field's whole load of a given value: null, conversion, validators."""
    if field.pre_load or field.post_load:
        return _give_up
    base = _base(field)
    checks = tuple(_check(v) for v in field.validators)
    allow_none = field.allow_none
    if base is _give_up:
        return _give_up

    if not checks:

        def plain(value: Any) -> Any:
            if value is None:
                if allow_none:
                    return None
                raise GiveUp
            return base(value)

        return plain

    def checked(value: Any) -> Any:
        if value is None:
            if allow_none:
                return None
            raise GiveUp
        out = base(value)
        for check in checks:
            check(out)
        return out

    return checked


def _fields_plan(schema: Schema) -> tuple[dict[str, Converter], tuple[str, ...], dict, tuple] | None:
    """(converters by key, required keys, static defaults, default factories); None when not compilable."""
    converters: dict[str, Converter] = {}
    required: list[str] = []
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, field in schema.load_fields.items():
        if (field.data_key or name) != name or (field.attribute or name) != name:
            return None  # every request field is read under its own name
        converters[name] = _converter(field)
        if field.required:
            required.append(name)
        elif field.load_default is not missing:
            if callable(field.load_default):
                factories.append((name, field.load_default))
            else:
                defaults[name] = field.load_default
    return converters, tuple(required), defaults, tuple(factories)


def compile_loader(schema: Schema) -> Callable[[Any], dict]:
    """A function that loads a body as `schema.load` does when it is plainly valid, or raises GiveUp."""
    hooks = {tag for tag, processors in schema._hooks.items() if processors}
    if hooks - {VALIDATES_SCHEMA, "post_dump", "pre_dump"}:  # pre_load, post_load, validates: not compiled
        return _give_up
    if any(many for _, many, _ in schema._hooks.get(VALIDATES_SCHEMA, ())):
        return _give_up
    checks = [
        (getattr(schema, name), kwargs.get("pass_original", False))
        for name, _, kwargs in schema._hooks.get(VALIDATES_SCHEMA, ())
    ]
    plan = _fields_plan(schema)
    if plan is None:
        return _give_up
    converters, needed, defaults, made = plan

    def load(data: Any) -> dict:
        if type(data) is not dict:
            raise GiveUp
        out = defaults.copy()
        for name, factory in made:
            out[name] = factory()
        for key, value in data.items():
            out[key] = converters[key](value)  # KeyError: an unknown key
        for name in needed:
            if name not in data:
                raise GiveUp
        for check, pass_original in checks:
            if pass_original:
                check(out, data, partial=None, many=False, unknown=None)
            else:
                check(out, partial=None, many=False, unknown=None)
        return out

    return load


class CompiledLoader:
    """The compiled load of one schema: `load(body)` is the loaded data, or None when marshmallow must load it."""

    def __init__(self, schema: Schema) -> None:
        self._load = compile_loader(schema)

    def load(self, body: Any) -> dict | None:
        try:
            return self._load(body)
        except Exception:  # anything unusual (GiveUp, KeyError, ValidationError, ...): marshmallow loads it
            return None
