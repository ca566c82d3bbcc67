"""The blocks of the shared situation (reference rights-check.md §A) that the rights check needs and the leefloon
advice accepts and ignores: household, housing and telecom blocks, and the extra person and income fields.

The advice request (request.py) is built from these, so one document validates the same way on both endpoints.
"""

from __future__ import annotations

from marshmallow import fields, validate

from rechtenverkenner.eligibility.request_fields import Date, Money, Strict, StrictBool, StrictInt

# income types of the rights check on top of the leefloon advice's, and what the leefloon advice reads them as
# (None: left out); the legal basis of each is in catalog/codelists/income-types.toml, which a test compares
RIGHTS_INCOME_TYPES = {
    "igo": "pension",
    "ivt": "disabilityBenefit",
    "it": None,  # exempt since 1 January 2022 (KB 11 juli 2002 art. 22 § 1): catalog/codelists/income-types.toml
    "leefloon": None,  # the leefloon itself is not a resource of the leefloon: the advice leaves it out
    "invalidityBenefit": "sicknessBenefit",
    "survivorPension": "pension",
}
TENURES = ["tenantPrivate", "tenantSocial", "owner", "homeless", "institution", "lodgedByFriend", "receptionFacility"]
HEATING = [
    "naturalGasGrid",
    "collectiveGas",
    "heatingOilBulk",
    "heatingPetroleumSmall",
    "propaneBulk",
    "heatPump",
    "electric",
    "other",
]
REGISTERS = ["populationRegister", "foreignersRegister", "waitingRegister", "referenceAddress", "none"]
FINDING = validate.OneOf(["met", "notMet"])


def _d(text: str) -> dict:
    return {"description": text}


def _bool(text: str) -> StrictBool:
    return StrictBool(load_default=None, metadata=_d(text))


def _score(text: str) -> fields.Decimal:
    return fields.Decimal(
        load_default=None, allow_nan=False, validate=validate.Range(min=0, max=1000), metadata=_d(text)
    )


class PersonStatusSchema(Strict):
    """A status the person holds today (catalogue statuses), with the date since when."""

    id = fields.String(
        required=True, validate=validate.Length(min=1, max=80), metadata=_d("Status id (catalogue statuses).")
    )
    since = Date(load_default=None, metadata=_d("Held since this date."))


class EducationSchema(Strict):
    """School or study of the person."""

    level = fields.String(load_default=None, validate=validate.OneOf(["kleuter", "lager", "secundair", "hoger"]))
    community = fields.String(load_default=None, validate=validate.Length(max=10))
    schoolLanguage = fields.String(load_default=None, validate=validate.Length(max=10))
    attendsRegularly = _bool("Attends school regularly.")
    firstBachelor = _bool("First bachelor.")
    diplomaProgramme = _bool("In a diploma programme.")
    learningCreditPositive = _bool("Learning credit above zero.")


class ZorgtoeslagScaleSchema(Strict):
    """Points on the zorgtoeslag scale (Groeipakket), per pillar and in total."""

    p1 = _score("Pillar 1 points.")
    p2 = _score("Pillar 2 points.")
    p3 = _score("Pillar 3 points.")
    total = _score("Total points.")


class DisabilitySchema(Strict):
    """A recognised disability and its scores."""

    recognisedBy = fields.String(load_default=None, validate=validate.Length(max=40))
    recognisedOn = Date(load_default=None)
    selfRelianceScore = _score("Self-reliance points (0-18).")
    atLeast66Percent = _bool("At least 66 % disability.")
    earningCapacityAtMostOneThird = _bool("Earning capacity at most one third.")
    allowance = fields.String(load_default=None, validate=validate.Length(max=40))
    priorIvtItApplication = _bool("Applied for IVT/IT before.")
    zorgtoeslagScale = fields.Nested(ZorgtoeslagScaleSchema, load_default=None)


class CareScoresSchema(Strict):
    """Care-need scales the zorgbudgets use."""

    belRaiScreener = _score("BelRAI screener.")
    katz = _score("Katz scale.")
    bel = _score("BEL profile scale.")
    medischSocialeSchaal = _score("Medisch-sociale schaal.")
    adlIadl = _score("ADL + IADL.")


