"""Standardized catalogue conditions: a plain-Dutch description and a tri-state evaluation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

MET = "met"
NOT_MET = "notMet"
UNKNOWN = "unknown"


@dataclass
class Client:
    """Facts about a client; None means unknown. Amounts are Decimal euro."""

    age: int | None = None
    scopes: list[str] | None = None  # BE, region, province and municipality codes of the residence
    household_size: int | None = None
    household_income: Decimal | None = None
    income_period: str = "year"  # period of household_income: "year" or "month"
    statuses: set[str] | None = None
    children_ages: list[int] | None = None
    student: bool | None = None
    tenant_kind: str | None = None  # "private", "social" or "none"
    extra: dict = field(default_factory=dict)


def _money(value: object) -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    whole, cents = f"{amount:,.2f}".split(".")
    return "€ " + whole.replace(",", ".") + "," + cents


def income_limit(condition: dict, household_size: int) -> Decimal | None:
    """The income limit for a household size: the listed amount, or the largest listed one plus
    per_extra_person for each person above it. None when the condition lists no amounts."""
    limits = sorted(condition.get("limits") or [], key=lambda lim: lim["household_size"])
    if not limits:
        return None
    chosen = None
    for lim in limits:
        if lim["household_size"] <= household_size:
            chosen = lim
    if chosen is None:
        return Decimal(str(limits[0]["amount"]))
    extra_people = household_size - chosen["household_size"]
    amount = Decimal(str(chosen["amount"]))
    if extra_people and condition.get("per_extra_person") is not None:
        amount += Decimal(str(condition["per_extra_person"])) * extra_people
    elif extra_people:
        return None  # between or beyond the listed sizes without a rule for extra persons
    return amount


def describe(condition: dict, status_labels: dict[str, str], scope_label: Callable[[str], str]) -> str:
    """One plain-Dutch sentence for a condition, e.g. 'Je bent tussen 18 en 25 jaar.'"""
    kind = condition["type"]
    if kind == "age":
        low, high = condition.get("min"), condition.get("max")
        if low is not None and high is not None:
            return f"Leeftijd tussen {low} en {high} jaar."
        if low is not None:
            return f"Minstens {low} jaar oud."
        return f"Hoogstens {high} jaar oud."
    if kind == "residence":
        names = ", ".join(scope_label(s) for s in condition["scopes"])
        return f"Woont in: {names}."
    if kind == "household_income":
        period = "per maand" if condition.get("period") == "month" else "per jaar"
        limits = condition.get("limits") or []
        if not limits:
            return f"Het inkomen ({condition.get('income_basis', '')}) is niet hoger dan een grens die van de gezinsgrootte afhangt; de bedragen staan bij de bron."
        parts = [f"{lim['household_size']} pers.: {_money(lim['amount'])}" for lim in limits]
        extra = ""
        if condition.get("per_extra_person") is not None:
            extra = f", plus {_money(condition['per_extra_person'])} per extra persoon"
        return (
            f"Het inkomen ({condition.get('income_basis', '')}) is niet hoger dan {', '.join(parts)} {period}{extra}."
        )
    if kind == "status":
        names = " of ".join(status_labels.get(s, s) for s in condition["any_of"])
        return f"Heeft het statuut: {names}."
    if kind == "children":
        return f"Heeft minstens één kind jonger dan {condition['max_age']} jaar ten laste."
    if kind == "student":
        return "Is student of leerling." if condition["value"] else "Is geen student."
    if kind == "tenant":
        return {
            "any": "Huurt een woning.",
            "private": "Huurt een woning op de private huurmarkt.",
            "social": "Huurt een sociale woning.",
        }[condition["tenant_kind"]]
    return kind


def evaluate(condition: dict, client: Client) -> tuple[str, str]:  # noqa: C901 -- one branch per condition type of the catalogue vocabulary; the rights check (issue 9) replaces it
    """Return (met | notMet | unknown, a Dutch explanation) for one condition and one client."""
    kind = condition["type"]
    if kind == "age":
        if client.age is None:
            return UNKNOWN, "De leeftijd is niet gekend."
        low, high = condition.get("min"), condition.get("max")
        if low is not None and client.age < low:
            return NOT_MET, f"{client.age} jaar is jonger dan {low}."
        if high is not None and client.age > high:
            return NOT_MET, f"{client.age} jaar is ouder dan {high}."
        return MET, f"{client.age} jaar valt binnen de leeftijdsgrens."
    if kind == "residence":
        if client.scopes is None:
            return UNKNOWN, "De woonplaats is niet gekend."
        hit = set(condition["scopes"]) & set(client.scopes)
        return (MET, "De woonplaats valt in het gebied.") if hit else (NOT_MET, "De woonplaats valt buiten het gebied.")
    if kind == "household_income":
        if client.household_size is None or client.household_income is None:
            return UNKNOWN, "Gezinsgrootte of gezinsinkomen is niet gekend."
        limit = income_limit(condition, client.household_size)
        if limit is None:
            return UNKNOWN, "De inkomensgrens voor deze gezinsgrootte staat niet in de catalogus; kijk bij de bron."
        income = client.household_income
        if client.income_period != condition.get("period", "year"):
            income = income * 12 if client.income_period == "month" else income / 12
        if income <= limit:
            return MET, f"Het inkomen {_money(income)} is niet hoger dan de grens {_money(limit)}."
        return NOT_MET, f"Het inkomen {_money(income)} is hoger dan de grens {_money(limit)}."
    if kind == "status":
        if client.statuses is None:
            return UNKNOWN, "De statuten van de klant zijn niet gekend."
        if set(condition["any_of"]) & client.statuses:
            return MET, "De klant heeft een van de gevraagde statuten."
        return NOT_MET, "De klant heeft geen van de gevraagde statuten."
    if kind == "children":
        if client.children_ages is None:
            return UNKNOWN, "De kinderen ten laste zijn niet gekend."
        if any(age < condition["max_age"] for age in client.children_ages):
            return MET, f"Er is een kind jonger dan {condition['max_age']} jaar."
        return NOT_MET, f"Geen kind jonger dan {condition['max_age']} jaar."
    if kind == "student":
        if client.student is None:
            return UNKNOWN, "Niet gekend of de klant student is."
        return (MET, "Voldaan.") if client.student == condition["value"] else (NOT_MET, "Niet voldaan.")
    if kind == "tenant":
        if client.tenant_kind is None:
            return UNKNOWN, "De woonsituatie is niet gekend."
        wanted = condition["tenant_kind"]
        ok = client.tenant_kind in ("private", "social") if wanted == "any" else client.tenant_kind == wanted
        return (MET, "De klant huurt zoals gevraagd.") if ok else (NOT_MET, "De klant huurt niet zoals gevraagd.")
    return UNKNOWN, f"Onbekend type voorwaarde '{kind}'."
