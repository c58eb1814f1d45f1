"""Writes for restricted records: naming users, break-glass, the DPO's review and escalation.

Each is a keyword-only service in one transaction with its audit event (house rules 2 and 5).
Errors a user can fix raise ``ValidationError`` with a GOV.UK-style message; attempts the
user may not make raise ``PermissionDenied`` (views turn both into a page, never a 500).

Example::

    grant = break_glass(actor=user, person=child, reason="Missing tonight; police need the plan")
    ... later, the data protection officer:
    break_glass_review(actor=dpo, grant=grant, note="Checked with the duty manager")
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access import events
from lantern.access.models import AccessGrant, GrantKind, ReviewOutcome
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.access.workdays import working_days_between
from lantern.accounts.choices import Role
from lantern.audit.services import audit_record

logger = logging.getLogger(__name__)

#: A break-glass reason shorter than this is refused: "urgent" is not a reason.
MIN_REASON_LENGTH = 20


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _clean_reason(reason: str) -> str:
    return " ".join((reason or "").split())


def _substantial_reason(reason: str) -> str:
    """The reason, white space folded, if it says something: "urgent" is not a reason."""
    reason = _clean_reason(reason)
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(f"Reason must be {MIN_REASON_LENGTH} characters or more")
    return reason


def break_glass_hours() -> int:
    return int(getattr(settings, "LANTERN_BREAK_GLASS_HOURS", 4))


def review_working_days() -> int:
    return int(getattr(settings, "LANTERN_BREAK_GLASS_REVIEW_WORKING_DAYS", 5))


def may_name_users(actor, person) -> bool:
    """The DPO, or a team manager who can already see the restricted record."""
    if not _active(actor):
        return False
    if actor.role == Role.DPO:
        return True
    return actor.role == Role.TEAM_MANAGER and person_policy.can(actor, VIEW, person)


def grant_named(*, actor, person, user, reason: str) -> AccessGrant:
    """Name ``user`` on a restricted record, without an end date.

    The named user must already have the child inside their role's scope (an involvement of
    their team or agency, or a partnership role): naming lifts the restriction, it does not
    widen anyone's scope. Naming someone already named returns their existing grant.
    """
    if not may_name_users(actor, person):
        raise PermissionDenied
    reason = _clean_reason(reason)
    if not reason:
        raise ValidationError("Enter why this person needs to see the record")
    if not _active(user):
        raise ValidationError("This account is not active")
    if not person_policy.in_scope(user, VIEW, person):
        raise ValidationError(
            f"{user.get_full_name() or user.username}'s role and involvements do not include "
            "this child; record their involvement first"
        )
    now = timezone.now()
    with transaction.atomic():
        existing = (
            AccessGrant.objects.select_for_update()
            .filter(person=person, user=user, kind=GrantKind.NAMED)
            .filter(expires_at__isnull=True)
            .first()
        )
        if existing:
            return existing
        grant = AccessGrant.objects.create(
            person=person,
            user=user,
            kind=GrantKind.NAMED,
            reason=reason,
            granted_by=actor,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action=events.GRANT_NAMED,
            subject=person,
            reason=reason,
            detail={"grant_id": grant.pk, "user_id": user.pk, "username": user.username},
        )
    return grant


def break_glass(*, actor, person, reason: str) -> AccessGrant:
    """Open a restricted record for ``LANTERN_BREAK_GLASS_HOURS`` with a written reason.

    Only for someone whose role scope already includes the child (a practitioner whose team
    is involved, a partnership role); anyone else is refused as if the record did not exist.
    The grant joins the data protection officer's review queue in the same transaction.
    """
    if not _active(actor) or not person_policy.in_scope(actor, VIEW, person):
        raise PermissionDenied
    reason = _substantial_reason(reason)
    if not person.restricted:
        raise ValidationError("This record is not restricted")
    now = timezone.now()
    expires = now + dt.timedelta(hours=break_glass_hours())
    with transaction.atomic():
        grant = AccessGrant.objects.create(
            person=person,
            user=actor,
            kind=GrantKind.BREAK_GLASS,
            reason=reason,
            granted_by=actor,
            created_at=now,
            expires_at=expires,
        )
        audit_record(
            actor=actor,
            action=events.BREAK_GLASS,
            subject=person,
            reason=reason,
            detail={
                "grant_id": grant.pk,
                "expires_at": expires.isoformat(timespec="seconds"),
                "hours": break_glass_hours(),
            },
        )
        transaction.on_commit(
            lambda: logger.info("break-glass grant %s queued for review", grant.pk)
        )
    return grant


def break_glass_review(
    *, actor, grant: AccessGrant, note: str, outcome: str = ReviewOutcome.JUSTIFIED
) -> AccessGrant:
    """The data protection officer records their review of one break-glass grant.

    A DPO cannot review their own break-glass access: it stays in the queue (and escalates)
    for another reviewer.
    """
    if not _active(actor) or actor.role != Role.DPO:
        raise PermissionDenied
    if grant.kind != GrantKind.BREAK_GLASS:
        raise ValidationError("Only break-glass access is reviewed")
    if grant.user_id == actor.pk:
        raise ValidationError("Another reviewer must review your own break-glass access")
    note = (note or "").strip()
    if not note:
        raise ValidationError("Enter a review note")
    if outcome not in ReviewOutcome.values:
        raise ValidationError("Select whether the access was justified")
    with transaction.atomic():
        grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
        if grant.reviewed_at is not None:
            raise ValidationError("This break-glass access has already been reviewed")
        grant.reviewed_at = timezone.now()
        grant.reviewed_by = actor
        grant.review_note = note
        grant.review_outcome = outcome
        grant.save(update_fields=["reviewed_at", "reviewed_by", "review_note", "review_outcome"])
        audit_record(
            actor=actor,
            action=events.BREAK_GLASS_REVIEWED,
            subject=grant.person,
            reason=note,
            detail={"grant_id": grant.pk, "outcome": outcome, "user_id": grant.user_id},
        )
    return grant


def break_glass_overdue(*, now: dt.datetime | None = None):
    """Unreviewed break-glass grants older than the review period in working days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    limit = review_working_days()
    pending = AccessGrant.objects.filter(
        kind=GrantKind.BREAK_GLASS, reviewed_at__isnull=True
    ).select_related("user", "person")
    return [
        g
        for g in pending.order_by("created_at", "pk")
        if working_days_between(timezone.localdate(g.created_at), today) > limit
    ]


