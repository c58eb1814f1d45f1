"""Writes for the disruption register: named, keyword-only, in a transaction, audited.

``disruption_from_context_action`` is how a place or group's plan action of kind "disruption"
moves into the register: it runs when the action is added (``lantern.contexts.hooks``) and, for
actions that existed before the register, in migration 0002. The plan keeps its action (the
place's story stays whole); the register entry links to it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.services import audit_record
from lantern.disruption import events, policies, tactics
from lantern.disruption.choices import LinkRole, Outcome, TargetKind
from lantern.disruption.models import DisruptionAction, DisruptionBreach
from lantern.people.choices import PersonKind


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _text(value, message: str = "") -> str:
    text = (value or "").strip()
    if message and not text:
        raise ValidationError(message)
    return text


def disruption_record(
    *, actor, tactic: str, target_kind: str, started_on: dt.date, legal_basis: str = "",
    expires_on: dt.date | None = None, target_context=None, target_description: str = "",
    summary: str = "", owner=None, agency=None,
) -> DisruptionAction:
    """Record a disruption tactic against a target. A person target is linked afterwards with
    ``disruption_link_person`` (found with the people search)."""
    from lantern.contexts import policies as context_policies

    _require(policies.may_record(actor))
    if tactic not in {code for code, _, _ in tactics.tactics()}:
        raise ValidationError("Choose the tactic")
    if target_kind not in TargetKind.values:
        raise ValidationError("Choose what it is against")
    if started_on is None:
        raise ValidationError("Enter the date it started")
    if started_on > timezone.localdate():
        raise ValidationError("The start date must be today or in the past")
    if expires_on is not None and expires_on < started_on:
        raise ValidationError("The expiry date must be after the start date")
    description = _text(target_description)
    if target_kind in (TargetKind.PLACE, TargetKind.GROUP) and target_context is not None:
        _require(context_policies.can_view(actor, target_context))
        wanted = "location" if target_kind == TargetKind.PLACE else "peer_group"
        if target_context.kind != wanted:
            raise ValidationError("Choose a place for a place, or a group for a group")
    else:
        target_context = None
    if target_kind == TargetKind.LINE and not description:
        raise ValidationError("Enter the line's number or name")
    owner = owner or actor
    if not policies.may_record(owner) or not owner.is_active:
        raise ValidationError("Choose an owner who records disruption")
    agency = agency or owner.agency
    if agency is None:
        raise ValidationError("Choose the agency")
    with transaction.atomic():
        action = DisruptionAction.objects.create(
            tactic=tactic, legal_basis=_text(legal_basis) or tactics.usual_basis(tactic),
            target_kind=target_kind, target_context=target_context,
            target_description=description, summary=_text(summary), started_on=started_on,
            expires_on=expires_on, owner=owner, agency=agency, created_by=actor,
        )
        audit_record(actor=actor, action=events.RECORDED, subject=action,
                     detail={"tactic": tactic, "target_kind": target_kind})
    return action


def disruption_link_person(*, actor, action: DisruptionAction, person, role: str):
    """Name the person the entry is against, or a child it protects. A child is only ever
    protected by disruption, never its target (children are victims first)."""
    _require(policies.can_update(actor, action))
    _require(person_policy.can(actor, VIEW, person))
    if role not in LinkRole.values:
        raise ValidationError("Choose how they are connected")
    is_child = person.kind == PersonKind.CHILD
    if role == LinkRole.TARGET:
        if is_child:
            raise ValidationError("A child is protected by disruption, never its target")
        if action.target_kind != TargetKind.PERSON:
            raise ValidationError("This entry is against a place, line or group, not a person")
    elif not is_child:
        raise ValidationError("Only a child can be linked as protected")
    with transaction.atomic():
        if role == LinkRole.TARGET:
            action.target_person = person
            action.save(update_fields=["target_person"])
        else:
            if action.protects.filter(pk=person.pk).exists():
                raise ValidationError("They are already linked")
            action.protects.add(person)
        audit_record(actor=actor, action=events.PERSON_LINKED, subject=person,
                     detail={"disruption_action_id": action.pk, "role": role})
    return action


def disruption_record_breach(*, actor, action: DisruptionAction, occurred_on: dt.date,
                             description: str) -> DisruptionBreach:
    _require(policies.can_update(actor, action))
    if occurred_on is None:
        raise ValidationError("Enter the date of the breach")
    if occurred_on > timezone.localdate() or occurred_on < action.started_on:
        raise ValidationError("The breach must be between the start date and today")
    description = _text(description, "Enter what happened")
    with transaction.atomic():
        breach = DisruptionBreach.objects.create(
            action=action, occurred_on=occurred_on, description=description, recorded_by=actor
        )
        audit_record(actor=actor, action=events.BREACH_RECORDED, subject=action,
                     detail={"breach_id": breach.pk})
    return breach


def disruption_end(*, actor, action: DisruptionAction, outcome: str, ended_on: dt.date,
                   outcome_notes: str = "") -> DisruptionAction:
    """Record the end and outcome (complied, breached, revoked...); ends the expiry reminder."""
    _require(policies.can_update(actor, action))
    if action.ended_on is not None:
        raise ValidationError("This has already ended")
    if outcome not in Outcome.values:
        raise ValidationError("Choose the outcome")
    if ended_on is None:
        raise ValidationError("Enter the date it ended")
    if ended_on > timezone.localdate() or ended_on < action.started_on:
        raise ValidationError("The end date must be between the start date and today")
    with transaction.atomic():
        action.outcome, action.ended_on = outcome, ended_on
        action.outcome_notes = _text(outcome_notes)
        action.save(update_fields=["outcome", "ended_on", "outcome_notes"])
        audit_record(actor=actor, action=events.ENDED, subject=action, detail={"outcome": outcome})
    return action


def disruption_from_context_action(*, actor, context_action) -> DisruptionAction | None:
    """Put a place or group's "disruption" plan action in the register (once), against the
    place or group, protecting the children currently linked to it."""
    from lantern.contexts.choices import ActionKind, ContextKind, MemberRole

    if context_action.kind != ActionKind.DISRUPTION:
        return None
    existing = DisruptionAction.objects.filter(source_context_action=context_action).first()
    if existing is not None:
        return existing
    context = context_action.context
    with transaction.atomic():
        action = DisruptionAction.objects.create(
            tactic="patrols" if "patrol" in context_action.description.lower() else "other",
            target_kind=TargetKind.PLACE if context.kind == ContextKind.LOCATION else TargetKind.GROUP,
            target_context=context, summary=context_action.description,
            started_on=context_action.created_at.date() if context_action.created_at
            else timezone.localdate(),
            owner=context_action.owner_user, agency=context_action.agency,
            source_context_action=context_action, created_by=actor,
        )
        children = context.members.filter(unlinked_on__isnull=True, role=MemberRole.CHILD)
        action.protects.set([m.person_id for m in children])
        audit_record(actor=actor, action=events.FROM_CONTEXT, subject=action,
                     detail={"context_action_id": context_action.pk, "context_id": context.pk})
    return action
