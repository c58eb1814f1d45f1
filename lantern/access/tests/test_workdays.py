"""England and Wales working days: the bank-holiday table, the rules and the arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.access import workdays as w

D = dt.date

#: One-off changes by proclamation: in the table, not produced by the standing rules.
ONE_OFFS = {
    2020: ({D(2020, 5, 8)}, {D(2020, 5, 4)}),
    2022: ({D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19)}, {D(2022, 5, 30)}),
    2023: ({D(2023, 5, 8)}, set()),
}


@pytest.mark.parametrize("year", range(w.FIRST_YEAR, w.LAST_YEAR + 1))
def test_table_matches_the_rules_apart_from_one_off_changes(year):
    table = {d for d in w.BANK_HOLIDAYS if d.year == year}
    added, removed = ONE_OFFS.get(year, (set(), set()))
    assert table == (set(w.rule_holidays(year)) | added) - removed


def test_published_dates_for_2025_and_2026():
    # As published for England and Wales (gov.uk/bank-holidays).
    assert sorted(d for d in w.BANK_HOLIDAYS if d.year == 2025) == [
        D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5),
        D(2025, 5, 26), D(2025, 8, 25), D(2025, 12, 25), D(2025, 12, 26),
    ]
    assert sorted(d for d in w.BANK_HOLIDAYS if d.year == 2026) == [
        D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4),
        D(2026, 5, 25), D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28),
    ]


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2015, D(2015, 4, 5)), (2019, D(2019, 4, 21)), (2024, D(2024, 3, 31)), (2038, D(2038, 4, 25))],
)
def test_easter(year, sunday):
    assert w.easter(year) == sunday


def test_christmas_on_a_weekend_moves_both_days():
    assert {D(2027, 12, 27), D(2027, 12, 28)} <= w.BANK_HOLIDAYS  # Saturday Christmas
    assert {D(2022, 12, 26), D(2022, 12, 27)} <= w.BANK_HOLIDAYS  # Sunday Christmas
    assert {D(2032, 12, 27), D(2032, 12, 28)} <= w.rule_holidays(2032)  # Saturday, outside table


def test_add_working_days_skips_weekends_and_bank_holidays():
    assert w.add_working_days(D(2026, 3, 2), 5) == D(2026, 3, 9)  # Monday -> next Monday
    assert w.add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)
    assert w.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)  # Easter
    assert w.add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)
    with pytest.raises(ValueError):
        w.add_working_days(D(2026, 3, 2), -1)


def test_working_days_between():
    assert w.working_days_between(D(2026, 3, 2), D(2026, 3, 9)) == 5
    assert w.working_days_between(D(2026, 3, 2), D(2026, 3, 10)) == 6
    assert w.working_days_between(D(2026, 3, 9), D(2026, 3, 2)) == 0
    # Friday 24 December 2027 to Friday 31 December: Christmas moved to 27 and 28 December.
    assert w.working_days_between(D(2027, 12, 24), D(2027, 12, 31)) == 3
