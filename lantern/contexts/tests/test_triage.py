"""Triage: deciding "open a case" on a referral about a place or group opens (or joins) the
context record as well as the per-child cases."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.cases.models import Case
from lantern.contexts.models import Context, ContextMember
from lantern.people.models import ChronologyEvent
from lantern.referrals import services as referral_services
from lantern.referrals.choices import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def place_referral(personas, casebook):
    referral = referral_services.referral_make(
        actor=personas["olivia"], about="context", context_kind="location",
        context_name="Underpass by Harrowden station",
        context_description="Older males gathering; younger children seen carrying packages.",
        concerns="Children seen carrying packages for older males.", types=["county_lines"],
        sharing_basis="safeguarding", sharing_reason="Police intelligence; no single family to ask.",
    )
    for key in ("team_child", "west_child"):
        referral_services.referral_link_child(actor=personas["tom"], referral=referral, person=casebook[key])
    return referral


def test_open_a_case_opens_the_context_and_the_childrens_cases(personas, casebook, north, place_referral):
    cases = referral_services.referral_decide(
        actor=personas["tom"], referral=place_referral, decision=Decision.OPEN_CASE,
        reason="Both children at risk at the underpass", team=north,
    )
    assert {c.person for c in cases} == {casebook["team_child"], casebook["west_child"]}
    context = Context.objects.get()
    assert context.referral == place_referral and context.team == north
    assert context.name == "Underpass by Harrowden station" and context.kind == "location"
    assert {m.person for m in context.members.all()} == {casebook["team_child"], casebook["west_child"]}
    assert ChronologyEvent.objects.filter(
        person=casebook["west_child"], source_type="contexts.ContextMember"
    ).exists()
    decided = AuditEvent.objects.filter(action="referrals.decided").latest("id")
    assert decided.detail["context_id"] == context.pk


def test_join_an_existing_open_context(personas, casebook, north, place_referral, park):
    ContextMember.objects.filter(context=park, person=casebook["west_child"]).delete()
    referral_services.referral_decide(
        actor=personas["tom"], referral=place_referral, decision=Decision.OPEN_CASE,
        reason="Same children as the skate park work", team=north, context=park,
    )
    assert Context.objects.count() == 1
    assert set(park.members.filter(unlinked_on__isnull=True).values_list("person", flat=True)) == {
        casebook["team_child"].pk, casebook["west_child"].pk}


def test_other_decisions_open_no_context(personas, place_referral):
    referral_services.referral_decide(
        actor=personas["tom"], referral=place_referral, decision=Decision.NFA, reason="Known to police",
    )
    assert not Context.objects.exists()


def test_children_with_cases_already_still_get_the_context(personas, casebook, north, place_referral):
    from lantern.cases.services import case_open

    for key in ("team_child", "west_child"):
        case_open(actor=personas["tom"], person=casebook[key], team=north)
    cases = referral_services.referral_decide(
        actor=personas["tom"], referral=place_referral, decision=Decision.OPEN_CASE,
        reason="Work the place itself", team=north,
    )
    assert cases == [] and Context.objects.count() == 1


def test_the_decision_page_offers_new_or_existing_and_goes_to_the_context(client, personas, north, place_referral, park):
    client.force_login(personas["tom"])
    url = reverse("referrals:decide", args=[place_referral.pk])
    page = client.get(url)
    body = page.content.decode()
    assert "Open a new record for Underpass by Harrowden station" in body
    assert "Add to the open record: Marlcombe Park skate area" in body
    response = client.post(url, {"decision": "open_case", "team": north.pk, "context_choice": "new",
                                 "reason": "Children at risk at the underpass"})
    context = Context.objects.get(referral=place_referral)
    assert response.status_code == 302 and response["Location"] == reverse("contexts:detail", args=[context.pk])
    assert Case.objects.filter(referral=place_referral).count() == 2
    detail = client.get(reverse("referrals:detail", args=[place_referral.pk]))
    assert reverse("contexts:detail", args=[context.pk]) in detail.content.decode()


def test_the_decision_page_joins_the_chosen_context(client, personas, north, place_referral, park):
    client.force_login(personas["tom"])
    response = client.post(reverse("referrals:decide", args=[place_referral.pk]), {
        "decision": "open_case", "team": north.pk, "context_choice": str(park.pk), "reason": "Same place",
    })
    assert response.status_code == 302 and response["Location"] == reverse("contexts:detail", args=[park.pk])
    assert Context.objects.count() == 1


def test_a_bad_context_choice_is_an_error_not_a_500(client, personas, north, place_referral):
    client.force_login(personas["tom"])
    page = client.post(reverse("referrals:decide", args=[place_referral.pk]), {
        "decision": "open_case", "team": north.pk, "context_choice": "999999", "reason": "x",
    })
    assert page.status_code == 200 and "Choose a new record or one from the list" in page.content.decode()
    assert not Context.objects.exists() and not Case.objects.exists()