def break_glass_escalate(*, actor=None, now: dt.datetime | None = None) -> list[AccessGrant]:
    """Mark overdue, unreviewed break-glass grants as escalated (once each) and audit it.

    Returns the grants escalated by this call. ``actor`` is None when run by the scheduler.
    """
    now = now or timezone.now()
    escalated = []
    with transaction.atomic():
        for grant in break_glass_overdue(now=now):
            if grant.escalated_at is not None:
                continue
            updated = AccessGrant.objects.filter(pk=grant.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if not updated:
                continue
            grant.escalated_at = now
            audit_record(
                actor=actor,
                action=events.BREAK_GLASS_ESCALATED,
                subject=grant.person,
                detail={
                    "grant_id": grant.pk,
                    "user_id": grant.user_id,
                    "working_days": working_days_between(
                        timezone.localdate(grant.created_at), timezone.localdate(now)
                    ),
                },
            )
            escalated.append(grant)
    return escalated


# --- Restricting a record ---------------------------------------------------------------------


def _current_leads(person) -> list:
    """Active users who are the child's lead professional on a current involvement."""
    from django.db.models import Q

    from lantern.people.models import Involvement

    current = Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())
    rows = Involvement.objects.filter(
        current, person=person, is_lead=True, user__isnull=False, user__is_active=True
    ).select_related("user").order_by("user_id")
    return [inv.user for inv in rows]


def record_restrict(*, actor, person, reason: str) -> list[AccessGrant]:
    """Restrict a record: only people named on it (and break-glass, reviewed) may then see it.

    Who keeps access, so the work goes on: the person restricting it and the child's current
    lead professionals, each named with the same reason, provided the record is inside their
    role's scope. Everyone else who could see the child now gets "not found", and may ask for
    break-glass access, which the data protection officer reviews. Returns the grants made.
    """
    if not may_name_users(actor, person):
        raise PermissionDenied
    reason = _substantial_reason(reason)
    if person.restricted:
        raise ValidationError("This record is already restricted")
    keep = {actor.pk: actor}
    for lead in _current_leads(person):
        keep.setdefault(lead.pk, lead)
    with transaction.atomic():
        # Named before the flag is set, while the actor can still see the record; naming
        # someone already named returns their grant.
        grants = [
            grant_named(actor=actor, person=person, user=user, reason=reason)
            for user in keep.values()
            if person_policy.in_scope(user, VIEW, person)
        ]
        type(person).objects.filter(pk=person.pk).update(restricted=True)
        person.restricted = True
        audit_record(
            actor=actor, action=events.RECORD_RESTRICTED, subject=person, reason=reason,
            detail={"named_user_ids": [g.user_id for g in grants]},
        )
    return grants


def record_unrestrict(*, actor, person, reason: str) -> None:
    """Lift a restriction: the record is seen again by everyone whose role scope includes it.

    Names already given stay on file (they matter only while a record is restricted) and are
    shown again if it is restricted later.
    """
    if not may_name_users(actor, person):
        raise PermissionDenied
    reason = _substantial_reason(reason)
    if not person.restricted:
        raise ValidationError("This record is not restricted")
    with transaction.atomic():
        type(person).objects.filter(pk=person.pk).update(restricted=False)
        person.restricted = False
        audit_record(actor=actor, action=events.RECORD_UNRESTRICTED, subject=person, reason=reason)
