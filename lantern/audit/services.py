"""Writing audit events. Call ``audit_record`` inside the same transaction as the change it
describes, so the change and its event commit (or roll back) together.

Example::

    with transaction.atomic():
        person = Person.objects.create(...)
        audit_record(actor=user, action=events.PERSON_CREATED, subject=person)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from lantern.audit.chain import GENESIS, event_fields, link_hash
from lantern.audit.models import AuditEvent, Outcome, SubjectLink
from lantern.core.middleware import current_request_id


def _subject_parts(subject, subject_type: str, subject_ids: Iterable[Any] | None):
    if subject is not None:
        return subject._meta.label_lower, [subject.pk]
    return subject_type, list(subject_ids or [])


def audit_record(
    *,
    actor,
    action: str,
    subject=None,
    subject_type: str = "",
    subject_ids: Iterable[Any] | None = None,
    reason: str = "",
    outcome: str = Outcome.ALLOWED,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain.

    The previous hash is read under a lock (``select_for_update`` on PostgreSQL; SQLite's
    IMMEDIATE transactions already serialise writers), so two writers cannot fork the chain.
    """
    subject_type, ids = _subject_parts(subject, subject_type, subject_ids)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    agency = getattr(actor, "agency", None) if authenticated else None
    with transaction.atomic():
        last = (
            AuditEvent.objects.select_for_update().order_by("-id").values_list("hash", flat=True)
        ).first()
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor_id=actor.pk if authenticated else None,
            actor_username=actor.get_username() if authenticated else "",
            actor_role=getattr(actor, "role", "") if authenticated else "",
            actor_agency=agency.name if agency else "",
            action=action,
            subject_type=subject_type,
            subject_ids=ids,
            reason=reason,
            request_id=current_request_id.get(),
            outcome=outcome,
            detail=detail or {},
            prev_hash=last or GENESIS,
        )
        event.hash = link_hash(event.prev_hash, event_fields(event))
        event.save(force_insert=True)
        numeric = [i for i in ids if isinstance(i, int) or str(i).isdigit()]
        if numeric:
            SubjectLink.objects.bulk_create(
                SubjectLink(event=event, subject_type=subject_type, subject_id=int(i))
                for i in numeric
            )
    return event
