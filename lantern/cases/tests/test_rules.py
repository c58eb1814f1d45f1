"""Working days, working hours and the casework timing rules."""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.cases import rules
from lantern.cases.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_hours_between,
)


def test_bank_holidays_are_not_working_days():
    assert not is_working_day(dt.date(2026, 4, 3))  # Good Friday
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day (substitute)
    assert not is_working_day(dt.date(2026, 5, 9))  # Saturday
    assert is_working_day(dt.date(2026, 5, 5))


def test_add_working_days_skips_easter():
    assert add_working_days(dt.date(2026, 4, 2), 1) == dt.date(2026, 4, 7)
    assert add_working_days(dt.date(2026, 5, 1), 5) == dt.date(2026, 5, 11)  # May Day on 4th
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 5, 1), -1)


def test_working_days_between():
    assert working_days_between(dt.date(2026, 5, 8), dt.date(2026, 5, 11)) == 1
    assert working_days_between(dt.date(2026, 5, 11), dt.date(2026, 5, 11)) == 0


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (dt.datetime(2026, 5, 8, 16, 30), dt.datetime(2026, 5, 11, 9, 0), 0.5),  # Fri late -> Mon
        (dt.datetime(2026, 5, 11, 8, 0), dt.datetime(2026, 5, 11, 12, 0), 3.0),  # before opening
        (dt.datetime(2026, 5, 11, 10, 0), dt.datetime(2026, 5, 12, 10, 0), 8.0),
        (dt.datetime(2026, 4, 2, 12, 0), dt.datetime(2026, 4, 7, 12, 0), 8.0),  # over Easter
        (dt.datetime(2026, 5, 11, 12, 0), dt.datetime(2026, 5, 11, 11, 0), 0.0),
    ],
)
def test_working_hours(start, end, hours):
    assert working_hours_between(start, end) == pytest.approx(hours)


def test_brought_forward_only_when_later():
    monday = dt.date(2026, 5, 11)
    assert rules.brought_forward(None, monday) == dt.date(2026, 5, 18)
    assert rules.brought_forward(dt.date(2026, 8, 1), monday) == dt.date(2026, 5, 18)
    assert rules.brought_forward(dt.date(2026, 5, 13), monday) is None


def test_resurface_window_uses_calendar_months():
    closed = dt.date(2026, 2, 28)
    assert rules.within_resurface_window(closed, dt.date(2026, 8, 28))
    assert not rules.within_resurface_window(closed, dt.date(2026, 8, 29))
    assert not rules.within_resurface_window(closed, dt.date(2026, 2, 27))
    assert rules.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert rules.add_months(dt.date(2026, 8, 31), -6) == dt.date(2026, 2, 28)
