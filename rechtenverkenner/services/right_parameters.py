"""The dated legal figures a right's conditions use (catalog/parameters/), with the value in force on a date.

A right page and the API show them as the right's current amounts, each with its date and source; a figure the
catalogue does not hold for that date is said to be unknown, never shown as zero.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rechtenverkenner.catalog.shapes import Parameter, ParameterValue
from rechtenverkenner.domain.dutch import euro

STALE_AFTER_DAYS = 366  # most figures are indexed every year: an older value may have been replaced at the source
CONFIDENCE_NL = {
    "official": "officieel: staat zo op de bron",
    "derived": "berekend uit officiële bedragen",
    "secondary": "niet officieel: uit een secundaire bron",
    "unconfirmed": "niet bevestigd",
}
UNIT_NL = {
    "EUR/jaar": "per jaar",
    "EUR/maand": "per maand",
    "EUR/dag": "per dag",
    "EUR": "",
    "jaar": "jaar",
    "punten": "punten",
    "maanden": "maanden",
    "dagen": "dagen",
    "personen": "personen",
}
BY_NL = {
    "points": "punten",
    "category": "",
    "members": "gezinsleden",
    "dependants": "personen ten laste",
    "birth_year": "geboren vanaf",
}


def parameter_ids(conditions: list[dict]) -> list[str]:
    """The parameter ids the conditions cite (also inside any/not), in order of first use."""
    found: list[str] = []

    def walk(items: list[dict]) -> None:
        for c in items:
            if c.get("parameter") and c["parameter"] not in found:
                found.append(c["parameter"])
            for option in c.get("options") or []:
                walk(option)
            if c.get("condition"):
                walk([c["condition"]])

    walk(conditions)
    return found


def _figure(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    if unit.startswith("EUR"):
        suffix = UNIT_NL[unit]
        return f"{euro(value)} {suffix}".strip()
    number = str(value.normalize() if isinstance(value, Decimal) else value)
    return f"{number} {UNIT_NL.get(unit, unit)}".strip()


def _bare(unit: str) -> str:
    """The unit without its period (an amount per extra member follows the base's period)."""
    return "EUR" if unit.startswith("EUR") else unit


def _row_label(by: str | None, key: object) -> str:
    if by == "category":
        return str(key)
    if by == "birth_year":
        return f"geboren vanaf {key}"
    return f"{key} {BY_NL.get(by or '', '')}".strip()


def _row_text(row: dict, unit: str) -> str:
    parts = []
    if row.get("amount") is not None:
        parts.append(_figure(row["amount"], unit))
    if row.get("min") is not None:
        parts.append(f"minstens {_figure(row['min'], unit)}")
    if row.get("max") is not None:
        parts.append(f"hoogstens {_figure(row['max'], unit)}")
    text = ", ".join(parts)
    if row.get("per_extra_member") is not None:
        text += f", plus {_figure(row['per_extra_member'], _bare(unit))} per extra gezinslid"
    return text


def value_view(parameter: Parameter, value: ParameterValue) -> dict:
    """One dated value: its figure(s) in plain Dutch, its date, source and confidence."""
    rows = [
        {"key": str(r["key"]), "label": _row_label(value.by, r["key"]), "text": _row_text(r, parameter.unit)}
        for r in sorted(value.rows, key=lambda r: (isinstance(r["key"], str), r["key"]))
    ]
    if value.amount is not None:
        text = _figure(value.amount, parameter.unit)
    elif value.base is not None:
        text = (
            f"{_figure(value.base, parameter.unit)}, plus {_figure(value.per_extra_member, _bare(parameter.unit))}"
            " per extra gezinslid"
        )
    else:
        text = "; ".join(f"{r['label']}: {r['text']}" for r in rows)
    return {
        "validFrom": value.valid_from.isoformat(),
        "text": text,
        "amount": None if value.amount is None else str(value.amount),
        "base": None if value.base is None else str(value.base),
        "perExtraMember": None if value.per_extra_member is None else str(value.per_extra_member),
        "rows": rows,
        "source": value.source,
        "confidence": value.confidence,
        "confidenceLabel": CONFIDENCE_NL.get(value.confidence, value.confidence),
        "official": value.confidence == "official",
        "note": value.note,
    }


def parameters_view(
    parameters: dict[str, Parameter], conditions: list[dict], on: dt.date, amounts: list[str] | None = None
) -> list[dict]:
    """The right's own amounts (`amounts`: role "amount") and the parameters its conditions use (role "limit"),
    each with the value in force on `on` (None when the catalogue holds none for that date) and the next value
    when one is already known."""
    views = []
    own = list(dict.fromkeys(amounts or []))
    for parameter_id in own + [p for p in parameter_ids(conditions) if p not in own]:
        parameter = parameters.get(parameter_id)
        if parameter is None:
            continue
        current = parameter.at(on)
        upcoming = next((v for v in parameter.values if v.valid_from > on), None)
        views.append(
            {
                "id": parameter.id,
                "title": parameter.title,
                "unit": parameter.unit,
                "role": "amount" if parameter_id in own else "limit",
                "mayBeOutdated": bool(current) and not upcoming and (on - current.valid_from).days > STALE_AFTER_DAYS,
                "current": value_view(parameter, current) if current else None,
                "next": value_view(parameter, upcoming) if upcoming else None,
            }
        )
    return views
