"""The rights check's shared vocabulary: tri-state results, the evaluation context and the "near a limit" rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rechtenverkenner.catalog.shapes import Parameter, ParameterValue, RightsData
from rechtenverkenner.rights.text import when

MET, NOT_MET, UNKNOWN = "met", "notMet", "unknown"
# A notMet against a figure that is not official is only trusted beyond this distance from the limit (10 %).
NEAR_LIMIT = Decimal("0.10")
WEAK_CONFIDENCE = {"secondary", "unconfirmed"}


@dataclass(frozen=True)
class Result:
    status: str
    text: str
    missing: tuple[str, ...] = ()
    confidence: str | None = None  # of the figure used; None: the condition's own or "official"
    valid_from: dt.date | None = None


@dataclass
class Context:
    """What a condition may consult besides the situation."""

    data: RightsData
    status_labels: dict[str, str]
    scope_label: Callable[[str], str]
    municipality_scopes: list[str]
    right_verdict: Callable[[str], tuple[str, str, str]]  # right id -> (yes|no|unknown, title, why)
    extra: dict = field(default_factory=dict)


def not_modelled(what: str, date: dt.date) -> Result:
    return Result(UNKNOWN, f"{what}: niet gemodelleerd voor die datum ({when(date)}).")


def parameter_value(ctx: Context, parameter_id: str, date: dt.date) -> tuple[Parameter, ParameterValue | None]:
    parameter = ctx.data.parameters[parameter_id]
    return parameter, parameter.at(date)
