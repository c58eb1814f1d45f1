"""The one rule: a child shown as a suspect is always also shown as a possible victim."""

import datetime as dt

from lantern.intelligence.roles import ALSO_POSSIBLE_VICTIM, is_child, role_text, shown_roles


def test_a_child_suspect_is_also_a_possible_victim():
    assert shown_roles("suspect", is_child=True) == ["Suspect", ALSO_POSSIBLE_VICTIM]
    assert role_text("suspect", is_child=True) == "Suspect, also a possible victim"


def test_adults_and_other_roles_are_shown_as_recorded():
    assert shown_roles("suspect", is_child=False) == ["Suspect"]
    assert shown_roles("victim", is_child=True) == ["Victim"]
    assert shown_roles("", is_child=True) == []


def test_an_adult_record_under_18_is_a_child_for_the_rule():
    on = dt.date(2026, 10, 31)
    assert is_child("child", None, on)
    assert is_child("adult_of_concern", dt.date(2009, 11, 1), on)
    assert not is_child("adult_of_concern", dt.date(2008, 10, 31), on)
    assert not is_child("adult", None, on)
