"""Writes for people and chronology: named, keyword-only, in a transaction, audited together."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT, CHANGE
from lantern.audit.services import audit_record
from lantern.people import events
from lantern.people.choices import DatePrecision
from lantern.people.critical import notify_critical
from lantern.people.identifiers import validate_identifier
from lantern.people.models import Alias, ChronologyEvent, Identifier, NameKey, Person
from lantern.people.search import keys_for_names


def person_refresh_name_keys(*, person: Person) -> None:
    """Rebuild the search keys from the person's names and aliases."""
    names = [person.first_name, person.middle_names, person.last_name, person.preferred_name]
    names += list(person.aliases.values_list("name", flat=True))
    NameKey.objects.filter(person=person).delete()
    NameKey.objects.bulk_create(NameKey(person=person, key=k) for k in sorted(keys_for_names(names)))


def person_create(*, actor, **fields) -> Person:
    with transaction.atomic():
        person = Person.objects.create(**fields)
        person_refresh_name_keys(person=person)
        audit_record(actor=actor, action=events.PERSON_CREATED, subject=person)
    return person


def alias_add(*, actor, person: Person, name: str, kind: str) -> Alias:
    if not person_policy.can(actor, CHANGE, person):
        raise PermissionDenied
    with transaction.atomic():
        alias = Alias.objects.create(person=person, name=name, kind=kind)
        person_refresh_name_keys(person=person)
        audit_record(actor=actor, action=events.ALIAS_ADDED, subject=person)
    return alias


def identifier_add(*, actor, person: Person, id_type: str, value: str) -> Identifier:
    if not person_policy.can(actor, CHANGE, person):
        raise PermissionDenied
    value = validate_identifier(id_type, value)
    with transaction.atomic():
        if Identifier.objects.filter(type=id_type, value=value).exists():
            raise ValidationError("This identifier is already recorded for someone")
        identifier = Identifier.objects.create(person=person, type=id_type, value=value)
        audit_record(
            actor=actor, action=events.IDENTIFIER_ADDED, subject=person, detail={"type": id_type}
        )
    return identifier


def chronology_event_add(
    *,
    actor,
    person: Person,
    event_type: str,
    event_date: dt.date | None,
    date_precision: str = DatePrecision.EXACT,
    summary: str,
    significant: bool = False,
    source_agency=None,
    source_type: str = "",
    source_id: int | None = None,
    check_access: bool = True,
) -> ChronologyEvent:
    """Add an event to a person's chronology, from the actor's own agency unless given.

    Other apps (missing episodes, referrals, assessments) mirror their records here with
    ``source_type``/``source_id``; they have already checked access for their own action, so
    they may pass ``check_access=False``. Critical events notify registered handlers
    (``lantern.people.critical``) inside the same transaction.
    """
    if check_access and not person_policy.can(actor, ADD_EVENT, person):
        raise PermissionDenied
    agency = source_agency or actor.agency
    if agency is None:
        raise ValidationError("Your account has no agency, so the event has no source")
    with transaction.atomic():
        event = ChronologyEvent.objects.create(
            person=person,
            event_type=event_type,
            event_date=event_date,
            date_precision=date_precision,
            source_agency=agency,
            summary=summary,
            significant=significant,
            recorded_by=actor,
            source_type=source_type,
            source_id=source_id,
        )
        # Handlers first: the audit append holds the chain head until commit, so it goes last.
        notify_critical(event=event, actor=actor)
        audit_record(
            actor=actor,
            action=events.EVENT_ADDED,
            subject=person,
            detail={"event_id": event.pk, "type": event_type},
        )
    return event


def person_register(*, actor, **fields) -> Person:
    """Create a person from the browser and record the actor's agency as involved.

    Why the involvement: access follows involvement, so without it the person who created the
    record could not open it again.
    """
    from django.utils import timezone

    from lantern.people.models import Involvement

    if actor.agency is None:
        raise ValidationError("Your account has no agency, so you cannot create records")
    with transaction.atomic():
        person = person_create(actor=actor, **fields)
        Involvement.objects.create(
            person=person,
            agency=actor.agency,
            team=actor.teams.order_by("name").first(),
            user=actor,
            role=actor.job_title or actor.role_label,
            contact_name=actor.get_full_name() or actor.get_username(),
            contact_phone=actor.phone,
            contact_email=actor.email,
            start_date=timezone.localdate(),
        )
    return person


def person_update(*, actor, person: Person, **fields) -> Person:
    if not person_policy.can(actor, CHANGE, person):
        raise PermissionDenied
    with transaction.atomic():
        changed = sorted(k for k, v in fields.items() if getattr(person, k) != v)
        for key, value in fields.items():
            setattr(person, key, value)
        person.save()
        person_refresh_name_keys(person=person)
        audit_record(
            actor=actor, action=events.PERSON_UPDATED, subject=person, detail={"fields": changed}
        )
    return person
