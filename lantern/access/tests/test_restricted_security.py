"""A restricted record of one agency stays invisible to other agencies through every page,
search and count: not found, never "forbidden", and never its name.

The page list is not hand-written: every URL with a ``person_id`` is requested, so a new page
about a person is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.access import matrix
from lantern.access.policies import person_policy
from lantern.access.scopes import ACTIONS, VIEW
from lantern.access.services import grant_named
from lantern.access.urlwalk import walk
from lantern.accounts.models import Agency, Team
from lantern.people import selectors
from lantern.people.models import ChronologyEvent, Person
from lantern.people.tests.factories import (
    ChronologyEventFactory,
    InvolvementFactory,
    RestrictedChildFactory,
)
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

#: Users in other agencies whose role scope does not reach a police-only child.
OTHER_AGENCIES = ["priya", "tom", "sarah", "amir", "sam"]
#: Partnership-wide roles (and police colleagues not named): the record stays hidden, but they
#: may be offered break-glass (and the DPO sees the record's audit trail, for oversight).
PARTNERSHIP_WIDE = ["marcus", "grace", "dan"]
#: The DPO manages restriction on any record (``services.may_name_users``): she must be able to
#: open the restriction page of a record she is not named on, to name someone or lift it.
OVERSIGHT = {("grace", "audit:record_history"), ("grace", "access:restriction")}


@pytest.fixture
def police_secret(personas):
    """A restricted child known only to police; Olivia (police) is named on it."""
    police = Agency.objects.get(name=cast.POLICE)
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    child = RestrictedChildFactory(first_name="Oriel", last_name="Quenby", date_of_birth=dt.date(2010, 6, 2))
    InvolvementFactory(person=child, agency=police, team=met)
    ChronologyEventFactory(person=child, source_agency=police, summary="Sensitive police note")
    grant_named(actor=personas["grace"], person=child, user=personas["olivia"], reason="Officer in the case")
    return child


def person_urls():
    return [r for r in walk() if r.name and r.kwargs == ("person_id",)]


def test_the_named_officer_can_see_it(client, personas, police_secret):
    client.force_login(personas["olivia"])
    for name in ("people:person_detail", "people:chronology", "people:chronology_print"):
        response = client.get(reverse(name, args=[police_secret.pk]))
        assert response.status_code == 200 and "Quenby" in response.content.decode()


@pytest.mark.parametrize("username", OTHER_AGENCIES + PARTNERSHIP_WIDE)
def test_no_page_about_a_person_reveals_it(client, personas, police_secret, username):
    client.force_login(personas[username])
    before = ChronologyEvent.objects.count()
    urls = person_urls()
    assert {"people:person_detail", "people:chronology", "people:event_add"} <= {r.name for r in urls}
    for route in urls:
        url = reverse(route.name, kwargs={"person_id": police_secret.pk})
        for method in ("GET", "POST"):
            if matrix.decision(personas[username], route.name, method) is None:
                continue
            data = {"event_type": "arrest", "when_0": "1", "when_1": "2", "when_2": "2026", "summary": "x"}
            response = client.get(url) if method == "GET" else client.post(url, data)
            body = response.content.decode()
            if (username, route.name) in OVERSIGHT:
                assert response.status_code == 200
                continue
            if username in PARTNERSHIP_WIDE and route.name == "access:break_glass":
                assert response.status_code == 200 if method == "GET" else response.status_code in (200, 302)
                assert "Quenby" not in body and "Oriel" not in body
                continue
            assert response.status_code == 404, (route.name, method, response.status_code)
            assert "Quenby" not in body and "Oriel" not in body
            assert "restricted" not in body.lower(), (route.name, method)
    assert ChronologyEvent.objects.count() == before


@pytest.mark.parametrize("username", OTHER_AGENCIES + PARTNERSHIP_WIDE)
def test_search_and_counts_leave_it_out(client, personas, police_secret, username):
    # Dan is police, but not named: restriction hides it from his own agency too.
    user = personas[username]
    assert police_secret not in selectors.person_search(actor=user, query="Oriel Quenby")
    assert police_secret not in selectors.person_search(actor=user, query="", date_of_birth=dt.date(2010, 6, 2))
    for action in ACTIONS:
        assert not person_policy.visible(user, action, Person.objects.filter(pk=police_secret.pk)).exists()
        assert person_policy.visible(user, action, Person.objects.all()).filter(restricted=True).count() == 0
    if matrix.allows(user, "people:search"):
        client.force_login(user)
        link = reverse("people:person_detail", args=[police_secret.pk])
        for params in ({"q": "Oriel Quenby"}, {"q": "Quenby"}, {"dob_0": "2", "dob_1": "6", "dob_2": "2010"}):
            response = client.get(reverse("people:search"), params)
            assert response.status_code == 200
            assert police_secret not in response.context["results"]
            assert link not in response.content.decode()


def test_other_agencies_are_not_offered_break_glass(client, personas, police_secret):
    for username in ("priya", "tom", "sarah"):
        client.force_login(personas[username])
        response = client.get(reverse("access:break_glass", args=[police_secret.pk]))
        assert response.status_code == 404
        assert not person_policy.in_scope(personas[username], VIEW, police_secret)
