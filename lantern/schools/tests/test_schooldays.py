"""The next-school-day clock: weekends, bank holidays, term dates, before/after 08:30."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lantern.schools.schooldays import is_school_day, next_school_day, next_school_day_start

LONDON = ZoneInfo("Europe/London")


def at(*args):
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    "moment,expected",
    [
        (at(2026, 6, 10, 14, 0), at(2026, 6, 11, 8, 30)),  # Wednesday afternoon -> Thursday
        (at(2026, 6, 10, 7, 0), at(2026, 6, 10, 8, 30)),  # before school on a school day -> same day
        (at(2026, 6, 10, 8, 30), at(2026, 6, 11, 8, 30)),  # at 08:30 exactly: the day has started
        (at(2026, 6, 12, 16, 0), at(2026, 6, 15, 8, 30)),  # Friday -> Monday
        (at(2026, 6, 13, 3, 0), at(2026, 6, 15, 8, 30)),  # Saturday night -> Monday
        (at(2026, 5, 22, 18, 0), at(2026, 5, 26, 8, 30)),  # Friday before spring bank holiday -> Tuesday
        (at(2026, 4, 2, 20, 0), at(2026, 4, 7, 8, 30)),  # Thursday before Easter -> Tuesday after Easter Monday
        (at(2026, 12, 24, 18, 0), at(2026, 12, 29, 8, 30)),  # Christmas: 25th, weekend, 28th substitute
        (at(2026, 12, 31, 12, 0), at(2027, 1, 4, 8, 30)),  # New Year's Day Friday -> Monday
        (at(2026, 8, 28, 22, 0), at(2026, 9, 1, 8, 30)),  # summer bank holiday Monday 31 August
    ],
)
def test_next_school_day_start(moment, expected):
    assert next_school_day_start(moment) == expected


def test_utc_input_is_read_in_london_time():
    # 07:15 UTC on a June Monday is 08:15 BST: before school starts, so due that morning.
    due = next_school_day_start(dt.datetime(2026, 6, 15, 7, 15, tzinfo=dt.UTC))
    assert due == at(2026, 6, 15, 8, 30)
    # 07:45 UTC is 08:45 BST: school has started, so due the next day.
    assert next_school_day_start(dt.datetime(2026, 6, 15, 7, 45, tzinfo=dt.UTC)) == at(2026, 6, 16, 8, 30)


def test_clock_change_weekend():
    # Friday 23 October 2026 evening, clocks go back on Sunday: Monday 08:30 GMT.
    due = next_school_day_start(at(2026, 10, 23, 19, 0))
    assert due == at(2026, 10, 26, 8, 30) and due.tzname() == "GMT"


def test_term_dates_skip_the_holidays(settings):
    settings.LANTERN_SCHOOL_TERM_DATES = [("2026-09-02", "2026-10-23"), ("2026-11-02", "2026-12-18")]
    assert not is_school_day(dt.date(2026, 10, 26))  # half term
    assert next_school_day(dt.date(2026, 10, 23)) == dt.date(2026, 11, 2)
    assert next_school_day_start(at(2026, 10, 23, 15, 0)) == at(2026, 11, 2, 8, 30)


def test_school_day_start_configurable(settings):
    settings.LANTERN_SCHOOL_DAY_START = "08:45"
    assert next_school_day_start(at(2026, 6, 10, 8, 40)) == at(2026, 6, 10, 8, 45)


def test_naive_refused():
    with pytest.raises(ValueError):
        next_school_day_start(dt.datetime(2026, 6, 10, 8, 0))
