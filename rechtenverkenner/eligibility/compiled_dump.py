"""A dump schema compiled once into a plain function: the same JSON as `schema.dump(obj)`, several times faster.

marshmallow resolves every field of every nested object at run time (get_value, hooks, error handling); for
an advice with dozens of nested objects that cost more than computing the advice. The schema stays the one
definition of the JSON (and of the OpenAPI document): this module reads its fields once and builds a
function per schema. tests/eligibility/test_compiled_dump.py checks that both dump every legal case to the
same document, key order included. Only the field types and the hook the response schemas use are compiled;
any other field is serialised by the field itself, and any other hook is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields

Converter = Callable[[Any], Any]


def _converter(field: fields.Field) -> Converter:
    if isinstance(field, fields.Nested):
        dump = compile_dumper(field.schema)
        return (lambda items: [dump(item) for item in items]) if field.many else dump
    if isinstance(field, fields.List):
        inner = _converter(field.inner)
        return lambda items: [None if item is None else inner(item) for item in items]
    if hasattr(field, "to_json"):  # Money: its rounding and type check, without marshmallow's call chain
        return field.to_json
    if isinstance(field, fields.Decimal):
        return lambda value: field._serialize(value, None, None)
    if isinstance(field, fields.Date) and not isinstance(field, fields.DateTime):
        return lambda value: value.isoformat()
    if isinstance(field, (fields.String, fields.UUID)):  # Url is a String
        return str
    if isinstance(field, fields.Integer):
        return int
    if isinstance(field, fields.Boolean):
        return bool
    return lambda value: field._serialize(value, None, None)


def compile_dumper(schema: Schema) -> Callable[[Any], dict]:
    """A function that dumps an object (attributes) or a dict (keys) exactly as `schema.dump` does."""
    hooks = {name for name, *_ in schema._hooks.get("post_dump", [])}
    if hooks - {"_omit_absent"} or any(schema._hooks.get(kind) for kind in ("pre_dump",)):
        raise ValueError(f"{type(schema).__name__}: only the _omit_absent post_dump hook can be compiled")
    steps = [
        (field.attribute or name, field.data_key or name, _converter(field))
        for name, field in schema.dump_fields.items()
    ]
    omit = tuple(getattr(schema, "OMIT_IF_NONE", ())) if hooks else ()
    # one straight-line function per schema for objects (no loop over the fields); dicts take the loop
    namespace: dict[str, Any] = {"_from_dict": _dict_dumper(steps, omit)}
    lines = ["def dump(obj):", "    if isinstance(obj, dict):", "        return _from_dict(obj)", "    out = {}"]
    for index, (attr, key, convert) in enumerate(steps):
        if not attr.isidentifier():
            raise ValueError(f"{type(schema).__name__}: attribute {attr!r} cannot be compiled")
        namespace[f"_c{index}"] = convert
        lines.append(f"    v = obj.{attr}")
        if key in omit:
            lines.append(f"    if v is not None: out[{key!r}] = _c{index}(v)")
        else:
            lines.append(f"    out[{key!r}] = None if v is None else _c{index}(v)")
    lines.append("    return out")
    exec("\n".join(lines), namespace)
    return namespace["dump"]


def _dict_dumper(steps: list[tuple[str, str, Converter]], omit: tuple[str, ...]) -> Callable[[dict], dict]:
    def dump(obj: dict) -> dict:
        out = {}
        for attr, key, convert in steps:
            if attr in obj:
                value = obj[attr]
                out[key] = None if value is None else convert(value)
        for key in omit:
            if key in out and out[key] is None:
                del out[key]
        return out

    return dump
