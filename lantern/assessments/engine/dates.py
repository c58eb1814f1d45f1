"""Calendar arithmetic for time windows, and the rule for month-only observation dates.

Why this module exists: risk tools say "within 6 months", and a child's score must be the same
whoever recomputes it and whenever. Calendar months are not a fixed number of days, so we pin the
arithmetic down once here and test it heavily.

The window rule
    "Within N months of the as-at date" means on or after ``months_before(as_at, N)`` and on or
    before ``as_at``. Subtracting months keeps the day of the month and clamps to the last day of
    a shorter month: 31 Aug 2019 minus 6 months is 28 Feb 2019; 31 Aug 2020 minus 6 months is
    29 Feb 2020.

The month-only rule
    Some records only give a month ("seen in January 2019"). We treat a month-only observation as
    dated the *latest* day of that month that is not after the as-at date, i.e.
    ``min(last day of the month, as_at)``; if the whole month is after the as-at date it is ignored.
    This is the precautionary choice: not knowing the day never makes a recorded concern age out
    earlier than it could have, and a concern recorded "this month" always counts.
"""

from __future__ import annotations

import calendar
from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def last_day_of_month(year: int, month: int) -> int:
    """Number of the last day of ``month`` (28-31), leap years included.

    A table rather than ``calendar.monthrange``: this runs for every observation when thousands
    of assessments are re-scored, and ``monthrange`` also works out the weekday.
    """
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def months_before(d: date, n: int) -> date:
    """The date ``n`` calendar months before ``d``, clamped to the end of a shorter month.

    A negative ``n`` moves forward. The day of the month is kept when it exists:

    >>> months_before(date(2019, 6, 30), 6)
    datetime.date(2018, 12, 30)
    >>> months_before(date(2019, 8, 31), 6)
    datetime.date(2019, 2, 28)
    >>> months_before(date(2020, 8, 31), 6)
    datetime.date(2020, 2, 29)
    """
    index = d.year * 12 + (d.month - 1) - n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, last_day_of_month(year, month)))


def months_after(d: date, n: int) -> date:
    """The date ``n`` calendar months after ``d`` (same clamping as :func:`months_before`)."""
    return months_before(d, -n)


def first_date_outside(d: date, n: int) -> date:
    """The first as-at date ``t`` for which ``d`` is earlier than ``months_before(t, n)``.

    This is the day an observation dated ``d`` leaves a window reaching back ``n`` months; used to
    tell people when a score will fall if nothing new is recorded. In the month ``n`` months after
    ``d``, ``months_before`` maps day ``k`` to ``min(k, last day of d's month)``, so the answer is
    the next day of that month, unless ``d`` is its month's last day or the month is too short,
    in which case it is the 1st of the following month (e.g. 28 Feb 2019 + 6 -> 1 Sep 2019).
    """
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    if d.day < last_day_of_month(d.year, d.month) and d.day < last_day_of_month(year, month0 + 1):
        return date(year, month0 + 1, d.day + 1)
    year, month0 = divmod(index + 1, 12)
    return date(year, month0 + 1, 1)


def month_only_effective(d: date, as_at: date) -> date | None:
    """Effective date of a month-only observation for scoring as at ``as_at`` (see module doc).

    Returns ``None`` when the whole month is after ``as_at`` (the observation is ignored).
    """
    first = d.replace(day=1)
    if first > as_at:
        return None
    last = d.replace(day=last_day_of_month(d.year, d.month))
    return min(last, as_at)


def age_in_years(date_of_birth: date, on: date) -> int:
    """Whole years of age on ``on``; born on 29 Feb, the birthday is 1 Mar in other years."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def format_date(d: date, month_only: bool = False) -> str:
    """Plain-English date used in explanations: '12 Jan 2019', or 'Jan 2019' for month-only.

    Locale independent on purpose: stored explanations must not change with server settings.
    """
    month = _MONTHS[d.month - 1]
    return f"{month} {d.year}" if month_only else f"{d.day} {month} {d.year}"


def parse_date(text: str) -> tuple[date, bool]:
    """Parse 'YYYY-MM-DD' or month-only 'YYYY-MM'; returns ``(date, month_only)``.

    A month-only date is returned as the 1st of the month with ``month_only=True``.
    Raises ``ValueError`` with a readable message otherwise.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a date as 'YYYY-MM-DD' or 'YYYY-MM', got {text!r}")
    parts = text.strip().split("-")
    try:
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            return date(int(parts[0]), int(parts[1]), 1), True
        if len(parts) == 3 and len(parts[0]) == 4 and len(parts[1]) == 2 and len(parts[2]) == 2:
            return date(int(parts[0]), int(parts[1]), int(parts[2])), False
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a real date as 'YYYY-MM-DD' or 'YYYY-MM'")
