"""Writes for missing episodes, return home interviews and Philomena profiles.

Each service is keyword-only, checks the actor's role and the child's scope, runs in a
transaction and records its audit event in the same transaction (house rules 2 and 5). Bad
input raises ``django.core.exceptions.ValidationError`` with a message a person can act on;
views show it in the GOV.UK error summary.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT, CHANGE
from lantern.audit.services import audit_record
from lantern.missing import events, policies
from lantern.missing.choices import (
    CLOSED_STATUSES,
    REASON_STATUSES,
    EpisodeKind,
    FactorDirection,
    InterviewStatus,
    PullFactor,
    PushFactor,
    RiskGrade,
)
from lantern.missing.clock import LONDON, rhi_due_at
from lantern.missing.hooks import notify_mention, notify_return
from lantern.missing.models import (
    MissingEpisode,
    PhilomenaProfile,
    PhilomenaReport,
    ReturnInterview,
    RhiFactor,
    RhiMention,
)
from lantern.missing.photos import validate_photo
from lantern.people.choices import EventType
from lantern.people.models import Person
from lantern.people.services import chronology_event_add

logger = logging.getLogger(__name__)

SOURCE_EPISODE = "missing.MissingEpisode"
SOURCE_INTERVIEW = "missing.ReturnInterview"
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)


def _require(actor, roles, person: Person, action: str) -> None:
    if not policies.has_role(actor, roles) or not person_policy.can(actor, action, person):
        raise PermissionDenied


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(LONDON)


def _fmt(moment: dt.datetime) -> str:
    local = _local(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def _validate_times(
    *, person: Person, started_at: dt.datetime, ended_at: dt.datetime | None, exclude_pk=None
) -> None:
    """The rules every episode obeys. Raises ValidationError naming the problem."""
    now = timezone.now()
    if started_at.tzinfo is None or (ended_at is not None and ended_at.tzinfo is None):
        raise ValidationError("Times must be timezone-aware")
    if started_at > now:
        raise ValidationError("When they went missing must be now or in the past")
    if started_at < EARLIEST:
        raise ValidationError("When they went missing must be after 1990")
    if ended_at is not None:
        if ended_at <= started_at:
            raise ValidationError("When they returned must be after when they went missing")
        if ended_at > now:
            raise ValidationError("When they returned must be now or in the past")
    # Episodes for one child never overlap. An open episode runs until now (and beyond).
    others = MissingEpisode.objects.filter(person=person)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    clash = others.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=started_at))
    if ended_at is not None:
        clash = clash.filter(started_at__lt=ended_at)
    existing = clash.order_by("started_at").first()
    if existing is not None:
        if existing.ended_at is None:
            raise ValidationError(
                f"This child already has an open episode from {_fmt(existing.started_at)}. "
                "Record their return on that episode first"
            )
        raise ValidationError(
            f"This overlaps another episode for this child, from {_fmt(existing.started_at)} "
            f"to {_fmt(existing.ended_at)}"
        )


def _lock_person(person: Person) -> None:
    """Serialise episode writes for one child (PostgreSQL row lock; SQLite is serialised)."""
    Person.objects.select_for_update().filter(pk=person.pk).first()


def episode_record(
    *,
    actor,
    person: Person,
    kind: str,
    risk_grade: str,
    started_at: dt.datetime,
    police_reference: str = "",
    ended_at: dt.datetime | None = None,
    where_found: str = "",
    found_with: str = "",
    how_returned: str = "",
    found_out_of_area: bool = False,
    reported_by=None,
) -> MissingEpisode:
    """Record a missing or absent episode; a critical event goes on the child's chronology.

    An episode recorded with its end already known (reported after the child came back) starts
    the return home interview clock at once.
    """
    _require(actor, policies.RECORD_EPISODE_ROLES, person, ADD_EVENT)
    if kind not in EpisodeKind.values:
        raise ValidationError("Select whether the child was missing or absent")
    if risk_grade not in RiskGrade.values:
        raise ValidationError("Select the risk grade")
    agency = reported_by or actor.agency
    if agency is None:
        raise ValidationError("Your account has no agency, so the episode has no source")
    with transaction.atomic():
        _lock_person(person)
        _validate_times(person=person, started_at=started_at, ended_at=ended_at)
        episode = MissingEpisode.objects.create(
            person=person,
            kind=kind,
            risk_grade=risk_grade,
            started_at=started_at,
            police_reference=police_reference.strip(),
            reported_by=agency,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.EPISODE_RECORDED,
            subject=person,
            detail={"episode_id": episode.pk, "kind": kind, "risk": risk_grade},
        )
        label = "Missing" if kind == EpisodeKind.MISSING else "Absent (away without authorisation)"
        ref = f" Police reference {episode.police_reference}." if episode.police_reference else ""
        chronology_event_add(
            actor=actor,
            person=person,
            event_type=EventType.MISSING if kind == EpisodeKind.MISSING else EventType.ABSENT,
            event_date=_local(started_at).date(),
            summary=f"{label} from {_fmt(started_at)}. Risk graded {episode.get_risk_grade_display().lower()}.{ref}",
            significant=risk_grade == RiskGrade.HIGH,
            source_agency=agency,
            source_type=SOURCE_EPISODE,
            source_id=episode.pk,
            check_access=False,
        )
        if ended_at is not None:
            _apply_return(
                actor=actor,
                episode=episode,
                ended_at=ended_at,
                where_found=where_found,
                found_with=found_with,
                how_returned=how_returned,
                found_out_of_area=found_out_of_area,
            )
    return episode


def episode_return(
    *,
    actor,
    episode: MissingEpisode,
    ended_at: dt.datetime,
    where_found: str = "",
    found_with: str = "",
    how_returned: str = "",
    found_out_of_area: bool = False,
) -> MissingEpisode:
    """Record that the child has been found or come back: ends the episode, starts the
    72-hour return home interview clock and tells registered handlers (the child's school)."""
    _require(actor, policies.RECORD_EPISODE_ROLES, episode.person, ADD_EVENT)
    with transaction.atomic():
        _lock_person(episode.person)
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        if episode.ended_at is not None:
            raise ValidationError("This episode already has a return recorded")
        _validate_times(
            person=episode.person, started_at=episode.started_at, ended_at=ended_at, exclude_pk=episode.pk
        )
        _apply_return(
            actor=actor,
            episode=episode,
            ended_at=ended_at,
            where_found=where_found,
            found_with=found_with,
            how_returned=how_returned,
            found_out_of_area=found_out_of_area,
        )
    return episode


def _apply_return(
    *, actor, episode, ended_at, where_found, found_with, how_returned, found_out_of_area
) -> None:
    episode.ended_at = ended_at
    episode.where_found = where_found.strip()
    episode.found_with = found_with.strip()
    episode.how_returned = how_returned
    episode.found_out_of_area = bool(found_out_of_area)
    episode.save()
    audit_record(
        actor=actor,
        action=events.EPISODE_RETURNED,
        subject=episode.person,
        detail={"episode_id": episode.pk},
    )
    where = f" Found at {episode.where_found}." if episode.where_found else ""
    chronology_event_add(
        actor=actor,
        person=episode.person,
        event_type=(
            EventType.FOUND_OUT_OF_AREA if episode.found_out_of_area else EventType.MISSING_RETURN
        ),
        event_date=_local(ended_at).date(),
        summary=(
            f"Returned from {episode.get_kind_display().lower()} episode on {_fmt(ended_at)} "
            f"after {episode.duration_display}.{where} Return home interview due by "
            f"{_fmt(rhi_due_at(ended_at))}."
        ),
        source_agency=episode.reported_by,
        source_type=SOURCE_EPISODE,
        source_id=episode.pk,
        check_access=False,
    )
    interview = _interview_create(actor=actor, episode=episode)
    notify_return(episode=episode, actor=actor)
    return interview


def _interview_create(*, actor, episode: MissingEpisode) -> ReturnInterview:
    interview, created = ReturnInterview.objects.get_or_create(
        episode=episode,
        defaults={"person": episode.person, "due_at": rhi_due_at(episode.ended_at)},
    )
    if created:
        interview.task_id = _task_for(actor=actor, interview=interview)
        if interview.task_id:
            interview.save(update_fields=["task_id"])
        audit_record(
            actor=actor,
            action=events.INTERVIEW_CREATED,
            subject=episode.person,
            detail={"interview_id": interview.pk, "due_at": interview.due_at.isoformat()},
        )
    return interview


def _task_for(*, actor, interview: ReturnInterview) -> int | None:
    """Make a task in the cases app for the interview when that app offers ``task_create``.

    The interview keeps its own due time and status, so the missing capability works (and
    ``selectors.interviews_due`` answers) whether or not the cases app is installed.
    """
    if not apps.is_installed("lantern.cases"):
        return None
    try:
        from lantern.cases import services as case_services
    except ImportError:  # pragma: no cover
        return None
    task_create = getattr(case_services, "task_create", None)
    if task_create is None:
        return None
    try:
        with transaction.atomic():
            task = task_create(
                actor=actor,
                person=interview.person,
                kind="return_interview",
                title="Return home interview (independent person, within 72 hours of return)",
                due_at=interview.due_at,
                assigned_to=None,
                source_type=SOURCE_INTERVIEW,
                source_id=interview.pk,
            )
    except (TypeError, ValueError, ValidationError, PermissionDenied):
        logger.warning("Could not create a task for return interview %s", interview.pk)
        return None
    return getattr(task, "pk", None)


def _task_done(*, actor, interview: ReturnInterview) -> None:
    """Close the cases app's task when the interview is closed, if that app lets this actor.

    The interviewer is (by design) not the lead professional, so ``task_complete`` may refuse
    them; the task then stays for the lead or team manager to close, and the interview's own
    status remains the record of truth.
    """
    if not interview.task_id or not apps.is_installed("lantern.cases"):
        return
    try:
        from lantern.cases import services as case_services
        from lantern.cases.models import Task
    except ImportError:  # pragma: no cover
        return
    task = Task.objects.filter(pk=interview.task_id).first()
    if task is None:
        return
    try:
        with transaction.atomic():
            case_services.task_complete(actor=actor, task=task)
    except (PermissionDenied, ValidationError, ValueError):
        logger.info("Task %s left open for the lead professional to close", task.pk)


def check_independent(*, person: Person, interviewer=None, interviewer_name: str = "") -> None:
    """The interviewer must not be the child's lead professional (by account or by name)."""
    if interviewer is not None and interviewer.pk in policies.lead_professional_ids(person):
        raise ValidationError(
            "The interviewer must be independent: the child's lead professional cannot carry out "
            "their return home interview"
        )
    name = " ".join((interviewer_name or "").lower().split())
    if interviewer is not None:
        name = name or " ".join(interviewer.get_full_name().lower().split())
    if name and name in policies.lead_professional_names(person):
        raise ValidationError(
            "The interviewer must be independent: this is the name of the child's lead "
            "professional"
        )


def interview_update(
    *,
    actor,
    interview: ReturnInterview,
    status: str,
    offered_at: dt.datetime | None = None,
    held_at: dt.datetime | None = None,
    interviewer=None,
    interviewer_name: str = "",
    interviewer_organisation: str = "",
    reason_not_held: str = "",
    push_factors: list[str] | None = None,
    pull_factors: list[str] | None = None,
    push_notes: str = "",
    pull_notes: str = "",
    harm_experienced: str = "",
    child_views: str = "",
) -> ReturnInterview:
    """Record what happened with a return home interview.

    Rules: completed needs when it was held and who held it; declined or not held needs a
    reason; nothing is dated before the return or in the future; the interviewer is independent
    of the child's lead professional.
    """
    person = interview.person
    _require(actor, policies.INTERVIEW_ROLES, person, ADD_EVENT)
    if status not in InterviewStatus.values or status == InterviewStatus.DUE:
        raise ValidationError("Select what happened with the interview")
    returned = interview.episode.ended_at
    now = timezone.now()
    for label, moment in (("offered", offered_at), ("held", held_at)):
        if moment is None:
            continue
        if moment > now:
            raise ValidationError(f"When it was {label} must be now or in the past")
        if returned and moment < returned:
            raise ValidationError(f"When it was {label} must be after the child returned")
    if status in (InterviewStatus.OFFERED, InterviewStatus.ACCEPTED) and offered_at is None:
        raise ValidationError("Enter when the interview was offered")
    if status == InterviewStatus.COMPLETED:
        if held_at is None:
            raise ValidationError("Enter when the interview was held")
        if interviewer is None and not interviewer_name.strip():
            raise ValidationError("Enter who carried out the interview")
    if status in REASON_STATUSES and not reason_not_held.strip():
        raise ValidationError("Enter the reason the interview was not held")
    push_factors = list(dict.fromkeys(push_factors or []))
    pull_factors = list(dict.fromkeys(pull_factors or []))
    if any(f not in PushFactor.values for f in push_factors) or any(
        f not in PullFactor.values for f in pull_factors
    ):
        raise ValidationError("Select push and pull factors from the lists")
    if interviewer is not None or interviewer_name.strip():
        try:
            check_independent(person=person, interviewer=interviewer, interviewer_name=interviewer_name)
        except ValidationError:
            audit_record(
                actor=actor,
                action=events.INTERVIEW_REFUSED_NOT_INDEPENDENT,
                subject=person,
                outcome="denied",
                detail={"interview_id": interview.pk},
            )
            raise
    with transaction.atomic():
        interview = ReturnInterview.objects.select_for_update().get(pk=interview.pk)
        was_closed = interview.status in CLOSED_STATUSES
        interview.status = status
        interview.offered_at = offered_at or interview.offered_at
        interview.held_at = held_at if status == InterviewStatus.COMPLETED else None
        interview.interviewer = interviewer
        interview.interviewer_name = interviewer_name.strip() if interviewer is None else ""
        interview.interviewer_organisation = interviewer_organisation.strip()
        interview.reason_not_held = reason_not_held.strip() if status in REASON_STATUSES else ""
        interview.push_notes = push_notes.strip()
        interview.pull_notes = pull_notes.strip()
        interview.harm_experienced = harm_experienced.strip()
        interview.child_views = child_views.strip()
        interview.updated_by = actor
        interview.save()
        interview.factors.all().delete()
        RhiFactor.objects.bulk_create(
            [RhiFactor(interview=interview, direction=FactorDirection.PUSH, code=c) for c in push_factors]
            + [RhiFactor(interview=interview, direction=FactorDirection.PULL, code=c) for c in pull_factors]
        )
        audit_record(
            actor=actor,
            action=events.INTERVIEW_UPDATED,
            subject=person,
            detail={"interview_id": interview.pk, "status": status},
        )
        if status in CLOSED_STATUSES and not was_closed:
            if status == InterviewStatus.COMPLETED:
                summary = f"Return home interview held on {_fmt(held_at)} by {interview.interviewer_display}."
            else:
                summary = f"Return home interview {interview.get_status_display().lower()}: {interview.reason_not_held}"
            _task_done(actor=actor, interview=interview)
            chronology_event_add(
                actor=actor,
                person=person,
                event_type=EventType.RETURN_INTERVIEW,
                event_date=_local(held_at or now).date(),
                summary=summary[:2000],
                source_type=SOURCE_INTERVIEW,
                source_id=interview.pk,
                check_access=False,
            )
    return interview


def mention_add(*, actor, interview: ReturnInterview, kind: str, value: str, note: str = "") -> RhiMention:
    from lantern.missing.choices import MentionKind

    _require(actor, policies.INTERVIEW_ROLES, interview.person, ADD_EVENT)
    if kind not in MentionKind.values:
        raise ValidationError("Select what kind of thing was mentioned")
    value = " ".join(value.split())
    if not value:
        raise ValidationError("Enter what was mentioned")
    with transaction.atomic():
        mention = RhiMention.objects.create(
            interview=interview, kind=kind, value=value[:200], note=note.strip()[:500], recorded_by=actor
        )
        audit_record(
            actor=actor,
            action=events.MENTION_ADDED,
            subject=interview.person,
            detail={"interview_id": interview.pk, "mention_id": mention.pk, "kind": kind},
        )
        notify_mention(interview=interview, actor=actor)
    return mention


def mention_remove(*, actor, mention: RhiMention) -> None:
    interview = mention.interview
    _require(actor, policies.INTERVIEW_ROLES, interview.person, ADD_EVENT)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=events.MENTION_REMOVED,
            subject=interview.person,
            detail={"interview_id": interview.pk, "mention_id": mention.pk, "kind": mention.kind},
        )
        mention.delete()
        notify_mention(interview=interview, actor=actor)


