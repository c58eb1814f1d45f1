"""Reads of the audit trail. Each takes the actor; missing and forbidden both raise 404."""

from __future__ import annotations

from django.db.models import QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from lantern.audit.chain import GENESIS
from lantern.audit.models import AuditEvent, ChainHead
from lantern.audit.policies import can_see_history

PERSON = "people.person"


def history_person_get(*, actor, person_id: int):
    """The person whose history the actor asks for, if they may see it (else 404)."""
    from lantern.people.models import Person

    try:
        pk = int(person_id)
    except (TypeError, ValueError):
        raise Http404 from None
    person = Person.objects.filter(pk=pk).first()
    if person is None or not can_see_history(actor, person):
        raise Http404
    return person


def record_history(*, actor, person) -> QuerySet[AuditEvent]:
    """Every event linked to ``person``, newest first."""
    if not can_see_history(actor, person):
        raise Http404
    return AuditEvent.objects.filter(
        pk__in=_linked(PERSON, person.pk)
    ).order_by("-id")


def _linked(subject_type: str, subject_id: int):
    from lantern.audit.models import SubjectLink

    return SubjectLink.objects.filter(subject_type=subject_type, subject_id=subject_id).values(
        "event_id"
    )


def actor_names(actor_ids: set[int]) -> dict[int, str]:
    """Full names for the actors on a page of events (one query)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=actor_ids).only("first_name", "last_name")
    return {u.pk: u.get_full_name() for u in users}


def chain_head() -> dict:
    """Count, head hash and newest event id, read in one statement so they agree."""
    newest = AuditEvent.objects.order_by("-id").values("id")[:1]
    row = (
        ChainHead.objects.filter(pk=1)
        .annotate(last_id=Subquery(newest))
        .values("count", "hash", "last_id")
        .first()
    )
    if row is None:
        row = {"count": 0, "hash": GENESIS, "last_id": None}
    return {
        "count": row["count"],
        "head_hash": row["hash"],
        "last_id": row["last_id"],
        "at": timezone.now().isoformat(timespec="seconds"),
    }
