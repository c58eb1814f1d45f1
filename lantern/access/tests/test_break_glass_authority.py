"""Break-glass access opens a record for a few hours; it never lets anyone manage it.

Issue 10 item 5: a team manager broke the glass on a restricted record, then named himself and
a colleague on it (permanent access) and lifted another record's restriction. Naming,
restricting and lifting rest on a *named* grant (or the data protection officer's role), never
on break-glass access (ADR 0012).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lantern.access import services
from lantern.access.models import AccessGrant, GrantKind
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.people.models import Person
from lantern.people.tests.factories import InvolvementFactory, RestrictedChildFactory

pytestmark = pytest.mark.django_db

REASON = "Found with an adult of concern at 2am; need the plan"


@pytest.fixture
def second_restricted(casebook):
    """Another restricted record in the North team (the "other restriction" he lifted)."""
    from lantern.accounts.models import Agency, Team
    from lantern.synthetic import personas as cast

    child = RestrictedChildFactory(first_name="Ottilie", last_name="Marsh")
    InvolvementFactory(
        person=child,
        agency=Agency.objects.get(name=cast.CHILDRENS_SERVICES),
        team=Team.objects.get(name="Lantern Exploitation Team North"),
    )
    return child


def test_a_manager_who_broke_the_glass_cannot_name_anyone(personas, casebook):
    tom, child = personas["tom"], casebook["restricted"]
    services.break_glass(actor=tom, person=child, reason=REASON)
    assert person_policy.can(tom, VIEW, child)  # he sees it, for four hours
    assert not services.may_name_users(tom, child)
    for user in (tom, personas["priya"]):
        with pytest.raises(PermissionDenied):
            services.grant_named(actor=tom, person=child, user=user, reason=REASON)
    assert not AccessGrant.objects.filter(kind=GrantKind.NAMED).exists()


def test_a_manager_who_broke_the_glass_cannot_lift_the_restriction(
    personas, casebook, second_restricted
):
    tom = personas["tom"]
    for child in (casebook["restricted"], second_restricted):
        services.break_glass(actor=tom, person=child, reason=REASON)
        with pytest.raises(PermissionDenied):
            services.record_unrestrict(actor=tom, person=child, reason=REASON)
        assert Person.objects.get(pk=child.pk).restricted


def test_a_named_manager_still_manages_it(personas, casebook):
    """The fix must not lock out the managers the rule is for: named, they may name and lift."""
    tom, child = personas["tom"], casebook["restricted"]
    services.grant_named(actor=personas["grace"], person=child, user=tom, reason="Team manager")
    assert services.may_name_users(tom, child)
    services.grant_named(actor=tom, person=child, user=personas["priya"], reason="Lead worker")
    services.record_unrestrict(actor=tom, person=child, reason="Mother has moved to another force.")
    assert not Person.objects.get(pk=child.pk).restricted


def test_a_named_manager_who_also_broke_the_glass_keeps_his_authority(personas, casebook):
    tom, child = personas["tom"], casebook["restricted"]
    services.grant_named(actor=personas["grace"], person=child, user=tom, reason="Team manager")
    services.break_glass(actor=tom, person=child, reason=REASON)
    assert services.may_name_users(tom, child)


def test_an_expired_named_grant_gives_no_authority(personas, casebook):
    from django.utils import timezone

    tom, child = personas["tom"], casebook["restricted"]
    grant = services.grant_named(actor=personas["grace"], person=child, user=tom, reason="Manager")
    AccessGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    assert not services.may_name_users(tom, child)


def test_the_dpo_manages_any_restricted_record(personas, casebook):
    assert services.may_name_users(personas["grace"], casebook["restricted"])


def test_break_glass_does_not_open_the_restriction_page(client, personas, casebook, second_restricted):
    tom, child = personas["tom"], casebook["restricted"]
    services.break_glass(actor=tom, person=child, reason=REASON)
    services.break_glass(actor=tom, person=second_restricted, reason=REASON)
    client.force_login(tom)
    record = client.get(reverse("people:person_detail", args=[child.pk]))
    assert record.status_code == 200
    page = reverse("access:restriction", args=[child.pk])
    assert page not in record.content.decode()  # no link to a page he may not use
    assert client.get(page).status_code == 404
    named = client.post(page, {"do": "name", "name-username": "tom", "name-reason": REASON})
    assert named.status_code == 404
    lifted = client.post(
        reverse("access:restriction", args=[second_restricted.pk]),
        {"do": "lift", "lift-reason": "Mother has moved to another force."},
    )
    assert lifted.status_code == 404
    assert not AccessGrant.objects.filter(kind=GrantKind.NAMED).exists()
    assert Person.objects.get(pk=second_restricted.pk).restricted
