"""School days and the Operation Encompass clock: "before the next school day".

A school day is a weekday that is not an England and Wales bank holiday
(``lantern.access.workdays``) and, when the partnership configures term dates
(``LANTERN_SCHOOL_TERM_DATES``: a list of ``("YYYY-MM-DD", "YYYY-MM-DD")`` inclusive ranges), falls
inside a term. Without term dates every working day counts: a notice due in the holidays is
then early rather than late, which is the safe way to be wrong.

The school day starts at ``LANTERN_SCHOOL_DAY_START`` (default 08:30, London time). A notice
is due by the first school-day start *after* the moment it is made: an arrest at 07:00 on a
Monday in term is due by 08:30 that Monday; one at 10:00 is due by 08:30 on Tuesday; one on a
Friday evening before a bank holiday Monday is due by 08:30 on Tuesday.

Example::

    >>> import datetime as dt
    >>> next_school_day_start(dt.datetime(2026, 12, 24, 18, 0, tzinfo=LONDON)).date()
    datetime.date(2026, 12, 29)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings

from lantern.access.workdays import is_bank_holiday

LONDON = ZoneInfo("Europe/London")
MAX_SEARCH_DAYS = 400


def day_start() -> dt.time:
    raw = getattr(settings, "LANTERN_SCHOOL_DAY_START", "08:30")
    hours, minutes = raw.split(":")
    return dt.time(int(hours), int(minutes))


@lru_cache(maxsize=8)
def _terms(raw: tuple[tuple[str, str], ...]) -> tuple[tuple[dt.date, dt.date], ...]:
    terms = []
    for start, end in raw:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        if b < a:
            raise ValueError(f"Term ends before it starts: {start} to {end}")
        terms.append((a, b))
    return tuple(sorted(terms))


def term_dates() -> tuple[tuple[dt.date, dt.date], ...]:
    raw = getattr(settings, "LANTERN_SCHOOL_TERM_DATES", None) or []
    return _terms(tuple((str(a), str(b)) for a, b in raw))


def is_school_day(day: dt.date) -> bool:
    if day.weekday() >= 5 or is_bank_holiday(day):
        return False
    terms = term_dates()
    if terms:
        return any(a <= day <= b for a, b in terms)
    return True


def next_school_day(after: dt.date) -> dt.date:
    """The first school day strictly after ``after``."""
    day = after
    for _ in range(MAX_SEARCH_DAYS):
        day += dt.timedelta(days=1)
        if is_school_day(day):
            return day
    raise ValueError("No school day within a year: check LANTERN_SCHOOL_TERM_DATES")


def next_school_day_start(moment: dt.datetime) -> dt.datetime:
    """The start of the next school day after ``moment`` (aware), in London time."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    local = moment.astimezone(LONDON)
    start = day_start()
    if is_school_day(local.date()) and local.time() < start:
        day = local.date()
    else:
        day = next_school_day(local.date())
    return dt.datetime.combine(day, start, tzinfo=LONDON)
