"""Leefloon facts and arithmetic: named functions that take every legal figure as an argument."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
CENT = Decimal("0.01")

INCOME_LABELS = {
    "employment": "Loon",
    "selfEmployment": "Inkomen als zelfstandige",
    "studentJob": "Studentenjob",
    "unemploymentBenefit": "Werkloosheidsuitkering",
    "sicknessBenefit": "Ziekte-uitkering",
    "disabilityBenefit": "Tegemoetkoming handicap",
    "pension": "Pensioen",
    "maintenanceForApplicant": "Onderhoudsgeld voor de aanvrager",
    "maintenanceForChildren": "Onderhoudsgeld voor de kinderen",
    "familyAllowance": "Gezinsbijslag voor de kinderen",
    "familyAllowanceDisabilitySupplement": "Toeslag handicap in de gezinsbijslag",
    "familyAllowanceForApplicant": "Gezinsbijslag voor de aanvrager",
    "studyGrant": "Studiebeurs",
    "fosterCareAllowance": "Pleegzorgvergoeding",
    "regularSupport": "Regelmatige steun van familie",
    "artisticIncome": "Artistieke inkomsten",
    "orphansAllowance": "Wezenbijslag",
    "installationPremium": "Installatiepremie",
    "sporadicGift": "Occasionele gift",
    "aleIncome": "Inkomen uit PWA/ALE",
    "heatingAllowance": "Verwarmingstoelage",
    "other": "Ander inkomen",
}
RESOURCE_LABELS = {
    "movableCapital": "Roerend kapitaal",
    "realEstate": "Onroerend goed",
    "cohabitantShare": "Deel van de huisgenoot",
    "cohabitant": "Huisgenoot",
    "maintenanceDebtors": "Onderhoudsplichtigen",
}


def person_label(person: str) -> str:
    """'applicant' → 'Aanvrager', 'householdMembers[0]' → 'Huisgenoot 1'."""
    if person == "applicant":
        return "Aanvrager"
    if person.startswith("householdMembers["):
        return f"Huisgenoot {int(person[17:-1]) + 1}"
    return "Huisgenoten"


def resource_label(kind: str) -> str:
    return " + ".join(RESOURCE_LABELS.get(part, INCOME_LABELS.get(part, part)) for part in kind.split("+"))


def round_cents(amount: Decimal) -> Decimal:
    """Half-up to the cent, as the published amounts are (reference §5.3)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def yearly(amount: Decimal, period: str) -> Decimal:
    """A monthly amount × 12; a yearly amount as is (resources are computed per year)."""
    return amount * 12 if period == "month" else amount


def monthly(amount: Decimal, period: str) -> Decimal:
    return amount if period == "month" else amount / 12


def age_on(birth_date: dt.date, date: dt.date) -> int:
    return date.year - birth_date.year - ((date.month, date.day) < (birth_date.month, birth_date.day))


@dataclass
class Income:
    type: str
    amount: Decimal
    period: str
    started_while_beneficiary: bool = False
    hours: Decimal | None = None  # hours worked in the period (ALE/PWA income)


@dataclass
class RealEstate:
    kind: str
    cadastral_income: Decimal
    ownership: str = "full"
    share: Decimal = Decimal("1")
    own_home: bool = False
    mortgage_interest_yearly: Decimal | None = None
    rented_out: bool = False


@dataclass
class PropertyTransfer:
    date: dt.date
    value: Decimal
    for_value: bool


@dataclass
class Person:
    age: int | None = None
    birth_date: dt.date | None = None
    married: bool | None = None
    incomes: list[Income] = field(default_factory=list)
    movable_capital: Decimal | None = None
    real_estate: list[RealEstate] = field(default_factory=list)


@dataclass
class Member(Person):
    relation: str = "other"
    also_applies: bool = False
    activation_job: bool = False
    hosted_days_in_month: int | None = None
    # Only when age is None: the assumption a computation makes about this member (never a fact; the
    # advice lists the age as missing and shows the other assumption as a variant)
    assumed_minor: bool | None = None


@dataclass
class Applicant(Person):
    residence_status: str | None = None
    eu_residence_start: dt.date | None = None
    eu_worker: bool | None = None
    actual_residence: bool | None = None
    homeless: bool = False
    pregnant: bool = False
    full_time_student: bool = False
    piis_signed: bool = False
    willingness: str | None = None
    unclaimed_benefits: list[str] = field(default_factory=list)
    shares_household: bool | None = None
    family_allowance_recipient: bool = False
    spi_days_used: int | None = None
    property_transfers: list[PropertyTransfer] = field(default_factory=list)
    leaving_homelessness: bool = False
    installation_premium_received: bool | None = None
    parents_live_elsewhere: bool | None = None


@dataclass
class Situation:
    reference_date: dt.date
    application_date: dt.date
    right_start_date: dt.date | None
    applicant: Applicant
    members: list[Member]

    def unknown_age_members(self) -> list[int]:
        """Indexes of the household members whose age is not known."""
        return [index for index, m in enumerate(self.members) if m.age is None]


def is_minor(member: Member, adult_age: int) -> bool | None:
    """Whether a household member is under the age of majority; None when the age is unknown and no
    computation has assumed it."""
    if member.age is None:
        return member.assumed_minor
    return member.age < adult_age


def minor_children(situation: Situation, adult_age: int, child_relations: frozenset[str]) -> list[Member]:
    """The unmarried minor children in the household (Law art. 14, §1, 3°); relations from law.toml."""
    return [m for m in situation.members if m.relation in child_relations and is_minor(m, adult_age) and not m.married]


