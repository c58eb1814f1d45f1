"""Reads for break-glass pages. Each takes the actor; missing and forbidden both raise 404."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from lantern.access.models import AccessGrant, GrantKind
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.accounts.choices import Role


def _is_dpo(actor) -> bool:
    return (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.role == Role.DPO
    )


def break_glass_person_get(*, actor, person_id: int):
    """The person behind a break-glass request, when it is inside the actor's role scope
    (restriction ignored). Everyone else gets 404, so existence is not revealed."""
    from lantern.people.models import Person

    person = Person.objects.filter(pk=person_id).first()
    if person is None or not person_policy.in_scope(actor, VIEW, person):
        raise Http404
    return person


def break_glass_queue(*, actor) -> QuerySet[AccessGrant]:
    """Break-glass grants waiting for review: escalated first, then oldest first."""
    if not _is_dpo(actor):
        raise Http404
    return (
        AccessGrant.objects.filter(kind=GrantKind.BREAK_GLASS, reviewed_at__isnull=True)
        .select_related("user", "user__agency", "person")
        .annotate(
            escalated_first=Case(
                When(escalated_at__isnull=False, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("escalated_first", "created_at", "pk")
    )


def break_glass_reviewed(*, actor, limit: int = 20) -> QuerySet[AccessGrant]:
    if not _is_dpo(actor):
        raise Http404
    return (
        AccessGrant.objects.filter(kind=GrantKind.BREAK_GLASS, reviewed_at__isnull=False)
        .select_related("user", "person", "reviewed_by")
        .order_by("-reviewed_at")[:limit]
    )


def break_glass_grant_get(*, actor, grant_id: int) -> AccessGrant:
    if not _is_dpo(actor):
        raise Http404
    grant = (
        AccessGrant.objects.filter(kind=GrantKind.BREAK_GLASS, pk=grant_id)
        .select_related("user", "user__agency", "person", "reviewed_by")
        .first()
    )
    if grant is None:
        raise Http404
    return grant


def break_glass_activity(*, actor, grant: AccessGrant):
    """What the grant's holder did with the record while the grant lasted (for the review)."""
    from lantern.audit.models import AuditEvent

    if not _is_dpo(actor):
        raise Http404
    events = AuditEvent.objects.filter(
        subject_links__subject_type="people.person",
        subject_links__subject_id=grant.person_id,
        actor_id=grant.user_id,
        occurred_at__gte=grant.created_at,
    )
    if grant.expires_at is not None:
        events = events.filter(occurred_at__lte=grant.expires_at)
    return events.order_by("id")


def restriction_person_get(*, actor, person_id):
    """The record whose restriction the actor may manage (the DPO; a team manager who can see
    it); 404 for everyone else, so the page reveals nothing about records outside scope."""
    from lantern.access.services import may_name_users
    from lantern.people.models import Person

    try:
        person = Person.objects.get(pk=int(person_id))
    except (Person.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not may_name_users(actor, person):
        raise Http404
    return person


def named_on(*, person) -> list[AccessGrant]:
    """People who may see the record while it is restricted: named (no end) and break-glass
    access still running, soonest granted first."""
    from django.db.models import Q
    from django.utils import timezone

    return list(
        AccessGrant.objects.filter(person=person)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .select_related("user", "user__agency", "granted_by")
        .order_by("created_at", "id")
    )
