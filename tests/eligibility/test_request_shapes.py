"""The shaped loader gives exactly the full schema's data and errors, for every legal case and for bad input."""

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from marshmallow import ValidationError

from rechtenverkenner.eligibility.request import _SCHEMA, AdviceRequestSchema
from rechtenverkenner.eligibility.request_shapes import ShapedLoader

ROOT = Path(__file__).resolve().parents[2]
BODIES = [
    json.loads(json.dumps(case["request"], default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o)))
    for path in [
        *(ROOT / "rules" / "leefloon" / "cases").glob("*.yaml"),
        *(ROOT / "rules" / "rights" / "cases").glob("*.yaml"),
    ]
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]
BAD = [
    {},
    {"referenceDate": "2025-06-01"},
    {"referenceDate": "2025-06-01", "applicant": {"age": -1, "incomes": [{"type": "x"}]}},
    {"referenceDate": "2025-06-01", "applicant": {"age": 30}, "householdMembers": [{"age": 3}, {"relation": "child"}]},
    {"referenceDate": "2025-06-01", "applicant": {"age": 30, "unknownField": 1}},
    {"referenceDate": "2025-06-01", "applicant": "nobody"},
    {"referenceDate": "2025-06-01", "applicant": {"age": 30}, "householdMembers": {"relation": "child"}},
    {
        "referenceDate": "2025-06-01",
        "applicant": {"age": 30, "realEstate": [{"kind": "built", "cadastralIncome": 1, "share": 0}]},
    },
    {"referenceDate": "9999-12-31", "applicant": {"birthDate": "1800-01-01"}},
]


def load(loader_or_schema, body):
    try:
        return loader_or_schema.load(body), None
    except ValidationError as exc:
        return None, exc.messages


@pytest.mark.parametrize("body", BODIES + BAD, ids=[str(i) for i in range(len(BODIES) + len(BAD))])
def test_the_shaped_load_is_the_full_load(body):
    assert load(ShapedLoader(AdviceRequestSchema), body) == load(_SCHEMA, body)


def test_a_shape_is_built_once():
    loader = ShapedLoader(AdviceRequestSchema)
    loader.load(BODIES[0])
    assert len(loader._shapes) == 0  # a plainly valid body: the compiled load, no schema built
    body = {**BODIES[0], "applicant": {**BODIES[0]["applicant"], "movableCapital": "100.00"}}  # valid, not plain
    for _ in range(3):
        assert loader.load(body) == _SCHEMA.load(body)
    assert len(loader._shapes) == 1
