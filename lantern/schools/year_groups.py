"""School year groups in England, from a date of birth: the one function for every page.

Why computed, not stored: a year group typed when a child joined a school goes stale every
September. Showing the stored number gave "year 7" for a 16-year-old. A child's year group is
fixed by the academic year they were born in (1 September to 31 August) and the academic year
of the date asked about ("as at"), so it is computed whenever it is shown. Pure Python (no
Django) so the synthetic county generator uses the same rule.

Example::

    >>> import datetime as dt
    >>> year_group(dt.date(2011, 8, 31), dt.date(2026, 11, 20))   # born on the last day
    10
    >>> year_group(dt.date(2011, 9, 1), dt.date(2026, 11, 20))    # one day younger
    9
    >>> year_group_label(0)
    'Reception'
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "RECEPTION",
    "YEAR_13",
    "academic_year",
    "cohort",
    "year_group",
    "year_group_label",
]

RECEPTION = 0
YEAR_13 = 13


def academic_year(day: dt.date) -> int:
    """The calendar year the academic year containing ``day`` started in (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def cohort(date_of_birth: dt.date) -> int:
    """The academic year a child was born in: children born 1 September Y to 31 August Y+1
    share cohort Y, start Reception in September Y+5 and Year N in September Y+5+N.

    A leap-day birthday (29 February) is simply in the spring of its academic year.
    """
    return academic_year(date_of_birth)


def year_group(date_of_birth: dt.date, as_at: dt.date) -> int:
    """The England year group (Reception is 0) a child of this age is in on ``as_at``.

    Below 0 means not yet of Reception age; above 13 means past Year 13. Callers label it with
    ``year_group_label``. When the date of birth is not known, the year group recorded on the
    enrolment, moved on each September, stands in (``lantern.schools.selectors``).
    """
    return academic_year(as_at) - cohort(date_of_birth) - 5


def year_group_label(group: int | None) -> str:
    """"Reception", "Year 9"; never "Year 0" or a year group that does not exist."""
    if group is None:
        return "Year group not known"
    if group < RECEPTION:
        return "Below Reception age"
    if group == RECEPTION:
        return "Reception"
    if group > YEAR_13:
        return "Past Year 13"
    return f"Year {group}"
