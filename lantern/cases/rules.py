"""The timing rules of casework, in one place so code, tests and docs agree (docs/adr/0006).

* First review: ``FIRST_REVIEW_WEEKS`` after a case opens (the six-week distance-travelled point).
* Later reviews: ``REVIEW_INTERVAL_WEEKS`` apart unless the review sets another date
  (at least every three months).
* A critical event (arrest, missing, A&E, exclusion, managed move, found out of area) brings the
  next review of every open case for the child forward to no later than
  ``CRITICAL_REVIEW_WORKING_DAYS`` working days after the day it is recorded. A review already
  due sooner is left alone.
* A closed case whose child has a critical event dated within ``RESURFACE_MONTHS`` calendar
  months after closure is re-surfaced to the team's managers.
"""

from __future__ import annotations

import calendar
import datetime as dt

from lantern.cases.workdays import add_working_days

FIRST_REVIEW_WEEKS = 6
REVIEW_INTERVAL_WEEKS = 12
CRITICAL_REVIEW_WORKING_DAYS = 5
RESURFACE_MONTHS = 6
ENGAGEMENT_WEEKS = 8


def first_review_date(opened_on: dt.date) -> dt.date:
    return opened_on + dt.timedelta(weeks=FIRST_REVIEW_WEEKS)


def default_next_review(held_on: dt.date) -> dt.date:
    return held_on + dt.timedelta(weeks=REVIEW_INTERVAL_WEEKS)


def critical_review_deadline(recorded_on: dt.date) -> dt.date:
    return add_working_days(recorded_on, CRITICAL_REVIEW_WORKING_DAYS)


def brought_forward(current: dt.date | None, recorded_on: dt.date) -> dt.date | None:
    """The new next-review date after a critical event, or None if it need not move."""
    deadline = critical_review_deadline(recorded_on)
    if current is None or current > deadline:
        return deadline
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (earlier when negative), clamped to the
    month's last day: 31 August + 6 months is 28 February (29 in a leap year)."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def within_resurface_window(closed_on: dt.date, event_on: dt.date) -> bool:
    """True when the event falls on or after closure and within six calendar months of it."""
    return closed_on <= event_on <= add_months(closed_on, RESURFACE_MONTHS)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
