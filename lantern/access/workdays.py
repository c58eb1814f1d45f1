"""Working days in England and Wales: weekends and bank holidays excluded.

Why our own table: deadlines such as "a break-glass grant is reviewed within 5 working days"
and the NRM's "reasonable grounds within 5 working days" must not depend on a network call or a
package that may lag behind a royal proclamation. The table covers 2015-2030 and was produced
by the rules below (Easter by the anonymous Gregorian algorithm, ``easter``), then corrected by
hand for the one-off changes:

* 2020: early May bank holiday moved to Friday 8 May (VE Day 75th anniversary)
* 2022: spring bank holiday moved to Thursday 2 June, extra holiday Friday 3 June (Platinum
  Jubilee), extra holiday Monday 19 September (State Funeral of Queen Elizabeth II)
* 2023: extra holiday Monday 8 May (Coronation of King Charles III)

Rules: New Year's Day, Good Friday, Easter Monday, first Monday in May, last Monday in May, last
Monday in August, Christmas Day, Boxing Day; a holiday falling at a weekend moves to the next
weekday that is not already a holiday. ``tests`` recompute every year from the rules and compare.

Outside 2015-2030 the rules are applied directly (without one-off changes), so dates keep
working; extend ``BANK_HOLIDAYS`` when the government announces a change.

Example::

    >>> add_working_days(dt.date(2026, 12, 24), 1)
    datetime.date(2026, 12, 29)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

FIRST_YEAR = 2015
LAST_YEAR = 2030

#: England and Wales bank holidays, 2015-2030 inclusive.
BANK_HOLIDAYS: frozenset[dt.date] = frozenset(
    dt.date.fromisoformat(d)
    for d in (
    # 2015
    "2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04",
    "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28",
    # 2016
    "2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02",
    "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27",
    # 2017
    "2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01",
    "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26",
    # 2018
    "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07",
    "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26",
    # 2019
    "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
    "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",
    # 2020
    "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
    "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
    # 2021
    "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
    "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
    # 2022
    "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
    "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
    # 2023
    "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
    "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26",
    # 2024
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
    "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
    # 2025
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
    "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
    # 2026
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
    "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
    # 2027
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
    "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
    # 2028
    "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01",
    "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
    # 2029
    "2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07",
    "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26",
    # 2030
    "2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06",
    "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26",
    )
)


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar), by the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


@lru_cache(maxsize=64)
def rule_holidays(year: int) -> frozenset[dt.date]:
    """The bank holidays the standing rules give for ``year`` (no one-off changes)."""
    days: set[dt.date] = set()
    new_year = dt.date(year, 1, 1)
    days.add(new_year if new_year.weekday() < 5 else _monday_on_or_after(new_year))
    sunday = easter(year)
    days |= {sunday - dt.timedelta(days=2), sunday + dt.timedelta(days=1)}
    days.add(_monday_on_or_after(dt.date(year, 5, 1)))
    days.add(_last_monday(year, 5))
    days.add(_last_monday(year, 8))
    for fixed in (dt.date(year, 12, 25), dt.date(year, 12, 26)):
        day = fixed
        while day.weekday() >= 5 or day in days:
            day += dt.timedelta(days=1)
        days.add(day)
    return frozenset(days)


def is_bank_holiday(day: dt.date) -> bool:
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return day in BANK_HOLIDAYS
    return day in rule_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while days:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

    A grant made on Monday 2 March 2026 has 5 working days behind it on Monday 9 March.
    """
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
