"""Household income against a dated limit (household scopes of codelists/households.toml) and generic `fact`
conditions. Limits come from catalog/parameters/; a limit not in force on the reference date is unknown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rechtenverkenner.catalog.shapes import ParameterValue
from rechtenverkenner.rights import limits, means
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
from rechtenverkenner.rights.situation import MISSING, Situation, as_date, as_number, months_between
from rechtenverkenner.rights.text import money, when

BASIS_LABELS = {
    "bruto_belastbaar": "bruto belastbaar inkomen",
    "netto_belastbaar": "netto belastbaar inkomen",
    "netto_maand": "netto maandinkomen",
    "bestaansmiddelen": "geheel van de bestaansmiddelen",
}
YEARLY_BASES = {"bruto_belastbaar", "netto_belastbaar"}
TAX_FIELD = {"bruto_belastbaar": "grossTaxable", "netto_belastbaar": "netTaxable"}


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
    """The household's income against the parameter's limit for its size (bound max: at most; min: at least).
    Both may be ranges (an unknown dependant, capital the deciding service values): only a range entirely on
    one side of the limit decides."""
    basis = condition.get("income_basis", "")
    scope = ctx.data.households.get(condition.get("household") or "domicilie")
    who = scope.label if scope else "het gezin"
    if not condition.get("parameter"):
        if basis == "bestaansmiddelen":
            return means.without_limit(condition, situation, scope, who)
        return Result(UNKNOWN, f"Het inkomen ({basis}) wordt getoetst aan de grenzen bij de bron.")
    parameter, value = parameter_value(ctx, condition["parameter"], situation.reference_date)
    if value is None:
        return not_modelled(parameter.title, situation.reference_date)
    found = limits.span(value, condition, situation, scope)
    base = Result(UNKNOWN, "", (), value.confidence, value.valid_from)
    if found.low is None:
        why = f"De grens '{parameter.title}' voor dit gezin ({found.persons}) wordt (nog) niet afgeleid."
        return _with(base, f"{why} {condition.get('note') or ''}".strip(), found.missing)
    if basis == "bestaansmiddelen":
        low, high, described, income_missing = means.monthly(condition, situation, scope)
    else:
        income, described, income_missing = _income(condition, situation)
        low = high = income
    if low is None:
        return _with(base, f"Het {described} van {who} is niet gekend.", income_missing)
    low, high = _per_unit(parameter.unit, basis, low), _per_unit(parameter.unit, basis, high)
    at_most = (condition.get("bound") or "max") == "max"
    since = when(value.valid_from)
    shown = (
        money(low) if low == high else (f"minstens {money(low)}" if high is None else f"{money(low)} tot {money(high)}")
    )
    if at_most:
        ok = high is not None and high <= found.low
        fail = found.high is not None and low > found.high
        limit = found.low if ok else (found.high if found.high is not None else found.low)
    else:
        ok = found.high is not None and low >= found.high
        fail = high is not None and high < found.low
        limit = found.high if ok else found.low
    word = ("niet hoger dan" if ok else "hoger dan") if at_most else ("minstens" if ok else "lager dan")
    text = f"Het {described} van {who} ({shown}) is {word} de grens van {money(limit)} voor {found.persons} (geldig vanaf {since})."
    value_near = high if ok else low
    weak_and_near = value.confidence in WEAK_CONFIDENCE and abs(value_near - limit) <= NEAR_LIMIT * limit
    near = (
        f"{text} Die grens is niet officieel bevestigd ({value.confidence}); binnen 10 % ervan beslist ze niet alleen."
    )
    if (ok or fail) and weak_and_near:  # reference §0: near a figure that is not official the answer is unknown
        return _with(base, near)
    if ok:
        return Result(MET, text, (), value.confidence, value.valid_from)
    if fail:
        return Result(NOT_MET, text, (), value.confidence, value.valid_from)
    if low != high:
        return _with(
            base,
            f"Het {described} van {who} ({shown}) ligt niet zeker onder de grens van {money(limit)}.",
            income_missing,
        )
    return _with(
        base,
        f"Of het {described} van {who} ({shown}) onder de grens blijft, hangt af van wie meetelt.",
        found.missing,
    )


def _per_unit(unit: str, basis: str, amount: Decimal | None) -> Decimal | None:
    """An income in the parameter's unit: a yearly income against a monthly limit and the other way round."""
    if amount is None:
        return None
    if unit == "EUR/maand" and basis in YEARLY_BASES:
        return amount / 12
    if unit == "EUR/jaar" and basis in ("netto_maand", "bestaansmiddelen"):
        return amount * 12
    return amount


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
        if value.amount is None:  # a limit by household size, dependants or category
            return _against_span(condition, situation, ctx, value, label, given)
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
    if condition.get("when_not_met") == "unknown":  # only the listed values are sure; others the service checks
        return Result(UNKNOWN, f"{label}: {shown}; {need}", (), confidence, valid_from)
    return Result(NOT_MET, f"{label}: {shown}; {need}", (), confidence, valid_from)


def _against_span(
    condition: dict, situation: Situation, ctx: Context, value: ParameterValue, label: str, given: object
) -> Result:
    """A fact (e.g. the rent) at most (`le`) or at least (`ge`) a limit that depends on the household; near a
    limit that is not official the answer is unknown (reference §0)."""
    scope = ctx.data.households.get(condition.get("household") or "domicilie")
    found = limits.span(value, condition, situation, scope)
    base = Result(UNKNOWN, "", (), value.confidence, value.valid_from)
    if given is MISSING:
        return _with(base, f"Niet gekend: {label}.", (condition["fact"],))
    number = as_number(given)
    if found.low is None or number is None or condition["op"] not in ("le", "ge"):
        return _with(
            base, f"{label}: de grens voor dit gezin ({found.persons}) wordt (nog) niet afgeleid.", found.missing
        )
    if condition["op"] == "le":
        ok = found.low is not None and number <= found.low
        fail = found.high is not None and number > found.high
        limit, word = (found.low, "niet hoger dan") if ok else (found.high or found.low, "hoger dan")
    else:
        ok = found.high is not None and number >= found.high
        fail = number < found.low
        limit, word = (found.high, "minstens") if ok else (found.low, "lager dan")
    text = f"{label} ({money(number)}) is {word} de grens van {money(limit)} voor {found.persons} (geldig vanaf {when(value.valid_from)})."
    if (ok or fail) and value.confidence in WEAK_CONFIDENCE and abs(number - limit) <= NEAR_LIMIT * limit:
        return _with(
            base,
            f"{text} Die grens is niet officieel bevestigd ({value.confidence}); binnen 10 % ervan beslist ze niet alleen.",
        )
    if ok or fail:
        return Result(MET if ok else NOT_MET, text, (), value.confidence, value.valid_from)
    return _with(base, f"{label} ({money(number)}): de grens hangt af van wie meetelt.", found.missing)


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
        if op == "years_since_ge":
            return months_between(date, ref) >= n * 12
        return ref <= _add_months(date, int(n))  # e.g. apply at the latest 9 months after the lease started
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


def _add_months(date: dt.date, months: int) -> dt.date:
    """The same day n months later (the last day of the month when that day does not exist)."""
    year, month = divmod(date.month - 1 + months, 12)
    year, month = date.year + year, month + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(date.day, last))


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
