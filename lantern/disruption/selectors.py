"""Reads for the disruption register. Every function that returns records takes the actor; the
people an entry names go through ``split_named``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.access.naming import Named, split_named
from lantern.contexts import policies as context_policies
from lantern.disruption import policies
from lantern.disruption.choices import REMIND_DAYS
from lantern.disruption.models import DisruptionAction


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def visible(*, actor) -> QuerySet[DisruptionAction]:
    q = policies.scope_q(actor)
    if q is None:
        return DisruptionAction.objects.none()
    return DisruptionAction.objects.filter(
        pk__in=DisruptionAction.objects.filter(q).values("pk")
    )


def register(*, actor, status: str = "active") -> list[DisruptionAction]:
    """The register, filtered: ``active`` (not ended, not past expiry), ``expiring`` (within the
    reminder window), ``ended`` (ended or expired), or everything."""
    today = timezone.localdate()
    items = visible(actor=actor).select_related(
        "target_person", "target_context", "owner", "agency", "source_context_action"
    )
    live = Q(ended_on__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    if status == "active":
        items = items.filter(live)
    elif status == "expiring":
        items = items.filter(live, expires_on__lte=today + dt.timedelta(days=REMIND_DAYS))
    elif status == "ended":
        items = items.exclude(live)
    return list(items.order_by("expires_on", "-started_on", "-id"))


def get(*, actor, action_id) -> DisruptionAction:
    action = (
        visible(actor=actor)
        .select_related("target_person", "target_context", "owner", "agency",
                        "source_context_action", "source_context_action__context")
        .filter(pk=_pk(action_id))
        .first()
    )
    if action is None:
        raise Http404
    return action


def get_updatable(*, actor, action_id) -> DisruptionAction:
    action = get(actor=actor, action_id=action_id)
    if not policies.can_update(actor, action) or action.ended_on is not None:
        raise Http404
    return action


def target_shown(*, actor, action) -> tuple[str, bool]:
    """The target in words this viewer may be given, and whether a person was left out."""
    if action.target_person_id:
        if split_named(actor, [action.target_person]).shown:
            return action.target_person.display_name, False
        return "A person you do not have access to", True
    if action.target_context_id:
        if context_policies.may_view_contexts(actor):
            return action.target_context.name, False
        return action.get_target_kind_display(), False
    return action.target_description or action.get_target_kind_display(), False


def protected_for(*, actor, action) -> Named:
    return split_named(actor, action.protects.order_by("last_name", "first_name", "id"))


def owned_reminders(*, actor) -> list:
    """Orders the actor owns that expire within the reminder window (or have expired without
    being ended): "My actions" asks them to renew, vary or end each."""
    from django.urls import reverse

    from lantern.cases.owned import OwnedAction

    if not policies.may_record(actor):
        return []
    today = timezone.localdate()
    rows = DisruptionAction.objects.filter(
        owner_id=actor.pk, ended_on__isnull=True, expires_on__isnull=False,
        expires_on__lte=today + dt.timedelta(days=REMIND_DAYS),
    ).select_related("target_context").order_by("expires_on", "id")
    return [
        OwnedAction(
            due_date=a.expires_on,
            description=(f"{a.tactic_name} {'expired' if a.is_expired else 'expires'}: renew, "
                         "vary or record its end"),
            status_label="Expired" if a.is_expired else "Expires soon",
            plan_kind="Disruption",
            about=a.tactic_name,
            about_url=reverse("disruption:detail", args=[a.pk]),
            update_url=reverse("disruption:end", args=[a.pk]),
            sort_key=(a.pk,),
        )
        for a in rows
    ]
