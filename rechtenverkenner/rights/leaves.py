"""Tri-state evaluation of one catalogue condition against a rights-check situation, with one Dutch sentence.

Every condition type of catalog/README.md gives `met`, `notMet` or `unknown` (Kleene logic for `any` and
`not`). Rules of the reference (rights-check.md §C): an absent fact is unknown; a parameter not in force on the
reference date is unknown ("niet gemodelleerd voor die datum"); an `assessment` is never notMet without the
professional's finding; a figure of confidence `secondary`/`unconfirmed` never decides notMet by itself when the
client's value lies within NEAR_LIMIT of it. No legal figure lives here: limits come from catalog/parameters/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from rechtenverkenner.rights import income
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
from rechtenverkenner.rights.text import when


def evaluate(condition: dict, situation: Situation, ctx: Context) -> Result:
    """The result of one condition (nested `any`/`not` included)."""
    kind = condition["type"]
    if kind == "any":
        return _any(condition, situation, ctx)
    if kind == "not":
        inner = evaluate(condition["condition"], situation, ctx)
        flipped = {MET: NOT_MET, NOT_MET: MET}.get(inner.status, UNKNOWN)
        return Result(flipped, f"Niet: {inner.text}", inner.missing, inner.confidence, inner.valid_from)
    handler = _HANDLERS.get(kind)
    if handler is None:
        return Result(UNKNOWN, f"Onbekend type voorwaarde '{kind}'.")
    return handler(condition, situation, ctx)


def all_of(conditions: list[dict], situation: Situation, ctx: Context) -> Result:
    """Kleene AND of a list of conditions: notMet if one is, met if all are, else unknown."""
    results = [evaluate(c, situation, ctx) for c in conditions]
    failed = [r for r in results if r.status == NOT_MET]
    if failed:
        return failed[0]
    open_ = [r for r in results if r.status == UNKNOWN]
    if open_:
        missing = tuple(dict.fromkeys(m for r in open_ for m in r.missing))
        return Result(UNKNOWN, open_[0].text, missing, open_[0].confidence, open_[0].valid_from)
    return Result(MET, " ".join(r.text for r in results), (), results[0].confidence if results else None)


def _any(condition: dict, situation: Situation, ctx: Context) -> Result:
    results = [all_of(option, situation, ctx) for option in condition["options"]]
    met = [r for r in results if r.status == MET]
    if met:
        return met[0]
    if all(r.status == NOT_MET for r in results):
        return Result(NOT_MET, "Geen enkele weg is voldaan: " + " / ".join(r.text for r in results))
    open_ = [r for r in results if r.status == UNKNOWN]
    missing = tuple(dict.fromkeys(m for r in open_ for m in r.missing))
    return Result(UNKNOWN, "Nog niet te beslissen: " + " / ".join(r.text for r in open_), missing)


def _persons(condition: dict, situation: Situation, default: str) -> list[Person]:
    return [situation.applicant] if (condition.get("member") or default) == "applicant" else situation.persons


def _birth_years(person: Person, on: dt.date) -> set[int] | None:
    """The birth years a person can have: the one of the birth date, or the two an age allows."""
    birth = person.get("birthDate")
    if birth is not MISSING and birth is not None:
        return {as_date(birth).year}
    age = person.age(on)
    if age is None:
        return None
    latest = on.year - age
    return {latest - 1, latest} if (on.month, on.day) != (12, 31) else {latest}


def _age(condition: dict, situation: Situation, ctx: Context) -> Result:
    low, high, valid_from, confidence = condition.get("min"), condition.get("max"), None, None
    if condition.get("parameter"):
        parameter, value = parameter_value(ctx, condition["parameter"], situation.reference_date)
        if value is None:
            return not_modelled(parameter.title, situation.reference_date)
        if value.by == "birth_year":  # a minimum age by birth cohort (the legal pension age)
            return _age_by_birth_year(condition, situation, value)
        if value.amount is None:
            return Result(UNKNOWN, f"De leeftijdsgrens '{parameter.title}' wordt (nog) niet afgeleid.")
        low, valid_from, confidence = int(value.amount), value.valid_from, value.confidence
    people = _persons(condition, situation, "applicant")
    unknown = (
        []
        if (condition.get("member") or "applicant") == "applicant" or situation.members_known
        else ["householdMembers"]
    )
    for person in people:
        age = person.age(situation.reference_date)
        if age is None:
            unknown.append(person.age_path())
        elif (low is None or age >= low) and (high is None or age <= high):
            return Result(MET, f"{_who(person)} {age} jaar: {_bounds(low, high)}.", (), confidence, valid_from)
    if unknown:
        return Result(UNKNOWN, f"De leeftijd is niet gekend ({_bounds(low, high)}).", tuple(unknown), confidence)
    ages = ", ".join(str(p.age(situation.reference_date)) for p in people)
    text = f"Leeftijd {ages} jaar; nodig: {_bounds(low, high)}."
    weak = confidence or condition.get("confidence")
    if weak in WEAK_CONFIDENCE and any(_near_age(p.age(situation.reference_date), low, high) for p in people):
        why = (
            f"{text} Die leeftijdsgrens is niet officieel bevestigd ({weak}); binnen 10 % ervan beslist ze niet alleen."
        )
        return Result(UNKNOWN, why, (), confidence, valid_from)
    if condition.get("when_not_met") == "unknown":  # the source names exceptions outside the limit
        return Result(UNKNOWN, f"{text} {condition.get('note') or ''}".strip(), (), confidence, valid_from)
    return Result(NOT_MET, text, (), confidence, valid_from)


def _near_age(age: int | None, low: int | None, high: int | None) -> bool:
    """An age within 10 % of an age limit it misses (reference §0: a weak figure never decides a no near it)."""
    if age is None:
        return False
    return any(bound is not None and abs(age - bound) <= NEAR_LIMIT * bound for bound in (low, high))


def _age_by_birth_year(condition: dict, situation: Situation, value: object) -> Result:
    """At least the age the table gives for the person's birth year; unknown when the age is unknown or an age
    alone leaves two birth years with different minimum ages between which the person falls."""
    on = situation.reference_date
    unknown: list[str] = []
    for person in _persons(condition, situation, "applicant"):
        years = _birth_years(person, on)
        age = person.age(on)
        if years is None or age is None:
            unknown.append(person.age_path())
            continue
        minimums = {int(value.row(year)["amount"]) for year in years if value.row(year)}
        if not minimums:
            unknown.append(person.age_path())
        elif age >= max(minimums):
            return Result(
                MET,
                f"{_who(person)} {age} jaar: minstens {max(minimums)} jaar.",
                (),
                value.confidence,
                value.valid_from,
            )
        elif age >= min(minimums):
            unknown.append(person.age_path().replace(".birthDate", ".birthDate"))
    if unknown:
        return Result(UNKNOWN, "De leeftijd of het geboortejaar is niet (precies genoeg) gekend.", tuple(unknown))
    return Result(
        NOT_MET, "De wettelijke leeftijd voor dit recht is nog niet bereikt.", (), value.confidence, value.valid_from
    )


def _who(person: Person) -> str:
    return "Je bent" if person.relation == "applicant" else "Een huisgenoot is"


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"tussen {low} en {high} jaar"
    return f"minstens {low} jaar" if low is not None else f"hoogstens {high} jaar"


def _residence(condition: dict, situation: Situation, ctx: Context) -> Result:
    names = ", ".join(ctx.scope_label(s) for s in condition["scopes"])
    if set(condition["scopes"]) & set(ctx.municipality_scopes):
        return Result(MET, f"Je woont in het gebied waar dit geldt ({names}).")
    here = ctx.scope_label(situation.municipality)
    return Result(NOT_MET, f"Dit geldt enkel in {names}; {here} valt daarbuiten.")


def _status(condition: dict, situation: Situation, ctx: Context) -> Result:
    wanted = set(condition["any_of"])
    labels = " of ".join(ctx.status_labels.get(s, s) for s in condition["any_of"])
    ref = situation.reference_date
    as_of = condition.get("as_of") or "reference_date"
    on = {"jan1": dt.date(ref.year, 1, 1), "jan1_previous_year": dt.date(ref.year - 1, 1, 1)}.get(as_of, ref)
    months = condition.get("held_months_min")
    who = "jij" if (condition.get("member") or "any") == "applicant" else "iemand op het adres"
    since_txt = f"op {when(on)}" if on != ref else "nu"
    unknown: list[str] = []
    if (condition.get("member") or "any") == "any" and not situation.members_known:
        unknown.append("householdMembers")  # others on the address may hold it
    for person in _persons(condition, situation, "any"):
        statuses = situation.statuses(person)
        if statuses is None:
            unknown.append(f"{person.path}.statuses")
            continue
        for j, status in enumerate(statuses):
            if status["id"] not in wanted:
                continue
            since = status.get("since")
            need_since = on != ref or months
            if need_since and since is None:
                unknown.append(f"{person.path}.statuses[{j}].since")
                continue
            if since is not None and since > on:
                continue
            if months and months_between(since, on) < months:
                continue
            extra = f", minstens {months} volle maanden" if months else ""
            return Result(MET, f"{since_txt.capitalize()} heeft {who} {labels}{extra}.")
    if unknown:
        return Result(UNKNOWN, f"Niet gekend of {who} {since_txt} {labels} heeft.", tuple(unknown))
    if on != ref:  # statuses[] lists what is held today: a status held then and lost since is not excluded
        paths = tuple(f"{p.path}.statuses" for p in _persons(condition, situation, "any"))
        return Result(UNKNOWN, f"Vandaag heeft {who} geen {labels}; niet gekend of dat {since_txt} zo was.", paths)
    extra = f" sinds minstens {months} volle maanden" if months else ""
    return Result(NOT_MET, f"{since_txt.capitalize()} heeft {who} geen {labels}{extra}.")


def _children(condition: dict, situation: Situation, ctx: Context) -> Result:
    return _members({"relation": "child", "max_age": condition["max_age"] - 1}, situation, ctx)


def _members(condition: dict, situation: Situation, ctx: Context) -> Result:
    relation = condition.get("relation") or "any"
    low, high, need = condition.get("min_age"), condition.get("max_age"), condition.get("count_min") or 1
    where = condition.get("where") or {}
    sure, maybe, missing = 0, 0, []
    for person in situation.members:
        if relation != "any" and person.relation != relation:
            continue
        verdict, paths = _member_fits(person, situation.reference_date, low, high, where)
        sure += verdict is True
        maybe += verdict is None
        missing += paths if verdict is None else []
    what = {"child": "kind(eren)", "partner": "partner"}.get(relation, "huisgeno(o)t(en)")
    ages = "" if low is None and high is None else f" ({_bounds(low, high)})"
    if sure >= need:
        return Result(MET, f"Er zijn {sure} {what}{ages} die voldoen; nodig: {need}.")
    if not situation.members_known:
        return Result(UNKNOWN, f"De huisgenoten zijn niet gekend; nodig: {need} {what}{ages}.", ("householdMembers",))
    if sure + maybe < need:
        return Result(NOT_MET, f"Er zijn {sure} {what}{ages} die voldoen; nodig: {need}.")
    return Result(UNKNOWN, f"Niet gekend of er {need} {what}{ages} zijn die voldoen.", tuple(dict.fromkeys(missing)))


def _member_fits(
    person: Person, on: dt.date, low: int | None, high: int | None, where: dict
) -> tuple[bool | None, list[str]]:
    missing: list[str] = []
    age = person.age(on)
    verdicts: list[bool | None] = []
    if low is not None or high is not None:
        if age is None:
            verdicts.append(None)
            missing.append(person.age_path())
        else:
            verdicts.append((low is None or age >= low) and (high is None or age <= high))
    for fact, expected in where.items():
        relative = fact.removeprefix("applicant.")
        value = person.get(relative)
        if value is MISSING:
            verdicts.append(None)
            missing.append(f"{person.path}.{relative}")
        elif isinstance(expected, dict):  # { op, value }: a comparison (validated when the catalogue loads)
            verdicts.append(_compare(value, expected["op"], expected["value"]))
        else:
            options = expected if isinstance(expected, list) else [expected]
            verdicts.append(any(_same(value, option) for option in options))
    if False in verdicts:
        return False, []
    return (None, missing) if None in verdicts else (True, [])


def _compare(given: object, op: str, expected: object) -> bool | None:
    """A member's fact compared with a value: eq, in (a list), ge, le; None when they cannot be compared."""
    if op == "eq":
        return _same(given, expected)
    if op == "in":
        return any(_same(given, option) for option in (expected if isinstance(expected, list) else [expected]))
    try:
        if isinstance(given, dt.date) or isinstance(expected, dt.date):
            left, right = as_date(given), as_date(expected)
        else:
            left, right = as_number(given), as_number(expected)
    except (TypeError, ValueError, ArithmeticError):
        return None
    if left is None or right is None:
        return None
    return left >= right if op == "ge" else left <= right


