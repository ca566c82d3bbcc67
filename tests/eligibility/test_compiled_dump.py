"""The compiled advice dumper writes exactly what the marshmallow schema dumps, for every legal case."""

from decimal import Decimal

import pytest
from marshmallow import Schema, fields, post_dump

from rechtenverkenner.eligibility.advice_schema import AdviceSchema
from rechtenverkenner.eligibility.compiled_dump import compile_dumper
from rechtenverkenner.eligibility.render import render
from rechtenverkenner.eligibility.request import load_request
from tests.eligibility.test_legal_cases import ADVISOR, OWN, WORKED, as_body

CASES = [c for c in WORKED + OWN if c["expect"].get("status", 200) == 200]


@pytest.mark.parametrize("case", CASES, ids=[c.get("name") or c["id"] for c in CASES])
def test_the_compiled_dump_is_the_schema_dump(case):
    situation, issues = load_request(as_body(case["request"]))
    assert not issues
    advice = render(ADVISOR.assess(situation))
    compiled, reference = compile_dumper(AdviceSchema())(advice), AdviceSchema().dump(advice)
    assert compiled == reference
    assert list(compiled) == list(reference)  # the key order of the contract too
    assert all(type(v) is Decimal for v in compiled.get("amounts", {}).values())


def test_a_float_amount_is_still_refused():
    from rechtenverkenner.eligibility.advice_schema import VariantAmountsSchema

    with pytest.raises(TypeError):
        compile_dumper(VariantAmountsSchema())({"leefloon_monthly": 1.5})


def test_a_schema_with_a_hook_it_cannot_compile_is_refused():
    class Odd(Schema):
        x = fields.String()

        @post_dump
        def shout(self, data, **_):
            return data

    with pytest.raises(ValueError, match="only the _omit_absent"):
        compile_dumper(Odd())