PROFILE_FIELDS = (
    "height",
    "build",
    "hair",
    "eyes",
    "distinguishing_features",
    "physical_description",
    "photo_taken_on",
    "associates",
    "places_frequented",
    "phones",
    "social_media",
    "transport",
    "medical_needs",
    "other_information",
)


def philomena_save(
    *, actor, person: Person, photo=None, remove_photo: bool = False, **fields
) -> PhilomenaProfile:
    """Create or update part 1 of the Philomena profile; saving confirms it is current."""
    _require(actor, policies.PHILOMENA_EDIT_ROLES, person, CHANGE)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown profile fields: {', '.join(sorted(unknown))}")
    content_type = validate_photo(photo) if photo is not None else None
    with transaction.atomic():
        profile = PhilomenaProfile.objects.select_for_update().filter(person=person).first()
        if profile is None:
            profile = PhilomenaProfile(person=person)
        for name, value in fields.items():
            setattr(profile, name, value.strip() if isinstance(value, str) else value)
        old_photo = profile.photo.name if profile.photo else ""
        if photo is not None:
            profile.photo.save(photo.name or "photo", photo, save=False)
            profile.photo_content_type = content_type
        elif remove_photo:
            profile.photo = ""
            profile.photo_content_type = ""
            profile.photo_taken_on = None
        profile.confirmed_at = timezone.now()
        profile.confirmed_by = actor
        profile.save()
        audit_record(
            actor=actor,
            action=events.PHILOMENA_SAVED,
            subject=person,
            detail={"profile_id": profile.pk, "photo": photo is not None, "photo_removed": bool(remove_photo and old_photo)},
        )
        if old_photo and (photo is not None or remove_photo):
            storage = profile.photo.storage
            transaction.on_commit(lambda: storage.delete(old_photo))
    return profile


