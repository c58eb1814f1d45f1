"""Writes for referrals: make, link or create the child's record, screen, decide.

Every step is audited and, once a child is linked, put on the child's chronology as a
``referral`` event (``source_type="referrals.Referral"``) so the chronology tells the story of
the front door as well as the casework.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.services import audit_record
from lantern.cases.choices import CaseStatus
from lantern.cases.models import Case
from lantern.cases.services import case_open
from lantern.contexts.services import context_open_from_referral
from lantern.people.choices import EventType, PersonKind
from lantern.people.models import Involvement, Person
from lantern.people.services import chronology_event_add, person_create
from lantern.referrals import events, policies
from lantern.referrals.choices import (
    Decision,
    ExploitationType,
    ReferralAbout,
    ReferralKind,
    ReferralStatus,
    ScreeningOutcome,
    SharingBasis,
)
from lantern.referrals.models import Referral, ReferralChild, ReferralExploitationType

TRIAGE_ROLE = "Considering a referral (front door)"


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _types_text(referral: Referral) -> str:
    labels = [ExploitationType(t.type).label for t in referral.types.all()]
    return ", ".join(labels) if labels else "type not given"


def _to_chronology(*, actor, referral: Referral, person: Person, summary: str,
                   when: dt.date | None = None, agency=None) -> None:
    chronology_event_add(
        actor=actor,
        person=person,
        event_type=EventType.REFERRAL,
        event_date=when or timezone.localdate(),
        summary=summary[:2000],
        source_agency=agency or actor.agency,
        source_type="referrals.Referral",
        source_id=referral.pk,
        check_access=False,
    )


def _children(referral: Referral) -> list[Person]:
    if referral.about == ReferralAbout.CONTEXT:
        return [link.person for link in referral.children.select_related("person")]
    return [referral.person] if referral.person_id else []


def _received_summary(referral: Referral) -> str:
    what = referral.get_kind_display().lower()
    text = (
        f"{what.capitalize()} {referral.reference} from {referral.referrer_agency.name}: "
        f"{_types_text(referral)}."
    )
    if referral.about == ReferralAbout.CONTEXT:
        text += f" About {referral.get_context_kind_display().lower()}: {referral.context_name}."
    return text


def referral_make(
    *,
    actor,
    kind: str = ReferralKind.FULL,
    about: str = ReferralAbout.CHILD,
    person: Person | None = None,
    concerns: str,
    types: list[str] | tuple[str, ...] = (),
    sharing_basis: str,
    sharing_reason: str = "",
    child_first_name: str = "",
    child_last_name: str = "",
    child_known_as: str = "",
    child_date_of_birth: dt.date | None = None,
    child_address: str = "",
    child_school: str = "",
    context_kind: str = "",
    context_name: str = "",
    context_description: str = "",
    indicators: str = "",
    child_knows: str = "",
    family_knows: str = "",
    referrer_phone: str = "",
    referrer_email: str = "",
) -> Referral:
    """Make a referral (or raise a concern) and give it a reference number.

    ``person`` is an existing record the referrer can see (e.g. "refer this child" from their
    page); otherwise the child's details are kept as given for the triage team to match.
    Sharing without agreement needs a recorded reason (the safeguarding lawful basis).
    """
    _require(policies.may_refer(actor))
    if person is not None:
        _require(person_policy.can(actor, VIEW, person))
        about = ReferralAbout.CHILD
    if kind not in ReferralKind.values or about not in ReferralAbout.values:
        raise ValidationError("Choose what the referral is about")
    if not (concerns or "").strip():
        raise ValidationError("Enter what you are worried about")
    if sharing_basis not in SharingBasis.values:
        raise ValidationError("Say whether the child or family agreed to you sharing this")
    if sharing_basis == SharingBasis.SAFEGUARDING and not (sharing_reason or "").strip():
        raise ValidationError("Enter why you are sharing without agreement")
    if about == ReferralAbout.CHILD and person is None and not (
        child_first_name.strip() or child_last_name.strip() or child_known_as.strip()
    ):
        raise ValidationError("Enter the child's name, or a name they are known by")
    if about == ReferralAbout.CONTEXT and not (context_kind and context_name.strip()):
        raise ValidationError("Enter the place or group you are worried about")
    bad = [t for t in types if t not in ExploitationType.values]
    if bad:
        raise ValidationError("Choose the kinds of exploitation from the list")
    with transaction.atomic():
        referral = Referral.objects.create(
            kind=kind,
            about=about,
            person=person,
            referrer=actor,
            referrer_agency=actor.agency,
            referrer_name=actor.get_full_name() or actor.get_username(),
            referrer_phone=referrer_phone or actor.phone,
            referrer_email=referrer_email or actor.email,
            child_first_name=child_first_name.strip() if person is None else person.first_name,
            child_last_name=child_last_name.strip() if person is None else person.last_name,
            child_known_as=child_known_as.strip(),
            child_date_of_birth=child_date_of_birth if person is None else person.date_of_birth,
            child_address=child_address.strip(),
            child_school=child_school.strip(),
            context_kind=context_kind if about == ReferralAbout.CONTEXT else "",
            context_name=context_name.strip() if about == ReferralAbout.CONTEXT else "",
            context_description=context_description.strip() if about == ReferralAbout.CONTEXT else "",
            concerns=concerns.strip(),
            indicators=indicators.strip(),
            child_knows=child_knows.strip(),
            family_knows=family_knows.strip(),
            sharing_basis=sharing_basis,
            sharing_reason=sharing_reason.strip() if sharing_basis == SharingBasis.SAFEGUARDING else "",
        )
        referral.reference = Referral.make_reference(
            timezone.localtime(referral.received_at).year, referral.pk
        )
        referral.save(update_fields=["reference"])
        ReferralExploitationType.objects.bulk_create(
            ReferralExploitationType(referral=referral, type=t) for t in sorted(set(types))
        )
        audit_record(
            actor=actor,
            action=events.REFERRAL_MADE,
            subject=person if person is not None else referral,
            detail={"referral_id": referral.pk, "reference": referral.reference, "kind": kind},
        )
        if person is not None:
            _to_chronology(
                actor=actor, referral=referral, person=person,
                summary=_received_summary(referral),
                when=timezone.localtime(referral.received_at).date(),
            )
    return referral


def _start_triage(referral: Referral) -> None:
    if referral.status == ReferralStatus.RECEIVED:
        referral.status = ReferralStatus.TRIAGE


def referral_link_person(*, actor, referral: Referral, person: Person) -> Referral:
    """Tie a referral about a child to an existing record the triage worker can see."""
    _require(policies.may_triage(actor))
    _require(person_policy.can(actor, VIEW, person))
    if referral.about != ReferralAbout.CHILD:
        raise ValidationError("This referral is about a place or group: link the children affected")
    if referral.status == ReferralStatus.DECIDED:
        raise ValidationError("A decision has been made on this referral")
    if referral.person_id and referral.person_id != person.pk:
        raise ValidationError("This referral is already linked to a record")
    with transaction.atomic():
        referral.person = person
        _start_triage(referral)
        referral.save(update_fields=["person", "status"])
        audit_record(
            actor=actor, action=events.PERSON_LINKED, subject=person,
            detail={"referral_id": referral.pk},
        )
        _to_chronology(
            actor=actor, referral=referral, person=person,
            summary=_received_summary(referral),
            when=timezone.localtime(referral.received_at).date(),
            agency=referral.referrer_agency,
        )
    return referral


def referral_create_person(
    *, actor, referral: Referral, first_name: str, last_name: str,
    date_of_birth: dt.date | None = None, preferred_name: str = "",
) -> Person:
    """Make a new record from a referral after a search found no match.

    The triage worker is recorded as involved ("considering a referral") so they can go on
    working with the record; that involvement ends when the referral is decided.
    """
    _require(policies.may_triage(actor))
    if referral.about != ReferralAbout.CHILD:
        raise ValidationError("This referral is about a place or group")
    if referral.person_id:
        raise ValidationError("This referral is already linked to a record")
    if not (first_name or "").strip() or not (last_name or "").strip():
        raise ValidationError("Enter the child's first and last name")
    today = timezone.localdate()
    with transaction.atomic():
        person = person_create(
            actor=actor,
            kind=PersonKind.CHILD,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            preferred_name=(preferred_name or "").strip(),
            date_of_birth=date_of_birth,
        )
        referral.triage_involvement = Involvement.objects.create(
            person=person,
            agency=actor.agency,
            user=actor,
            role=TRIAGE_ROLE,
            contact_name=actor.get_full_name() or actor.get_username(),
            contact_phone=actor.phone,
            contact_email=actor.email,
            start_date=today,
        )
        referral.save(update_fields=["triage_involvement"])
        audit_record(
            actor=actor, action=events.PERSON_CREATED, subject=person,
            detail={"referral_id": referral.pk},
        )
        referral_link_person(actor=actor, referral=referral, person=person)
    return person


def referral_link_child(*, actor, referral: Referral, person: Person) -> ReferralChild:
    """Link a child affected by a referral about a place or group."""
    _require(policies.may_triage(actor))
    _require(person_policy.can(actor, VIEW, person))
    if referral.about != ReferralAbout.CONTEXT:
        raise ValidationError("This referral is about one child: link their record instead")
    if referral.children.filter(person=person).exists():
        raise ValidationError("This child is already linked to the referral")
    with transaction.atomic():
        link = ReferralChild.objects.create(referral=referral, person=person, linked_by=actor)
        _start_triage(referral)
        referral.save(update_fields=["status"])
        audit_record(
            actor=actor, action=events.CHILD_LINKED, subject=person,
            detail={"referral_id": referral.pk},
        )
        _to_chronology(
            actor=actor, referral=referral, person=person,
            summary=(
                f"Named as affected in {referral.reference}, a referral about "
                f"{referral.get_context_kind_display().lower()}: {referral.context_name}."
            ),
        )
    return link


def referral_screen(
    *, actor, referral: Referral, outcome: str, notes: str = "", assessment_id: int | None = None
) -> Referral:
    """Record the screening outcome (and the screening assessment, when one was completed)."""
    _require(policies.may_triage(actor))
    if referral.status == ReferralStatus.DECIDED:
        raise ValidationError("A decision has been made on this referral")
    if outcome not in ScreeningOutcome.values or outcome == ScreeningOutcome.NOT_SCREENED:
        raise ValidationError("Choose the screening outcome")
    with transaction.atomic():
        referral.screening_outcome = outcome
        referral.screening_notes = (notes or "").strip()
        referral.screening_assessment_id = assessment_id
        referral.screened_by = actor
        referral.screened_at = timezone.now()
        _start_triage(referral)
        referral.save()
        audit_record(
            actor=actor, action=events.SCREENED,
            subject=referral.person if referral.person_id else referral,
            detail={"referral_id": referral.pk, "outcome": outcome},
        )
        for child in _children(referral):
            _to_chronology(
                actor=actor, referral=referral, person=child,
                summary=f"Referral {referral.reference} screened: {referral.get_screening_outcome_display().lower()}.",
            )
    return referral


def referral_decide(
    *, actor, referral: Referral, decision: str, reason: str, team=None, context=None
) -> list[Case]:
    """Decide a referral with a recorded reason; "open a case" opens one per child.

    For a referral about a place or group, "open a case" also opens the place or group's own
    record (``lantern.contexts``), or adds the referral's children to ``context``, an open one
    chosen at triage; the per-child cases are opened as before.

    Returns the cases opened. The triage worker's temporary involvement ends today (access
    lasts to the end of the day), so a record made at the front door is not left open to them.
    """
    _require(policies.may_triage(actor))
    if referral.status == ReferralStatus.DECIDED:
        raise ValidationError("A decision has already been made on this referral")
    if decision not in Decision.values:
        raise ValidationError("Choose a decision")
    if not (reason or "").strip():
        raise ValidationError("Enter the reason for the decision")
    children = _children(referral)
    if decision in (Decision.OPEN_CASE, Decision.EARLY_HELP) and not children:
        raise ValidationError(
            "Find or create the child's record before opening a case or passing to early help"
        )
    if decision == Decision.OPEN_CASE and team is None:
        raise ValidationError("Choose the team that will hold the case")
    opened: list[Case] = []
    worked = None
    today = timezone.localdate()
    with transaction.atomic():
        if decision == Decision.OPEN_CASE:
            for child in children:
                if Case.objects.filter(person=child, status=CaseStatus.OPEN).exists():
                    continue
                opened.append(case_open(actor=actor, person=child, team=team, referral=referral))
            if referral.about == ReferralAbout.CONTEXT:
                worked = context_open_from_referral(
                    actor=actor, referral=referral, team=team, existing=context
                )
            elif not opened:
                raise ValidationError("Every child linked already has an open case")
        referral.decision = decision
        referral.decision_reason = reason.strip()
        referral.decided_by = actor
        referral.decided_at = timezone.now()
        referral.status = ReferralStatus.DECIDED
        referral.save()
        if referral.triage_involvement_id:
            Involvement.objects.filter(pk=referral.triage_involvement_id).update(end_date=today)
        audit_record(
            actor=actor, action=events.DECIDED,
            subject=referral.person if referral.person_id else referral,
            detail={"referral_id": referral.pk, "decision": decision,
                    "case_ids": [c.pk for c in opened],
                    **({"context_id": worked.pk} if worked is not None else {})},
        )
        for child in children:
            _to_chronology(
                actor=actor, referral=referral, person=child,
                summary=(
                    f"Referral {referral.reference} decided: "
                    f"{referral.get_decision_display().lower()}. {referral.decision_reason}"
                ),
            )
    return opened
