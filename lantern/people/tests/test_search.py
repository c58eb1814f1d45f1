"""Typo-tolerant, phonetic name search: the same ranked list on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.people import search
from lantern.people.models import Alias
from lantern.people.selectors import person_search
from lantern.people.services import person_refresh_name_keys
from lantern.people.tests.factories import ChildFactory, InvolvementFactory


def test_normalise_strips_accents_and_apostrophes():
    assert search.normalise("Zoë O'Neil-Brown") == "zoe oneilbrown"


@pytest.mark.parametrize(
    "query,name",
    [("Jon Smith", "John Smith"), ("Aisha Khan", "Ayesha Khan"), ("Kaylee", "Kayleigh"),
     ("Mohammed Ali", "Muhammad Ali"), ("Smtih", "Smith")],
)
def test_sound_alike_and_typo_names_share_a_key_and_score_high(query, name):
    assert search.keys_for_names([query]) & search.keys_for_names([name])
    assert search.name_score(query, [name]) >= search.MIN_SCORE


def test_unrelated_names_score_low():
    assert search.name_score("Kayla Brightwater", ["Reece Tamberlane"]) < search.MIN_SCORE


def test_dob_matches_swapped_day_and_month():
    assert search.dob_matches(dt.date(2011, 4, 9), dt.date(2011, 9, 4))
    assert not search.dob_matches(dt.date(2011, 4, 9), dt.date(2012, 4, 9))


def test_rank_orders_by_score_then_id():
    ranked = search.rank(
        "john smith", None,
        {3: (["Jon Smith"], None), 1: (["John Smith"], None), 2: (["John Smyth"], None)},
    )
    assert [r.person_id for r in ranked][0] == 1
    assert {r.person_id for r in ranked} == {1, 2, 3}


@pytest.mark.django_db
def test_selector_finds_by_nickname_and_respects_dob(personas):
    from lantern.accounts.models import Agency

    agency = Agency.objects.get(name="Ashdown Police")
    child = ChildFactory(first_name="Tyrese", last_name="Coldwell", date_of_birth=dt.date(2010, 2, 3))
    other = ChildFactory(first_name="Tyrese", last_name="Caldwell", date_of_birth=dt.date(2009, 7, 7))
    for p in (child, other):
        InvolvementFactory(person=p, agency=agency)
    Alias.objects.create(person=child, name="T-Bone", kind="nickname")
    person_refresh_name_keys(person=child)
    dan = personas["dan"]
    assert person_search(actor=dan, query="T-Bone") == [child]
    both = person_search(actor=dan, query="Tyrese Coldwell")
    assert both[0] == child and other in both
    assert person_search(actor=dan, query="Tyrese Coldwell", date_of_birth=dt.date(2009, 7, 7)) == [other]
    assert person_search(actor=dan, query="", date_of_birth=dt.date(2010, 3, 2)) == [child]
