"""Writes for places and peer groups: named, keyword-only, in a transaction, audited with the
change (house rules 2 and 5).

Every write checks the actor's right first (``lantern.contexts.policies``) and raises
``PermissionDenied`` (views turn that into 404) or ``ValidationError`` (a GOV.UK error).
Linking a child to a context, or ending the link, is put on the child's chronology
(``source_type="contexts.ContextMember"``), so the child's story shows the places and groups
the partnership was worried about.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.services import audit_record
from lantern.contexts import events, policies
from lantern.contexts.choices import (
    ActionKind,
    ActionStatus,
    ClosureOutcome,
    ContextKind,
    ContextStatus,
    MemberRole,
    NoteKind,
)
from lantern.contexts.models import (
    POSTCODE_DISTRICT,
    Context,
    ContextAction,
    ContextMember,
    ContextNote,
)
from lantern.people.choices import EventType, PersonKind
from lantern.people.services import chronology_event_add

#: Fields ``context_update`` may change.
EDITABLE = ("name", "description", "district", "ward", "postcode_district", "team", "lead")


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _require_open(context: Context) -> None:
    if not context.is_open:
        raise ValidationError("This place or group is closed")


def _clean_text(value: str | None, message: str = "") -> str:
    text = (value or "").strip()
    if message and not text:
        raise ValidationError(message)
    return text


def _clean_postcode_district(value: str | None) -> str:
    code = "".join((value or "").split()).upper()
    if code:
        POSTCODE_DISTRICT(code)
    return code


def _check_lead(lead, team) -> None:
    if lead is None:
        return
    if not lead.is_active or lead.role not in policies.LEAD_ROLES:
        raise ValidationError("Choose an active practitioner or team manager as the lead")
    if team is not None and lead.agency_id != team.agency_id:
        raise ValidationError("The lead professional must work for the team's agency")


def _kind_label(context: Context) -> str:
    return ContextKind(context.kind).label.lower()


def context_open(
    *,
    actor,
    kind: str,
    name: str,
    team,
    description: str = "",
    district=None,
    ward: str = "",
    postcode_district: str = "",
    lead=None,
    referral=None,
) -> Context:
    """Open a record for a place or peer group, held by ``team`` (one of the actor's teams; a
    manager may choose any team of their agency)."""
    _require(policies.may_work_contexts(actor))
    if kind not in ContextKind.values:
        raise ValidationError("Choose whether it is a place or a peer group")
    name = _clean_text(name, "Enter the name of the place or group")
    if team is None:
        raise ValidationError("Choose the team that will hold the record")
    if referral is None:
        _require(policies.may_hold(actor, team))
    else:
        # Triage decides which of its agency's teams holds the work (as for a child's case).
        _require(team.agency_id == actor.agency_id)
    _check_lead(lead, team)
    code = _clean_postcode_district(postcode_district)
    with transaction.atomic():
        context = Context.objects.create(
            kind=kind,
            name=name,
            description=_clean_text(description),
            district=district,
            ward=_clean_text(ward),
            postcode_district=code,
            team=team,
            lead=lead,
            referral=referral,
            opened_on=timezone.localdate(),
            opened_by=actor,
        )
        audit_record(
            actor=actor, action=events.CONTEXT_OPENED, subject=context,
            detail={"kind": kind, "team_id": team.pk, "referral_id": getattr(referral, "pk", None)},
        )
    return context


def context_update(*, actor, context: Context, **fields) -> Context:
    """Change a context's details, team or lead professional."""
    _require(policies.can_work(actor, context))
    _require_open(context)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"context_update cannot change {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = _clean_text(fields["name"], "Enter the name of the place or group")
    for key in ("description", "ward"):
        if key in fields:
            fields[key] = _clean_text(fields[key])
    if "postcode_district" in fields:
        fields["postcode_district"] = _clean_postcode_district(fields["postcode_district"])
    team = fields.get("team", context.team)
    if team is None:
        raise ValidationError("Choose the team that will hold the record")
    if "team" in fields and team.pk != context.team_id:
        _require(policies.may_hold(actor, team))
    _check_lead(fields.get("lead", context.lead), team)
    changed = sorted(k for k, v in fields.items() if getattr(context, k) != v)
    with transaction.atomic():
        for key, value in fields.items():
            setattr(context, key, value)
        context.save()
        audit_record(
            actor=actor, action=events.CONTEXT_UPDATED, subject=context, detail={"changed": changed}
        )
    return context