class ChildcareSchema(Strict):
    """Childcare the child attends."""

    recognisedBy = fields.String(load_default=None, validate=validate.Length(max=40))
    incomeRelatedTariff = _bool("The childcare charges an income-related tariff.")
    daysPerMonth = StrictInt(load_default=None, validate=validate.Range(min=0, max=31))
    inKleuterklas = _bool("The child is in kleuterklas.")


class ProfessionalAssessmentSchema(Strict):
    """A professional's findings; without one such a condition is unknown, never no."""

    behoeftigheid = fields.String(load_default=None, validate=FINDING, metadata=_d("State of need: met / notMet."))
    werkbereidheid = fields.String(load_default=None, validate=FINDING, metadata=_d("Willingness to work."))
    betalingsonmacht = fields.String(
        load_default=None, validate=FINDING, metadata=_d("The OCMW finds a bill unpayable.")
    )
    medischAttest = fields.String(load_default=None, validate=FINDING, metadata=_d("A doctor's certificate."))


class SituationPersonFields(Strict):
    """Person fields of §A beyond the leefloon advice's."""

    register = fields.String(load_default=None, validate=validate.OneOf(REGISTERS), metadata=_d("Register."))
    nationality = fields.String(load_default=None, validate=validate.Regexp(r"^[A-Z]{2}$"), metadata=_d("ISO 3166."))
    healthInsured = _bool("In the compulsory health insurance.")
    fiscallyDependent = _bool("Dependant (ten laste) for taxes.")
    statuses = fields.List(fields.Nested(PersonStatusSchema), load_default=None, metadata=_d("Statuses held today."))
    education = fields.Nested(EducationSchema, load_default=None)
    disability = fields.Nested(DisabilitySchema, load_default=None)
    careScores = fields.Nested(CareScoresSchema, load_default=None)
    childcare = fields.Nested(ChildcareSchema, load_default=None)
    dutchLanguageA1 = _bool("Dutch at level A1.")
    protectionApplicationPending = _bool("An application for international protection is pending.")
    medicalCertificateUrgentCare = _bool("A doctor certifies urgent medical care.")
    installatiepremieReceivedBefore = _bool("Received an installation premium before.")
    struckOffRegisterOn = Date(load_default=None, metadata=_d("Struck off the population register on."))
    assessment = fields.Nested(
        ProfessionalAssessmentSchema, load_default=None, metadata=_d("A professional's findings.")
    )


class TaxAssessmentSchema(Strict):
    """A tax assessment (aanslagbiljet) of the household."""

    incomeYear = StrictInt(required=True, validate=validate.Range(min=1990, max=2100))
    grossTaxable = Money(load_default=None, metadata=_d("Gross taxable income of the household."))
    netTaxable = Money(load_default=None, metadata=_d("Net taxable income of the household."))


class ZorgkasSchema(Strict):
    """Flemish social protection (zorgkas) membership."""

    affiliated = _bool("Member of a zorgkas.")
    premiumsPaid = _bool("Premiums paid.")
    yearsInFlandersOrBrussels = StrictInt(load_default=None, validate=validate.Range(min=0, max=130))


class SituationHouseholdSchema(Strict):
    """Household facts of the rights check (the leefloon advice ignores them)."""

    taxAssessment = fields.Nested(TaxAssessmentSchema, load_default=None, metadata=_d("Latest tax assessment."))
    taxAssessments = fields.List(fields.Nested(TaxAssessmentSchema), load_default=None)
    netMonthlyIncome = Money(load_default=None, metadata=_d("Net monthly income of all adults together."))
    zorgkas = fields.Nested(ZorgkasSchema, load_default=None)
    inburgeringDuty = _bool("Someone in the household has an inburgering obligation.")


class FuelDeliverySchema(Strict):
    """The last delivery of heating fuel."""

    date = Date(required=True)
    fuel = fields.String(required=True, validate=validate.OneOf(HEATING))
    litres = fields.Decimal(load_default=None, allow_nan=False, validate=validate.Range(min=0, max=100000))


