"""The leefloon advice request (marshmallow): one contract for the API and the page, every problem with its JSON path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from marshmallow import ValidationError, fields, validate, validates_schema

from rechtenverkenner.domain import leefloon as lf
from rechtenverkenner.eligibility.request_fields import (  # the vocabulary is re-exported for the callers
    INCOME_TYPES,
    MAX_AGE,
    RELATIONS,
    RESIDENCE_STATUSES,
    WILLINGNESS,
    Date,
    Money,
    Strict,
    StrictBool,
    StrictInt,
    flatten_errors,
    nest_errors,
)
from rechtenverkenner.eligibility.request_shapes import ShapedLoader
from rechtenverkenner.eligibility.situation_fields import (
    RIGHTS_INCOME_TYPES,
    SituationHouseholdSchema,
    SituationHousingSchema,
    SituationPersonFields,
    SituationTelecomSchema,
)
from rechtenverkenner.messages import dutch


class IncomeSchema(Strict):
    type = fields.String(
        required=True,
        validate=validate.OneOf([*INCOME_TYPES, *RIGHTS_INCOME_TYPES]),
        metadata={
            "description": "Kind of income; exempt kinds (e.g. familyAllowance, studyGrant) are listed but do not count."
        },
    )
    basis = fields.String(
        load_default=None,
        validate=validate.OneOf(["net", "grossTaxable"]),
        metadata={"description": "Rights check: the amount is net or gross taxable."},
    )
    since = Date(load_default=None, metadata={"description": "Rights check: the income or benefit started on."})
    amount = Money(required=True, metadata={"description": "Amount in euro per period, at most two decimals."})
    period = fields.String(
        required=True, validate=validate.OneOf(["month", "year"]), metadata={"description": "Period of the amount."}
    )
    startedWhileBeneficiary = StrictBool(
        load_default=False,
        metadata={
            "description": "The applicant started this work while receiving the leefloon (SPI exemption, KB art. 35)."
        },
    )
    hours = fields.Decimal(
        load_default=None,
        allow_nan=False,
        validate=validate.Range(min=0, max=10000),
        metadata={"description": "Hours worked in the period; for aleIncome (ALE/PWA), exempt up to an hourly limit."},
    )


class RealEstateSchema(Strict):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(["built", "unbuilt"]),
        metadata={"description": "Built or unbuilt property."},
    )
    cadastralIncome = Money(
        required=True, metadata={"description": "Non-indexed cadastral income of the whole property, in euro per year."}
    )
    ownership = fields.String(
        load_default="full",
        validate=validate.OneOf(["full", "usufruct", "bareOwnership"]),
        metadata={"description": "Full ownership, usufruct or bare ownership."},
    )
    share = fields.Decimal(
        load_default=Decimal("1"),
        allow_nan=False,
        metadata={
            "description": "The person's share of the property: more than 0 and at most 1.",
            "minimum": 0,
            "exclusiveMinimum": True,
            "maximum": 1,
        },
    )
    ownHome = StrictBool(load_default=False, metadata={"description": "The property is the household's own home."})
    mortgageInterestYearly = Money(
        load_default=None, metadata={"description": "Mortgage interest paid per year, in euro."}
    )
    rentedOut = StrictBool(load_default=False, metadata={"description": "The property is rented out."})

    @validates_schema
    def _share(self, data, **_):
        if not Decimal(0) < data.get("share", Decimal(1)) <= Decimal(1):
            raise ValidationError({"share": ["A share is more than 0 and at most 1."]})


class TransferSchema(Strict):
    date = Date(required=True, metadata={"description": "Date of the transfer (afstand van goederen)."})
    value = Money(required=True, metadata={"description": "Value of the property given away or sold, in euro."})
    forValue = StrictBool(required=True, metadata={"description": "Sold for value (true) or given away (false)."})


class PersonFields(SituationPersonFields):
    birthDate = Date(
        load_default=None,
        metadata={"description": "Birth date; give it or age, not both. Not after the reference date."},
    )
    age = StrictInt(
        load_default=None,
        validate=validate.Range(min=0, max=125),
        metadata={"description": "Age in years on the reference date; give it or birthDate."},
    )
    married = StrictBool(
        load_default=None,
        metadata={
            "description": "Married: a married minor applicant is emancipated; a married child is not a minor child."
        },
    )
    incomes = fields.List(
        fields.Nested(IncomeSchema), load_default=list, metadata={"description": "The person's incomes."}
    )
    movableCapital = Money(load_default=None, metadata={"description": "Savings and other movable capital, in euro."})
    realEstate = fields.List(
        fields.Nested(RealEstateSchema),
        load_default=list,
        metadata={"description": "Real estate the person owns (in part)."},
    )

    @validates_schema
    def _age(self, data, **_):
        if data.get("birthDate") is not None and data.get("age") is not None:
            raise ValidationError({"age": ["Give birthDate or age, not both."]})


class MemberSchema(PersonFields):
    residenceStatus = fields.String(
        load_default=None,
        validate=validate.OneOf(RESIDENCE_STATUSES),
        metadata={"description": "Rights check: the member's residence status (default: the applicant's)."},
    )
    relation = fields.String(
        required=True, validate=validate.OneOf(RELATIONS), metadata={"description": "Relation to the applicant."}
    )
    alsoApplies = StrictBool(
        load_default=False, metadata={"description": "This member applies for the leefloon too (e.g. both partners)."}
    )
    activationJob = StrictBool(
        load_default=False, metadata={"description": "This member works in an activation job (art. 60)."}
    )
    hostedDaysInMonth = StrictInt(
        load_default=None,
        validate=validate.Range(min=0, max=31),
        metadata={
            "description": "For a minor child in alternating custody: days per month the child lives with the applicant."
        },
    )


class ApplicantSchema(PersonFields):
    residenceStatus = fields.String(
        load_default=None,
        validate=validate.OneOf(RESIDENCE_STATUSES),
        metadata={"description": "Nationality or residence status; decides the nationality condition."},
    )
    euResidenceStartDate = Date(
        load_default=None, metadata={"description": "For an EU citizen: start of the residence in Belgium."}
    )
    euWorkerOrSelfEmployed = StrictBool(
        load_default=None, metadata={"description": "For an EU citizen: works as an employee or self-employed."}
    )
    actualResidenceInBelgium = StrictBool(
        load_default=None, metadata={"description": "Actually lives in Belgium (effective residence)."}
    )
    homeless = StrictBool(load_default=False, metadata={"description": "The applicant is homeless."})
    pregnant = StrictBool(
        load_default=False, metadata={"description": "The applicant is pregnant (relevant for minors)."}
    )
    fullTimeStudent = StrictBool(load_default=False, metadata={"description": "The applicant studies full time."})
    piisSigned = StrictBool(
        load_default=False,
        metadata={"description": "The applicant signed a GPMI/PIIS (individual integration project)."},
    )
    willingnessToWork = fields.String(
        load_default=None,
        validate=validate.OneOf(WILLINGNESS),
        metadata={
            "description": "Willingness to work: demonstrated, not demonstrated, or exempt for health or equity reasons."
        },
    )
    unclaimedBenefits = fields.List(
        fields.String(validate=validate.OneOf(INCOME_TYPES)),
        load_default=list,
        metadata={"description": "Benefits the applicant may have but has not claimed."},
    )
    sharesHousehold = StrictBool(
        load_default=None,
        metadata={"description": "The applicant shares the household with others (cohabiting, category 1)."},
    )
    familyAllowanceRecipient = StrictBool(
        load_default=False,
        metadata={"description": "The applicant receives the family allowance of the minor children."},
    )
    spiDaysUsed = StrictInt(
        load_default=None,
        validate=validate.Range(min=0, max=10000),
        metadata={"description": "Days for which the SPI exemption has already been used."},
    )
    propertyTransfers = fields.List(
        fields.Nested(TransferSchema),
        load_default=list,
        metadata={"description": "Property given away or sold in the years before the application."},
    )
    leavingHomelessness = StrictBool(
        load_default=False,
        metadata={
            "description": "The applicant leaves homelessness and moves into a home (installation premium, Law art. 14, §3)."
        },
    )
    installationPremiumReceivedBefore = StrictBool(
        load_default=None,
        metadata={
            "description": "The applicant already received an installation premium (it is paid once in a lifetime)."
        },
    )
    parentsLiveElsewhere = StrictBool(
        load_default=None,
        metadata={
            "description": "The applicant's parents live elsewhere: the OCMW may ask to claim maintenance from them "
            "(Law art. 4), especially for a student."
        },
    )


class AdviceRequestSchema(Strict):
    referenceDate = Date(
        required=True,
        metadata={
            "description": "Peildatum: the date on which the advice is computed; before the rules' first date: 422."
        },
    )
    applicationDate = Date(
        load_default=None,
        metadata={"description": "Date of the application; the reference date when absent; not after it."},
    )
    rightStartDate = Date(
        load_default=None,
        metadata={"description": "First day of the right; gives the pro rata amount of the first month."},
    )
    applicant = fields.Nested(ApplicantSchema, required=True, metadata={"description": "The applicant."})
    householdMembers = fields.List(
        fields.Nested(MemberSchema),
        load_default=list,
        metadata={"description": "Everyone else living with the applicant."},
    )
    municipality = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^\d{5}$"),
        metadata={
            "description": "NIS code of the domicile (required by the rights check; the advice uses it for followingRights)."
        },
    )
    household = fields.Nested(SituationHouseholdSchema, load_default=None, metadata={"description": "Rights check."})
    housing = fields.Nested(SituationHousingSchema, load_default=None, metadata={"description": "Rights check."})
    telecom = fields.Nested(SituationTelecomSchema, load_default=None, metadata={"description": "Rights check."})

    @validates_schema(skip_on_field_errors=False)
    def _dates(self, data, **_):
        errors = {}
        ref = data.get("referenceDate")
        if ref is None:
            return
        if data.get("applicationDate") and data["applicationDate"] > ref:
            errors["applicationDate"] = ["The application date is after the reference date."]
        start = data.get("rightStartDate")
        if start and start < (data.get("applicationDate") or ref):
            errors["rightStartDate"] = ["The start of the right is before the application date."]
        people = [("applicant", data.get("applicant") or {})] + [
            (f"householdMembers.{i}", m)
            for i, m in enumerate(data.get("householdMembers") or [])
            if isinstance(m, dict)
        ]
        for path, person in people:
            if isinstance(person, dict) and person.get("birthDate") and person["birthDate"] > ref:
                errors[path] = {"birthDate": ["The birth date is after the reference date."]}
            elif isinstance(person, dict) and person.get("birthDate") and lf.age_on(person["birthDate"], ref) > MAX_AGE:
                errors[path] = {"birthDate": ["The birth date gives an age over 125 years."]}
        if errors:
            raise ValidationError(nest_errors(errors))


def load_request(body) -> tuple[lf.Situation | None, list[dict]]:
    """Validate a request body; returns the situation, or every problem with its JSON path."""
    if not isinstance(body, dict):
        return None, [
            {
                "in": "body",
                "name": "$",
                "value": None,
                "detail": "The body must be a JSON object.",
                "detailNl": "De inhoud moet een JSON-object zijn.",
            }
        ]
    try:
        data = _LOADER.load(body)
    except ValidationError as exc:
        return None, [
            {"in": "body", "name": path, "detail": message, "detailNl": dutch(message)}
            for path, message in sorted(flatten_errors(exc.messages))
        ]
    return to_situation(data), []


_SCHEMA = AdviceRequestSchema()
_LOADER = ShapedLoader(AdviceRequestSchema)  # schemas are reusable; building one per request costs more than the advice


def _age(person: dict, reference: dt.date) -> int | None:
    if person.get("age") is not None:
        return person["age"]
    if person.get("birthDate") is not None:
        return lf.age_on(person["birthDate"], reference)
    return None


def _incomes(raw: list[dict]) -> list[lf.Income]:
    """The leefloon's incomes; the rights check's extra types are read as the advice's (RIGHTS_INCOME_TYPES)."""
    kinds = [(i, RIGHTS_INCOME_TYPES.get(i["type"], i["type"])) for i in raw]
    return [lf.Income(k, i["amount"], i["period"], i["startedWhileBeneficiary"], i["hours"]) for i, k in kinds if k]


