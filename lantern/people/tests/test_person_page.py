"""A child's page: lead professional once, places and groups under the naming rule, search kinds."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.people.tests.factories import AdultOfConcernFactory, InvolvementFactory

pytestmark = pytest.mark.django_db


def test_lead_professional_shown_once(client, personas, casebook):
    client.force_login(personas["priya"])
    body = client.get(reverse("people:person_detail", args=[casebook["team_child"].pk])).content.decode()
    assert body.count("Lead professional") == 1


def test_places_and_groups_named_when_visible_counted_otherwise(client, personas, casebook):
    from lantern.accounts.models import Team
    from lantern.contexts.tests.factories import LinkedChildFactory, OpenPlaceFactory

    child = casebook["team_child"]
    north = Team.objects.get(name="Lantern Exploitation Team North")
    west = Team.objects.get(name="Lantern Exploitation Team West")
    LinkedChildFactory(context=OpenPlaceFactory(name="Mill Road skate park", team=north), person=child)
    LinkedChildFactory(context=OpenPlaceFactory(name="CANARY west place", team=west), person=child)
    url = reverse("people:person_detail", args=[child.pk])
    client.force_login(personas["priya"])
    body = client.get(url).content.decode()
    assert "Mill Road skate park" in body and "CANARY" not in body
    assert "1 other place or group you do not have access to" in body
    client.force_login(personas["dan"])  # police read every context
    body = client.get(url).content.decode()
    assert "Mill Road skate park" in body and "CANARY west place" in body


def test_search_labels_and_filters_kinds(client, personas, casebook):
    adult = AdultOfConcernFactory(first_name="Kayla", last_name="Brightwater")
    InvolvementFactory(person=adult, agency=personas["priya"].agency, user=personas["priya"])
    client.force_login(personas["priya"])
    page = client.get(reverse("people:search"), {"q": "Kayla Brightwater"})
    body = page.content.decode()
    assert "Adult of concern" in body and ">Child<" in body
    children = client.get(reverse("people:search"), {"q": "Kayla Brightwater", "kind": "child"})
    assert [p.kind for p in children.context["results"]] == ["child"]
    bad = client.get(reverse("people:search"), {"q": "Kayla", "kind": "nonsense"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
