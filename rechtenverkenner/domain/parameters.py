"""Dated legal parameters: one history per parameter, every value with its source and confidence."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


class NotModelledForDate(Exception):
    """The rules hold no value for this date: the answer is "not modelled", never a silent default."""

    def __init__(self, what: str, date: dt.date, first: dt.date) -> None:
        self.what, self.date, self.first = what, date, first
        super().__init__(f"{what} is not modelled before {first.isoformat()} (asked for {date.isoformat()})")


@dataclass(frozen=True)
class LegalReference:
    """A citation: the label the advice shows and a link to the article (Justel/ELI), with its parts."""

    label: str
    url: str
    id: str = ""
    title: str = ""  # the act's title
    article: str = ""
    paragraph: str = ""
    point: str = ""
    note: str = ""
    secondary: str = ""  # a secondary source where the rule was read, when the act is not yet linked


@dataclass(frozen=True)
class DatedValue:
    start: dt.date
    value: Decimal | int | bool | dt.date | str
    source: str
    confidence: str  # CONFIRMED | DERIVED | CORROBORATED-CODE | UNCONFIRMED
    note: str = ""


@dataclass(frozen=True)
class ParameterHistory:
    """A parameter's values by in-force date, ascending."""

    id: str
    description: str
    unit: str
    reference: LegalReference
    values: tuple[DatedValue, ...]

    def at(self, date: dt.date) -> DatedValue:
        """The value in force on date (the last one whose start is on or before it).

        Raises NotModelledForDate before the first value.
        """
        starts = self.__dict__.get("_starts")
        if starts is None:  # built once: the history is immutable and its starts ascend (rules/ checks it)
            starts = tuple(value.start for value in self.values)
            object.__setattr__(self, "_starts", starts)
        index = bisect.bisect_right(starts, date)
        if index == 0:
            raise NotModelledForDate(self.id, date, self.values[0].start)
        return self.values[index - 1]

    def value_at(self, date: dt.date) -> Decimal | int | bool | dt.date | str:
        return self.at(date).value