def philomena_confirm(*, actor, person: Person) -> PhilomenaProfile:
    """Confirm part 1 is still accurate without changing it (resets the 90-day prompt)."""
    _require(actor, policies.PHILOMENA_EDIT_ROLES, person, CHANGE)
    with transaction.atomic():
        profile = PhilomenaProfile.objects.select_for_update().filter(person=person).first()
        if profile is None:
            raise ValidationError("There is no profile to confirm yet: complete part 1 first")
        profile.confirmed_at = timezone.now()
        profile.confirmed_by = actor
        profile.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
        audit_record(actor=actor, action=events.PHILOMENA_CONFIRMED, subject=person)
    return profile


def philomena_report_save(
    *,
    actor,
    episode: MissingEpisode,
    clothing: str,
    circumstances: str,
    last_seen: str = "",
    belongings: str = "",
    concerns: str = "",
) -> PhilomenaReport:
    """Part 2 of the Philomena Protocol, completed when the child is reported missing."""
    _require(actor, policies.PHILOMENA_EDIT_ROLES, episode.person, ADD_EVENT)
    if not clothing.strip():
        raise ValidationError("Enter what they were wearing")
    if not circumstances.strip():
        raise ValidationError("Enter the circumstances")
    with transaction.atomic():
        report, _ = PhilomenaReport.objects.update_or_create(
            episode=episode,
            defaults={
                "clothing": clothing.strip(),
                "circumstances": circumstances.strip(),
                "last_seen": last_seen.strip(),
                "belongings": belongings.strip(),
                "concerns": concerns.strip(),
                "completed_by": actor,
            },
        )
        audit_record(
            actor=actor,
            action=events.PHILOMENA_REPORT_SAVED,
            subject=episode.person,
            detail={"episode_id": episode.pk},
        )
    return report
