"""Writes for assessments: named, keyword-only, in a transaction, audited together (house rule 2).

Scoring is always the engine's (``lantern.assessments.engine``): these services turn stored answers
into engine ``Answers``, ask the engine, and store what it returns. Nothing here computes a score.

Example::

    a = assessment_start(actor=priya, person=child, tool="seraf-style")
    assessment_save_section(actor=priya, assessment=a, section_id="significant", items=[
        {"indicator": "sig_missing_overnight", "observed": [{"date": "2026-03-14"}]}])
    ...  # every section saved
    assessment_submit(actor=priya, assessment=a)       # stores Result.to_dict()
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access import sharing
from lantern.assessments import engine, events, policies
from lantern.assessments.models import (
    Assessment,
    Kind,
    Measure,
    OverrideDecision,
    ReviewNotice,
    Status,
)
from lantern.assessments.selectors import TASK_SOURCE, engine_answers, tool_definition, tool_for
from lantern.audit.services import audit_record
from lantern.cases import rules as case_rules
from lantern.cases.choices import AlertKind, TaskKind
from lantern.cases.services import alert_raise, task_create
from lantern.people.choices import EventType
from lantern.people.models import ChronologyEvent, Involvement, Person

#: Chronology event types and the names tools use for them in ``review.early_triggers``.
#: A child found in another area was missing; a managed move is an exclusion in all but name.
EVENT_TRIGGERS: dict[str, tuple[str, ...]] = {
    EventType.MISSING: ("missing_episode",),
    EventType.FOUND_OUT_OF_AREA: ("found_out_of_area", "missing_episode"),
    EventType.ARREST: ("arrest",),
    EventType.AE_ATTENDANCE: ("emergency_department_attendance",),
    EventType.EXCLUSION: ("school_exclusion",),
    EventType.MANAGED_MOVE: ("managed_move", "school_exclusion"),
}


def _today() -> dt.date:
    return timezone.localdate()


def _audit(actor, action: str, assessment: Assessment, **detail) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=assessment.person,
        detail={"assessment": assessment.pk, **detail},
    )


def _refuse(problems) -> ValidationError:
    return ValidationError(list(problems) if isinstance(problems, (list, tuple)) else [problems])


# --- starting and drafting ---------------------------------------------------------------------

def _team_for(actor, person: Person):
    """The actor's team that works with the child, else the actor's first team (for reports)."""
    today = _today()
    involved = Involvement.objects.filter(person=person, team__isnull=False).exclude(
        end_date__lt=today
    )
    mine = actor.teams.filter(pk__in=involved.values("team_id")).order_by("name").first()
    return mine or actor.teams.order_by("name").first()


def assessment_start(
    *,
    actor,
    person: Person,
    tool: str,
    version: int | None = None,
    as_at: dt.date | None = None,
    end_offset_days: int | None = None,
) -> Assessment:
    """Start a draft against ``tool`` at ``version`` (the latest when ``None``), pinned for good."""
    if not policies.can_start(actor, person):
        raise PermissionDenied
    try:
        definition = tool_definition(tool, version)
    except engine.UnknownTool as exc:
        raise _refuse(str(exc)) from exc
    as_at = as_at or _today()
    problems = []
    if as_at > _today():
        problems.append("The assessment date must be today or in the past")
    if person.date_of_birth and as_at < person.date_of_birth:
        problems.append("The assessment date must be after the child's date of birth")
    if definition.kind == Kind.OUTCOME:
        try:
            engine.measure_due_dates(as_at, definition, end_offset_days=end_offset_days)
        except engine.AnswersError as exc:
            problems.extend(exc.problems)
    elif end_offset_days is not None:
        problems.append("Only outcome measures have an intervention length")
    if problems:
        raise _refuse(problems)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            person=person,
            tool=definition.slug,
            tool_version=definition.version,
            tool_title=definition.title,
            kind=definition.kind,
            as_at=as_at,
            started_by=actor,
            team=_team_for(actor, person),
            end_offset_days=end_offset_days,
        )
        _audit(actor, events.ASSESSMENT_STARTED, assessment, tool=tool, version=definition.version)
    return assessment


def _observation_problems(items: list[dict], as_at: dt.date, today: dt.date) -> list[str]:
    problems = []
    for item in items:
        for obs in item.get("observed", []):
            raw = obs.get("date") if isinstance(obs, dict) else obs
            try:
                day, month_only = engine_parse_date(raw)
            except ValueError as exc:
                problems.append(f"'{item.get('indicator')}': {exc}")
                continue
            first = day.replace(day=1) if month_only else day
            if first > today:
                problems.append(f"'{item.get('indicator')}': the date {raw} is in the future")
            elif first > as_at:
                problems.append(
                    f"'{item.get('indicator')}': the date {raw} is after the assessment date"
                )
    return problems


def engine_parse_date(raw) -> tuple[dt.date, bool]:
    """'YYYY-MM-DD', or month-only 'YYYY-MM' (the engine's answers-file date format).

    Returns ``(date, month_only)``; a month-only date is the 1st of its month.
    """
    text = str(raw or "").strip()
    try:
        if len(text) == 7 and text[4] == "-":
            return dt.date(int(text[:4]), int(text[5:7]), 1), True
        return dt.date.fromisoformat(text), False
    except ValueError:
        raise ValueError(f"{raw!r} is not a real date as 'YYYY-MM-DD' or 'YYYY-MM'") from None


def assessment_save_section(
    *, actor, assessment: Assessment, section_id: str, items: list[dict], complete: bool = True
) -> Assessment:
    """Autosave one section of a draft: its indicators are replaced by ``items``.

    ``items`` are answers-file entries (``{"indicator", "observed": [...]}``) for indicators of
    this section that were seen; an indicator of the section not in ``items`` was not seen.
    The whole draft is checked with the engine (unknown indicators, evidence types) before saving.
    ``complete=False`` saves without marking the section done (the form had errors elsewhere).
    """
    if not policies.can_edit(actor, assessment):
        raise PermissionDenied
    tool = tool_for(assessment)
    if section_id not in tool.sections_by_id:
        raise _refuse(f"'{section_id}' is not a section of {tool.slug} v{tool.version}")
    problems = []
    for item in items:
        indicator = tool.indicators_by_id.get(item.get("indicator"))
        if indicator is None:
            problems.append(
                f"unknown indicator '{item.get('indicator')}' for {tool.slug} v{tool.version}"
            )
        elif indicator.section != section_id:
            problems.append(f"'{indicator.id}' is not in the section '{section_id}'")
        elif not item.get("observed"):
            problems.append(f"'{indicator.id}' needs at least one date it was seen")
    problems += _observation_problems(items, assessment.as_at, _today())
    if problems:
        raise _refuse(problems)
    in_section = {i.id for i in tool.indicators if i.section == section_id}
    kept = [a for a in assessment.answers if a.get("indicator") not in in_section]
    order = {i.id: n for n, i in enumerate(tool.indicators)}
    merged = sorted(kept + list(items), key=lambda a: order.get(a.get("indicator"), 10**6))
    try:
        candidate = engine_answers(assessment, answers=merged)
        engine.validate_answers(candidate, tool, today=_today())
    except engine.AnswersError as exc:
        raise _refuse(exc.problems) from exc
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status != Status.DRAFT:
            raise _refuse("This assessment has already been submitted")
        locked.answers = merged
        if complete and section_id not in locked.sections_saved:
            locked.sections_saved = [*locked.sections_saved, section_id]
        locked.save(update_fields=["answers", "sections_saved", "updated_at"])
        _audit(actor, events.DRAFT_SAVED, locked, section=section_id, indicators=len(items))
    assessment.refresh_from_db()
    return assessment


def assessment_set_as_at(*, actor, assessment: Assessment, as_at: dt.date) -> Assessment:
    """Change the date a draft describes; no recorded observation may fall after it."""
    if not policies.can_edit(actor, assessment):
        raise PermissionDenied
    problems = []
    if as_at > _today():
        problems.append("The assessment date must be today or in the past")
    dob = assessment.person.date_of_birth
    if dob and as_at < dob:
        problems.append("The assessment date must be after the child's date of birth")
    problems += _observation_problems(assessment.answers, as_at, _today())
    if problems:
        raise _refuse(problems)
    with transaction.atomic():
        assessment.as_at = as_at
        assessment.save(update_fields=["as_at", "updated_at"])
        _audit(actor, events.DRAFT_SAVED, assessment, section="as_at")
    return assessment


# --- submitting --------------------------------------------------------------------------------

def _review_due(tool, level_code: str, as_at: dt.date) -> dt.date | None:
    interval = tool.review.get(level_code)
    return interval.after(as_at) if interval else None


def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """Score the draft with the engine and store the explained result; create mandatory actions.

    The final level starts as the computed level; a different level is a separate, approved step
    (``assessment_override_propose``).
    """
    if not policies.can_edit(actor, assessment):
        raise PermissionDenied
    if assessment.kind == Kind.OUTCOME:
        raise _refuse("Outcome measures are recorded point by point, not submitted")
    tool = tool_for(assessment)
    missing = [s.title for s in tool.sections if s.id not in assessment.sections_saved]
    if missing:
        raise _refuse(f"Complete every section before submitting (not yet saved: {', '.join(missing)})")
    try:
        answers = engine_answers(assessment)
        engine.validate_answers(answers, tool, today=_today())
        result = engine.score(answers, tool)
    except engine.AnswersError as exc:
        raise _refuse(exc.problems) from exc
    hard_codes = {rule.code: rule for rule in tool.hard_rules}
    fired_hard = [hard_codes[f.rule] for f in result.fired if f.rule in hard_codes]
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status != Status.DRAFT:
            raise _refuse("This assessment has already been submitted")
        locked.result = result.to_dict()
        locked.score = result.score
        locked.computed_level = result.level.code
        locked.computed_level_label = result.level.label
        locked.final_level = result.level.code
        locked.final_level_label = result.level.label
        locked.review_due = result.review_due
        locked.status = Status.APPROVED
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor
        locked.save()
        for rule in fired_hard:
            for text in rule.actions:
                # One task per action in the cases app's task list, due today: a hard rule
                # means it must happen now, whatever the score or anyone's judgement.
                task = task_create(
                    actor=actor,
                    person=locked.person,
                    kind=TaskKind.OTHER,
                    title=f"{text} (mandatory: {tool.title}, rule {rule.code})",
                    due_at=_today(),
                    assigned_to=actor,
                    source_type=TASK_SOURCE,
                    source_id=locked.pk,
                )
                _audit(actor, events.ACTION_CREATED, locked, rule=rule.code, task=task.pk)
        _audit(
            actor,
            events.ASSESSMENT_SUBMITTED,
            locked,
            score=result.score,
            level=result.level.code,
            tool=tool.slug,
            version=tool.version,
        )
        if actor.agency_id:
            from lantern.people.services import chronology_event_add

            chronology_event_add(
                actor=actor,
                person=locked.person,
                event_type=EventType.ASSESSMENT,
                event_date=locked.as_at,
                summary=(
                    f"{tool.title} (version {tool.version}) completed: {result.level.label} "
                    f"(score {result.score})."
                ),
                source_type="assessments.Assessment",
                source_id=locked.pk,
                check_access=False,
            )
    assessment.refresh_from_db()
    return assessment


# --- professional judgement ------------------------------------------------------------------

def assessment_override_propose(
    *, actor, assessment: Assessment, final_level: str, rationale: str
) -> Assessment:
    """Propose a final level that differs from the computed one, for a team manager to decide.

    Choosing the computed level again withdraws an earlier approved or declined proposal. The
    rationale is checked by the engine (``validate_override``).
    """
    if not policies.can_propose_override(actor, assessment):
        raise PermissionDenied
    tool = tool_for(assessment)
    try:
        cleaned = engine.validate_override(
            assessment.computed_level, final_level, rationale, tool=tool
        )
    except engine.OverrideError as exc:
        raise _refuse(str(exc)) from exc
    band = tool.bands_by_code[final_level]
    with transaction.atomic():
        if final_level == assessment.computed_level:
            assessment.final_level = assessment.computed_level
            assessment.final_level_label = assessment.computed_level_label
            assessment.override_level = ""
            assessment.override_level_label = ""
            assessment.override_rationale = ""
            assessment.override_decision = OverrideDecision.NONE
            assessment.status = Status.APPROVED
            assessment.review_due = _review_due(tool, assessment.computed_level, assessment.as_at)
            assessment.save()
            _audit(actor, events.OVERRIDE_WITHDRAWN, assessment)
            return assessment
        assessment.override_level = band.code
        assessment.override_level_label = band.label
        assessment.override_rationale = cleaned
        assessment.override_decision = OverrideDecision.PENDING
        assessment.override_proposed_by = actor
        assessment.override_proposed_at = timezone.now()
        assessment.override_decided_by = None
        assessment.override_decided_at = None
        assessment.override_decision_note = ""
        assessment.status = Status.SUBMITTED
        # While a manager decides, the review follows the more cautious of the two levels.
        dues = [
            d
            for d in (
                _review_due(tool, assessment.final_level, assessment.as_at),
                _review_due(tool, band.code, assessment.as_at),
            )
            if d
        ]
        if dues:
            assessment.review_due = min(dues)
        assessment.save()
        _audit(
            actor,
            events.OVERRIDE_PROPOSED,
            assessment,
            computed=assessment.computed_level,
            proposed=band.code,
        )
    return assessment


def assessment_override_decide(
    *, actor, assessment: Assessment, approve: bool, note: str = ""
) -> Assessment:
    """A team manager approves or declines a proposed level; both levels are kept either way."""
    if not policies.can_decide_override(actor, assessment):
        raise PermissionDenied
    note = (note or "").strip()
    if not approve and not note:
        raise _refuse("Explain why you are declining the proposed level")
    tool = tool_for(assessment)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.override_decision != OverrideDecision.PENDING:
            raise _refuse("This proposal has already been decided")
        locked.override_decided_by = actor
        locked.override_decided_at = timezone.now()
        locked.override_decision_note = note
        locked.status = Status.APPROVED
        if approve:
            locked.override_decision = OverrideDecision.APPROVED
            locked.final_level = locked.override_level
            locked.final_level_label = locked.override_level_label
        else:
            locked.override_decision = OverrideDecision.DECLINED
            locked.final_level = locked.computed_level
            locked.final_level_label = locked.computed_level_label
        locked.review_due = _review_due(tool, locked.final_level, locked.as_at)
        locked.save()
        _audit(
            actor,
            events.OVERRIDE_APPROVED if approve else events.OVERRIDE_DECLINED,
            locked,
            computed=locked.computed_level,
            proposed=locked.override_level,
        )
    assessment.refresh_from_db()
    return assessment


# --- outcome measures ------------------------------------------------------------------------

def measure_record(
    *,
    actor,
    assessment: Assessment,
    point: str,
    taken_on: dt.date,
    values: dict[str, int],
    co_completed: bool,
) -> Measure:
    """Record (or correct) the measure at one point; the engine checks points and scales."""
    if not policies.can_record_measure(actor, assessment):
        raise PermissionDenied
    tool = tool_for(assessment)
    problems = []
    if taken_on > _today():
        problems.append("The date of the measure must be today or in the past")
    if taken_on < assessment.as_at:
        problems.append("The date of the measure must be on or after the start date")
    others = [
        engine.Measure(m.point, m.taken_on, m.values)
        for m in assessment.measures.exclude(point=point)
    ]
    try:
        engine.progress([*others, engine.Measure(point, taken_on, values)], tool)
    except engine.AnswersError as exc:
        problems.extend(exc.problems)
    missing = [d.title for d in tool.domains if d.id not in values]
    if missing:
        problems.append(f"Give a score for every area (missing: {', '.join(missing)})")
    if problems:
        raise _refuse(problems)
    with transaction.atomic():
        measure, _ = Measure.objects.update_or_create(
            assessment=assessment,
            point=point,
            defaults={
                "taken_on": taken_on,
                "values": dict(values),
                "co_completed": co_completed,
                "recorded_by": actor,
            },
        )
        recorded = set(assessment.measures.values_list("point", flat=True))
        if all(p.id in recorded for p in tool.measurement_points):
            assessment.status = Status.APPROVED
            if assessment.submitted_at is None:
                assessment.submitted_at = timezone.now()
                assessment.submitted_by = actor
            assessment.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        _audit(actor, events.MEASURE_RECORDED, assessment, point=point)
    return measure


# --- reviews brought forward by critical events ------------------------------------------------

def _lead_professional(person: Person):
    today = _today()
    lead = (
        Involvement.objects.filter(person=person, is_lead=True, user__isnull=False)
        .exclude(end_date__lt=today)
        .select_related("user")
        .first()
    )
    return lead.user if lead else None


def _triggers(tool, event_type: str) -> bool:
    """Whether the tool's review schedule names this event. A tool naming none takes them all."""
    names = EVENT_TRIGGERS.get(event_type, (event_type,))
    configured = tool.early_review_triggers
    return not configured or any(n in configured for n in names)


def assessment_review_bring_forward(*, event: ChronologyEvent, actor) -> ReviewNotice | None:
    """Critical-event handler: bring the child's next review forward and tell the lead professional.

    The same rule as casework (``lantern.cases.rules``): the latest completed risk assessment's
    review becomes due no later than 5 working days after the day the event is recorded; a review
    already due sooner stays. Only events the tool's review schedule names count (a tool naming
    none takes every critical event). Runs inside the chronology service's transaction, so the
    event, the new date, the notice, the alert and the audit event commit together.
    """
    latest = (
        Assessment.objects.select_for_update()
        .filter(person=event.person, kind=Kind.RISK)
        .exclude(status=Status.DRAFT)
        .order_by("-as_at", "-id")
        .first()
    )
    if latest is None:
        return None
    try:
        tool = tool_for(latest)
    except engine.EngineError:
        tool = None  # a missing tool file must never block recording an event
    if tool is not None and not _triggers(tool, event.event_type):
        return None
    new_due = case_rules.brought_forward(latest.review_due, _today())
    if new_due is None:
        return None
    previous = latest.review_due
    latest.review_due = new_due
    latest.save(update_fields=["review_due", "updated_at"])
    lead = _lead_professional(latest.person)
    recipient = lead or latest.started_by
    notice = ReviewNotice.objects.create(
        assessment=latest,
        person=latest.person,
        event=event,
        event_type=event.event_type,
        previous_due=previous,
        new_due=new_due,
        recipient=recipient,
    )
    _audit(
        actor,
        events.REVIEW_BROUGHT_FORWARD,
        latest,
        event=event.pk,
        previous=previous.isoformat() if previous else None,
        new=new_due.isoformat(),
        notified=recipient.pk if recipient else None,
    )
    if recipient is not None and recipient.is_active and recipient.pk != getattr(actor, "pk", None):
        alert_raise(
            actor=actor,
            recipient=recipient,
            person=latest.person,
            kind=AlertKind.CRITICAL_EVENT,
            event=event,
            message=(
                f"{sharing.describe_for(recipient, event)[0]} recorded for {latest.person.display_name}. "
                f"The {latest.tool_title} review is brought forward to "
                f"{new_due.day} {new_due:%B %Y}."
            ),
        )
    return notice
