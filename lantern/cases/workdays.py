"""Working days and working hours in England and Wales, for clocks and due dates.

Why here and Django-free: the triage clock ("how long has this referral waited?") and the review
rule ("after a critical event the next review is due within 5 working days") both count working
time, and both must agree. Bank holidays come from the ``holidays`` package (England, which has
the same bank holidays as Wales), so one-off holidays (a coronation, a state funeral) are right
without a hand-kept list.

Example::

    >>> add_working_days(dt.date(2026, 4, 2), 1)   # Thursday before Good Friday
    datetime.date(2026, 4, 7)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

__all__ = [
    "DAY_END",
    "DAY_START",
    "add_working_days",
    "is_working_day",
    "working_days_between",
    "working_hours_between",
]

#: The working day the clock counts, local time: 09:00 to 17:00 (8 hours).
DAY_START = dt.time(9, 0)
DAY_END = dt.time(17, 0)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]).keys())


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def _clip(day: dt.date, moment: dt.datetime) -> dt.datetime:
    opening = dt.datetime.combine(day, DAY_START)
    closing = dt.datetime.combine(day, DAY_END)
    return min(max(moment, opening), closing)


def working_hours_between(start: dt.datetime, end: dt.datetime) -> float:
    """Working hours (09:00-17:00 on working days) between two *local, naive* datetimes.

    A referral received at 16:30 on a Friday has waited half an hour by Monday 09:00.
    """
    if end <= start:
        return 0.0
    total = dt.timedelta()
    day = start.date()
    while day <= end.date():
        if is_working_day(day):
            lo = _clip(day, start) if day == start.date() else dt.datetime.combine(day, DAY_START)
            hi = _clip(day, end) if day == end.date() else dt.datetime.combine(day, DAY_END)
            if hi > lo:
                total += hi - lo
        day += dt.timedelta(days=1)
    return total.total_seconds() / 3600
