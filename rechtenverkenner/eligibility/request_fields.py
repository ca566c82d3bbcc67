"""The advice request's vocabulary (statuses, incomes, relations), field types (exact money, bounded dates,
strict booleans and integers) and the JSON paths of its errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from marshmallow import RAISE, Schema, ValidationError, fields, validate

RESIDENCE_STATUSES = [
    "belgian",
    "euCitizen",
    "populationRegister",
    "recognisedRefugee",
    "subsidiaryProtection",
    "stateless",
    "foreignersRegister",
    "asylumSeeker",
    "irregularStay",
]
WILLINGNESS = ["demonstrated", "notDemonstrated", "exemptHealth", "exemptEquity"]
INCOME_TYPES = [
    "employment",
    "selfEmployment",
    "studentJob",
    "unemploymentBenefit",
    "sicknessBenefit",
    "disabilityBenefit",
    "pension",
    "maintenanceForApplicant",
    "maintenanceForChildren",
    "familyAllowance",
    "familyAllowanceDisabilitySupplement",
    "familyAllowanceForApplicant",
    "studyGrant",
    "fosterCareAllowance",
    "regularSupport",
    "artisticIncome",
    "orphansAllowance",
    "installationPremium",
    "sporadicGift",
    "aleIncome",
    "heatingAllowance",
    "other",
]
RELATIONS = [
    "partner",
    "child",
    "parent",
    "grandparent",
    "adultChild",
    "grandchild",
    "sibling",
    "parentInLaw",
    "childInLaw",
    "exSpouse",
    "other",
]

MAX_AMOUNT = Decimal("100000000")
FIRST_DATE, LAST_DATE = dt.date(1800, 1, 1), dt.date(2100, 12, 31)  # beyond these no date is a real case
MAX_AGE = 125


class Money(fields.Decimal):
    """A non-negative amount with at most two decimals."""

    def __init__(self, **kwargs):
        super().__init__(places=None, allow_nan=False, validate=validate.Range(min=0, max=MAX_AMOUNT), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        number = super()._deserialize(value, attr, data, **kwargs)
        if number.as_tuple().exponent < -2 and number != number.quantize(Decimal("0.01")):
            raise ValidationError("Amounts have at most two decimals.")
        return number


class Date(fields.Date):
    """An ISO date between 1800-01-01 and 2100-12-31 (date arithmetic near year 9999 would overflow)."""

    def _deserialize(self, value, attr, data, **kwargs) -> dt.date:
        date = super()._deserialize(value, attr, data, **kwargs)
        if not FIRST_DATE <= date <= LAST_DATE:
            raise ValidationError("A date lies between 1800-01-01 and 2100-12-31.")
        return date


class StrictBool(fields.Boolean):
    truthy = {True}
    falsy = {False}


class StrictInt(fields.Integer):
    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)


class Strict(Schema):
    class Meta:
        unknown = RAISE


def nest_errors(errors: dict) -> dict:
    nested: dict = {}
    for key, value in errors.items():
        parts = key.split(".")
        target = nested
        for part in parts[:-1]:
            target = target.setdefault(int(part) if part.isdigit() else part, {})
        last = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
        target[last] = value
    return nested


def flatten_errors(messages, prefix="$") -> list[tuple[str, str]]:
    out = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                path = prefix
            elif isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}"
            out += flatten_errors(value, path)
    elif isinstance(messages, list):
        for item in messages:
            out += flatten_errors(item, prefix) if isinstance(item, (dict, list)) else [(prefix, str(item))]
    else:
        out.append((prefix, str(messages)))
    return out
