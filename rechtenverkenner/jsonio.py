"""Exact JSON numbers at the HTTP edge: read fractions as Decimal, write Decimal with its own digits.

Flask's default provider reads `12.50` as the float 12.5 and writes a Decimal as the string "12.50".
Money must stay exact both ways, so this provider (set as `app.json` in create_app) reads every JSON
number with a fraction or an exponent as `Decimal` (integers stay `int`) and writes a `Decimal` as a
JSON number with exactly its digits. Everything else behaves as Flask's default provider: floats are
written as before (shortest repr), NaN is accepted and written as the standard library does, tuples
and named tuples are arrays, dates and UUIDs go through Flask's `default`.
"""

from __future__ import annotations

import json
from typing import Any

import simplejson
from flask.json.provider import DefaultJSONProvider


class ExactJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider with exact decimal numbers (simplejson with use_decimal)."""

    sort_keys = False  # the contract's key order; sorting large advices costs time

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        """Serialize obj; a Decimal becomes a JSON number with its exact digits."""
        kwargs.setdefault("default", self.default)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        kwargs.setdefault("allow_nan", True)  # as json.dumps
        kwargs.setdefault("namedtuple_as_object", False)  # as json.dumps: a named tuple is an array
        return simplejson.dumps(obj, use_decimal=True, **kwargs)

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse JSON text or bytes; numbers with a fraction or exponent become Decimal."""
        if isinstance(s, (bytes, bytearray)):
            s = s.decode(json.detect_encoding(s), "surrogatepass")  # UTF-8/16/32 as json.loads reads them
        elif s.startswith("\ufeff"):
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
        kwargs.setdefault("allow_nan", True)  # as json.loads; the schemas refuse NaN and infinity
        try:
            return simplejson.loads(s, use_decimal=True, **kwargs)
        except RecursionError as exc:  # deeply nested arrays or objects: invalid input, never a 500
            raise ValueError("The JSON is nested too deeply.") from exc
