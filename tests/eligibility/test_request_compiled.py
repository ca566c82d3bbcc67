"""The compiled request load gives exactly marshmallow's data, or gives up so that marshmallow loads (and reports).

Every legal case and rights case is loaded both ways (as the test JSON reads it, with floats, and as the API
reads it, with Decimals); generated bodies (the cases with values replaced, removed or added at any depth) must
either load to marshmallow's data or be given up, and the compiler must never answer where marshmallow refuses.
"""

import copy
import datetime as dt
import json
from decimal import Decimal

import pytest
import simplejson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError, fields, post_load, validate

from rechtenverkenner.eligibility.request import _LOADER, _SCHEMA, load_request
from rechtenverkenner.eligibility.request_compiled import CompiledLoader
from tests.eligibility.test_request_shapes import BAD, BODIES

_COMPILED = _LOADER.compiled  # the compiled load that load_request tries first


def canon(value):
    """A comparable form that keeps types and decimal digits (Decimal('1.0') is not Decimal('1'))."""
    if isinstance(value, dict):
        return ("dict", sorted((k, canon(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", [canon(v) for v in value])
    return (type(value).__name__, repr(value))


def marshmallow(body):
    try:
        return _SCHEMA.load(body)
    except ValidationError:
        return None


def same_or_given_up(body) -> bool:
    """True when the compiled load answered (and then it equals marshmallow's)."""
    compiled, reference = _COMPILED.load(body), marshmallow(body)
    if compiled is None:
        return False
    assert reference is not None, "the compiled load accepted what marshmallow refuses"
    assert canon(compiled) == canon(reference)
    return True


def as_api(body):
    """The body as the API's JSON provider reads it: fractions as Decimal."""
    return simplejson.loads(json.dumps(body), use_decimal=True)


@pytest.mark.parametrize("reader", [lambda b: b, as_api], ids=["floats", "decimals"])
def test_every_case_loads_to_marshmallows_data_and_only_refused_ones_are_given_up(reader):
    for body in BODIES:
        body = reader(body)
        answered = same_or_given_up(body)
        assert answered == (marshmallow(body) is not None), body


def test_bad_input_is_left_to_marshmallow():
    for body in BAD:
        assert _COMPILED.load(body) is None


def test_the_situation_and_the_problems_are_those_of_the_marshmallow_load():
    from rechtenverkenner.eligibility import request

    for body in BODIES + BAD:
        fast = load_request(body)
        data = marshmallow(body)
        if data is None:
            assert fast[0] is None and fast[1]
        else:
            assert repr(fast[0]) == repr(request.to_situation(data)) and fast[1] == []


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.sampled_from([0, 1, -1, 125, 126, 31, 32, 10000, 10001, 100000000, 100000001]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.sampled_from([Decimal("12.50"), Decimal("12.505"), Decimal("12.500"), Decimal("1E+2"), Decimal("-0"), 0.5]),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "2025-06-01",
            "20250601",
            "2025-W01-1",
            "1799-12-31",
            "2101-01-01",
            "1800-01-01",
            "2025-02-30",
            "child",
            "partner",
            "employment",
            "month",
            "year",
            "belgian",
            "built",
            "unbuilt",
            "44021",
            "net",
            "12.50",
            "true",
        ]
    ),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def _paths(value, prefix=()):
    """Every path into a body (dict keys and list indexes), the body itself first."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _mutated(body, path, action, value, key):
    body = copy.deepcopy(body)
    if not path:
        return value if action == "replace" else body
    parent = body
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][key] = value
    elif isinstance(parent[last], list):
        parent[last].append(value)
    return body


def _field_at(path):
    """The schema field a path into a body names (None where the schema declares nothing)."""
    field = fields.Nested(type(_SCHEMA))
    for part in path:
        if isinstance(field, fields.List) and isinstance(part, int):
            field = field.inner
        elif isinstance(field, fields.Nested) and isinstance(part, str):
            field = field.schema.fields.get(part)
        else:
            return None
        if field is None:
            return None
    return field


def values_for(field) -> st.SearchStrategy:
    """Values a field may or may not accept: its choices and bounds, the edges of its type, and any JSON."""
    if field is None:
        return JSON_VALUES
    if isinstance(field, fields.List):
        return st.one_of(st.lists(st.deferred(lambda: values_for(field.inner)), max_size=3), JSON_VALUES)
    if isinstance(field, fields.Nested):
        optional = {name: st.deferred(lambda f=f: values_for(f)) for name, f in field.schema.fields.items()}
        return st.one_of(st.fixed_dictionaries({}, optional=optional), JSON_VALUES)
    options = [JSON_LEAVES]
    for validator in field.validators:
        if isinstance(validator, validate.OneOf):
            options.append(st.sampled_from(list(validator.choices)))
        if isinstance(validator, validate.Range):
            edges = [v for v in (validator.min, validator.max) if v is not None]
            options.append(st.sampled_from(edges + [e + d for e in edges for d in (-1, 1, Decimal("0.01"))]))
    if isinstance(field, fields.Decimal):
        options.append(st.decimals(min_value=-5, max_value=10**9, places=3))
        options.append(st.decimals(min_value=0, max_value=1000, places=2))
        options.append(st.sampled_from([Decimal("1.001"), Decimal("1.000"), Decimal("1.1E-5"), "1.5", True, 1.25]))
    if isinstance(field, fields.Integer):
        options.append(st.sampled_from([True, False, 1.0, Decimal(3), "3"]))
    if isinstance(field, fields.Boolean):
        options.append(st.sampled_from([True, False, 0, 1, "true", Decimal(1), 1.0]))
    if isinstance(field, fields.Date):
        options.append(st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(2200, 1, 1)).map(dt.date.isoformat))
    return st.one_of(options)


@st.composite
def mutated_bodies(draw):
    body = draw(st.sampled_from(BODIES))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(list(_paths(body))))
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
        key = None
        if action == "add":
            key = draw(st.one_of(st.sampled_from(_known_keys()), st.text(max_size=6)))
            field = _field_at((*path, key))
        else:
            field = _field_at(path)
        body = _mutated(body, path, action, draw(values_for(field)), key)
    return body


def _known_keys():
    names = set()

    def walk(schema):
        for name, field in schema.fields.items():
            names.add(name)
            inner = field.inner if isinstance(field, fields.List) else field
            if isinstance(inner, fields.Nested):
                walk(inner.schema)

    walk(_SCHEMA)
    return sorted(names)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_bodies())
def test_generated_bodies_load_to_marshmallows_data_or_are_given_up(body):
    same_or_given_up(body)


def test_a_field_type_or_hook_it_does_not_know_is_always_given_up():
    class Odd(Schema):
        when = fields.DateTime()
        name = fields.String(validate=validate.Length(max=3))

    class Loaded(Schema):
        name = fields.String()

        @post_load
        def upper(self, data, **_):
            return {"name": data["name"].upper()}

    odd, loaded = CompiledLoader(Odd()), CompiledLoader(Loaded())
    assert odd.load({"name": "abc"}) == {"name": "abc"}
    assert odd.load({"name": "abcd"}) is None  # the validator refuses: marshmallow reports it
    assert odd.load({"when": "2025-06-01T10:00:00"}) is None  # DateTime is not compiled
    assert loaded.load({"name": "x"}) is None  # a post_load hook is not compiled
    assert Odd().load({"when": "2025-06-01T10:00:00"})["when"] == dt.datetime(2025, 6, 1, 10)
