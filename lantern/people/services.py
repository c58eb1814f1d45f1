"""Writes for people and chronology: named, keyword-only, in a transaction, audited together."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from lantern.access import sharing as content_sharing
from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT, CHANGE
from lantern.analysis.statistics.vocab import classify
from lantern.audit.services import audit_record
from lantern.people import events
from lantern.people.choices import DatePrecision
from lantern.people.critical import notify_critical
from lantern.people.identifiers import validate_identifier
from lantern.people.models import Address, Alias, ChronologyEvent, Identifier, NameKey, Person
from lantern.people.search import keys_for_names


def person_refresh_name_keys(*, person: Person) -> None:
    """Rebuild the search keys from the person's names and aliases, and the names of records
    merged into this one (so the child is found under either record's name); then the
    blocking keys of search before create (``lantern.identity.candidates``)."""
    from lantern.identity.candidates import match_keys_refresh

    names = [person.first_name, person.middle_names, person.last_name, person.preferred_name]
    names += list(person.aliases.values_list("name", flat=True))
    for merged in Person.objects.filter(merged_into=person).values_list(
        "first_name", "middle_names", "last_name", "preferred_name"
    ):
        names += list(merged)
    NameKey.objects.filter(person=person).delete()
    if person.merged_into_id is None:
        NameKey.objects.bulk_create(
            NameKey(person=person, key=k) for k in sorted(keys_for_names(names))
        )
    match_keys_refresh([person.pk])


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
    """Add an identifier; if another record holds it, raise a possible match, say nothing.

    Why no "already recorded for someone": that answer told the user a record exists that they
    may not see (an existence oracle, issue 10 item 3). The entry is accepted whoever else holds
    it, the clash goes to the possible-match queue for reviewers who may open both records, and
    the page says the same thing either way. Only a repeat on this same record is refused: the
    user can see that record, so nothing is revealed.
    """
    from lantern.identity.choices import MatchKind
    from lantern.identity.services import possible_match_raise

    if not person_policy.can(actor, CHANGE, person):
        raise PermissionDenied
    value = validate_identifier(id_type, value)
    with transaction.atomic():
        same_value = Identifier.objects.filter(type=id_type, value=value)
        if same_value.filter(person=person).exists():
            raise ValidationError("This identifier is already on this record")
        holders = sorted(set(same_value.values_list("person_id", flat=True)))
        identifier = Identifier.objects.create(person=person, type=id_type, value=value)
        for other in Person.objects.filter(pk__in=holders):
            possible_match_raise(
                actor=actor,
                kind=MatchKind.IDENTIFIER,
                person=person,
                other=other,
                identifier_type=id_type,
            )
        audit_record(
            actor=actor, action=events.IDENTIFIER_ADDED, subject=person, detail={"type": id_type}
        )
    return identifier


def home_area(person: Person, on=None):
    """The area of the child's home address on a day (the latest home when the day is not
    known), or None. Why an area at all: committee figures are split North, West and East."""
    from django.db.models import Q

    addresses = Address.objects.filter(person=person, district__isnull=False).select_related("district__area")
    if on is not None:
        addresses = addresses.filter(Q(start_date__isnull=True) | Q(start_date__lte=on),
                                     Q(end_date__isnull=True) | Q(end_date__gte=on))
    address = addresses.order_by("-start_date", "-id").first()
    return address.district.area if address is not None else None


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
    sharing: str | None = None,
    sanitised: bool = False,
    subtype: str = "",
    concern_type: str = "",
    method: str = "",
    arrested: bool = False,
    charged: bool = False,
    convicted: bool = False,
    area=None,
) -> ChronologyEvent:
    """Add an event to a person's chronology, from the actor's own agency unless given.

    Other apps (missing episodes, referrals, assessments) mirror their records here with
    ``source_type``/``source_id``; they have already checked access for their own action, so
    they may pass ``check_access=False``. Critical events notify registered handlers
    (``lantern.people.critical``) inside the same transaction.

    ``concern_type``, ``method``, ``arrested``, ``charged``, ``convicted`` and ``area`` are
    what the partnership's statistics count (``docs/reference/statistics.md``); left out, they
    are read from the type and the child's home address.

    ``sharing`` is who may read the entry (``lantern.access.sharing``): left out, it is the
    default for the type and the recording agency; given, it must be a level the recorder may
    choose, and one wider than the default needs ``sanitised=True`` (ValidationError otherwise).
    """
    if check_access and not person_policy.can(actor, ADD_EVENT, person):
        raise PermissionDenied
    agency = source_agency or actor.agency
    if agency is None:
        raise ValidationError("Your account has no agency, so the event has no source")
    level = content_sharing.choose_level(
        actor=actor, event_type=event_type, agency_kind=agency.kind, level=sharing,
        sanitised=sanitised,
    )
    # The figures' fields: given by the recorder, else read from the type (an arrest is an
    # arrest; a sexual exploitation incident is CSE), and the area is the child's home area.
    implied = classify(event_type, subtype, summary)
    concern_type = concern_type or implied["concern_type"]
    method = method or implied["method"]
    arrested = bool(arrested or implied["arrested"])
    if area is None:
        area = home_area(person, event_date)
    with transaction.atomic():
        event = ChronologyEvent.objects.create(
            person=person,
            event_type=event_type,
            event_date=event_date,
            subtype=subtype,
            concern_type=concern_type,
            method=method,
            arrested=arrested,
            charged=bool(charged),
            convicted=bool(convicted),
            area=area,
            date_precision=date_precision,
            source_agency=agency,
            summary=summary,
            significant=significant,
            recorded_by=actor,
            source_type=source_type,
            source_id=source_id,
            sharing=level,
        )
        # Handlers first: the audit append holds the chain head until commit, so it goes last.
        notify_critical(event=event, actor=actor)
        audit_record(
            actor=actor,
            action=events.EVENT_ADDED,
            subject=person,
            detail={"event_id": event.pk, "type": event_type, "sharing": level},
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
