"""A faster load of the advice request: a schema restricted to the fields a request gives, with the same result.

marshmallow visits every declared field of every nested schema for every request, also the dozens that a
typical request leaves out (the situation document of the rights check declares many blocks the leefloon never
reads). A schema restricted with `only` to the fields the request gives (plus the required ones) validates the
same input faster; the defaults of the fields left out are then filled in as marshmallow fills them. A request
with a key the schema does not declare, or a value of the wrong type where a nested object is expected, goes
through the full schema, so its error report is the full one. Restricted schemas are cached per shape.
tests/eligibility/test_request_shapes.py checks that both loads give the same data and the same errors.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from marshmallow import Schema, fields, missing

from rechtenverkenner.eligibility.request_compiled import CompiledLoader

MAX_SHAPES = 256


def _nested(field: fields.Field) -> Schema | None:
    if isinstance(field, fields.Nested):
        return field.schema
    if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
        return field.inner.schema
    return None


def _shape(schema: Schema, data: Any, prefix: str, out: set[str]) -> bool:
    """Collect the dotted paths of the fields data gives and the required ones; False when anything is unusual."""
    if not isinstance(data, dict):
        return False
    declared = schema.fields
    for key, value in data.items():
        field = declared.get(key)
        if field is None:
            return False
        path = f"{prefix}{key}"
        out.add(path)
        nested = _nested(field)
        if nested is None:
            continue
        if isinstance(field, fields.List):
            if not isinstance(value, list):
                return False
            items = value
        else:
            items = [value]
        for item in items:
            if not _shape(nested, item, path + ".", out):
                return False
    for name, field in declared.items():
        if field.required:
            out.add(f"{prefix}{name}")
    return True


def _defaults(schema: Schema, data: dict) -> None:
    """Fill in the load defaults of the fields data lacks, recursively, as the full schema would."""
    for name, field in schema.fields.items():
        if name in data:
            nested = _nested(field)
            value = data[name]
            if nested is not None and value is not None:
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, dict):
                        _defaults(nested, item)
        elif field.load_default is not missing:
            default = field.load_default
            data[name] = default() if callable(default) else default


class ShapedLoader:
    """Loads a plainly valid body with the compiled load (request_compiled.py), anything else with a schema
    restricted to the request's shape, and anything unusual with the full schema."""

    def __init__(self, schema_class: type[Schema]) -> None:
        self.schema_class = schema_class
        self.full = schema_class()
        self.compiled = CompiledLoader(self.full)
        self._shapes: OrderedDict[frozenset[str], Schema] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, body: Any) -> dict:
        data = self.compiled.load(body)  # None unless the body is plainly valid
        if data is not None:
            return data
        paths: set[str] = set()
        if not _shape(self.full, body, "", paths):
            return self.full.load(body)
        key = frozenset(paths)
        schema = self._shapes.get(key)
        if schema is None:
            schema = self.schema_class(only=sorted(key))
            with self._lock:
                self._shapes[key] = schema
                if len(self._shapes) > MAX_SHAPES:
                    self._shapes.popitem(last=False)
        data = schema.load(body)
        _defaults(self.full, data)
        return data
