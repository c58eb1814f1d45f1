"""Dates as ordinals in the hot loops, with ISO strings cached (no ``strftime`` per row).

``AS_AT`` is the fixed "today" of the synthetic world: generation never reads the clock, so the
same seed gives the same county on any day. ``START`` is when chronologies begin (the minute's
team was set up in 2015).
"""

from __future__ import annotations

import datetime as dt

AS_AT = dt.date(2026, 10, 31)
START = dt.date(2015, 1, 1)
AS_AT_ORD = AS_AT.toordinal()
START_ORD = START.toordinal()

_FIRST = dt.date(1920, 1, 1).toordinal()
_LAST = dt.date(2030, 12, 31).toordinal()
_ISO = [dt.date.fromordinal(o).isoformat() for o in range(_FIRST, _LAST + 1)]


def iso(ordinal: int | None) -> str:
    """ISO date for an ordinal; empty string for None (a blank CSV cell)."""
    if ordinal is None:
        return ""
    return _ISO[ordinal - _FIRST]


def ordinal(year: int, month: int = 1, day: int = 1) -> int:
    return dt.date(year, month, day).toordinal()


def to_date(o: int) -> dt.date:
    return dt.date.fromordinal(o)


def age_on(dob: dt.date, on: dt.date) -> int:
    """Whole years of age on a date."""
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def cohort(dob: dt.date) -> int:
    """The calendar year of the September that starts a child's school year group.

    Children born 1 September Y to 31 August Y+1 share cohort Y and start Reception in
    September Y+5; year group N runs in the academic year starting September Y+5+N.
    """
    return dob.year if dob.month >= 9 else dob.year - 1


def academic_year(on: dt.date) -> int:
    return on.year if on.month >= 9 else on.year - 1


def year_group(dob: dt.date, on: dt.date) -> int:
    """England year group on a date (Reception is 0)."""
    return academic_year(on) - cohort(dob) - 5
