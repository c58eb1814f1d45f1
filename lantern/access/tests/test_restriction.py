"""Restricting a record from the screen, naming who may see it, and lifting the restriction.

The DPO and team managers who can see a record manage it; restricting names the person doing
it and the child's lead professional so the work goes on, and everyone else in scope loses
sight of it (404, with break-glass for emergencies).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.access import events
from lantern.access.models import AccessGrant
from lantern.audit.models import AuditEvent
from lantern.people.models import Person

pytestmark = pytest.mark.django_db

REASON = "The child's mother works in the police control room."


def _url(person) -> str:
    return reverse("access:restriction", args=[person.pk])


def _detail(client, user, person) -> int:
    client.force_login(user)
    return client.get(reverse("people:person_detail", args=[person.pk])).status_code


def test_a_manager_restricts_and_the_lead_keeps_access(client, personas, casebook):
    kayla = casebook["team_child"]
    assert _detail(client, personas["dan"], kayla) == 200
    client.force_login(personas["tom"])
    page = client.get(_url(kayla))
    assert page.status_code == 200 and "Not restricted" in page.content.decode()
    assert AuditEvent.objects.filter(action=events.RESTRICTION_VIEWED, subject_ids=[kayla.pk]).exists()

    response = client.post(_url(kayla), {"do": "restrict", "restrict-reason": REASON})
    assert response.status_code == 302
    kayla.refresh_from_db()
    assert kayla.restricted
    named = set(AccessGrant.objects.filter(person=kayla).values_list("user__username", flat=True))
    assert named == {"tom", "priya"}
    event = AuditEvent.objects.get(action=events.RECORD_RESTRICTED)
    assert event.reason == REASON and event.subject_ids == [kayla.pk]

    assert _detail(client, personas["priya"], kayla) == 200
    assert _detail(client, personas["tom"], kayla) == 200
    assert _detail(client, personas["dan"], kayla) == 404
    assert _detail(client, personas["marcus"], kayla) == 404


def test_naming_someone_and_lifting_the_restriction(client, personas, casebook):
    kayla = casebook["team_child"]
    client.force_login(personas["tom"])
    client.post(_url(kayla), {"do": "restrict", "restrict-reason": REASON})
    response = client.post(_url(kayla), {"do": "name", "name-username": "dan",
                                         "name-reason": "Analyst on the exploitation profile"})
    assert response.status_code == 302
    assert _detail(client, personas["dan"], kayla) == 200

    client.force_login(personas["tom"])
    too_short = client.post(_url(kayla), {"do": "lift", "lift-reason": "done"})
    assert too_short.status_code == 200
    assert "Reason must be 20 characters or more" in too_short.content.decode()
    kayla.refresh_from_db()
    assert kayla.restricted
    response = client.post(_url(kayla), {"do": "lift", "lift-reason": "Mother has moved to another force."})
    assert response.status_code == 302
    kayla.refresh_from_db()
    assert not kayla.restricted
    assert AuditEvent.objects.filter(action=events.RECORD_UNRESTRICTED, subject_ids=[kayla.pk]).exists()
    assert _detail(client, personas["marcus"], kayla) == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"do": "restrict", "restrict-reason": "short"}, "Reason must be 20 characters or more"),
        ({"do": "restrict", "restrict-reason": ""}, "Enter the reason"),
    ],
)
def test_restricting_needs_a_real_reason(client, personas, casebook, data, message):
    kayla = casebook["team_child"]
    client.force_login(personas["tom"])
    page = client.post(_url(kayla), data)
    text = page.content.decode()
    assert page.status_code == 200 and message in text and "<title>Error:" in text
    kayla.refresh_from_db()
    assert not kayla.restricted and not AccessGrant.objects.exists()


def test_naming_errors_are_shown_and_change_nothing(client, personas, casebook):
    kayla = casebook["team_child"]
    client.force_login(personas["tom"])
    client.post(_url(kayla), {"do": "restrict", "restrict-reason": REASON})
    before = AccessGrant.objects.count()
    unknown = client.post(_url(kayla), {"do": "name", "name-username": "nobody", "name-reason": "x"})
    assert "There is no Lantern account with that username" in unknown.content.decode()
    outside = client.post(_url(kayla), {"do": "name", "name-username": "sarah", "name-reason": "School"})
    assert "record their involvement first" in outside.content.decode()
    again = client.post(_url(kayla), {"do": "restrict", "restrict-reason": REASON})
    assert again.status_code == 200 and "This record is already restricted" in again.content.decode()
    assert AccessGrant.objects.count() == before


@pytest.mark.parametrize("who", ["priya", "dan", "olivia", "sarah", "marcus", "amir", "sam"])
def test_only_managers_and_the_dpo_manage_restriction(client, personas, casebook, who):
    kayla = casebook["team_child"]
    client.force_login(personas[who])
    assert client.get(_url(kayla)).status_code == 404
    assert client.post(_url(kayla), {"do": "restrict", "restrict-reason": REASON}).status_code == 404
    assert not Person.objects.get(pk=kayla.pk).restricted


def test_the_dpo_manages_any_record_and_a_manager_only_those_they_see(client, personas, casebook):
    client.force_login(personas["grace"])
    child = casebook["restricted"]
    page = client.get(_url(child))
    body = page.content.decode()
    assert page.status_code == 200 and "Restricted" in body
    # Managing who may see a record does not name the child to a DPO who is not named on it.
    assert "A restricted record" in body and child.first_name not in body and child.last_name not in body
    client.force_login(personas["tom"])
    assert client.get(_url(casebook["restricted"])).status_code == 404  # not named on it
    assert client.get(_url(casebook["police_child"])).status_code == 404  # outside his scope
    assert client.get(reverse("access:restriction", args=[999999])).status_code == 404


def test_the_record_page_links_to_it_for_those_who_may_manage_it(client, personas, casebook):
    kayla = casebook["team_child"]
    client.force_login(personas["tom"])
    assert _url(kayla) in client.get(reverse("people:person_detail", args=[kayla.pk])).content.decode()
    client.force_login(personas["priya"])
    assert _url(kayla) not in client.get(reverse("people:person_detail", args=[kayla.pk])).content.decode()


def test_a_tampered_choice_is_an_error_and_saves_nothing(client, personas, casebook):
    kayla = casebook["team_child"]
    client.force_login(personas["tom"])
    page = client.post(_url(kayla), {"do": "delete-everything", "restrict-reason": REASON})
    text = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in text and "Choose what to do" in text
    kayla.refresh_from_db()
    assert not kayla.restricted and not AccessGrant.objects.exists()
