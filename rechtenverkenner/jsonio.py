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
from decimal import Decimal
from typing import Any

import simplejson
from flask.json.provider import DefaultJSONProvider

COMPACT = {"separators": (",", ":")}  # what Flask's response() passes outside debug mode
_DECODER = simplejson.JSONDecoder(parse_float=Decimal, allow_nan=True)  # = simplejson.loads(use_decimal=True)


class ExactJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider with exact decimal numbers (simplejson with use_decimal)."""

    sort_keys = False  # the contract's key order; sorting large advices costs time

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self._compact: tuple[tuple[bool, bool], simplejson.JSONEncoder] | None = None

    def _compact_encoder(self) -> simplejson.JSONEncoder:
        """The encoder of `dumps(obj, separators=(",", ":"))`, as Flask's answers call it: built once for the
        provider's ensure_ascii and sort_keys (again if they change), the same as simplejson.dumps builds per call."""
        settings = (self.ensure_ascii, self.sort_keys)
        if self._compact is None or self._compact[0] != settings:
            encoder = simplejson.JSONEncoder(
                use_decimal=True,
                separators=COMPACT["separators"],
                default=self.default,
                ensure_ascii=self.ensure_ascii,
                sort_keys=self.sort_keys,
                allow_nan=True,
                namedtuple_as_object=False,
            )
            self._compact = (settings, encoder)
        return self._compact[1]

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        """Serialize obj; a Decimal becomes a JSON number with its exact digits."""
        if kwargs == COMPACT:  # every API answer: one encoder, not one built per call
            return self._compact_encoder().encode(obj)
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
            if kwargs == {"allow_nan": True}:  # every request body: one decoder (simplejson shares its own too)
                return _DECODER.decode(s)
            return simplejson.loads(s, use_decimal=True, **kwargs)
        except RecursionError as exc:  # deeply nested arrays or objects: invalid input, never a 500
            raise ValueError("The JSON is nested too deeply.") from exc