def context_close(*, actor, context: Context, outcome: str, reason: str) -> Context:
    """Close with an outcome and a reason. Current links stay as they were (the history)."""
    _require(policies.can_work(actor, context))
    _require_open(context)
    if outcome not in ClosureOutcome.values:
        raise ValidationError("Choose the outcome")
    reason = _clean_text(reason, "Enter why the record is being closed")
    with transaction.atomic():
        context.status = ContextStatus.CLOSED
        context.closure_outcome = outcome
        context.closure_reason = reason
        context.closed_on = timezone.localdate()
        context.closed_by = actor
        context.save()
        audit_record(
            actor=actor, action=events.CONTEXT_CLOSED, subject=context, detail={"outcome": outcome}
        )
    return context


def _link(*, actor, context: Context, person, role: str, reason: str) -> ContextMember:
    """Link without permission checks (callers do them); audit and chronology included."""
    member = ContextMember.objects.create(
        context=context, person=person, role=role, reason=reason, linked_by=actor,
        linked_on=timezone.localdate(),
    )
    audit_record(
        actor=actor, action=events.MEMBER_LINKED, subject=person,
        detail={"context_id": context.pk, "member_id": member.pk, "role": role},
    )
    if role == MemberRole.CHILD:
        _tell_chronology(
            actor=actor, member=member, on=member.linked_on,
            summary=(
                f"Linked to the {_kind_label(context)} record \"{context.name}\" as a child "
                f"affected (contextual safeguarding). {reason}"
            ),
        )
    return member


def _tell_chronology(*, actor, member: ContextMember, on: dt.date, summary: str) -> None:
    """Put a link's start or end on the child's chronology (the caller checked access)."""
    chronology_event_add(
        actor=actor,
        person=member.person,
        event_type=EventType.OTHER,
        event_date=on,
        summary=summary[:2000],
        source_agency=actor.agency or member.context.team.agency,
        source_type="contexts.ContextMember",
        source_id=member.pk,
        check_access=False,
    )


def context_link_person(
    *, actor, context: Context, person, role: str = MemberRole.CHILD, reason: str
) -> ContextMember:
    """Link a child affected by the place or group (or, for a peer group, a person of concern).

    The actor must be able to see the person. Children are always linked as children affected,
    never as persons of concern (a child is a victim first); persons of concern are adults.
    """
    _require(policies.can_work(actor, context))
    _require(person_policy.can(actor, VIEW, person))
    _require_open(context)
    if role not in MemberRole.values:
        raise ValidationError("Choose how they are connected")
    reason = _clean_text(reason, "Enter why they are linked to the place or group")
    if role == MemberRole.CHILD and person.kind != PersonKind.CHILD:
        raise ValidationError("Only a child can be linked as a child affected")
    if role == MemberRole.PERSON_OF_CONCERN:
        if context.kind != ContextKind.PEER_GROUP:
            raise ValidationError("Persons of concern are linked to peer groups only")
        if person.kind == PersonKind.CHILD:
            raise ValidationError("A child is linked as a child affected, never as a person of concern")
    with transaction.atomic():
        if ContextMember.objects.select_for_update().filter(
            context=context, person=person, unlinked_on__isnull=True
        ).exists():
            raise ValidationError("They are already linked to this place or group")
        return _link(actor=actor, context=context, person=person, role=role, reason=reason)


def context_unlink_person(*, actor, member: ContextMember, reason: str) -> ContextMember:
    """End a link (kept for the history) with a reason; the child's chronology says so."""
    context = member.context
    _require(policies.can_work(actor, context))
    _require(person_policy.can(actor, VIEW, member.person))
    _require_open(context)
    if member.unlinked_on is not None:
        raise ValidationError("This link has already ended")
    reason = _clean_text(reason, "Enter why the link is ending")
    with transaction.atomic():
        member.unlinked_on = timezone.localdate()
        member.unlinked_by = actor
        member.unlink_reason = reason
        member.save(update_fields=["unlinked_on", "unlinked_by", "unlink_reason"])
        audit_record(
            actor=actor, action=events.MEMBER_UNLINKED, subject=member.person,
            detail={"context_id": context.pk, "member_id": member.pk},
        )
        if member.role == MemberRole.CHILD:
            _tell_chronology(
                actor=actor, member=member, on=member.unlinked_on,
                summary=(
                    f"No longer linked to the {_kind_label(context)} record \"{context.name}\". "
                    f"{reason}"
                ),
            )
    return member


def _owner(*, context: Context, owner_user, owner_name: str, agency):
    from lantern.contexts.selectors import eligible_owners

    name = _clean_text(owner_name)
    if owner_user is not None:
        if not eligible_owners(context=context).filter(pk=owner_user.pk).exists():
            raise ValidationError("Choose an owner from the list, or enter a partner's name")
        name = owner_user.get_full_name() or owner_user.get_username()
        agency = agency or owner_user.agency
    if not name:
        raise ValidationError("Choose who will do it, or enter their name")
    if agency is None:
        raise ValidationError("Choose their agency")
    return name, agency


