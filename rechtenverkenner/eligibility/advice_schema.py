"""The JSON of a leefloon advice: the marshmallow dump schema of POST /api/v1/leefloon/advice.

The advice (a dataclass or a dict) is dumped with `AdviceSchema().dump(advice)`. Convention: every
field's attribute is the snake_case of its JSON key and `data_key` is the camelCase JSON key; a legal
reference is an object with `label` and `url`. Every amount goes through one field type, `Money`.
Keys that the contract leaves out when they do not apply (`category`, `amounts`,
`amounts.firstMonthAmount` and the keys of `variants[].amounts`) are left out when their value is None.
The same classes give the OpenAPI document its Advice schema (rechtenverkenner/api/openapi.py).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from marshmallow import Schema, fields, post_dump, validate

CENT = Decimal("0.01")
OUTCOMES = ["grant", "refuse", "review"]
CONDITION_STATUSES = ["met", "notMet", "unknown", "review"]
CATEGORIES = [1, 2, 3]
ART34_REGIMES = ["2002", "2026"]


class Money(fields.Decimal):
    """An amount in euro: a Decimal rounded half-up to cents, written as a JSON number (never a float).

    A float on dump is a programming error (its cents may already be wrong), so it raises TypeError.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(places=2, rounding=ROUND_HALF_UP, allow_nan=False, as_string=False, **kwargs)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Decimal | None:
        return None if value is None else self.to_json(value, attr)

    @staticmethod
    def to_json(value: Any, attr: str | None = None) -> Decimal:
        """The amount as the JSON carries it: a Decimal, half-up to the cent (the compiled dumper calls this)."""
        if type(value) is Decimal:  # the usual case, without the checks and the copy below
            return value.quantize(CENT, rounding=ROUND_HALF_UP)
        if isinstance(value, (float, bool)):
            raise TypeError(f"Money refuses {type(value).__name__} {value!r} for {attr}: give a Decimal")
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class DumpSchema(Schema):
    """A response schema: dump only; the keys in OMIT_IF_NONE are absent (not null) when None."""

    OMIT_IF_NONE: ClassVar[tuple[str, ...]] = ()  # JSON keys

    @post_dump
    def _omit_absent(self, data: dict, **_kwargs: Any) -> dict:
        for key in self.OMIT_IF_NONE:
            if key in data and data[key] is None:
                del data[key]
        return data


class LegalBasisSchema(DumpSchema):
    """A legal reference: a readable citation and a link to the text."""

    label = fields.String(
        required=True, metadata={"description": "Citation in Dutch, e.g. 'KB 11 juli 2002, art. 22, §1'."}
    )
    url = fields.Url(
        required=True, metadata={"description": "Link to the legal text (Justel, ELI or a published copy)."}
    )


class AdviceConditionSchema(DumpSchema):
    """One legal condition of the right and how the situation meets it."""

    id = fields.String(
        required=True, metadata={"description": "Id of the condition in rules/leefloon, e.g. effectiveResidence."}
    )
    label = fields.String(required=True, metadata={"description": "Name of the condition in Dutch."})
    status = fields.String(
        required=True,
        validate=validate.OneOf(CONDITION_STATUSES),
        metadata={"description": "met, notMet, unknown (a fact is missing) or review (a social worker decides)."},
    )
    rule = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Id of the rule that decided the status; null when no rule applied."},
    )
    legal_basis = fields.Nested(
        LegalBasisSchema,
        data_key="legalBasis",
        required=True,
        metadata={"description": "Where the law states the condition."},
    )
    explanation = fields.String(required=True, metadata={"description": "Why the status is what it is, in Dutch."})


