"""Dutch formatting for the rights check's sentences: amounts in euro and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def money(amount: Decimal) -> str:
    """An amount in Dutch notation: the euro sign, points between thousands and a decimal comma."""
    whole, cents = f"{amount.quantize(Decimal('0.01')):,.2f}".split(".")
    return "€ " + whole.replace(",", ".") + "," + cents


def when(date: dt.date) -> str:
    """A date in Dutch words, day month year."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
