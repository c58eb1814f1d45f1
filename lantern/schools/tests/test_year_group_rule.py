"""The one year-group rule (lantern.schools.year_groups): boundaries, leap days, labels."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.people.models import Person, SchoolEnrolment
from lantern.schools.selectors import current_year_group
from lantern.schools.year_groups import year_group, year_group_label

AS_AT = dt.date(2026, 11, 20)  # academic year 2026/27


def test_31_august_and_1_september_birthdays_are_a_year_apart():
    """The oldest in a year are born on 1 September, the youngest on 31 August."""
    assert year_group(dt.date(2011, 8, 31), AS_AT) == 11
    assert year_group(dt.date(2011, 9, 1), AS_AT) == 10
    assert year_group(dt.date(2010, 9, 1), AS_AT) == 11


def test_the_year_changes_on_1_september_not_before():
    dob = dt.date(2012, 3, 14)
    assert year_group(dob, dt.date(2026, 8, 31)) == 9
    assert year_group(dob, dt.date(2026, 9, 1)) == 10


def test_leap_day_birthdays_and_leap_day_as_at():
    assert year_group(dt.date(2012, 2, 29), AS_AT) == 10
    assert year_group(dt.date(2012, 2, 29), dt.date(2024, 2, 29)) == 7
    assert year_group(dt.date(2011, 3, 1), dt.date(2024, 2, 29)) == 8


def test_reception_is_year_0_and_labelled_reception():
    dob = dt.date(2020, 10, 1)  # four in October 2024, Reception from September 2025
    assert year_group(dob, dt.date(2025, 8, 31)) == -1
    assert year_group(dob, dt.date(2026, 1, 10)) == 0
    assert year_group_label(0) == "Reception"
    assert year_group_label(7) == "Year 7"
    assert year_group_label(-1) == "Below Reception age"
    assert year_group_label(14) == "Past Year 13"
    assert year_group_label(None) == "Year group not known"


@settings(deadline=None)
@given(
    dob=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2022, 12, 31)),
    as_at=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31)),
)
def test_age_and_year_group_agree(dob, as_at):
    """A child aged N on the day is in year N-5 or N-4 (Year 11 is 15 or 16 years old)."""
    age = as_at.year - dob.year - ((as_at.month, as_at.day) < (dob.month, dob.day))
    assert year_group(dob, as_at) in (age - 5, age - 4)


def test_a_16_year_old_enrolled_in_year_7_is_shown_in_year_11_or_12():
    """The stored year group is as at the start; the page shows the year group now."""
    person = Person(pk=1, first_name="A", last_name="B", date_of_birth=dt.date(2010, 6, 1))
    enrolment = SchoolEnrolment(person=person, year_group=7, start_date=dt.date(2021, 9, 6))
    assert current_year_group(enrolment, AS_AT) == 12


def test_without_a_date_of_birth_the_recorded_year_moves_up_each_september():
    enrolment = SchoolEnrolment(year_group=7, start_date=dt.date(2024, 9, 4))
    assert current_year_group(enrolment, dt.date(2025, 7, 1)) == 7
    assert current_year_group(enrolment, dt.date(2025, 9, 1)) == 8
