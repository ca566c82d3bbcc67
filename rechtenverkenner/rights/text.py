"""Dutch formatting for the rights check's sentences: amounts in euro and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rechtenverkenner.domain.dutch import dutch_date, euro


def money(amount: Decimal) -> str:
    """An amount in Dutch notation: the euro sign, points between thousands and a decimal comma."""
    return euro(amount)


def when(date: dt.date) -> str:
    """A date in Dutch words, day month year."""
    return dutch_date(date)