def _estate(raw: list[dict]) -> list[lf.RealEstate]:
    keys = ("kind", "cadastralIncome", "ownership", "share", "ownHome", "mortgageInterestYearly", "rentedOut")
    return [lf.RealEstate(*(r[k] for k in keys)) for r in raw]


def _given(data: dict, *names: str) -> object:
    """The first of names given (the rights check's §A name, then the advice's own), or None."""
    return next((data[n] for n in names if data.get(n) is not None), None)


def to_situation(data: dict) -> lf.Situation:
    ref = data["referenceDate"]
    a = data["applicant"]
    applicant = lf.Applicant(
        age=_age(a, ref),
        birth_date=a["birthDate"],
        married=a["married"],
        incomes=_incomes(a["incomes"]),
        movable_capital=a["movableCapital"],
        real_estate=_estate(a["realEstate"]),
        residence_status=a["residenceStatus"],
        eu_residence_start=a["euResidenceStartDate"],
        eu_worker=a["euWorkerOrSelfEmployed"],
        actual_residence=a["actualResidenceInBelgium"],
        homeless=a["homeless"],
        pregnant=a["pregnant"],
        full_time_student=a["fullTimeStudent"],
        piis_signed=a["piisSigned"],
        willingness=a["willingnessToWork"],
        unclaimed_benefits=a["unclaimedBenefits"],
        shares_household=a["sharesHousehold"],
        family_allowance_recipient=a["familyAllowanceRecipient"],
        spi_days_used=a["spiDaysUsed"],
        property_transfers=[lf.PropertyTransfer(t["date"], t["value"], t["forValue"]) for t in a["propertyTransfers"]],
        leaving_homelessness=a["leavingHomelessness"],
        installation_premium_received=_given(a, "installatiepremieReceivedBefore", "installationPremiumReceivedBefore"),
        parents_live_elsewhere=a["parentsLiveElsewhere"],
    )
    members = [
        lf.Member(
            age=_age(m, ref),
            birth_date=m["birthDate"],
            married=m["married"],
            incomes=_incomes(m["incomes"]),
            movable_capital=m["movableCapital"],
            real_estate=_estate(m["realEstate"]),
            relation=m["relation"],
            also_applies=m["alsoApplies"],
            activation_job=m["activationJob"],
            hosted_days_in_month=m["hostedDaysInMonth"],
        )
        for m in data["householdMembers"]
    ]
    return lf.Situation(
        reference_date=ref,
        application_date=data["applicationDate"] or ref,
        right_start_date=data["rightStartDate"],
        applicant=applicant,
        members=members,
    )