class ResourceLineSchema(DumpSchema):
    """One resource of a person and how much of it counts, per year."""

    person = fields.String(
        required=True,
        metadata={
            "description": "Whose resource: applicant, householdMembers[i], or householdMembers for a shared line."
        },
    )
    type = fields.String(
        required=True,
        metadata={
            "description": "Income type of the request, or movableCapital, realEstate, cohabitant, cohabitantShare, "
            "maintenanceDebtors; SPI-exempted work incomes are joined with '+'."
        },
    )
    yearly_amount = Money(
        data_key="yearlyAmount",
        required=True,
        metadata={
            "description": "The resource per year in euro (capital: the capital; real estate: the cadastral income)."
        },
    )
    counted_yearly = Money(
        data_key="countedYearly",
        required=True,
        metadata={"description": "The part that counts as a resource, per year in euro."},
    )
    exempted_yearly = Money(
        data_key="exemptedYearly",
        required=True,
        metadata={"description": "The part that does not count (exempt), per year in euro."},
    )
    rule = fields.String(required=True, metadata={"description": "Id of the rule or computation that was applied."})
    legal_basis = fields.Nested(
        LegalBasisSchema,
        data_key="legalBasis",
        required=True,
        metadata={"description": "The legal basis of the computation."},
    )
    explanation = fields.String(required=True, metadata={"description": "The computation in Dutch, with amounts."})


class AmountsSchema(DumpSchema):
    """The amounts of the default computation, in euro."""

    OMIT_IF_NONE = ("firstMonthAmount", "installationPremium")

    category_amount_yearly = Money(
        data_key="categoryAmountYearly",
        required=True,
        metadata={"description": "Yearly leefloon amount of the category on the reference date."},
    )
    countable_resources_yearly = Money(
        data_key="countableResourcesYearly",
        required=True,
        metadata={"description": "Resources that count, per year (after the exemptions of the resources)."},
    )
    general_exemption_yearly = Money(
        data_key="generalExemptionYearly",
        required=True,
        metadata={"description": "General exemption (KB art. 22, §2) actually used, per year."},
    )
    leefloon_yearly = Money(
        data_key="leefloonYearly",
        required=True,
        metadata={"description": "The leefloon per year: category amount minus (countable resources minus exemption)."},
    )
    leefloon_monthly = Money(
        data_key="leefloonMonthly",
        required=True,
        metadata={"description": "The leefloon per month: the yearly amount / 12."},
    )
    first_month_amount = Money(
        data_key="firstMonthAmount",
        metadata={"description": "Pro rata amount of the first month; only when the request gives rightStartDate."},
    )
    installation_premium = Money(
        data_key="installationPremium",
        metadata={
            "description": "Installation premium (Law art. 14, §3) for an applicant who leaves homelessness: once in a "
            "lifetime; only when applicant.leavingHomelessness is true and no earlier premium is known."
        },
    )


class VariantAmountsSchema(DumpSchema):
    """The amounts of a variant; a key is absent when the variant does not compute it."""

    OMIT_IF_NONE = ("countableResourcesYearly", "leefloonYearly", "leefloonMonthly")

    countable_resources_yearly = Money(
        data_key="countableResourcesYearly",
        metadata={"description": "Resources that count under the variant's assumption, per year."},
    )
    leefloon_yearly = Money(
        data_key="leefloonYearly", metadata={"description": "The leefloon per year under the variant's assumption."}
    )
    leefloon_monthly = Money(
        data_key="leefloonMonthly",
        metadata={"description": "The leefloon per month under the variant's assumption (always present)."},
    )


class VariantSchema(DumpSchema):
    """Another computation for a point a social worker decides (e.g. cohabitants counted or not)."""

    label = fields.String(required=True, metadata={"description": "Name of the variant in Dutch."})
    assumption = fields.String(required=True, metadata={"description": "What the variant assumes, in Dutch."})
    amounts = fields.Nested(VariantAmountsSchema, required=True, metadata={"description": "The variant's amounts."})


class ReviewReasonSchema(DumpSchema):
    """Why a social worker must look at the file."""

    code = fields.String(required=True, metadata={"description": "Stable code of the reason, e.g. alternatingCustody."})
    explanation = fields.String(required=True, metadata={"description": "The reason in Dutch."})


