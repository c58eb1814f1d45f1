"""Writes for cases: named, keyword-only, in a transaction, audited with the change.

Every write checks the actor's right first (``lantern.cases.policies``) and raises
``PermissionDenied`` (views turn that into 404) or ``ValidationError`` (a GOV.UK error).
What the child experiences (contacts, a new lead professional, closure) is mirrored on their
chronology with ``source_type="cases.<Model>"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.accounts.choices import Role
from lantern.audit.services import audit_record
from lantern.cases import events, policies, rules
from lantern.cases.choices import (
    ActionStatus,
    CaseStatus,
    ClosureOutcome,
    ContactKind,
    EngagementOutcome,
    PlanSection,
    ResurfacingState,
    TaskKind,
    TaskStatus,
)
from lantern.cases.hooks import is_valid_assessment
from lantern.cases.models import (
    Alert,
    Case,
    CaseReview,
    Contact,
    PlanAction,
    PlanSectionNote,
    Resurfacing,
    Task,
)
from lantern.people.choices import EventType
from lantern.people.models import Involvement
from lantern.people.services import chronology_event_add

LEAD_ROLE = "Lead professional"
TEAM_ROLE = "Allocated team"
CLOSED_TEAM_ROLE = "Team that held the closed case"


def _today() -> dt.date:
    return timezone.localdate()


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _mirror(*, actor, case: Case, event_type: str, summary: str, when: dt.date | None,
            source_type: str, source_id: int, agency=None):
    """Put a casework step on the child's chronology (access already checked by the caller)."""
    return chronology_event_add(
        actor=actor,
        person=case.person,
        event_type=event_type,
        event_date=when,
        summary=summary[:2000],
        source_agency=agency or actor.agency or (case.team.agency if case.team_id else None),
        source_type=source_type,
        source_id=source_id,
        check_access=False,
    )


def team_managers(team) -> list:
    """Active team managers of ``team`` (empty when there is no team)."""
    if team is None:
        return []
    return list(
        get_user_model().objects.filter(role=Role.TEAM_MANAGER, is_active=True, teams=team)
        .order_by("id")
    )


