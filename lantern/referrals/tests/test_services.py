"""Referral services: make (with reference), link or create a record, screen, decide."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.models import AuditEvent
from lantern.cases.choices import CaseStatus
from lantern.people.choices import EventType
from lantern.people.models import ChronologyEvent, Person
from lantern.referrals import events, services
from lantern.referrals.choices import (
    ContextKind,
    Decision,
    ReferralAbout,
    ReferralKind,
    ReferralStatus,
    ScreeningOutcome,
    SharingBasis,
)

pytestmark = pytest.mark.django_db


def concern(actor, **extra):
    fields = {
        "kind": ReferralKind.CONCERN,
        "child_first_name": "Tayla",
        "child_last_name": "Marchbank",
        "concerns": "Seen getting into cars with older males after school.",
        "types": ["cse"],
        "sharing_basis": SharingBasis.SAFEGUARDING,
        "sharing_reason": "Telling the family may put Tayla at greater risk.",
    }
    fields.update(extra)
    return services.referral_make(actor=actor, **fields)


def test_concern_gets_reference_number(personas):
    referral = concern(personas["sarah"])
    year = timezone.localdate().year
    assert re.fullmatch(rf"LNT-{year}-\d{{6}}", referral.reference)
    assert referral.reference.endswith(f"{referral.pk:06d}")
    assert referral.status == ReferralStatus.RECEIVED
    assert referral.referrer_agency == personas["sarah"].agency
    assert AuditEvent.objects.filter(action=events.REFERRAL_MADE).count() == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"concerns": "  "}, "worried"),
        ({"sharing_reason": ""}, "without agreement"),
        ({"child_first_name": "", "child_last_name": ""}, "name"),
        ({"types": ["nominal"]}, "kinds"),
        ({"sharing_basis": "maybe"}, "agreed"),
    ],
)
def test_bad_referrals_refused(personas, extra, message):
    with pytest.raises(ValidationError, match=message):
        concern(personas["sarah"], **extra)


def test_analyst_cannot_refer(personas):
    with pytest.raises(PermissionDenied):
        concern(personas["amir"])


def test_referral_about_known_child_goes_on_chronology(personas, casebook):
    pupil = casebook["pupil"]
    referral = concern(personas["sarah"], person=pupil)
    assert referral.person == pupil
    event = ChronologyEvent.objects.get(source_type="referrals.Referral", source_id=referral.pk)
    assert event.event_type == EventType.REFERRAL and referral.reference in event.summary


def test_referral_about_child_outside_scope_refused(personas, casebook):
    with pytest.raises(PermissionDenied):
        concern(personas["sarah"], person=casebook["team_child"])


def test_triage_create_record_then_decide_opens_case(personas, north):
    referral = concern(personas["sarah"])
    priya = personas["priya"]
    person = services.referral_create_person(
        actor=priya, referral=referral, first_name="Tayla", last_name="Marchbank"
    )
    referral.refresh_from_db()
    assert referral.person == person and referral.status == ReferralStatus.TRIAGE
    assert person_policy.can(priya, VIEW, person)
    services.referral_screen(actor=priya, referral=referral, outcome=ScreeningOutcome.HIGH, notes="Several significant indicators")
    cases = services.referral_decide(
        actor=priya, referral=referral, decision=Decision.OPEN_CASE, reason="High risk of CSE", team=north
    )
    assert len(cases) == 1 and cases[0].status == CaseStatus.OPEN and cases[0].referral == referral
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECIDED and referral.decided_by == priya
    events_ = ChronologyEvent.objects.filter(person=person, event_type=EventType.REFERRAL)
    assert events_.count() == 3  # received, screened, decided
    assert referral.triage_involvement.end_date == timezone.localdate()


def test_school_dsl_cannot_triage(personas):
    referral = concern(personas["sarah"])
    with pytest.raises(PermissionDenied):
        services.referral_screen(actor=personas["sarah"], referral=referral, outcome=ScreeningOutcome.LOW)


def test_police_cannot_triage(personas):
    referral = concern(personas["sarah"])
    with pytest.raises(PermissionDenied):
        services.referral_decide(actor=personas["olivia"], referral=referral, decision=Decision.NFA, reason="x")


def test_decision_needs_reason_and_record(personas, north):
    referral = concern(personas["sarah"])
    with pytest.raises(ValidationError, match="reason"):
        services.referral_decide(actor=personas["priya"], referral=referral, decision=Decision.NFA, reason="")
    with pytest.raises(ValidationError, match="record"):
        services.referral_decide(
            actor=personas["priya"], referral=referral, decision=Decision.OPEN_CASE, reason="x", team=north
        )
    services.referral_decide(
        actor=personas["priya"], referral=referral, decision=Decision.SINGLE_AGENCY,
        reason="School to continue with its own plan; advice given.",
    )
    with pytest.raises(ValidationError):
        services.referral_decide(actor=personas["priya"], referral=referral, decision=Decision.NFA, reason="x")


def test_link_existing_person(personas, casebook):
    referral = concern(personas["sarah"])
    services.referral_link_person(actor=personas["priya"], referral=referral, person=casebook["team_child"])
    referral.refresh_from_db()
    assert referral.person == casebook["team_child"]
    with pytest.raises(PermissionDenied):
        services.referral_link_person(actor=personas["priya"], referral=referral, person=casebook["police_child"])


def test_context_referral_links_children_and_opens_a_case_each(personas, casebook, north):
    referral = services.referral_make(
        actor=personas["olivia"], about=ReferralAbout.CONTEXT, context_kind=ContextKind.LOCATION,
        context_name="Underpass by Harrowden station",
        concerns="Older males gathering; younger children seen carrying packages.",
        types=["county_lines"], sharing_basis=SharingBasis.SAFEGUARDING,
        sharing_reason="Police intelligence; no single family to ask.",
    )
    tom = personas["tom"]
    services.referral_link_child(actor=tom, referral=referral, person=casebook["team_child"])
    services.referral_link_child(actor=tom, referral=referral, person=casebook["west_child"])
    with pytest.raises(ValidationError):
        services.referral_link_child(actor=tom, referral=referral, person=casebook["west_child"])
    with pytest.raises(ValidationError):
        services.referral_link_person(actor=tom, referral=referral, person=casebook["west_child"])
    cases = services.referral_decide(
        actor=tom, referral=referral, decision=Decision.OPEN_CASE, reason="Both at risk", team=north
    )
    assert {c.person for c in cases} == {casebook["team_child"], casebook["west_child"]}
    assert ChronologyEvent.objects.filter(
        person=casebook["west_child"], event_type=EventType.REFERRAL
    ).count() == 2


def test_create_record_needs_names(personas):
    referral = concern(personas["sarah"])
    with pytest.raises(ValidationError):
        services.referral_create_person(actor=personas["priya"], referral=referral, first_name="", last_name="X")
    assert not Person.objects.filter(last_name="X").exists()