class FollowingRightSchema(DumpSchema):
    """A right that would follow from a leefloon grant, read from the catalogue (rights naming the leefloon status)."""

    id = fields.String(required=True, metadata={"description": "Id of the right in the catalogue (/rights/{id})."})
    title = fields.String(required=True, metadata={"description": "Title of the right, in Dutch."})
    reason = fields.String(
        required=True, metadata={"description": "Why it follows from the leefloon, in one Dutch sentence."}
    )


class AdviceSchema(DumpSchema):
    """An explainable leefloon advice: conditions, resources, amounts and variants, each with its legal basis."""

    OMIT_IF_NONE = ("category", "amounts")

    advice_id = fields.UUID(
        data_key="adviceId",
        required=True,
        metadata={"description": "Random id of this advice; the only trace of it in the server's log."},
    )
    reference_date = fields.Date(
        data_key="referenceDate",
        required=True,
        metadata={"description": "Peildatum: the date on which the situation and the rules are evaluated."},
    )
    application_date = fields.Date(
        data_key="applicationDate",
        required=True,
        metadata={"description": "Date of the application (the reference date when the request gives none)."},
    )
    rules_version = fields.String(
        data_key="rulesVersion",
        required=True,
        metadata={"description": "Version of the rules and parameters used; also in the X-Rules-Version header."},
    )
    outcome = fields.String(
        required=True,
        validate=validate.OneOf(OUTCOMES),
        metadata={
            "description": "grant, refuse, or review (a social worker must decide; the amounts are still computed)."
        },
    )
    conditions = fields.List(
        fields.Nested(AdviceConditionSchema),
        required=True,
        metadata={"description": "Every legal condition with its status, the rule that decided and its legal basis."},
    )
    resources = fields.List(
        fields.Nested(ResourceLineSchema),
        required=True,
        metadata={"description": "Every resource line of the applicant and the household, with what counts."},
    )
    variants = fields.List(
        fields.Nested(VariantSchema),
        required=True,
        metadata={"description": "Alternative computations for discretionary points; empty when there are none."},
    )
    review_reasons = fields.List(
        fields.Nested(ReviewReasonSchema),
        data_key="reviewReasons",
        required=True,
        metadata={"description": "Why the file must be reviewed; empty when it need not."},
    )
    missing_facts = fields.List(
        fields.String(),
        data_key="missingFacts",
        required=True,
        metadata={
            "description": "Request fields (paths such as applicant.birthDate) whose absence leaves the advice open."
        },
    )
    warnings = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Parameters used whose value is not officially confirmed, in Dutch."},
    )
    art34_regime = fields.String(
        data_key="art34Regime",
        required=True,
        validate=validate.OneOf(ART34_REGIMES),
        metadata={
            "description": "Version of KB art. 34 (resources of cohabitants) that applies to the application date."
        },
    )
    rules_applied = fields.List(
        fields.String(),
        data_key="rulesApplied",
        required=True,
        metadata={"description": "Ids of the rules of rules/leefloon that decided, in order."},
    )
    category = fields.Integer(
        validate=validate.OneOf(CATEGORIES),
        metadata={
            "description": "1 cohabiting, 2 single, 3 with a family in charge; absent when a hard condition is notMet."
        },
    )
    amounts = fields.Nested(
        AmountsSchema,
        metadata={"description": "The default computation; absent when residence, age or nationality is notMet."},
    )
    explanation = fields.List(
        fields.String(), required=True, metadata={"description": "The reasoning step by step, in Dutch."}
    )
    motivation = fields.String(
        required=True, metadata={"description": "A draft motivation of the decision in Dutch, citing the law."}
    )
    following_rights = fields.List(
        fields.Nested(FollowingRightSchema),
        data_key="followingRights",
        required=True,
        metadata={
            "description": "Rights that would follow from a grant (automatically or by a status condition), from the "
            "catalogue; empty when the outcome is refuse. With the request's municipality, only the rights that apply "
            "there, a local version in place of its concept."
        },
    )
