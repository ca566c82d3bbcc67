"""Response schemas of a right's dated figures: the parameters its conditions use, with the value in force."""

from __future__ import annotations

from marshmallow import fields

from rechtenverkenner.api.responses import _d
from rechtenverkenner.eligibility.advice_schema import DumpSchema


class ParameterRowSchema(DumpSchema):
    """One row of a keyed figure (by points, category, household members or birth year)."""

    key = fields.String(required=True, metadata=_d("The row's key, e.g. 3 (points) or alleenstaande (category)."))
    label = fields.String(required=True, metadata=_d("The key in plain Dutch."))
    text = fields.String(required=True, metadata=_d("The row's figures in plain Dutch."))


class ParameterValueViewSchema(DumpSchema):
    """One dated value of a figure with its source."""

    valid_from = fields.Date(data_key="validFrom", required=True, metadata=_d("The date the value is in force from."))
    text = fields.String(required=True, metadata=_d("The figure in plain Dutch, e.g. € 1.234,56 per maand."))
    amount = fields.String(required=True, allow_none=True, metadata=_d("A single amount as a decimal string."))
    base = fields.String(required=True, allow_none=True, metadata=_d("The base amount of a limit per household."))
    per_extra_member = fields.String(
        data_key="perExtraMember", required=True, allow_none=True, metadata=_d("The amount per extra member.")
    )
    rows = fields.List(fields.Nested(ParameterRowSchema), required=True, metadata=_d("Keyed rows; may be empty."))
    source = fields.Url(required=True, metadata=_d("The page that states the figure."))
    confidence = fields.String(
        required=True, metadata=_d("official, derived, secondary or unconfirmed: how sure the figure is.")
    )
    confidence_label = fields.String(data_key="confidenceLabel", required=True, metadata=_d("The confidence in Dutch."))
    official = fields.Boolean(required=True, metadata=_d("True when an official source states the figure as given."))
    note = fields.String(required=True, metadata=_d("A note on the figure; may be empty."))


class RightParameterSchema(DumpSchema):
    """A dated legal figure (catalog/parameters): one of the right's own amounts or a figure its conditions use."""

    id = fields.String(required=True, metadata=_d("Id of the parameter."))
    title = fields.String(required=True, metadata=_d("What the figure is, in Dutch."))
    unit = fields.String(required=True, metadata=_d("Unit, e.g. EUR/jaar, EUR/maand or jaar."))
    role = fields.String(
        required=True,
        metadata=_d(
            "amount: what the right gives or costs; limit: a figure its conditions use (e.g. an income limit)."
        ),
    )
    may_be_outdated = fields.Boolean(
        data_key="mayBeOutdated",
        required=True,
        metadata=_d(
            "True when the value in force is more than a year old and the catalogue knows no newer one: it is the "
            "last known figure, and the source may give a newer one."
        ),
    )
    current = fields.Nested(
        ParameterValueViewSchema,
        required=True,
        allow_none=True,
        metadata=_d("The value in force today; null when the catalogue holds no value for today."),
    )
    next = fields.Nested(
        ParameterValueViewSchema,
        required=True,
        allow_none=True,
        metadata=_d("A value already known that comes into force later; null when none."),
    )
