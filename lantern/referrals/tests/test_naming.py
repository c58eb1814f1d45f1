"""A referral names only the children the viewer may open (#10, item 1).

A context referral links several children, and each may be held by a different team or be
restricted; a triage worker who may open some of them is told how many others there are, never
who they are, and is never given a link that leads to "Page not found".
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.referrals import services
from lantern.referrals.choices import SharingBasis
from lantern.referrals.models import ReferralChild

pytestmark = pytest.mark.django_db


def _context_referral(personas, casebook, *children):
    referral = services.referral_make(
        actor=personas["olivia"], about="context", context_kind="peer_group",
        context_name="Group meeting at the skate park", concerns="Older males recruiting.",
        types=["cce"], sharing_basis=SharingBasis.SAFEGUARDING, sharing_reason="Intelligence",
    )
    for key in children:
        ReferralChild.objects.create(referral=referral, person=casebook[key])
    return referral


def test_referral_names_only_the_children_the_viewer_may_open(client, personas, casebook):
    referral = _context_referral(personas, casebook, "team_child", "west_child", "restricted")
    client.force_login(personas["priya"])
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert casebook["team_child"].display_name in page
    for hidden in ("west_child", "restricted"):
        assert casebook[hidden].last_name not in page
        assert reverse("people:person_detail", args=[casebook[hidden].pk]) not in page
    assert "2 other children you do not have access to" in page


def test_referral_with_only_hidden_children_says_so(client, personas, casebook):
    referral = _context_referral(personas, casebook, "restricted")
    client.force_login(personas["tom"])
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Voss" not in page and "Harriet" not in page
    assert "1 child you do not have access to" in page
    assert "None yet" not in page


def test_decided_referral_lists_only_cases_the_viewer_may_open(client, personas, casebook):
    from lantern.accounts.models import Team

    referral = _context_referral(personas, casebook, "team_child", "west_child")
    west = Team.objects.get(name="Lantern Exploitation Team West")
    services.referral_decide(
        actor=personas["tom"], referral=referral, decision="open_case", reason="Both at risk",
        team=west,
    )
    client.force_login(personas["priya"])
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert f"Case for {casebook['team_child'].display_name}" in page
    assert "Orchard" not in page and "Jayden" not in page
    assert "cases for 1 other child you do not have access to" in page
