"""The NRM timescale calculator: weekends, Christmas and New Year substitute bank holidays, leap
years and the exact 100-day boundary. Every expected date is worked out by hand in the comment."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from lantern.nrm import timescales as ts
from lantern.nrm.timescales import (
    conclusive_grounds_earliest,
    days_to_18,
    devolved_eligible,
    eighteenth_birthday,
    reasonable_grounds_due,
    timescales,
)

D = dt.date


def test_module_examples_hold():
    failures, tried = doctest.testmod(ts, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 10 and failures == 0


@pytest.mark.parametrize(
    ("referred", "due"),
    [
        # Monday: Tue 1, Wed 2, Thu 3, Fri 4, Mon 5 (the referral day never counts).
        (D(2026, 3, 2), D(2026, 3, 9)),
        # Friday: Mon 1 ... Fri 5.
        (D(2026, 3, 6), D(2026, 3, 13)),
        # Saturday and Sunday count from Monday, the same as the Friday before.
        (D(2026, 3, 7), D(2026, 3, 13)),
        (D(2026, 3, 8), D(2026, 3, 13)),
        # Thursday 24 Dec 2026: Fri 25 Christmas, Mon 28 Boxing Day (substitute, the 26th is a
        # Saturday); Tue 29 (1), Wed 30 (2), Thu 31 (3), Fri 1 Jan New Year, Mon 4 (4), Tue 5 (5).
        (D(2026, 12, 24), D(2027, 1, 5)),
        # Thursday 23 Dec 2027: Fri 24 (1); 25/26 Dec 2027 are a Saturday and Sunday, so Mon 27 and
        # Tue 28 are the substitute days; Wed 29 (2), Thu 30 (3), Fri 31 (4); Sat 1 Jan 2028 moves
        # New Year to Mon 3 Jan; Tue 4 (5).
        (D(2027, 12, 23), D(2028, 1, 4)),
        # Christmas Day 2027 itself (a Saturday) counts from Wed 29: 29, 30, 31, 4, 5.
        (D(2027, 12, 25), D(2028, 1, 5)),
        # Thursday before Easter 2026: Good Friday 3 Apr and Easter Monday 6 Apr do not count;
        # Tue 7 (1) ... Mon 13 (5).
        (D(2026, 4, 2), D(2026, 4, 13)),
    ],
)
def test_reasonable_grounds_due(referred, due):
    assert reasonable_grounds_due(referred) == due


def test_reasonable_grounds_is_five_working_days_never_counting_the_referral_day():
    # A working-day referral's due date is always 7 calendar days later when no holiday falls.
    assert reasonable_grounds_due(D(2026, 6, 10)) - D(2026, 6, 10) == dt.timedelta(days=7)


def test_conclusive_grounds_earliest_is_30_calendar_days_after_the_rg_decision():
    assert conclusive_grounds_earliest(None) is None
    assert conclusive_grounds_earliest(D(2026, 3, 1)) == D(2026, 3, 31)
    # Across a leap day: 15 Feb 2028 + 30 = 16 March (29 days in February 2028).
    assert conclusive_grounds_earliest(D(2028, 2, 15)) == D(2028, 3, 16)
    # Across the year end, bank holidays do not matter (calendar days).
    assert conclusive_grounds_earliest(D(2026, 12, 24)) == D(2027, 1, 23)


def test_29_february_birthdays_turn_18_on_1_march():
    assert eighteenth_birthday(D(2008, 2, 29)) == D(2026, 3, 1)
    assert eighteenth_birthday(D(2012, 2, 29)) == D(2030, 3, 1)
    # A 28 February birthday is unaffected.
    assert eighteenth_birthday(D(2008, 2, 28)) == D(2026, 2, 28)
    # Days to 18 for a leap-day child: 1 March 2026 is 1 day after 28 February 2026.
    assert days_to_18(referred=D(2026, 2, 28), dob=D(2008, 2, 29)) == 1
    assert days_to_18(referred=D(2026, 3, 1), dob=D(2008, 2, 29)) == 0


def test_days_to_18_counts_calendar_days_and_goes_negative_after():
    assert days_to_18(referred=D(2026, 1, 1), dob=D(2008, 1, 2)) == 1
    assert days_to_18(referred=D(2026, 1, 3), dob=D(2008, 1, 2)) == -1


@pytest.mark.parametrize(
    ("dob", "days", "eligible"),
    [
        # Referral 1 January 2026; 18th birthday 101, 100 and 99 days later.
        (D(2008, 4, 12), 101, True),
        (D(2008, 4, 11), 100, False),  # exactly 100 days is not "more than 100"
        (D(2008, 4, 10), 99, False),
    ],
)
def test_the_exact_100_day_boundary(dob, days, eligible):
    referred = D(2026, 1, 1)
    assert days_to_18(referred=referred, dob=dob) == days
    assert devolved_eligible(referred=referred, dob=dob, pilot=True) is eligible


def test_leap_day_child_at_the_100_day_boundary():
    # 18 on 1 March 2026; 100 days before is 21 November 2025 (Nov 21 -> Mar 1 = 9 + 31 + 31 + 28 + 1).
    dob = D(2008, 2, 29)
    assert days_to_18(referred=D(2025, 11, 21), dob=dob) == 100
    assert devolved_eligible(referred=D(2025, 11, 21), dob=dob, pilot=True) is False
    assert devolved_eligible(referred=D(2025, 11, 20), dob=dob, pilot=True) is True


def test_not_in_the_pilot_or_unknown_birth_date_means_the_home_office():
    assert devolved_eligible(referred=D(2026, 1, 1), dob=D(2012, 1, 1), pilot=False) is False
    assert devolved_eligible(referred=D(2026, 1, 1), dob=None, pilot=True) is False


def test_timescales_json_shape():
    result = timescales(referred=D(2026, 12, 24), dob=D(2010, 6, 1), rg_decision=D(2027, 1, 4),
                        pilot=True).to_dict()
    assert result == {
        "reasonable_grounds_due": "2027-01-05",
        "conclusive_grounds_earliest": "2027-02-03",
        "devolved_eligible": True,
        "days_to_18": (D(2028, 6, 1) - D(2026, 12, 24)).days,
    }
