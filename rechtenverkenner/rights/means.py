"""The "bestaansmiddelen" (means) of a household scope, per month: the incomes of everyone whose means count, each
weighed as the condition says (`weights = { pension = "0.90" }`: the IGO counts pensions for 90 %; a weight of 0
leaves a kind out), plus capital and property, which the deciding service values itself.

Capital or property that is there makes the means "at least" the incomes (no upper bound): such a client is
never `yes` on means alone, and `no` only when the incomes by themselves are already too high. A person whose
incomes, capital or property are not given makes the means unknown (the facts are asked).
"""

from __future__ import annotations

from decimal import Decimal

from rechtenverkenner.catalog.shapes import Household
from rechtenverkenner.rights.core import MET, UNKNOWN, Result
from rechtenverkenner.rights.limits import in_scope
from rechtenverkenner.rights.situation import MISSING, Situation, as_number

DESCRIBED = "geheel van de bestaansmiddelen per maand"


def monthly(
    condition: dict, situation: Situation, scope: Household | None
) -> tuple[Decimal | None, Decimal | None, str, tuple[str, ...]]:
    """Lowest and highest monthly means (None as highest: unbounded; None as lowest: unknown), a description
    and the facts that are missing."""
    weights = {k: Decimal(str(v)) for k, v in (condition.get("weights") or {}).items()}
    low, bounded, missing = Decimal(0), True, []
    if not situation.members_known:
        missing.append("householdMembers")
    for person in situation.persons:
        counts = in_scope(person, scope)
        if counts is False:
            continue
        if counts is None:
            missing.append(f"{person.path}.fiscallyDependent")
            continue
        incomes = person.get("incomes")
        if incomes is MISSING:
            missing.append(f"{person.path}.incomes")
        else:
            for income in incomes:
                amount = as_number(income.get("amount")) or Decimal(0)
                per_month = amount / 12 if income.get("period") == "year" else amount
                low += per_month * weights.get(str(income.get("type")), Decimal(1))
        capital = person.get("movableCapital")
        if capital is MISSING:
            missing.append(f"{person.path}.movableCapital")
        elif (as_number(capital) or 0) > 0:
            bounded = False
        estate = person.get("realEstate")
        if estate is MISSING:
            missing.append(f"{person.path}.realEstate")
        elif estate:
            bounded = False
    if any(m.endswith(".incomes") for m in missing):
        return None, None, DESCRIBED, tuple(missing)
    if missing:
        return low, None, DESCRIBED, tuple(missing)
    return low, (low if bounded else None), DESCRIBED, ()


def without_limit(condition: dict, situation: Situation, scope: Household | None, who: str) -> Result:
    """A means test whose limits are not sourced: met only when the means are known to be nil (no income, no
    capital, no property: under any limit), otherwise unknown, never notMet."""
    low, high, _described, missing = monthly(condition, situation, scope)
    note = condition.get("note") or "de grenzen van het inkomensonderzoek zijn niet gevonden"
    if high is not None and high == 0:
        return Result(MET, f"{who.capitalize()} heeft geen inkomen, spaargeld of eigendom: onder elke grens.")
    if low is None or missing:
        return Result(UNKNOWN, f"De bestaansmiddelen van {who} zijn niet (volledig) gekend; {note}", missing)
    return Result(UNKNOWN, f"Er is inkomen, spaargeld of eigendom; {note}")
