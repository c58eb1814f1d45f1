"""Issue 10 item 1: a person's page never names a related person the viewer may not open."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.people.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(casebook):
    kayla = casebook["team_child"]
    Relationship.objects.create(person=kayla, other=casebook["restricted"], kind="sibling",
                                description="older sister, lives with grandmother")
    Relationship.objects.create(person=casebook["west_child"], other=kayla, kind="peer")
    Relationship.objects.create(person=kayla, other=casebook["police_child"], kind="associate")
    return kayla


def test_related_people_the_viewer_may_not_open_are_counted_not_named(client, personas, casebook, family):
    client.force_login(personas["priya"])
    body = client.get(reverse("people:person_detail", args=[family.pk])).content.decode()
    for hidden in ("restricted", "west_child", "police_child"):
        assert casebook[hidden].last_name not in body, hidden
        assert reverse("people:person_detail", args=[casebook[hidden].pk]) not in body
    assert "older sister" not in body
    assert "3 people you do not have access to" in body


def test_related_people_the_viewer_may_open_are_linked_from_either_side(client, personas, casebook, family):
    client.force_login(personas["tom"])  # agency scope: Kayla and the West child, not the others
    body = client.get(reverse("people:person_detail", args=[family.pk])).content.decode()
    west = casebook["west_child"]
    assert reverse("people:person_detail", args=[west.pk]) in body
    assert west.last_name in body
    assert casebook["restricted"].last_name not in body
    assert "2 other people you do not have access to" in body
