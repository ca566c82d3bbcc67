"""Household income against a dated limit (household scopes of codelists/households.toml) and generic `fact`
conditions. Limits come from catalog/parameters/; a limit not in force on the reference date is unknown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rechtenverkenner.catalog.shapes import Household, ParameterValue
from rechtenverkenner.rights.core import (
    MET,
    NEAR_LIMIT,
    NOT_MET,
    UNKNOWN,
    WEAK_CONFIDENCE,
    Context,
    Result,
    not_modelled,
    parameter_value,
)
from rechtenverkenner.rights.situation import MISSING, Person, Situation, as_date, as_number, months_between
from rechtenverkenner.rights.text import money, when

BASIS_LABELS = {
    "bruto_belastbaar": "bruto belastbaar inkomen",
    "netto_belastbaar": "netto belastbaar inkomen",
    "netto_maand": "netto maandinkomen",
    "bestaansmiddelen": "geheel van de bestaansmiddelen",
}
YEARLY_BASES = {"bruto_belastbaar", "netto_belastbaar"}
TAX_FIELD = {"bruto_belastbaar": "grossTaxable", "netto_belastbaar": "netTaxable"}


def _in_scope(person: Person, scope: Household | None) -> bool | None:
    """True, False, or None when whether the person counts depends on an unknown fact (fiscallyDependent)."""
    if scope is None:
        return True
    if person.relation not in scope.relations:
        return False
    if scope.dependants_only and person.relation not in ("applicant", "partner"):
        dependent = person.get("fiscallyDependent")
        return None if dependent is MISSING else bool(dependent)
    return True


def _size(situation: Situation, scope: Household | None, size_by: str) -> tuple[int, int, list[str]]:
    """Smallest and largest size the household may have, and the facts that would fix it."""
    low, high, missing = 0, 0, []
    for person in situation.persons:
        counts = _in_scope(person, scope)
        if size_by == "dependants" and person.relation in ("applicant", "partner"):
            continue
        low += counts is True
        high += counts is not False
        if counts is None:
            missing.append(f"{person.path}.fiscallyDependent")
    return low, high, missing


def _limit(value: ParameterValue, size: int, size_by: str) -> Decimal | None:
    if value.amount is not None:
        return value.amount
    if value.base is not None and value.per_extra_member is not None:
        extra = size if size_by == "dependants" else max(size - 1, 0)
        return value.base + value.per_extra_member * extra
    if value.by == "members":
        row = value.row(size)
        return None if row is None else (row.get("max") or row.get("amount"))
    return None  # points and categories are not derived yet


def _income(condition: dict, situation: Situation) -> tuple[Decimal | None, str, tuple[str, ...]]:
    """The household's income on the condition's basis, a Dutch description, and the facts missing for it."""
    basis = condition["income_basis"]
    if basis in YEARLY_BASES:
        ref_year = str(condition.get("reference_year") or "current")
        year = situation.reference_date.year + (0 if ref_year == "current" else int(ref_year))
        found = [situation.get("household.taxAssessment")]
        taxes = situation.get("household.taxAssessments")
        found += taxes if isinstance(taxes, list) else []
        for tax in found:
            if isinstance(tax, dict) and tax.get("incomeYear") == year and tax.get(TAX_FIELD[basis]) is not None:
                return Decimal(tax[TAX_FIELD[basis]]), f"{BASIS_LABELS[basis]} van inkomstenjaar {year}", ()
        # the precise fact (a question of facts.toml): the tax assessment's gross or net taxable income
        return None, f"{BASIS_LABELS[basis]} van inkomstenjaar {year}", (f"household.taxAssessment.{TAX_FIELD[basis]}",)
    if basis == "netto_maand":
        monthly = situation.get("household.netMonthlyIncome")
        if monthly is MISSING:
            return None, BASIS_LABELS[basis], ("household.netMonthlyIncome",)
        return Decimal(monthly), BASIS_LABELS[basis], ()
    return None, BASIS_LABELS.get(basis, basis), ()


def household_income(condition: dict, situation: Situation, ctx: Context) -> Result:
    """The household's income against the parameter's limit for its size (bound max: at most; min: at least)."""
    basis = condition.get("income_basis", "")
    if not condition.get("parameter"):
        return Result(UNKNOWN, f"Het inkomen ({basis}) wordt getoetst aan de grenzen bij de bron.")
    parameter, value = parameter_value(ctx, condition["parameter"], situation.reference_date)
    if value is None:
        return not_modelled(parameter.title, situation.reference_date)
    scope = ctx.data.households.get(condition.get("household") or "domicilie")
    who = scope.label if scope else "het gezin"
    size_by = condition.get("size_by") or "members"
    low, high, size_missing = _size(situation, scope, size_by)
    income, described, income_missing = _income(condition, situation)
    limit_low, limit_high = _limit(value, low, size_by), _limit(value, high, size_by)
    base = Result(UNKNOWN, "", (), value.confidence, value.valid_from)
    if limit_low is None or limit_high is None:
        return _with(base, f"De grens '{parameter.title}' voor dit gezin wordt (nog) niet afgeleid.")
    if income is None:
        return _with(base, f"Het {described} van {who} is niet gekend.", income_missing)
    if parameter.unit == "EUR/maand" and basis in YEARLY_BASES:
        income = income / 12
    elif parameter.unit == "EUR/jaar" and basis == "netto_maand":
        income = income * 12
    at_most = (condition.get("bound") or "max") == "max"
    persons = f"{low} personen" if low == high else f"{low} tot {high} personen"
    since = when(value.valid_from)
    if at_most:
        ok, fail, limit = income <= limit_low, income > limit_high, limit_high
    else:
        ok, fail, limit = income >= limit_high, income < limit_low, limit_low
    word = ("niet hoger dan" if ok else "hoger dan") if at_most else ("minstens" if ok else "lager dan")
    text = f"Het {described} van {who} ({money(income)}) is {word} de grens van {money(limit)} voor {persons} (geldig vanaf {since})."
    weak_and_near = value.confidence in WEAK_CONFIDENCE and abs(income - limit) <= NEAR_LIMIT * limit
    if ok and weak_and_near:  # reference §0: near a figure that is not official the answer is unknown, both ways
        near = f"{text} Die grens is niet officieel bevestigd ({value.confidence}); binnen 10 % ervan beslist ze niet alleen."
        return _with(base, near)
    if ok:
        return Result(MET, text, (), value.confidence, value.valid_from)
    if not fail:
        return _with(
            base,
            f"Of het {described} van {who} ({money(income)}) onder de grens blijft, hangt af van wie meetelt.",
            size_missing,
        )
    if weak_and_near:
        near = f"{text} Die grens is niet officieel bevestigd ({value.confidence}); binnen 10 % ervan beslist ze niet alleen."
        return _with(base, near)
    return Result(NOT_MET, text, (), value.confidence, value.valid_from)


def _with(base: Result, text: str, missing: tuple[str, ...] | list[str] = ()) -> Result:
    return Result(base.status, text, tuple(missing), base.confidence, base.valid_from)


OP_NEEDS = {
    "eq": "nodig: {v}",
    "in": "nodig: een van {v}",
    "ge": "nodig: minstens {v}",
    "le": "nodig: hoogstens {v}",
    "years_since_ge": "nodig: minstens {v} jaar geleden",
    "months_since_le": "nodig: hoogstens {v} maanden geleden",
}


def fact_condition(condition: dict, situation: Situation, ctx: Context) -> Result:
    """A fact of codelists/facts.toml compared with a value (or a dated parameter)."""
    fact_id = condition["fact"]
    fact = ctx.data.facts.get(fact_id)
    label = fact.label if fact else fact_id
    given = situation.get(fact_id)
    expected, confidence, valid_from = condition.get("value"), None, None
    if condition.get("parameter"):
        parameter, value = parameter_value(ctx, condition["parameter"], situation.reference_date)
        if value is None:
            return not_modelled(parameter.title, situation.reference_date)
        expected, confidence, valid_from = value.amount, value.confidence, value.valid_from
    if given is MISSING:
        return Result(UNKNOWN, f"Niet gekend: {label}.", (fact_id,), confidence, valid_from)
    op = condition["op"]
    ok = _compare(op, given, expected, situation.reference_date)
    if ok is None:
        return Result(UNKNOWN, f"{label}: niet te vergelijken.", (fact_id,), confidence, valid_from)
    shown = _show(fact, given)
    wanted = ", ".join(_show(fact, v) for v in expected) if isinstance(expected, list) else _show(fact, expected)
    if ok:
        return Result(MET, f"{label}: {shown}.", (), confidence, valid_from)
    need = condition.get("note") or OP_NEEDS[op].format(v=wanted)
    return Result(NOT_MET, f"{label}: {shown}; {need}", (), confidence, valid_from)


def _show(fact: object, value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return when(value)
    if isinstance(value, list):
        return ", ".join(_show(fact, v) for v in value) or "geen"
    return fact.value_label(value) if fact is not None else str(value)


def _compare(op: str, given: object, expected: object, ref: dt.date) -> bool | None:
    if op in ("years_since_ge", "months_since_le"):
        date, n = as_date(given), as_number(expected)
        if date is None or n is None:
            return None
        months = months_between(date, ref)
        return months >= n * 12 if op == "years_since_ge" else months <= n
    if op == "in":
        options = expected if isinstance(expected, list) else [expected]
        if isinstance(given, list):
            return any(_eq(g.get("id") if isinstance(g, dict) else g, o) for g in given for o in options)
        return any(_eq(given, o) for o in options)
    if op == "eq":
        if isinstance(given, list):
            return any(_eq(g.get("id") if isinstance(g, dict) else g, expected) for g in given)
        return _eq(given, expected)
    left, right = _ordered(given), _ordered(expected)
    if left is None or right is None or type(left) is not type(right):
        return None
    return left >= right if op == "ge" else left <= right


def _ordered(value: object) -> Decimal | dt.date | None:
    if isinstance(value, dt.date):
        return value
    number = as_number(value)
    if number is not None:
        return number
    return as_date(value)


def _eq(given: object, expected: object) -> bool:
    if isinstance(given, bool) or isinstance(expected, bool):
        return given is expected
    if isinstance(given, dt.date) or isinstance(expected, dt.date):
        return as_date(given) == as_date(expected)
    if isinstance(given, (int, Decimal)) and not isinstance(expected, str):
        return as_number(given) == as_number(expected)
    return str(given) == str(expected)