def context_add_action(
    *,
    actor,
    context: Context,
    kind: str,
    description: str,
    due_date: dt.date,
    owner_user=None,
    owner_name: str = "",
    agency=None,
) -> ContextAction:
    """Add an action to the plan for the place or group (owner on Lantern, or a named partner)."""
    _require(policies.can_work(actor, context))
    _require_open(context)
    if kind not in ActionKind.values:
        raise ValidationError("Choose the kind of action")
    description = _clean_text(description, "Enter what will be done")
    if due_date is None:
        raise ValidationError("Enter the due date")
    name, agency = _owner(context=context, owner_user=owner_user, owner_name=owner_name, agency=agency)
    with transaction.atomic():
        action = ContextAction.objects.create(
            context=context, kind=kind, description=description, owner_user=owner_user,
            owner_name=name, agency=agency, due_date=due_date, created_by=actor,
        )
        audit_record(
            actor=actor, action=events.ACTION_ADDED, subject=context,
            detail={"action_id": action.pk, "kind": kind},
        )
        from lantern.contexts.hooks import action_added

        action_added(actor=actor, action=action)  # e.g. the disruption register
    return action


def context_update_action(
    *, actor, action: ContextAction, status: str, not_done_reason: str = "",
    due_date: dt.date | None = None,
) -> ContextAction:
    """Change an action's status ("not done" needs a reason) and optionally its due date.

    The context's workers may, and so may the action's owner (``policies.can_update_action``).
    """
    context = action.context
    _require(policies.can_update_action(actor, action))
    _require_open(context)
    if status not in ActionStatus.values:
        raise ValidationError("Choose a status")
    reason = _clean_text(not_done_reason)
    if status == ActionStatus.NOT_DONE and not reason:
        raise ValidationError("Enter why the action was not done")
    with transaction.atomic():
        action.status = status
        action.not_done_reason = reason if status == ActionStatus.NOT_DONE else ""
        action.completed_on = timezone.localdate() if status == ActionStatus.DONE else None
        if due_date is not None:
            action.due_date = due_date
        action.save()
        audit_record(
            actor=actor, action=events.ACTION_UPDATED, subject=context,
            detail={"action_id": action.pk, "status": status},
        )
    return action


def context_add_note(
    *, actor, context: Context, kind: str, occurred_on: dt.date, text: str
) -> ContextNote:
    """Log an observation, visit or meeting about the place or group."""
    _require(policies.can_work(actor, context))
    _require_open(context)
    if kind not in NoteKind.values:
        raise ValidationError("Choose what kind of note it is")
    if occurred_on is None:
        raise ValidationError("Enter the date")
    if occurred_on > timezone.localdate():
        raise ValidationError("The date must be today or in the past")
    text = _clean_text(text, "Enter the note")
    with transaction.atomic():
        note = ContextNote.objects.create(
            context=context, kind=kind, occurred_on=occurred_on, text=text, recorded_by=actor
        )
        audit_record(
            actor=actor, action=events.NOTE_ADDED, subject=context,
            detail={"note_id": note.pk, "kind": kind},
        )
    return note


def context_open_from_referral(
    *, actor, referral, team, existing: Context | None = None
) -> Context:
    """Triage decided to work a referral about a place or group: open its context record (or
    join an existing open one) and link the children the referral names.

    Called by ``lantern.referrals.services.referral_decide`` inside its transaction; the triage
    worker has already checked each child when linking them to the referral.
    """
    from lantern.referrals.choices import ReferralAbout

    if referral.about != ReferralAbout.CONTEXT:
        raise ValidationError("This referral is about one child, not a place or group")
    with transaction.atomic():
        if existing is None:
            context = context_open(
                actor=actor, kind=referral.context_kind, name=referral.context_name, team=team,
                description=referral.context_description, referral=referral,
            )
        else:
            context = existing
            _require(policies.can_work(actor, context))
            _require_open(context)
            if context.kind != referral.context_kind:
                raise ValidationError("Choose a record of the same kind (place or peer group)")
            audit_record(
                actor=actor, action=events.CONTEXT_REFERRAL_LINKED, subject=context,
                detail={"referral_id": referral.pk},
            )
        current = set(
            context.members.filter(unlinked_on__isnull=True).values_list("person_id", flat=True)
        )
        for link in referral.children.select_related("person").order_by("pk"):
            if link.person_id in current:
                continue
            _link(
                actor=actor, context=context, person=link.person, role=MemberRole.CHILD,
                reason=f"Named as affected in referral {referral.reference}.",
            )
    return context
