"""The scoring and blocking keys of search before create (pure Python, no database)."""

from __future__ import annotations

import datetime as dt

from lantern.identity import matching
from lantern.identity.matching import Profile

DOB = dt.date(2011, 4, 9)


def _rec(first="Kayla", last="Brightwater", dob=DOB, postcodes=(), identifiers=(), aliases=()):
    return Profile(
        first_names=(first, *aliases), last_names=(last,), date_of_birth=dob,
        postcodes=postcodes, identifiers=identifiers,
    )


def _probe(**kw):
    return Profile.typed(**{"first_name": "Kayla", "last_name": "Brightwater", "date_of_birth": DOB, **kw})


def test_the_same_name_and_date_is_strong_with_reasons():
    c = matching.score(_probe(), _rec(), person_id=1)
    assert c.strong and c.score >= 80
    assert "Same date of birth" in c.reasons and "Same surname" in c.reasons


def test_day_and_month_swapped_is_still_strong():
    c = matching.score(_probe(date_of_birth=dt.date(2011, 9, 4)), _rec(), person_id=1)
    assert c.strong
    assert "Date of birth with day and month swapped" in c.reasons


def test_an_estimated_date_of_birth_matches_on_the_year_whichever_side_holds_it():
    estimated = dt.date(2011, 1, 1)  # an age assessed, recorded as 1 January
    other = dt.date(2011, 6, 30)
    typed_estimate = matching.score(_probe(date_of_birth=estimated), _rec(), person_id=1)
    held_estimate = matching.score(_probe(), _rec(dob=estimated), person_id=1)
    unrelated = matching.score(_probe(date_of_birth=other), _rec(), person_id=1)
    for c in (typed_estimate, held_estimate):
        assert "Same year of birth (date estimated)" in c.reasons and not c.strong
        assert c.score > unrelated.score


def test_names_the_other_way_round_are_recognised():
    c = matching.score(_probe(first_name="Brightwater", last_name="Kayla"), _rec(), person_id=1)
    assert "First name and surname the other way round" in c.reasons
    assert c.score >= matching.STRONG_SCORE


def test_a_spelling_that_sounds_the_same_matches():
    c = matching.score(_probe(first_name="Kaylah", last_name="Brightwatter"), _rec(), person_id=1)
    assert c.strong
    assert any("spelt differently" in r for r in c.reasons)


def test_a_nickname_recorded_as_an_alias_matches():
    c = matching.score(_probe(first_name="Kay"), _rec(aliases=("Kay",)), person_id=1)
    assert c.strong


def test_a_different_child_with_another_date_is_weak():
    c = matching.score(_probe(date_of_birth=dt.date(2014, 1, 20)), _rec(), person_id=1)
    assert not c.strong and c.score < matching.STRONG_SCORE


def test_a_shared_identifier_is_strong_even_with_other_names():
    c = matching.score(
        Profile.typed(first_name="Zed", last_name="Other", identifiers=[("nhs", "9434765919")]),
        _rec(identifiers=(("nhs", "9434765919"),)),
        person_id=1,
    )
    assert c.strong and "Same NHS number" in c.reasons


def test_a_different_identifier_of_the_same_type_counts_against():
    same = matching.score(_probe(), _rec(), person_id=1)
    clash = matching.score(
        _probe(identifiers=[("nhs", "1111111111")]), _rec(identifiers=(("nhs", "9434765919"),)), person_id=1
    )
    assert clash.score < same.score


def test_probe_keys_meet_record_keys_for_a_wrong_year_and_a_missing_date():
    record = _rec(dob=dt.date(2010, 4, 9))
    selective, _capped = matching.probe_keys(_probe())
    assert selective & matching.record_keys(record), "year one out shares a key"
    assert selective & matching.record_keys(_rec(dob=None)), "no date on the record shares a key"
    far = _rec(dob=dt.date(2001, 4, 9))
    assert not selective & matching.record_keys(far)


def test_without_a_date_the_name_keys_are_capped_ones():
    selective, capped = matching.probe_keys(_probe(date_of_birth=None))
    assert not selective and capped & matching.record_keys(_rec())


def test_postcode_keys_catch_a_wrong_date_with_a_nickname():
    record = _rec(dob=dt.date(2011, 1, 1), postcodes=("AD11FJ",))
    selective, _ = matching.probe_keys(
        Profile.typed(first_name="Kay", last_name="Brightwater", date_of_birth=dt.date(2009, 4, 9), postcode="ad1 1fj")
    )
    assert selective & matching.record_keys(record)


def test_weak_letters_do_not_split_phonetic_keys():
    assert matching.phonetic("aisha") == matching.phonetic("ayesha")
    assert matching.phonetic("reid") == matching.phonetic("reed")


def test_rank_is_best_first_and_stable():
    records = {2: _rec(), 1: _rec(), 3: _rec(first="Zoltan", last="Quist", dob=dt.date(1990, 1, 1))}
    ranked = matching.rank(_probe(), records)
    assert [c.person_id for c in ranked] == [1, 2]
