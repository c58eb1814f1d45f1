"""Search before create: candidates with score and reasons, split by what the user may see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.identity.candidates import candidates_for, find_candidates
from lantern.identity.matching import Profile
from lantern.people.models import Identifier
from lantern.people.services import person_refresh_name_keys

pytestmark = pytest.mark.django_db


def _probe(person, **kw):
    return Profile.typed(
        first_name=kw.get("first", person.first_name),
        last_name=kw.get("last", person.last_name),
        date_of_birth=kw.get("dob", person.date_of_birth),
    )


def test_a_visible_record_is_shown_with_score_and_reasons(personas, casebook):
    kayla = casebook["team_child"]
    found = candidates_for(actor=personas["priya"], probe=_probe(kayla, first="Kaylah"))
    assert [p.pk for p, _c in found.shown] == [kayla.pk]
    cand = found.shown[0][1]
    assert cand.score >= 70 and "Same date of birth" in cand.reasons


def test_a_strong_match_elsewhere_is_held_not_shown(personas, casebook):
    west = casebook["west_child"]
    found = candidates_for(actor=personas["priya"], probe=_probe(west))
    assert found.shown == [] and found.held_elsewhere == [west.pk]


def test_a_restricted_match_is_silent(personas, casebook):
    hidden = casebook["restricted"]
    found = candidates_for(actor=personas["priya"], probe=_probe(hidden))
    assert found.shown == [] and found.held_elsewhere == [] and found.silent == [hidden.pk]


def test_a_weak_match_elsewhere_is_not_mentioned_at_all(personas, casebook):
    west = casebook["west_child"]
    # Same name, a date of birth years away: a name alone must say nothing.
    found = candidates_for(actor=personas["priya"], probe=_probe(west, dob=dt.date(2001, 2, 3)))
    assert (found.shown, found.held_elsewhere, found.silent) == ([], [], [])


def test_swapped_day_and_month_and_wrong_year_are_found(personas, casebook):
    kayla = casebook["team_child"]  # born 9 April 2011
    assert kayla.pk in {c.person_id for c in find_candidates(_probe(kayla, dob=dt.date(2011, 9, 4)))}
    assert kayla.pk in {c.person_id for c in find_candidates(_probe(kayla, dob=dt.date(2012, 4, 9)))}


def test_an_identifier_finds_the_record_whatever_the_name(personas, casebook):
    kayla = casebook["team_child"]
    Identifier.objects.create(person=kayla, type="nhs", value="9434765919")
    probe = Profile.typed(first_name="Someone", last_name="Else", identifiers=[("nhs", "9434765919")])
    found = find_candidates(probe)
    assert found and found[0].person_id == kayla.pk and found[0].strong


def test_a_renamed_record_is_found_under_its_new_name(personas, casebook):
    kayla = casebook["team_child"]
    kayla.last_name = "Ashcombe"
    kayla.date_of_birth = None
    kayla.save()
    person_refresh_name_keys(person=kayla)
    found = find_candidates(Profile.typed(first_name="Kayla", last_name="Ashcombe", date_of_birth=dt.date(2011, 4, 9)))
    assert kayla.pk in {c.person_id for c in found}


def test_the_live_candidates_page_lists_with_reasons_and_audits(client, personas, casebook):
    kayla = casebook["team_child"]
    client.force_login(personas["priya"])
    page = client.get(reverse("identity:candidates"), {
        "first_name": "Kaila", "last_name": "Brightwater",
        "date_of_birth_0": "9", "date_of_birth_1": "4", "date_of_birth_2": "2011",
    })
    body = page.content.decode()
    assert page.status_code == 200
    assert f"/people/{kayla.pk}/" in body and "Score" in body and "Same date of birth" in body
    event = AuditEvent.objects.get(action="identity.candidates_shown")
    assert kayla.pk in [int(i) for i in event.subject_ids]


def test_the_live_candidates_page_never_names_a_record_held_elsewhere(client, personas, casebook):
    west = casebook["west_child"]
    client.force_login(personas["priya"])
    body = client.get(reverse("identity:candidates"), {
        "first_name": west.first_name, "last_name": west.last_name,
        "date_of_birth_0": str(west.date_of_birth.day), "date_of_birth_1": str(west.date_of_birth.month),
        "date_of_birth_2": str(west.date_of_birth.year),
    }).content.decode()
    assert "held elsewhere" in body
    assert west.last_name not in body and f"/people/{west.pk}/" not in body


@pytest.mark.parametrize("params", [
    {"first_name": "x" * 500, "last_name": "y"},
    {"last_name": "Brightwater", "date_of_birth_0": "99999999999999999999", "date_of_birth_1": "4", "date_of_birth_2": "2011"},
    {"last_name": "Brightwater", "date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "2011"},
    {"postcode": "\x00"},
    {},
])
def test_bad_input_never_fails(client, personas, casebook, params):
    client.force_login(personas["priya"])
    assert client.get(reverse("identity:candidates"), params).status_code == 200


@pytest.mark.parametrize("who", ["sarah", "amir", "sam", "dan", "grace"])
def test_people_who_may_not_create_records_get_404(client, personas, who):
    client.force_login(personas[who])
    assert client.get(reverse("identity:candidates"), {"last_name": "Brightwater"}).status_code == 404


def test_create_page_without_javascript_shows_scores_and_reasons(client, personas, casebook):
    kayla = casebook["team_child"]
    client.force_login(personas["priya"])
    body = client.post(reverse("people:person_create"), {
        "kind": "child", "first_name": "Kayla", "last_name": "Brightwatter",
        "date_of_birth_0": "4", "date_of_birth_1": "9", "date_of_birth_2": "2011",
        "sex": "U", "sen_status": "unknown",
    }).content.decode()
    assert f"/people/{kayla.pk}/" in body
    assert "Date of birth with day and month swapped" in body and "Score" in body


def test_triage_sees_scored_candidates_from_the_referrals_details(client, personas, casebook):
    from lantern.referrals.tests.test_views import make_concern

    kayla, west = casebook["team_child"], casebook["west_child"]
    referral = make_concern(
        personas["sarah"], child_first_name="Kaila", child_last_name="Brightwatter",
        child_date_of_birth=dt.date(2011, 9, 4),
    )
    client.force_login(personas["priya"])
    body = client.get(reverse("referrals:match", args=[referral.pk])).content.decode()
    assert "Likely matches from the referral's details" in body
    assert f"/people/{kayla.pk}/" in body and "Date of birth with day and month swapped" in body
    other = make_concern(
        personas["sarah"], child_first_name=west.first_name, child_last_name=west.last_name,
        child_date_of_birth=west.date_of_birth,
    )
    body = client.get(reverse("referrals:match", args=[other.pk])).content.decode()
    assert "held elsewhere in the partnership" in body and f"/people/{west.pk}/" not in body
