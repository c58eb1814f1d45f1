"""Writes for the facts that change over time: schools, addresses and relationships.

Why history, never deletion: a chronology is read years later ("where did she live when the
first missing episode happened? which school was he at?"), so moving school or address records
an end date on the old entry and starts a new one; ending a relationship records when it ended.
Every write is keyword-only, checks the record policy, and commits with its audit event.

Enrolments feed the schools area as they are: notices go to the school a child is on the roll
of now and year-group flags read current enrolments (``lantern.schools``), so recording a move
here is what sends the next notice to the new school.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.access.naming import visible_person_ids
from lantern.access.policies import person_policy
from lantern.access.scopes import CHANGE
from lantern.accounts.choices import AgencyKind
from lantern.audit.services import audit_record
from lantern.people import events
from lantern.people.choices import RelationshipKind
from lantern.people.models import Address, Person, Relationship, SchoolEnrolment
from lantern.schools.year_groups import YEAR_13, year_group


def _require_change(actor, person: Person) -> None:
    if not person_policy.can(actor, CHANGE, person):
        raise PermissionDenied


def _check_dates(start: dt.date | None, end: dt.date | None = None) -> None:
    today = timezone.localdate()
    if start is not None and start > today:
        raise ValidationError({"start_date": "The start date must be today or in the past"})
    if end is not None and end > today:
        raise ValidationError({"end_date": "The end date must be today or in the past"})
    if start is not None and end is not None and end < start:
        raise ValidationError({"end_date": "The end date must be the same as or after the start date"})


def _end_current(rows, *, before: dt.date) -> list[int]:
    """End rows still current on ``before`` the day before it; returns their ids."""
    ended = []
    for row in rows:
        row.end_date = max(before - dt.timedelta(days=1), row.start_date or before)
        row.save(update_fields=["end_date"])
        ended.append(row.pk)
    return ended


# --- Schools ----------------------------------------------------------------------------------


def enrolment_year_group(*, person: Person, start_date: dt.date, given: int | None) -> int:
    """The year group to store as at the start: from the date of birth when it is known (the
    one rule, ``lantern.schools.year_groups``), else the one the recorder gave."""
    if person.date_of_birth is not None:
        group = year_group(person.date_of_birth, start_date)
        if not 0 <= group <= YEAR_13:
            raise ValidationError(
                {"start_date": "On that date the child was not of school age (Reception to Year 13)"}
            )
        return group
    if given is None:
        raise ValidationError(
            {"year_group": "Enter the year group they joined, as their date of birth is not known"}
        )
    return given


def enrolment_start(
    *, actor, person: Person, school, start_date: dt.date, year_group_given: int | None = None
) -> SchoolEnrolment:
    """Record that a child started at ``school`` (a school agency). Moving school: a current
    enrolment elsewhere is ended the day before, so the child is on one roll at a time."""
    _require_change(actor, person)
    if school is None or school.kind != AgencyKind.SCHOOL:
        raise ValidationError({"school": "Select the school from the list"})
    _check_dates(start_date)
    group = enrolment_year_group(person=person, start_date=start_date, given=year_group_given)
    with transaction.atomic():
        current = SchoolEnrolment.objects.select_for_update().filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start_date), person=person
        )
        if current.filter(school=school, start_date__lte=start_date).exists():
            raise ValidationError({"school": "They are already on the roll of this school then"})
        if current.filter(start_date__gt=start_date).exists():
            raise ValidationError(
                {"start_date": "A later school is already recorded: the start date must be after it"}
            )
        ended = _end_current(list(current), before=start_date)
        enrolment = SchoolEnrolment.objects.create(
            person=person, school=school, year_group=group, start_date=start_date
        )
        audit_record(
            actor=actor,
            action=events.ENROLMENT_STARTED,
            subject=person,
            detail={"enrolment_id": enrolment.pk, "school_id": school.pk, "ended": ended},
        )
    return enrolment


def _end(actor, row, end_date: dt.date, *, what: str, action: str, audit: dict):
    """Give a school, address or relationship its end date (the entry stays, so the history
    reads as it happened), audited. The caller has checked who may change the record."""
    if row.end_date is not None:
        raise ValidationError(f"This {what} already has an end date")
    _check_dates(row.start_date, end_date)
    with transaction.atomic():
        row.end_date = end_date
        row.save(update_fields=["end_date"])
        audit_record(actor=actor, action=action, **audit)
    return row


def enrolment_end(*, actor, enrolment: SchoolEnrolment, end_date: dt.date) -> SchoolEnrolment:
    """Record that a child left a school (the entry stays, with its end date)."""
    _require_change(actor, enrolment.person)
    return _end(actor, enrolment, end_date, what="school", action=events.ENROLMENT_ENDED,
                audit={"subject": enrolment.person, "detail": {"enrolment_id": enrolment.pk}})


# --- Addresses --------------------------------------------------------------------------------


def address_add(
    *,
    actor,
    person: Person,
    line1: str,
    line2: str = "",
    town: str,
    postcode: str = "",
    kind: str = "",
    start_date: dt.date | None,
    moved: bool = True,
) -> Address:
    """Record an address. ``moved``: it replaces the current one(s), which end the day before
    (a second address, such as a parent's, is recorded with ``moved=False``)."""
    _require_change(actor, person)
    line1, town = (line1 or "").strip(), (town or "").strip()
    if not line1:
        raise ValidationError({"line1": "Enter the first line of the address"})
    if not town:
        raise ValidationError({"town": "Enter the town or city"})
    _check_dates(start_date)
    with transaction.atomic():
        ended = []
        if moved:
            if start_date is None:
                raise ValidationError(
                    {"start_date": "Enter the date they moved, so the old address can be ended"}
                )
            current = Address.objects.select_for_update().filter(
                Q(end_date__isnull=True) | Q(end_date__gte=start_date), person=person
            )
            if current.filter(start_date__gt=start_date).exists():
                raise ValidationError(
                    {"start_date": "A later address is already recorded: the move must be after it"}
                )
            ended = _end_current(list(current), before=start_date)
        address = Address.objects.create(
            person=person,
            line1=line1,
            line2=(line2 or "").strip(),
            town=town,
            postcode=(postcode or "").strip().upper(),
            kind=kind,
            start_date=start_date,
        )
        audit_record(
            actor=actor,
            action=events.ADDRESS_ADDED,
            subject=person,
            detail={"address_id": address.pk, "ended": ended},
        )
    return address


def address_end(*, actor, address: Address, end_date: dt.date) -> Address:
    _require_change(actor, address.person)
    return _end(actor, address, end_date, what="address", action=events.ADDRESS_ENDED,
                audit={"subject": address.person, "detail": {"address_id": address.pk}})


# --- Relationships ----------------------------------------------------------------------------


def relationship_add(
    *,
    actor,
    person: Person,
    other: Person,
    kind: str,
    description: str = "",
    start_date: dt.date | None = None,
) -> Relationship:
    """Link two records. The actor must be able to open both: the other person was found by a
    search limited to their scope, and a hand-made id for a record they may not open is refused
    with the same words as one that does not exist."""
    _require_change(actor, person)
    if other is None or not visible_person_ids(actor, [other.pk]):
        raise ValidationError({"other": "Select the person from the search results"})
    if other.pk == person.pk:
        raise ValidationError({"other": "Select someone other than this person"})
    if kind not in RelationshipKind.values:
        raise ValidationError({"kind": "Select how they are related"})
    _check_dates(start_date)
    with transaction.atomic():
        current = Relationship.objects.filter(
            (Q(person=person, other=other) | Q(person=other, other=person)),
            kind=kind,
            end_date__isnull=True,
        )
        if current.exists():
            raise ValidationError({"kind": "This relationship is already recorded"})
        rel = Relationship.objects.create(
            person=person,
            other=other,
            kind=kind,
            description=(description or "").strip(),
            start_date=start_date,
        )
        audit_record(
            actor=actor,
            action=events.RELATIONSHIP_ADDED,
            subject_type="people.person",
            subject_ids=[person.pk, other.pk],
            detail={"relationship_id": rel.pk, "kind": kind},
        )
    return rel


def relationship_end(*, actor, person: Person, relationship: Relationship, end_date: dt.date):
    """End a relationship seen from ``person``'s record (either side may have recorded it)."""
    _require_change(actor, person)
    return _end(actor, relationship, end_date, what="relationship",
                action=events.RELATIONSHIP_ENDED,
                audit={"subject_type": "people.person",
                       "subject_ids": [relationship.person_id, relationship.other_id],
                       "detail": {"relationship_id": relationship.pk}})
