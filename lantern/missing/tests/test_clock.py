"""The 72 clock-hour return home interview clock, across weekends, bank holidays and the clock changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lantern.missing.clock import elapsed_hours, local_datetime, rhi_due_at

LONDON = ZoneInfo("Europe/London")


def at(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def test_plain_weekday_is_three_days_later_same_time():
    assert rhi_due_at(at(2026, 6, 10, 14, 15)) == at(2026, 6, 13, 14, 15)


def test_weekend_does_not_stop_the_clock():
    # Friday evening return: due Monday evening, not extended for the weekend.
    due = rhi_due_at(at(2026, 7, 3, 19, 0))
    assert due == at(2026, 7, 6, 19, 0)
    assert due.strftime("%A") == "Monday"


def test_bank_holidays_do_not_stop_the_clock():
    # Christmas Eve 2026 15:00: Christmas Day and the Boxing Day substitute are irrelevant.
    assert rhi_due_at(at(2026, 12, 24, 15, 0)) == at(2026, 12, 27, 15, 0)
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    assert rhi_due_at(at(2026, 4, 3, 9, 0)) == at(2026, 4, 6, 9, 0)


def test_autumn_change_moves_the_wall_clock_back_an_hour():
    # Clocks go back at 02:00 BST on Sunday 25 October 2026. 72 real hours after 10:00 BST
    # on Friday is 09:00 GMT on Monday; naive wall-clock arithmetic would wrongly say 10:00.
    returned = at(2026, 10, 23, 10, 0)
    due = rhi_due_at(returned)
    assert (due.hour, due.minute, due.day) == (9, 0, 26)
    assert due.tzname() == "GMT"
    assert elapsed_hours(returned, due) == 72
    naive_wrong = returned + dt.timedelta(hours=72)
    assert naive_wrong.hour == 10 and elapsed_hours(returned, naive_wrong) == 73


def test_spring_change_moves_the_wall_clock_forward_an_hour():
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026.
    returned = at(2026, 3, 27, 10, 0)
    due = rhi_due_at(returned)
    assert (due.day, due.hour) == (30, 11)
    assert due.tzname() == "BST"
    assert elapsed_hours(returned, due) == 72


def test_return_in_the_repeated_hour_is_counted_in_real_time():
    first = dt.datetime(2026, 10, 25, 1, 30, tzinfo=LONDON, fold=0)  # 01:30 BST
    second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=LONDON, fold=1)  # 01:30 GMT
    assert elapsed_hours(first, rhi_due_at(first)) == 72
    gap = rhi_due_at(second).astimezone(dt.UTC) - rhi_due_at(first).astimezone(dt.UTC)
    assert gap == dt.timedelta(hours=1)


def test_due_is_in_london_time_even_from_utc_input():
    due = rhi_due_at(dt.datetime(2026, 8, 1, 12, 0, tzinfo=dt.UTC))
    assert due.tzinfo == LONDON and due.hour == 13


def test_naive_datetime_refused():
    with pytest.raises(ValueError):
        rhi_due_at(dt.datetime(2026, 8, 1, 12, 0))


def test_local_datetime_refuses_the_skipped_hour():
    with pytest.raises(ValueError, match="did not exist"):
        local_datetime(dt.date(2026, 3, 29), dt.time(1, 30))
    assert local_datetime(dt.date(2026, 3, 29), dt.time(2, 30)).tzname() == "BST"


def test_local_datetime_reads_the_repeated_hour_as_bst():
    assert local_datetime(dt.date(2026, 10, 25), dt.time(1, 30)).tzname() == "BST"
