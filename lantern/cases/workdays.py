"""Working hours in England and Wales, for the triage clock; working days come from
``lantern.access.workdays`` (one table of bank holidays for the whole service).

Why here and Django-free: the triage clock ("how long has this referral waited?") counts working
*hours*, and the review rule ("after a critical event the next review is due within 5 working
days") counts working *days*; both must agree on which days are working days.

Example::

    >>> add_working_days(dt.date(2026, 4, 2), 1)   # Thursday before Good Friday
    datetime.date(2026, 4, 7)
"""

from __future__ import annotations

import datetime as dt

from lantern.access.workdays import add_working_days, is_working_day, working_days_between

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
