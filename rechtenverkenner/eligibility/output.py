"""The advice as the API's JSON document: rendered in Dutch (render.py), then dumped by the advice schema."""

from __future__ import annotations

from rechtenverkenner.domain.advice import Advice
from rechtenverkenner.eligibility.advice_schema import AdviceSchema
from rechtenverkenner.eligibility.render import render

_SCHEMA = AdviceSchema()  # one instance: building a schema per advice costs more than the advice


def advice_json(advice: Advice) -> dict:
    """The JSON document of an advice (amounts stay Decimal; the app's JSON provider writes them exactly)."""
    return _SCHEMA.dump(render(advice))