def eligible_leads(actor):
    """Who a team manager may allocate to: active practitioners and managers in their teams."""
    return (
        get_user_model().objects.filter(
            is_active=True,
            role__in=[Role.PRACTITIONER, Role.TEAM_MANAGER],
            teams__in=actor.teams.all(),
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


# --- Opening and allocation ---------------------------------------------------------------------


def _team_involvement(*, case: Case, team) -> Involvement:
    agency = team.agency
    return Involvement.objects.create(
        person=case.person,
        agency=agency,
        team=team,
        role=TEAM_ROLE,
        contact_name=team.name,
        contact_phone=agency.phone,
        contact_email=agency.email,
        start_date=_today(),
    )


def case_open(
    *, actor, person, team, referral=None, lead=None, reopened_from: Case | None = None
) -> Case:
    """Open a case for a child with a team (and optionally a lead professional at once).

    The team is recorded as involved with the child, so the team can see the record. Opening is
    a casework decision: practitioners and team managers only. A child has at most one open case.
    """
    _require(policies.may_do_casework(actor))
    _require(person_policy.can(actor, VIEW, person))
    if team is None:
        raise ValidationError("Choose the team that will hold the case")
    with transaction.atomic():
        if Case.objects.select_for_update().filter(person=person, status=CaseStatus.OPEN).exists():
            raise ValidationError("This child already has an open case")
        today = _today()
        case = Case.objects.create(
            person=person,
            referral=referral,
            reopened_from=reopened_from,
            opened_on=today,
            opened_by=actor,
            team=team,
            next_review_date=rules.first_review_date(today),
            review_note="First review",
        )
        case.team_involvement = _team_involvement(case=case, team=team)
        case.save(update_fields=["team_involvement"])
        audit_record(
            actor=actor,
            action=events.CASE_OPENED,
            subject=person,
            detail={"case_id": case.pk, "team_id": team.pk, "referral_id": getattr(referral, "pk", None)},
        )
        _mirror(
            actor=actor,
            case=case,
            event_type=EventType.OTHER,
            summary=f"Exploitation team case opened with {team.name}.",
            when=today,
            source_type="cases.Case",
            source_id=case.pk,
        )
        if lead is not None:
            _allocate(actor=actor, case=case, lead=lead, team=team, audit_code=events.CASE_ALLOCATED)
    return case


def _allocate(*, actor, case: Case, lead, team, audit_code: str) -> Case:
    """Make ``lead`` the case's lead professional (no permission checks: callers do them)."""
    if not lead.is_active or lead.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        raise ValidationError("Choose an active practitioner or team manager")
    if lead.agency_id is None:
        raise ValidationError("The new lead professional has no agency on their account")
    today = _today()
    previous = case.lead
    if previous is not None and previous.pk == lead.pk and (team is None or team.pk == case.team_id):
        return case
    # One lead professional per child: the old lead involvement ends; any other current lead
    # flag on the child's involvements is lowered (that agency stays involved).
    if case.lead_involvement_id:
        Involvement.objects.filter(pk=case.lead_involvement_id).update(
            is_lead=False, end_date=today
        )
    current = Q(end_date__isnull=True) | Q(end_date__gte=today)
    Involvement.objects.filter(person=case.person, is_lead=True).filter(current).update(
        is_lead=False
    )
    new_team = team or case.team
    involvement = Involvement.objects.create(
        person=case.person,
        agency=lead.agency,
        team=new_team,
        user=lead,
        role=LEAD_ROLE,
        is_lead=True,
        contact_name=lead.get_full_name() or lead.get_username(),
        contact_phone=lead.phone,
        contact_email=lead.email,
        start_date=today,
    )
    if new_team is not None and new_team.pk != case.team_id:
        if case.team_involvement_id:
            Involvement.objects.filter(pk=case.team_involvement_id).update(end_date=today)
        case.team = new_team
        case.team_involvement = _team_involvement(case=case, team=new_team)
    case.lead = lead
    case.lead_involvement = involvement
    case.save(update_fields=["lead", "lead_involvement", "team", "team_involvement"])
    audit_record(
        actor=actor,
        action=audit_code,
        subject=case.person,
        detail={
            "case_id": case.pk,
            "from_user_id": getattr(previous, "pk", None),
            "to_user_id": lead.pk,
            "team_id": case.team_id,
        },
    )
    _mirror(
        actor=actor,
        case=case,
        event_type=EventType.OTHER,
        summary=f"New lead professional: {involvement.contact_name}"
        + (f" ({case.team.name})." if case.team_id else "."),
        when=today,
        source_type="cases.Case",
        source_id=case.pk,
    )
    return case


def case_allocate(*, actor, case: Case, lead, team=None) -> Case:
    """Allocate (or reallocate) a case to a lead professional. Team managers only."""
    _require(policies.can_allocate(actor, case))
    if not case.is_open:
        raise ValidationError("A closed case cannot be allocated")
    if not eligible_leads(actor).filter(pk=lead.pk).exists():
        raise ValidationError("Choose someone in one of your teams")
    with transaction.atomic():
        return _allocate(actor=actor, case=case, lead=lead, team=team, audit_code=events.CASE_ALLOCATED)


def case_bulk_reassign(*, actor, from_user, moves: Iterable[tuple[Case, object]]) -> list[Case]:
    """Move a leaving worker's open cases to new lead professionals, all or nothing.

    Each case is audited on its own (``cases.case_reassigned``) and one summary event names the
    worker who left, so "who moved Kayla's case and why" has an answer.
    """
    _require(policies.may_allocate(actor))
    moves = list(moves)
    if not moves:
        raise ValidationError("Choose at least one case to move")
    eligible = set(eligible_leads(actor).values_list("pk", flat=True))
    done = []
    with transaction.atomic():
        for case, new_lead in moves:
            _require(policies.can_allocate(actor, case))
            if case.lead_id != from_user.pk or not case.is_open:
                raise ValidationError("A case has changed since you chose it: start again")
            if new_lead.pk == from_user.pk:
                raise ValidationError("Choose a different worker for every case")
            if new_lead.pk not in eligible:
                raise ValidationError("Choose someone in one of your teams")
            done.append(
                _allocate(
                    actor=actor, case=case, lead=new_lead, team=None,
                    audit_code=events.CASE_REASSIGNED,
                )
            )
        audit_record(
            actor=actor,
            action=events.CASES_BULK_REASSIGNED,
            subject=from_user,
            detail={"case_ids": [c.pk for c in done], "count": len(done)},
        )
    return done


# --- Other agencies --------------------------------------------------------------------------------


def case_agency_add(
    *, actor, case: Case, agency, role: str, contact_name: str, contact_phone: str = "",
    contact_email: str = "",
) -> Involvement:
    """Record another agency's lead for the child and how to reach them."""
    _require(policies.can_work(actor, case))
    if not case.is_open:
        raise ValidationError("The case is closed")
    with transaction.atomic():
        involvement = Involvement.objects.create(
            person=case.person,
            agency=agency,
            role=role,
            contact_name=contact_name,
            contact_phone=contact_phone,
            contact_email=contact_email,
            start_date=_today(),
        )
        audit_record(
            actor=actor,
            action=events.AGENCY_ADDED,
            subject=case.person,
            detail={"case_id": case.pk, "involvement_id": involvement.pk, "agency_id": agency.pk},
        )
    return involvement


def case_agency_end(*, actor, case: Case, involvement: Involvement) -> Involvement:
    _require(policies.can_work(actor, case))
    if involvement.person_id != case.person_id:
        raise PermissionDenied
    if involvement.pk in (case.lead_involvement_id, case.team_involvement_id):
        raise ValidationError("Change the lead professional or team through allocation")
    with transaction.atomic():
        involvement.end_date = _today()
        involvement.save(update_fields=["end_date"])
        audit_record(
            actor=actor,
            action=events.AGENCY_ENDED,
            subject=case.person,
            detail={"case_id": case.pk, "involvement_id": involvement.pk},
        )
    return involvement


def case_agency_restore(*, actor, case: Case, involvement: Involvement) -> Involvement:
    """Undo "no longer involved": the agency is recorded as involved again (audited)."""
    _require(policies.can_work(actor, case))
    if involvement.person_id != case.person_id:
        raise PermissionDenied
    if involvement.end_date is None:
        return involvement
    with transaction.atomic():
        ended = involvement.end_date
        involvement.end_date = None
        involvement.save(update_fields=["end_date"])
        audit_record(
            actor=actor,
            action=events.AGENCY_RESTORED,
            subject=case.person,
            detail={"case_id": case.pk, "involvement_id": involvement.pk,
                    "was_ended": ended.isoformat()},
        )
    return involvement


# --- Plan ------------------------------------------------------------------------------------------


def plan_section_update(*, actor, case: Case, section: str, worries: str, aims: str) -> PlanSectionNote:
    _require(policies.can_work(actor, case))
    if section not in PlanSection.values:
        raise ValidationError("Choose a section of the plan")
    with transaction.atomic():
        note, _ = PlanSectionNote.objects.update_or_create(
            case=case, section=section,
            defaults={"worries": worries, "aims": aims, "updated_by": actor},
        )
        audit_record(
            actor=actor, action=events.PLAN_SECTION_UPDATED, subject=case.person,
            detail={"case_id": case.pk, "section": section},
        )
    return note


def plan_action_add(
    *, actor, case: Case, section: str, description: str, owner_name: str, agency,
    due_date: dt.date, owner_user=None,
) -> PlanAction:
    _require(policies.can_work(actor, case))
    if not case.is_open:
        raise ValidationError("The case is closed")
    if section not in PlanSection.values:
        raise ValidationError("Choose a section of the plan")
    if owner_user is not None and not (
        policies.may_own_actions(owner_user) and person_policy.can(owner_user, VIEW, case.person)
    ):
        raise ValidationError("That person cannot see this child's record: choose someone who can")
    with transaction.atomic():
        action = PlanAction.objects.create(
            case=case, section=section, description=description, owner_name=owner_name,
            owner_user=owner_user, agency=agency, due_date=due_date, created_by=actor,
        )
        audit_record(
            actor=actor, action=events.ACTION_ADDED, subject=case.person,
            detail={"case_id": case.pk, "action_id": action.pk},
        )
    return action


def plan_action_update(
    *, actor, action: PlanAction, status: str, not_done_reason: str = "",
    due_date: dt.date | None = None,
) -> PlanAction:
    """Change an action's status. "Not done" needs a reason: the panel will ask why.

    The case's workers may, and so may the action's owner (``policies.can_update_action``).
    """
    case = action.case
    _require(policies.can_update_action(actor, action))
    if status not in ActionStatus.values:
        raise ValidationError("Choose a status")
    if status == ActionStatus.NOT_DONE and not (not_done_reason or "").strip():
        raise ValidationError("Enter why the action was not done")
    with transaction.atomic():
        action.status = status
        action.not_done_reason = not_done_reason.strip() if status == ActionStatus.NOT_DONE else ""
        action.completed_on = _today() if status in (ActionStatus.DONE, ActionStatus.NOT_DONE) else None
        if due_date is not None:
            action.due_date = due_date
        action.save()
        audit_record(
            actor=actor, action=events.ACTION_UPDATED, subject=case.person,
            detail={"case_id": case.pk, "action_id": action.pk, "status": status},
        )
    return action


# --- Contacts and reviews --------------------------------------------------------------------------


def contact_record(
    *, actor, case: Case, occurred_on: dt.date, kind: str, outcome: str, notes: str = ""
) -> Contact:
    """Record a contact or session and how the child engaged; mirrored on the chronology."""
    _require(policies.can_work(actor, case))
    if kind not in ContactKind.values or outcome not in EngagementOutcome.values:
        raise ValidationError("Choose the kind of contact and what happened")
    if occurred_on > _today():
        raise ValidationError("Date of the contact must be today or in the past")
    if actor.agency_id is None:
        raise ValidationError("Your account has no agency, so the contact has no source")
    with transaction.atomic():
        contact = Contact.objects.create(
            case=case, person=case.person, occurred_on=occurred_on, kind=kind, outcome=outcome,
            notes=notes, agency=actor.agency, recorded_by=actor,
        )
        audit_record(
            actor=actor, action=events.CONTACT_RECORDED, subject=case.person,
            detail={"case_id": case.pk, "contact_id": contact.pk, "outcome": outcome},
        )
        summary = f"{contact.get_kind_display()}: {contact.get_outcome_display().lower()}."
        if notes:
            summary += f" {notes}"
        _mirror(
            actor=actor, case=case, event_type=EventType.CONTACT, summary=summary,
            when=occurred_on, source_type="cases.Contact", source_id=contact.pk,
        )
    return contact


def case_review_record(
    *, actor, case: Case, held_on: dt.date, summary: str, next_review_date: dt.date | None = None
) -> CaseReview:
    _require(policies.can_work(actor, case))
    if not case.is_open:
        raise ValidationError("The case is closed")
    next_date = next_review_date or rules.default_next_review(held_on)
    if next_date <= held_on:
        raise ValidationError("Date of the next review must be after the review")
    with transaction.atomic():
        review = CaseReview.objects.create(
            case=case, held_on=held_on, summary=summary, next_review_date=next_date,
            recorded_by=actor,
        )
        case.next_review_date = next_date
        case.review_note = "Set at the last review"
        case.save(update_fields=["next_review_date", "review_note"])
        Task.objects.filter(case=case, kind=TaskKind.REVIEW, status=TaskStatus.OPEN).update(
            status=TaskStatus.DONE, completed_at=timezone.now(), completed_by=actor
        )
        audit_record(
            actor=actor, action=events.CASE_REVIEWED, subject=case.person,
            detail={"case_id": case.pk, "review_id": review.pk},
        )
        _mirror(
            actor=actor, case=case, event_type=EventType.OTHER,
            summary=f"Case review held. {summary}", when=held_on,
            source_type="cases.CaseReview", source_id=review.pk,
        )
    return review


# --- Closure ---------------------------------------------------------------------------------------


def case_close(
    *, actor, case: Case, outcome: str, reason: str, end_measure_assessment_id: int | None = None,
    end_measure_not_taken_reason: str = "",
) -> Case:
    """Close a case with an outcome and reason.

    Closing needs the distance-travelled end measure (an assessment id) **or** a recorded reason
    for not taking it: "how far has the child come?" must always have an answer or an excuse.
    The lead professional's involvement ends; the team stays recorded as having held the case,
    so its managers can see the child if the case re-surfaces.
    """
    _require(policies.can_work(actor, case))
    if not case.is_open:
        raise ValidationError("The case is already closed")
    if outcome not in ClosureOutcome.values:
        raise ValidationError("Choose the outcome")
    if not (reason or "").strip():
        raise ValidationError("Enter the reason for closing the case")
    not_taken = (end_measure_not_taken_reason or "").strip()
    if end_measure_assessment_id is None and not not_taken:
        raise ValidationError(
            "Record the distance-travelled end measure, or say why it was not taken"
        )
    if end_measure_assessment_id is not None and not is_valid_assessment(
        case.person, end_measure_assessment_id
    ):
        raise ValidationError("Choose one of the child's own assessments as the end measure")
    today = _today()
    with transaction.atomic():
        case.status = CaseStatus.CLOSED
        case.closed_on = today
        case.closed_by = actor
        case.closure_outcome = outcome
        case.closure_reason = reason.strip()
        case.end_measure_assessment_id = end_measure_assessment_id
        case.end_measure_not_taken_reason = "" if end_measure_assessment_id else not_taken
        case.next_review_date = None
        case.review_note = ""
        case.save()
        if case.lead_involvement_id:
            Involvement.objects.filter(pk=case.lead_involvement_id).update(is_lead=False, end_date=today)
        if case.team_involvement_id:
            Involvement.objects.filter(pk=case.team_involvement_id).update(role=CLOSED_TEAM_ROLE)
        Task.objects.filter(
            case=case, status=TaskStatus.OPEN, kind__in=[TaskKind.REVIEW, TaskKind.PLAN_ACTION]
        ).update(status=TaskStatus.CANCELLED, completed_at=timezone.now(), completed_by=actor)
        audit_record(
            actor=actor, action=events.CASE_CLOSED, subject=case.person,
            detail={"case_id": case.pk, "outcome": outcome,
                    "end_measure": bool(end_measure_assessment_id)},
        )
        _mirror(
            actor=actor, case=case, event_type=EventType.OTHER,
            summary=f"Exploitation team case closed: {case.get_closure_outcome_display().lower()}.",
            when=today, source_type="cases.Case", source_id=case.pk,
        )
    return case


# --- Alerts, tasks, re-surfacing ---------------------------------------------------------------------


def alert_raise(*, actor, recipient, person, kind: str, message: str, case: Case | None = None,
                event=None) -> Alert:
    with transaction.atomic():
        alert = Alert.objects.create(
            recipient=recipient, person=person, case=case, kind=kind, event=event,
            message=message[:500],
        )
        audit_record(
            actor=actor, action=events.ALERT_RAISED, subject=person,
            detail={"alert_id": alert.pk, "recipient_id": recipient.pk, "kind": kind,
                    "case_id": getattr(case, "pk", None)},
        )
    return alert


def alert_acknowledge(*, actor, alert: Alert) -> Alert:
    """Only the recipient acknowledges their own alert."""
    _require(alert.recipient_id == actor.pk)
    if alert.acknowledged_at is not None:
        return alert
    with transaction.atomic():
        alert.acknowledged_at = timezone.now()
        alert.acknowledged_by = actor
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_record(
            actor=actor, action=events.ALERT_ACKNOWLEDGED, subject=alert.person,
            detail={"alert_id": alert.pk},
        )
    return alert


def task_create(
    *, actor, person, case: Case | None = None, kind: str, title: str, due_at: dt.datetime,
    assigned_to=None, source_type: str = "", source_id: int | None = None,
) -> Task:
    """Create a dated task about a child; other apps call this (e.g. return home interviews).

    Without ``case`` the task joins the child's open case, if any, so it shows on that case's
    team view; without ``assigned_to`` it waits for the team (and shows to the lead
    professional as "for the team"). The actor must be able to see the child.
    """
    if kind not in TaskKind.values:
        raise ValueError(f"Unknown task kind {kind!r}")
    if not (title or "").strip():
        raise ValueError("A task needs a title")
    if isinstance(due_at, dt.date) and not isinstance(due_at, dt.datetime):
        due_at = timezone.make_aware(dt.datetime.combine(due_at, dt.time(17, 0)))
    if timezone.is_naive(due_at):
        due_at = timezone.make_aware(due_at)
    _require(person_policy.can(actor, VIEW, person))
    if case is not None and case.person_id != person.pk:
        raise ValueError("The case is about another child")
    with transaction.atomic():
        if case is None:
            case = Case.objects.filter(person=person, status=CaseStatus.OPEN).first()
        task = Task.objects.create(
            person=person, case=case, kind=kind, title=title.strip()[:300], due_at=due_at,
            assigned_to=assigned_to, team=case.team if case is not None else None,
            created_by=actor, source_type=source_type, source_id=source_id,
        )
        audit_record(
            actor=actor, action=events.TASK_CREATED, subject=person,
            detail={"task_id": task.pk, "kind": kind, "case_id": getattr(case, "pk", None)},
        )
    return task


def task_complete(*, actor, task: Task) -> Task:
    """The assignee, the case's lead professional or a manager of its team completes a task."""
    allowed = task.assigned_to_id == actor.pk
    if task.case_id is not None:
        allowed = allowed or task.case.lead_id == actor.pk
        allowed = allowed or (
            actor.role == Role.TEAM_MANAGER
            and task.team_id is not None
            and actor.teams.filter(pk=task.team_id).exists()
        )
    _require(allowed and person_policy.can(actor, VIEW, task.person))
    if task.status != TaskStatus.OPEN:
        return task
    with transaction.atomic():
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.completed_by = actor
        task.save(update_fields=["status", "completed_at", "completed_by"])
        audit_record(
            actor=actor, action=events.TASK_COMPLETED, subject=task.person,
            detail={"task_id": task.pk},
        )
    return task


def may_assign_task(actor, task: Task) -> bool:
    """A team manager assigns the open tasks of their own teams, about children they may open."""
    return (
        policies.may_allocate(actor)
        and task.status == TaskStatus.OPEN
        and task.team_id is not None
        and actor.teams.filter(pk=task.team_id).exists()
        and person_policy.can(actor, VIEW, task.person)
    )


def task_assign(*, actor, task: Task, assignee) -> Task:
    """A manager gives a task waiting for someone (or someone else's) to a worker in their teams.

    Why here and not only on the case: an overdue return home interview waits on the team view
    until someone takes it; the manager who sees it there must be able to hand it over at once.
    """
    _require(may_assign_task(actor, task))
    if assignee is None or not eligible_leads(actor).filter(pk=assignee.pk).exists():
        raise ValidationError("Choose someone in your teams")
    if task.assigned_to_id == assignee.pk:
        return task
    with transaction.atomic():
        previous = task.assigned_to_id
        task.assigned_to = assignee
        task.save(update_fields=["assigned_to"])
        audit_record(
            actor=actor, action=events.TASK_ASSIGNED, subject=task.person,
            detail={"task_id": task.pk, "from_user": previous, "to_user": assignee.pk},
        )
    return task


def resurfacing_resolve(*, actor, resurfacing: Resurfacing, reopen: bool, note: str = "",
                        team=None) -> Resurfacing:
    """A manager answers a re-surfaced case: open a new case, or record why not."""
    _require(policies.may_allocate(actor))
    _require(
        resurfacing.team_id is not None and actor.teams.filter(pk=resurfacing.team_id).exists()
    )
    if resurfacing.state != ResurfacingState.WAITING:
        raise ValidationError("This has already been dealt with")
    if not reopen and not (note or "").strip():
        raise ValidationError("Enter why no new case is needed")
    with transaction.atomic():
        if reopen:
            old = resurfacing.case
            case_open(actor=actor, person=old.person, team=team or old.team, reopened_from=old)
        resurfacing.state = ResurfacingState.REOPENED if reopen else ResurfacingState.REVIEWED
        resurfacing.resolved_at = timezone.now()
        resurfacing.resolved_by = actor
        resurfacing.note = (note or "").strip()
        resurfacing.save()
        audit_record(
            actor=actor, action=events.RESURFACING_RESOLVED, subject=resurfacing.case.person,
            detail={"case_id": resurfacing.case_id, "state": resurfacing.state},
        )
    return resurfacing
