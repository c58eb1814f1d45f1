"""Writes for schools: notices (made by handlers), acknowledgements, education events."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.audit.services import audit_record
from lantern.people.choices import EventType
from lantern.people.models import Person
from lantern.people.services import chronology_event_add
from lantern.schools import events, policies
from lantern.schools.choices import EducationEventKind, NoticeKind
from lantern.schools.models import EducationEvent, EncompassNotice
from lantern.schools.schooldays import next_school_day_start

#: Education events and the chronology event type that mirrors them. Exclusions, managed moves
#: and moves to alternative provision are critical moments (the lead professional hears at once).
CHRONOLOGY_TYPE = {
    EducationEventKind.SUSPENSION: EventType.EXCLUSION,
    EducationEventKind.PERMANENT_EXCLUSION: EventType.EXCLUSION,
    EducationEventKind.MANAGED_MOVE: EventType.MANAGED_MOVE,
    EducationEventKind.ALTERNATIVE_PROVISION: EventType.ALTERNATIVE_PROVISION,
}


def child_display(person: Person) -> str:
    """First name (or the name they like to be called) and the initial of the last name."""
    first = person.preferred_name or person.first_name
    initial = (person.last_name or "")[:1].upper()
    return f"{first} {initial}." if initial else first


def notices_create(
    *, actor, person: Person, kind: str, source_type: str, source_id: int, now: dt.datetime | None = None
) -> list[EncompassNotice]:
    """Tell each school the child is on the roll of now. Idempotent per school and source.

    Called by the handlers below inside the transaction that recorded the arrest or return,
    so the notice exists exactly when the event does. The actor is the person whose recording
    caused the notice; no access check applies because nothing is shown to them.
    """
    if kind not in NoticeKind.values:
        raise ValueError(f"Unknown notice kind {kind!r}")
    now = now or timezone.now()
    due = next_school_day_start(now)
    made = []
    with transaction.atomic():
        for enrolment in policies.current_enrolments(person, now.astimezone(due.tzinfo).date()):
            notice, created = EncompassNotice.objects.get_or_create(
                school=enrolment.school,
                source_type=source_type,
                source_id=source_id,
                defaults={
                    "person": person,
                    "child_display": child_display(person),
                    "kind": kind,
                    "due_by": due,
                    "created_at": now,
                },
            )
            if created:
                audit_record(
                    actor=actor,
                    action=events.NOTICE_CREATED,
                    subject=person,
                    detail={"notice_id": notice.pk, "school_id": enrolment.school_id, "kind": kind},
                )
                made.append(notice)
    return made


def on_critical_event(*, event, actor) -> None:
    """Handler for ``lantern.people.critical``: an arrest tells the pupil's school."""
    if event.event_type != EventType.ARREST:
        return
    notices_create(
        actor=actor,
        person=event.person,
        kind=NoticeKind.POLICE_INCIDENT,
        source_type="people.ChronologyEvent",
        source_id=event.pk,
    )


def on_missing_return(*, episode, actor) -> None:
    """Handler for ``lantern.missing.hooks``: a return from a missing episode tells the school."""
    notices_create(
        actor=actor,
        person=episode.person,
        kind=NoticeKind.MISSING_RETURN,
        source_type="missing.MissingEpisode",
        source_id=episode.pk,
    )


def notice_acknowledge(*, actor, notice: EncompassNotice) -> EncompassNotice:
    if not policies.is_school_dsl(actor) or notice.school_id != actor.agency_id:
        raise PermissionDenied
    with transaction.atomic():
        notice = EncompassNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.acknowledged_at is None:
            notice.acknowledged_at = timezone.now()
            notice.acknowledged_by = actor
            notice.save(update_fields=["acknowledged_at", "acknowledged_by"])
            audit_record(
                actor=actor,
                action=events.NOTICE_ACKNOWLEDGED,
                subject=notice.person,
                detail={"notice_id": notice.pk},
            )
    return notice


def education_event_record(
    *,
    actor,
    person: Person,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    destination: str = "",
    summary: str,
) -> EducationEvent:
    """Record an exclusion, managed move or alternative provision for a pupil on the DSL's roll.

    Mirrored on the chronology; exclusions and managed moves are critical moments, so the
    child's lead professional is alerted by the handlers registered for them.
    """
    if not policies.on_roll(actor, person):
        raise PermissionDenied
    if kind not in EducationEventKind.values:
        raise ValidationError("Select what happened")
    if not (summary or "").strip():
        raise ValidationError("Enter what happened")
    today = timezone.localdate()
    if start_date > today:
        raise ValidationError("The start date must be today or in the past")
    if end_date is not None and end_date < start_date:
        raise ValidationError("The end date must be the same as or after the start date")
    if kind == EducationEventKind.MANAGED_MOVE and not destination.strip():
        raise ValidationError("Enter the school the pupil is moving to")
    with transaction.atomic():
        item = EducationEvent.objects.create(
            person=person,
            school=actor.agency,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            destination=destination.strip(),
            summary=summary.strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.EDUCATION_EVENT_RECORDED,
            subject=person,
            detail={"education_event_id": item.pk, "kind": kind},
        )
        label = EducationEventKind(kind).label
        dest = f" To: {item.destination}." if item.destination else ""
        chronology_event_add(
            actor=actor,
            person=person,
            event_type=CHRONOLOGY_TYPE[kind],
            event_date=start_date,
            summary=f"{label}.{dest} {item.summary}"[:2000],
            significant=kind in (EducationEventKind.PERMANENT_EXCLUSION, EducationEventKind.MANAGED_MOVE),
            source_agency=actor.agency,
            source_type="schools.EducationEvent",
            source_id=item.pk,
            check_access=False,
        )
    return item