def _same(given: object, expected: object) -> bool:
    if isinstance(given, bool) or isinstance(expected, bool):
        return given is expected
    if isinstance(given, dt.date):
        return given == as_date(expected)
    if isinstance(given, (int, Decimal)) and not isinstance(expected, str):
        return as_number(given) == as_number(expected)
    return str(given) == str(expected)


def _student(condition: dict, situation: Situation, ctx: Context) -> Result:
    person = situation.applicant
    if person.has("education.level"):
        student = True
    elif person.has("fullTimeStudent"):
        student = bool(person.get("fullTimeStudent"))
    else:
        return Result(UNKNOWN, "Niet gekend of je student of leerling bent.", ("applicant.education.level",))
    ok = student == condition["value"]
    text = "Je bent student of leerling." if student else "Je bent geen student of leerling."
    return Result(MET if ok else NOT_MET, text)


TENURE = {"tenantPrivate": "private", "tenantSocial": "social"}


def _tenant(condition: dict, situation: Situation, ctx: Context) -> Result:
    tenure = situation.get("housing.tenure")
    if tenure is MISSING:
        return Result(UNKNOWN, "De woonsituatie is niet gekend.", ("housing.tenure",))
    kind = TENURE.get(str(tenure), "none")
    wanted = condition["tenant_kind"]
    ok = kind in ("private", "social") if wanted == "any" else kind == wanted
    need = {"any": "een huurwoning", "private": "een private huurwoning", "social": "een sociale huurwoning"}[wanted]
    return Result(MET if ok else NOT_MET, f"Nodig: {need}; {'dat klopt' if ok else 'dat is niet zo'}.")


