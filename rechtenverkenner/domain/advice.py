"""The leefloon advice as data: what the advisor decided and computed, before any Dutch text.

The advisor (eligibility/advisor.py) fills these objects; eligibility/render.py turns them into the Dutch
explanation, steps and motivation; eligibility/advice_schema.py dumps them as JSON. Amounts are Decimal
throughout; nothing here rounds except where the advisor applies the law's half-up rounding to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from decimal import Decimal
from typing import Any

from rechtenverkenner.domain.parameters import LegalReference
from rechtenverkenner.domain.records import record


@record
class ConditionResult:
    """One eligibility condition: its status, the rule that decided it and the facts its text needs."""

    id: str
    label: str
    status: str  # met | notMet | unknown | review
    rule: str | None
    legal_basis: LegalReference
    template: str  # the deciding rule's Dutch text with {placeholders}
    context: dict[str, Any] = field(default_factory=dict)
    explanation: str = ""  # filled by the renderer


@record
class ResourceLine:
    """One resource of one person: what it is worth per year, what counts and what is exempt."""

    person: str  # applicant | householdMembers[i] | householdMembers
    type: str
    yearly_amount: Decimal
    counted_yearly: Decimal
    exempted_yearly: Decimal
    rule: str
    legal_basis: LegalReference
    detail: dict[str, Any] = field(default_factory=dict)  # named figures the explanation cites
    explanation: str = ""  # filled by the renderer


@record
class VariantAmounts:
    countable_resources_yearly: Decimal | None = None
    leefloon_yearly: Decimal | None = None
    leefloon_monthly: Decimal | None = None


@record
class Variant:
    """Another computation under an assumption the law or a missing fact leaves open."""

    code: str  # standard | equityDebtors | firstDegreeCounted | alternatingCustody | category2 | memberAge
    amounts: VariantAmounts
    detail: dict[str, Any] = field(default_factory=dict)
    label: str = ""  # filled by the renderer
    assumption: str = ""  # filled by the renderer


@record
class ReviewReason:
    code: str
    legal_basis: LegalReference
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    condition: ConditionResult | None = None  # set when a condition is unknown or to be reviewed
    explanation: str = ""  # filled by the renderer


@record
class ParameterWarning:
    """A parameter value used by the advice whose confidence is below CONFIRMED/DERIVED."""

    parameter_id: str
    description: str
    unit: str
    value: Any
    start: dt.date
    confidence: str
    note: str


@record
class Amounts:
    category_amount_yearly: Decimal
    countable_resources_yearly: Decimal
    general_exemption_yearly: Decimal
    leefloon_yearly: Decimal
    leefloon_monthly: Decimal
    first_month_amount: Decimal | None = None
    installation_premium: Decimal | None = None


@record
class Computation:
    """The figures of the standard computation, kept for the text even when no amounts are shown."""

    category: int
    category_explanation: str
    category_amount: Decimal
    countable: Decimal
    exemption: Decimal
    yearly: Decimal
    monthly: Decimal


@record
class FollowingRight:
    """A right that would follow from a leefloon grant (a catalogue right naming the leefloon status)."""

    id: str
    title: str
    reason: str  # one Dutch sentence


@record
class Advice:
    advice_id: str
    reference_date: dt.date
    application_date: dt.date
    rules_version: str
    outcome: str  # grant | refuse | review
    conditions: tuple[ConditionResult, ...]
    resources: tuple[ResourceLine, ...]
    variants: tuple[Variant, ...]
    review_reasons: tuple[ReviewReason, ...]
    missing_facts: tuple[str, ...]
    parameter_warnings: tuple[ParameterWarning, ...]
    art34_regime: str
    rules_applied: tuple[str, ...]
    computation: Computation
    reached: bool  # False when a refusing condition is notMet: no category or amounts are shown
    category: int | None = None
    amounts: Amounts | None = None
    warnings: tuple[str, ...] = ()  # filled by the renderer
    explanation: tuple[str, ...] = ()  # the ordered Dutch steps, filled by the renderer
    motivation: str = ""  # filled by the renderer
    following_rights: tuple[FollowingRight, ...] = ()  # empty when the outcome is refuse