class SituationHousingSchema(Strict):
    """How the household lives (the leefloon advice ignores it)."""

    tenure = fields.String(load_default=None, validate=validate.OneOf(TENURES))
    rentMonthly = Money(load_default=None)
    dwelling = fields.String(load_default=None, validate=validate.OneOf(["selfContained", "apartment", "room"]))
    heating = fields.String(load_default=None, validate=validate.OneOf(HEATING))
    fuelDelivery = fields.Nested(FuelDeliverySchema, load_default=None)
    socialHousingCandidateSince = Date(load_default=None, allow_none=True)
    waitingListMunicipalityIsDomicile = _bool("Registered with a housing company of the domicile municipality.")
    ownsDwellingOrLand = _bool("Owns a dwelling or building land.")
    ownsOtherProperty = _bool("Owns other property.")
    dwellingDeclaredUnfit = _bool("The rented dwelling is declared unfit or uninhabitable.")
    landlordIsFirstDegreeRelativeOnSameAddress = _bool("The landlord is a first-degree relative on the same address.")
    leaseStart = Date(load_default=None)
    residentSince = Date(load_default=None)
    previousSituation = fields.String(
        load_default=None, validate=validate.OneOf(["homeless", "unfitDwelling", "tooSmall", "notAdapted", "other"])
    )
    sleepsIn = fields.String(
        load_default=None, validate=validate.OneOf(["street", "nightShelter", "friends", "car", "other"])
    )
    homelessDueToLackOfMeans = _bool("Homeless for lack of means.")
    institutionType = fields.String(load_default=None, validate=validate.Length(max=40))
    institutionRegion = fields.String(load_default=None, validate=validate.OneOf(["VLG", "BHG", "WAL"]))
    receptionType = fields.String(load_default=None, validate=validate.OneOf(["collective", "LOI"]))
    studentRoomElsewhere = _bool("A student rents a room elsewhere.")
    waterBillInOwnName = _bool("The water bill is in the household's own name.")
    debtMediation = _bool("In debt mediation or collective debt settlement.")


class SituationTelecomSchema(Strict):
    """Telecom facts of the rights check."""

    hasInternetOrPhoneSubscription = _bool("Has an internet or phone subscription.")


_DESCRIPTIONS = {
    "level": "School level: kleuter, lager, secundair or hoger.",
    "community": "Community of the school (VLG, FWB, ...).",
    "schoolLanguage": "Language of the school.",
    "recognisedBy": "Who recognised it (e.g. DGHAN, VAPH, Opgroeien).",
    "recognisedOn": "Date of the recognition.",
    "allowance": "The allowance received for it, if any.",
    "zorgtoeslagScale": "Points on the zorgtoeslag scale.",
    "daysPerMonth": "Days of childcare per month.",
    "education": "School or study.",
    "disability": "A recognised disability.",
    "careScores": "Care-need scales.",
    "childcare": "Childcare attended.",
    "incomeYear": "The income year the assessment is about.",
    "yearsInFlandersOrBrussels": "Years lived in Flanders or Brussels.",
    "taxAssessments": "Older tax assessments, for rights that look at an earlier income year.",
    "zorgkas": "Zorgkas membership.",
    "date": "Date of the delivery.",
    "fuel": "The fuel delivered (as in heating).",
    "litres": "Litres delivered.",
    "tenure": "How the household lives: tenant (private or social), owner, homeless, ...",
    "rentMonthly": "Rent per month without charges, in euro.",
    "dwelling": "Kind of dwelling.",
    "heating": "Main heating.",
    "fuelDelivery": "Last delivery of heating fuel.",
    "socialHousingCandidateSince": "Registered as candidate tenant for social housing since.",
    "leaseStart": "Start of the lease.",
    "residentSince": "Living at this address since.",
    "previousSituation": "Where the household came from.",
    "sleepsIn": "For homeless clients: where they sleep.",
    "institutionType": "For clients in an institution: its kind (e.g. woonzorgcentrum).",
    "institutionRegion": "For clients in an institution: its region.",
    "receptionType": "For applicants for international protection: collective reception or LOI.",
}


def _describe() -> None:
    """Give every field without a description its text from _DESCRIPTIONS (the OpenAPI document needs one)."""
    for schema in Strict.__subclasses__():
        if schema.__module__ != __name__:
            continue
        for name, field in schema._declared_fields.items():
            if not field.metadata.get("description") and name in _DESCRIPTIONS:
                field.metadata["description"] = _DESCRIPTIONS[name]


_describe()
