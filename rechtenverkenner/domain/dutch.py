"""Dutch notation shared by every text the service writes: dates in words and amounts in Belgian euro notation."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

MONTHS_NL = [
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
CENT = Decimal("0.01")


def dutch_date(date: dt.date) -> str:
    """A date in Dutch words (e.g. 1 juni 2025)."""
    return f"{date.day} {MONTHS_NL[date.month - 1]} {date.year}"


def euro(amount: Decimal) -> str:
    """Belgian euro notation, half-up to the cent, never through float (e.g. € 1.234,56)."""
    cents = int(Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP) * 100)
    whole, rest = divmod(abs(cents), 100)
    return f"€ {'-' if cents < 0 else ''}{whole:,}".replace(",", ".") + f",{rest:02d}"
