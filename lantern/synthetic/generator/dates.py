"""Dates as ordinals in the hot loops, with ISO strings cached (no ``strftime`` per row).

**As at.** Every county is generated "as at" a date: the synthetic world's today. Chronologies
end the day before it, ages and school year groups are worked out for it, open cases are the
ones still open on it. The date is a parameter (``generate(..., as_at=...)``, carried by
``County.as_at``), never read from the clock inside the generator, so the same seed and as-at
date give the same county on any day. The demo seeds "as at" today (``seed_demo``) so its
caseload looks live; tests pin a date.

``START`` is when chronologies begin (the minute's team was set up in 2015). An as-at date must
leave room for the history planted before it (``EARLIEST_AS_AT``: the County Lines active in
February 2019 and the yearly trends from 2015).
"""

from __future__ import annotations

import datetime as dt

from lantern.schools import year_groups as _year_groups

START = dt.date(2015, 1, 1)
START_ORD = START.toordinal()
EARLIEST_AS_AT = dt.date(2020, 1, 1)
LATEST_AS_AT = dt.date(2099, 12, 31)

_FIRST = dt.date(1920, 1, 1).toordinal()
_LAST = dt.date(2040, 12, 31).toordinal()
_ISO = [dt.date.fromordinal(o).isoformat() for o in range(_FIRST, _LAST + 1)]


def check_as_at(as_at: dt.date) -> dt.date:
    """``as_at`` as a plain date, or ``ValueError`` saying which dates the generator can make."""
    if isinstance(as_at, dt.datetime):
        as_at = as_at.date()
    if not isinstance(as_at, dt.date):
        raise ValueError(f"as_at must be a date, not {as_at!r}")
    if not EARLIEST_AS_AT <= as_at <= LATEST_AS_AT:
        raise ValueError(f"as_at must be between {EARLIEST_AS_AT} and {LATEST_AS_AT}, not {as_at}")
    return as_at


def iso(ordinal: int | None) -> str:
    """ISO date for an ordinal; empty string for None (a blank CSV cell)."""
    if ordinal is None:
        return ""
    if _FIRST <= ordinal <= _LAST:
        return _ISO[ordinal - _FIRST]
    return dt.date.fromordinal(ordinal).isoformat()


def ordinal(year: int, month: int = 1, day: int = 1) -> int:
    return dt.date(year, month, day).toordinal()


def to_date(o: int) -> dt.date:
    return dt.date.fromordinal(o)


def age_on(dob: dt.date, on: dt.date) -> int:
    """Whole years of age on a date."""
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def cohort(dob: dt.date) -> int:
    """The academic year a child was born in (``lantern.schools.year_groups.cohort``)."""
    return _year_groups.cohort(dob)


def academic_year(on: dt.date) -> int:
    return _year_groups.academic_year(on)


def year_group(dob: dt.date, on: dt.date) -> int:
    """England year group on a date (Reception is 0): the product's one rule, so the county
    is generated with the same year groups its pages show."""
    return _year_groups.year_group(dob, on)
