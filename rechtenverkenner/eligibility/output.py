"""The advice as the API's JSON document: rendered in Dutch (render.py), then dumped by the advice schema."""

from __future__ import annotations

from rechtenverkenner.domain.advice import Advice
from rechtenverkenner.eligibility.advice_schema import AdviceSchema
from rechtenverkenner.eligibility.compiled_dump import compile_dumper
from rechtenverkenner.eligibility.render import render

# the advice schema, compiled once per process into a plain function (the same JSON, several times faster)
_dump = None


def advice_json(advice: Advice) -> dict:
    """The JSON document of an advice (amounts stay Decimal; the app's JSON provider writes them exactly)."""
    global _dump
    if _dump is None:
        _dump = compile_dumper(AdviceSchema())
    return _dump(render(advice))
