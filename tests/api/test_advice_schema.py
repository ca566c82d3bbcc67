"""The advice dump schema gives exactly the advice JSON of the API, for every worked case, from dicts and objects."""

import datetime as dt
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from marshmallow import fields

from rechtenverkenner.eligibility.advice_schema import AdviceSchema, AmountsSchema, Money, VariantAmountsSchema
from tests.eligibility.test_worked_cases import CASES, api_key, as_json  # noqa: F401  (fixture)

SCHEMA = AdviceSchema()
DATES = {"reference_date", "application_date"}


def snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()


def as_attributes(value, key: str = ""):
    """The API's JSON in the attribute form of the schema: snake_case keys, dates as dates, amounts as Decimal."""
    if isinstance(value, dict):
        return {snake(k): as_attributes(v, snake(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [as_attributes(v) for v in value]
    if key in DATES:
        return dt.date.fromisoformat(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def as_object(value, schema):
    """The attribute form as objects (as a dataclass gives them): every field of the schema is an attribute."""
    if isinstance(value, list):
        return [as_object(v, schema) for v in value]
    if not isinstance(value, dict):
        return value
    attributes = {}
    for name, field in schema.fields.items():
        inner = field.inner if isinstance(field, fields.List) else field
        nested = inner.schema if isinstance(inner, fields.Nested) else None
        item = value.get(name)
        attributes[name] = as_object(item, nested) if nested is not None and item is not None else item
    return SimpleNamespace(**attributes)


def same(dumped, answer, path="$"):
    """Equal values and the same key order at every level (Decimal 1314.20 equals 1314.2)."""
    if isinstance(answer, dict):
        assert isinstance(dumped, dict) and list(dumped) == list(answer), path
        for key in answer:
            same(dumped[key], answer[key], f"{path}.{key}")
    elif isinstance(answer, list):
        assert isinstance(dumped, list) and len(dumped) == len(answer), path
        for index, (d, a) in enumerate(zip(dumped, answer, strict=True)):
            same(d, a, f"{path}[{index}]")
    else:
        assert type(dumped) is type(answer) or {type(dumped), type(answer)} <= {Decimal, float, int}, path
        assert dumped == answer, path


@pytest.fixture
def answers(client, api_key):  # noqa: F811
    """The real answer of the API to every worked case (amounts read as Decimal by the app's JSON provider)."""
    result = {}
    for case in CASES:
        response = client.post(
            "/api/v1/leefloon/advice",
            data=as_json(case["request"]),
            content_type="application/json",
            headers={"Authorization": f"Bearer {api_key}"},
        )
        assert response.status_code == 200
        result[case["id"]] = response.get_json()
    return result


def test_the_schema_dumps_the_attribute_form_of_every_worked_case_to_the_api_json(answers):
    assert len(answers) >= 31
    for case_id, answer in answers.items():
        dumped = SCHEMA.dump(as_attributes(answer))
        same(dumped, answer, case_id)
        assert all(isinstance(a, Decimal) for a in dumped.get("amounts", {}).values()), case_id


def test_objects_with_none_for_what_does_not_apply_dump_to_the_same_json(answers):
    shapes = set()
    for case_id, answer in answers.items():
        advice = as_object(as_attributes(answer), SCHEMA)
        same(SCHEMA.dump(advice), answer, case_id)
        shapes.add(("amounts" in answer, advice.amounts is not None and advice.amounts.first_month_amount is not None))
        shapes |= {("variant", tuple(v.amounts.__dict__.values()).count(None)) for v in advice.variants}
    # the worked cases cover an advice without amounts, one with a first month and the custody variant
    assert {(False, False), (True, True), (True, False), ("variant", 0), ("variant", 2)} <= shapes


def test_money_rounds_half_up_to_cents_stays_decimal_and_refuses_floats():
    amounts = AmountsSchema().dump(
        {
            "category_amount_yearly": Decimal("2.675"),
            "countable_resources_yearly": 0,
            "general_exemption_yearly": Decimal("0.125"),
            "leefloon_yearly": Decimal("10"),
            "leefloon_monthly": Decimal("0.005"),
            "first_month_amount": None,
        }
    )
    assert amounts == {
        "categoryAmountYearly": Decimal("2.68"),
        "countableResourcesYearly": Decimal("0.00"),
        "generalExemptionYearly": Decimal("0.13"),
        "leefloonYearly": Decimal("10.00"),
        "leefloonMonthly": Decimal("0.01"),
    }
    assert all(type(v) is Decimal and v.as_tuple().exponent == -2 for v in amounts.values())
    with pytest.raises(TypeError, match="float"):
        VariantAmountsSchema().dump({"leefloon_monthly": 1.5})


def test_every_amount_of_the_advice_is_one_money_type():
    def amount_fields(schema):
        for name, field in schema.fields.items():
            inner = field.inner if isinstance(field, fields.List) else field
            if isinstance(inner, fields.Nested):
                yield from amount_fields(inner.schema)
            elif isinstance(inner, (fields.Number, fields.Decimal)) and name != "category":
                yield name, inner

    found = list(amount_fields(SCHEMA))
    assert len(found) >= 12 and all(type(f) is Money for _name, f in found), found
