"""ISO weeks: the unit every threat count is made in.

Why ISO weeks: they start on a Monday, never straddle two years' numbering ambiguously, and a
year has 52 or 53 of them, so "2026-W53" then "2027-W01" is simply the next week. Weeks are
handled as their Monday's date and stepped with ``timedelta(weeks=1)``, so a series runs across
a year end (week 52 or 53 to week 1) without any special case.

>>> week_label(monday_of(dt.date(2027, 1, 1)))
'2026-W53'
>>> latest_complete_week(dt.date(2026, 11, 30))  # a Monday: the week that ended yesterday
datetime.date(2026, 11, 23)
"""

from __future__ import annotations

import datetime as dt

ONE_WEEK = dt.timedelta(weeks=1)


def monday_of(day: dt.date) -> dt.date:
    """The Monday that starts ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def week_label(monday: dt.date) -> str:
    """``2026-W48``: the ISO year and week number (the ISO year can differ from the calendar
    year in the first and last days of December and January)."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_phrase(monday: dt.date) -> str:
    """"the week of 23 November 2026": how a reader is told which week."""
    return f"the week of {monday.day} {monday:%B %Y}"


def latest_complete_week(as_at: dt.date) -> dt.date:
    """The Monday of the last whole week before ``as_at``.

    ``as_at`` is "today": events run to the day before it. A part week would compare a few days
    against whole weeks and look quiet, so the newest week tested is the last one whose Sunday
    is before ``as_at``.
    """
    return monday_of(as_at) - ONE_WEEK


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Mondays from ``first``'s week to ``last``'s week, inclusive, in order."""
    out = []
    week = monday_of(first)
    end = monday_of(last)
    while week <= end:
        out.append(week)
        week += ONE_WEEK
    return out
