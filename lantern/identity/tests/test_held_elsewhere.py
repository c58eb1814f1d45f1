"""Issue 10 item 4: search before create looks across scopes without showing what it finds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.identity.choices import MatchKind
from lantern.identity.models import PossibleMatch
from lantern.people.models import Person

pytestmark = pytest.mark.django_db


def _child(casebook, key):
    child = casebook[key]
    child.date_of_birth = dt.date(2010, 6, 14)
    child.save()
    return child


def _create(client, person, **extra):
    data = {
        "kind": "child", "first_name": person.first_name, "last_name": person.last_name,
        "date_of_birth_0": "14", "date_of_birth_1": "6", "date_of_birth_2": "2010",
        "sex": "U", "sen_status": "unknown", **extra,
    }
    return client.post(reverse("people:person_create"), data)


def test_a_match_held_by_another_team_is_mentioned_never_shown(client, personas, casebook):
    west = _child(casebook, "west_child")  # West team only: Priya may not open it
    client.force_login(personas["priya"])
    before = Person.objects.count()
    page = _create(client, west)
    body = page.content.decode()
    assert page.status_code == 200
    assert "A record that may match is held elsewhere in the partnership" in body
    assert f"/people/{west.pk}/" not in body
    assert "0 possible matches" not in body
    assert Person.objects.count() == before, "nothing is created until the user chooses"
    assert AuditEvent.objects.filter(
        action="people.match_held_elsewhere_shown", actor_id=personas["priya"].pk
    ).exists()


def test_asking_for_access_creates_no_record(client, personas, casebook):
    west = _child(casebook, "west_child")
    client.force_login(personas["priya"])
    before = Person.objects.count()
    response = _create(client, west, held_elsewhere_route="access")
    assert response.status_code == 302
    assert Person.objects.count() == before
    item = PossibleMatch.objects.get()
    assert (item.kind, item.person, item.other) == (MatchKind.ACCESS_REQUEST, None, west)


def test_creating_anyway_raises_the_pair_for_the_triage_team(client, personas, casebook):
    west = _child(casebook, "west_child")
    client.force_login(personas["priya"])
    response = _create(client, west, held_elsewhere_route="create")
    assert response.status_code == 302
    created = Person.objects.order_by("-pk").first()
    item = PossibleMatch.objects.get()
    assert (item.kind, item.person, item.other) == (MatchKind.CREATED_DESPITE_MATCH, created, west)


def test_a_restricted_match_is_not_mentioned_but_still_raised(client, personas, casebook):
    hidden = _child(casebook, "restricted")
    client.force_login(personas["priya"])
    page = _create(client, hidden)
    assert "held elsewhere" not in page.content.decode()
    assert page.status_code == 302
    item = PossibleMatch.objects.get()
    assert item.other == hidden and item.kind == MatchKind.CREATED_DESPITE_MATCH


def test_a_name_alone_reveals_nothing(client, personas, casebook):
    west = casebook["west_child"]
    client.force_login(personas["priya"])
    page = client.get(reverse("people:search"), {"q": f"{west.first_name} {west.last_name}"})
    assert "held elsewhere" not in page.content.decode()


def test_search_with_name_and_date_of_birth_mentions_it(client, personas, casebook):
    west = _child(casebook, "west_child")
    client.force_login(personas["priya"])
    page = client.get(
        reverse("people:search"),
        {"q": f"{west.first_name} {west.last_name}", "dob_0": "14", "dob_1": "6", "dob_2": "2010"},
    )
    body = page.content.decode()
    assert "A record that may match is held elsewhere in the partnership" in body
    assert f"/people/{west.pk}/" not in body


def test_no_notice_when_the_user_can_see_the_match(client, personas, casebook):
    mine = _child(casebook, "team_child")
    client.force_login(personas["priya"])
    body = _create(client, mine).content.decode()
    assert "held elsewhere" not in body
    assert "possible match" in body