def _right(condition: dict, situation: Situation, ctx: Context) -> Result:
    right_id = condition["right"]
    if condition["mode"] == "granted":
        label = ctx.status_labels.get(right_id, right_id)
        statuses = situation.statuses(situation.applicant)
        if statuses is None:
            return Result(UNKNOWN, f"Niet gekend of je {label} krijgt.", ("applicant.statuses",))
        held = any(s["id"] == right_id for s in statuses)
        return Result(MET if held else NOT_MET, f"Je krijgt {'' if held else 'geen '}{label}.")
    verdict, title, why = ctx.right_verdict(right_id)
    word = {"yes": "ja", "no": "nee"}.get(verdict, "nog onbekend")
    status = {"yes": MET, "no": NOT_MET}.get(verdict, UNKNOWN)
    missing = tuple(ctx.extra.get("missing_of", {}).get(right_id, ()))
    return Result(status, f"Dit voordeel volgt uit {title}; daarop is het antwoord {word}: {why}", missing)


def _fact(condition: dict, situation: Situation, ctx: Context) -> Result:
    return income.fact_condition(condition, situation, ctx)


def _assessment(condition: dict, situation: Situation, ctx: Context) -> Result:
    key = condition["key"]
    note = condition.get("note") or "dat hangt van een professioneel oordeel af"
    finding = situation.get(f"applicant.assessment.{key}")
    if finding is MISSING:
        return Result(UNKNOWN, f"Dat beoordeelt de maatschappelijk werker: {note}", (f"applicant.assessment.{key}",))
    ok = finding == "met"
    return Result(
        MET if ok else NOT_MET, f"De maatschappelijk werker oordeelde: {'voldaan' if ok else 'niet voldaan'}."
    )


def _household_income(condition: dict, situation: Situation, ctx: Context) -> Result:
    return income.household_income(condition, situation, ctx)


_HANDLERS: dict[str, Callable[[dict, Situation, Context], Result]] = {
    "age": _age,
    "residence": _residence,
    "status": _status,
    "children": _children,
    "members": _members,
    "student": _student,
    "tenant": _tenant,
    "right": _right,
    "fact": _fact,
    "assessment": _assessment,
    "household_income": _household_income,
}