# --- eligibility facts -------------------------------------------------------------------------


def age_group(situation: Situation, adult_age: int, children: list[Member]) -> tuple[str, str]:
    """adult | minor_exception | minor | unknown, with the reason for an exception."""
    a = situation.applicant
    if a.age is None:
        return "unknown", ""
    if a.age >= adult_age:
        return "adult", ""
    reasons = []
    if a.married:
        reasons.append("ontvoogd door huwelijk")
    if a.pregnant:
        reasons.append("zwanger")
    if children:
        reasons.append("kind ten laste")
    return ("minor_exception", ", ".join(reasons)) if reasons else ("minor", "")


def birth_date_range(person: Person, reference_date: dt.date) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest possible birth date: exact when given, else from the age on the reference date."""
    if person.birth_date is not None:
        return person.birth_date, person.birth_date
    if person.age is None:
        return None
    latest = add_months(reference_date, -12 * person.age)
    earliest = add_months(reference_date, -12 * (person.age + 1)) + dt.timedelta(days=1)
    return earliest, latest


def month_length(year: int, month: int) -> int:
    """Days in a month, as calendar.monthrange counts them (without computing the weekday it also returns)."""
    return calendar.mdays[month] + (month == 2 and calendar.isleap(year))


def add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year = date.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(date.day, month_length(year, month)))


def status_group(applicant: Applicant, reference_date: dt.date, eu_waiting_months: int, group: str | None) -> str:
    """The residence status as the nationality condition reads it (Law art. 3, 3°). group is the status's
    group in law.toml (eligible, excluded, foreigners_register, eu_citizen), None when the status is unknown."""
    if applicant.residence_status is None or group is None:
        return "unknown"
    if group != "eu_citizen":
        return group
    if applicant.eu_residence_start is None:
        return "eu_start_unknown"
    if reference_date >= add_months(applicant.eu_residence_start, eu_waiting_months):
        return "eu_after_waiting"
    return "eu_waiting_worker" if applicant.eu_worker else "eu_waiting"


# --- category (Law art. 14, §1) -------------------------------------------------------------------


def category_facts(situation: Situation, children: list[Member]) -> dict:
    """The facts the category rules (rules/leefloon/rules.toml) read; children are the minor children."""
    a = situation.applicant
    half = days_in_month(situation)
    return {
        "homeless_with_piis": bool(a.homeless and a.piis_signed),
        "minor_child_full_time": any(
            c.hosted_days_in_month is None or c.hosted_days_in_month * 2 > half for c in children
        ),
        "minor_child_part_time": any(
            c.hosted_days_in_month is not None and c.hosted_days_in_month * 2 <= half for c in children
        ),
        "has_other_members": any(m not in children for m in situation.members),
        "shares_household": {True: "yes", False: "no", None: "unknown"}[a.shares_household],
    }


def member_facts(member: Member, adult: bool, regime: str, applicant_category: int) -> dict:
    """The facts the cohabitant rules read for one household member (adult is never guessed here: the
    advisor passes a known age or an explicit assumption)."""
    return {
        "member": True,
        "relation": member.relation,
        "adult": adult,
        "regime": regime,
        "also_applies": member.also_applies,
        "activation_job": member.activation_job,
        "applicant_category": str(applicant_category),
    }


def days_in_month(situation: Situation) -> int:
    """Days in the month of the reference date (alternating custody counts days of that month)."""
    d = situation.reference_date
    return month_length(d.year, d.month)


# --- resources ----------------------------------------------------------------------------------


def capital_income(
    capital: Decimal, exempt_upto: Decimal, tranche2_upto: Decimal, rate2: Decimal, rate3: Decimal
) -> Decimal:
    """Yearly notional income of movable capital by tranches (KB art. 27)."""
    if capital <= exempt_upto:
        return ZERO
    second = min(capital, tranche2_upto) - exempt_upto
    third = max(ZERO, capital - tranche2_upto)
    return second * rate2 + third * rate3


def real_estate_income(global_cadastral_income: Decimal, exemption: Decimal, multiplier: Decimal) -> Decimal:
    """Yearly countable income of real estate of one kind: (global KI − exemption, at least 0) × multiplier
    (KB art. 25); the global KI is the sum of KI × share over the properties."""
    return max(ZERO, global_cadastral_income - exemption) * multiplier


def spi_countable_yearly(monthly_income: Decimal, spi_monthly: Decimal) -> Decimal:
    """Work income under the SPI exemption: (monthly income − exemption, at least 0) × 12 (KB art. 35)."""
    return max(ZERO, monthly_income - spi_monthly) * 12


def above_reserved(total: Decimal, persons: int, reserved: Decimal) -> Decimal:
    """The part of cohabitants' resources above the category-1 amount reserved for each (KB art. 34)."""
    return max(ZERO, total - reserved * persons)


def leefloon_yearly(
    category_amount: Decimal, countable: Decimal, general_exemption: Decimal
) -> tuple[Decimal, Decimal]:
    """(leefloon per year, general exemption applied). No leefloon when countable ≥ category amount;
    otherwise the general exemption comes off the countable resources once, at the end (KB art. 22, §2)."""
    if countable >= category_amount:
        return ZERO, ZERO
    applied = min(general_exemption, countable)
    return category_amount - (countable - applied), applied


def pro_rata_first_month(monthly_amount: Decimal, start: dt.date) -> Decimal:
    """The first month's amount for the days from start to the end of its month."""
    month_days = month_length(start.year, start.month)
    days = month_days - start.day + 1
    return round_cents(monthly_amount * days / month_days)
