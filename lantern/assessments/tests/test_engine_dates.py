"""Calendar arithmetic: the base of every window. Tested with examples and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantern.assessments.engine import months_after, months_before
from lantern.assessments.engine.dates import (
    age_in_years,
    first_date_outside,
    format_date,
    last_day_of_month,
    month_only_effective,
    parse_date,
)

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
months = st.integers(min_value=0, max_value=240)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2019, 6, 30), 6, date(2018, 12, 30)),
        (date(2019, 8, 31), 6, date(2019, 2, 28)),  # clamp to a short February
        (date(2020, 8, 31), 6, date(2020, 2, 29)),  # leap year
        (date(2019, 3, 31), 1, date(2019, 2, 28)),
        (date(2020, 3, 31), 1, date(2020, 2, 29)),
        (date(2019, 5, 31), 3, date(2019, 2, 28)),
        (date(2019, 12, 31), 3, date(2019, 9, 30)),
        (date(2020, 2, 29), 12, date(2019, 2, 28)),
        (date(2020, 2, 29), 48, date(2016, 2, 29)),
        (date(2019, 1, 15), 1, date(2018, 12, 15)),  # across a year end
        (date(2019, 1, 31), 13, date(2017, 12, 31)),
        (date(2019, 7, 1), 6, date(2019, 1, 1)),
        (date(2019, 6, 30), 0, date(2019, 6, 30)),
        (date(2019, 2, 28), -6, date(2019, 8, 28)),  # negative n moves forward
    ],
)
def test_months_before_examples(start, n, expected):
    assert months_before(start, n) == expected


def test_months_after_clamps_too():
    assert months_after(date(2019, 8, 31), 6) == date(2020, 2, 29)
    assert months_after(date(2019, 1, 31), 1) == date(2019, 2, 28)


@given(dates, months)
def test_months_before_moves_exactly_n_calendar_months(d, n):
    result = months_before(d, n)
    assert (d.year * 12 + d.month) - (result.year * 12 + result.month) == n


@given(dates, months)
def test_months_before_keeps_the_day_or_clamps_to_month_end(d, n):
    result = months_before(d, n)
    if d.day <= last_day_of_month(result.year, result.month):
        assert result.day == d.day
    else:
        assert result.day == last_day_of_month(result.year, result.month)


@given(dates, dates, months)
def test_months_before_is_monotonic(a, b, n):
    if a <= b:
        assert months_before(a, n) <= months_before(b, n)


@given(dates, months)
def test_months_after_undoes_months_before_when_no_clamping(d, n):
    if d.day <= 28:
        assert months_after(months_before(d, n), n) == d


@given(dates, st.integers(min_value=1, max_value=24))
def test_first_date_outside_is_the_first_day_the_date_leaves_the_window(d, n):
    t = first_date_outside(d, n)
    assert months_before(t, n) > d
    assert months_before(t - timedelta(days=1), n) <= d


def test_first_date_outside_at_month_end():
    # 28 Feb 2019 is within 6 months of 29, 30 and 31 Aug (all clamp to 28 Feb); out on 1 Sep.
    assert first_date_outside(date(2019, 2, 28), 6) == date(2019, 9, 1)
    assert first_date_outside(date(2019, 1, 12), 6) == date(2019, 7, 13)


@pytest.mark.parametrize(
    ("month", "as_at", "expected"),
    [
        (date(2019, 1, 1), date(2019, 6, 30), date(2019, 1, 31)),  # earlier month: its last day
        (date(2019, 6, 1), date(2019, 6, 12), date(2019, 6, 12)),  # as-at month: the as-at date
        (date(2019, 7, 1), date(2019, 6, 30), None),  # a later month: ignored
        (date(2020, 2, 1), date(2020, 3, 1), date(2020, 2, 29)),
        (date(2019, 2, 17), date(2019, 6, 30), date(2019, 2, 28)),  # day part ignored
    ],
)
def test_month_only_effective_date(month, as_at, expected):
    assert month_only_effective(month, as_at) == expected


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        (date(2006, 3, 1), date(2019, 6, 30), 13),
        (date(2006, 7, 1), date(2019, 6, 30), 12),
        (date(2006, 6, 30), date(2019, 6, 30), 13),  # birthday on the as-at date
        (date(2008, 2, 29), date(2022, 2, 28), 13),  # leap-day birthday not yet reached
        (date(2008, 2, 29), date(2022, 3, 1), 14),
    ],
)
def test_age_in_years(dob, on, age):
    assert age_in_years(dob, on) == age


def test_parse_and_format_dates():
    assert parse_date("2019-01-12") == (date(2019, 1, 12), False)
    assert parse_date("2019-01") == (date(2019, 1, 1), True)
    assert format_date(date(2019, 1, 12)) == "12 Jan 2019"
    assert format_date(date(2019, 1, 12), month_only=True) == "Jan 2019"
    for bad in ("2019-02-30", "12/01/2019", "2019-1-5", "2019", "", "2019-13"):
        with pytest.raises(ValueError, match="not a real date"):
            parse_date(bad)
    with pytest.raises(ValueError):
        parse_date(20190112)
