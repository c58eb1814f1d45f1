"""Writes for panels: named, keyword-only, in a transaction, audited with the change.

Every write checks the actor's right first (``lantern.panels.policies``; ``PermissionDenied``
becomes 404 in the views) and raises ``ValidationError`` with GOV.UK wording for bad input.

**Signed minutes are immutable.** Once ``minutes_sign`` has run, every service that would change
what the minutes say (attendance, agenda, outcomes, actions agreed) refuses with
``ValidationError`` and the refusal is audited; a correction is a ``MinutesAddendum``. Action
*statuses* still change after signing: the register carries over to the next meeting.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.services import audit_record
from lantern.panels import agenda, events, policies
from lantern.panels.choices import (
    MINUTES,
    ActionStatus,
    Attendance,
    ItemReason,
    MeetingStatus,
    PanelKind,
    ReferralStatus,
    RiskLevel,
    Route,
    Section,
    SubjectKind,
)
from lantern.panels.models import (
    WATCHLIST_DAYS,
    AgendaItem,
    MeetingAttendance,
    MinutesAddendum,
    Panel,
    PanelAction,
    PanelMeeting,
    PanelMember,
    PanelReferral,
)
from lantern.people.choices import CRITICAL_EVENT_TYPES, EventType, PersonKind

SIGNED_MESSAGE = "The minutes are signed and cannot change: add an addendum to correct them"


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _text(value: str | None, message: str = "") -> str:
    text = (value or "").strip()
    if message and not text:
        raise ValidationError(message)
    return text


def _require_unsigned(*, actor, meeting: PanelMeeting, what: str) -> None:
    """Refuse any change to signed minutes, and keep a record that someone tried."""
    if meeting.is_signed:
        audit_record(
            actor=actor, action=events.REFUSED_SIGNED, subject=meeting, detail={"what": what}
        )
        raise ValidationError(SIGNED_MESSAGE)


# --- Panels and members ---------------------------------------------------------------------


def panel_create(
    *, actor, name: str, kind: str = PanelKind.MACE, area: str = "", cadence_days: int = 14,
    review_weeks: int = 12, stable_weeks: int = 12, chair=None,
) -> Panel:
    """Set up a panel; the actor chairs it unless another panel chair is named."""
    _require(policies.may_run_panels(actor))
    name = _text(name, "Enter the panel's name")
    if kind not in PanelKind.values:
        raise ValidationError("Choose the kind of panel")
    for value, low, high, message in (
        (cadence_days, 7, 56, "Enter how often it meets, from 7 to 56 days"),
        (review_weeks, 2, 26, "Enter the review interval, from 2 to 26 weeks"),
        (stable_weeks, 4, 52, "Enter the stable period, from 4 to 52 weeks"),
    ):
        if value is None or not low <= value <= high:
            raise ValidationError(message)
    chair = chair or actor
    if not policies.may_run_panels(chair):
        raise ValidationError("Choose a panel chair")
    with transaction.atomic():
        panel = Panel.objects.create(
            name=name, kind=kind, area=_text(area), cadence_days=cadence_days,
            review_weeks=review_weeks, stable_weeks=stable_weeks, chair=chair, created_by=actor,
        )
        audit_record(actor=actor, action=events.PANEL_CREATED, subject=panel,
                     detail={"kind": kind, "chair_id": chair.pk})
    return panel


def panel_add_member(
    *, actor, panel: Panel, user=None, name: str = "", agency=None, role: str = ""
) -> PanelMember:
    """Give someone a seat: a Lantern user (their agency by default) or a named partner."""
    _require(policies.can_run(actor, panel))
    name = _text(name)
    if user is not None:
        if not user.is_active:
            raise ValidationError("Choose an active user")
        name = user.get_full_name() or user.get_username()
        agency = agency or user.agency
        if PanelMember.objects.filter(panel=panel, user=user, left_on__isnull=True).exists():
            raise ValidationError("They already have a seat on this panel")
    if not name:
        raise ValidationError("Choose a person, or enter the name of a partner not on Lantern")
    if agency is None:
        raise ValidationError("Choose their agency")
    with transaction.atomic():
        member = PanelMember.objects.create(
            panel=panel, user=user, name=name, agency=agency, role=_text(role)
        )
        audit_record(actor=actor, action=events.MEMBER_ADDED, subject=panel,
                     detail={"member_id": member.pk, "agency_id": agency.pk})
    return member


# --- Referrals and exits --------------------------------------------------------------------


def panel_refer(*, actor, panel: Panel, reason: str, person=None, context=None) -> PanelReferral:
    """Put a child, an adult of concern, or a place or group on the panel's list.

    The referrer must be able to open the person (or see the place or group). A child is always
    referred as a child (a victim first), never as a person of concern.
    """
    from lantern.contexts import policies as context_policies

    _require(policies.can_refer(actor, panel))
    if (person is None) == (context is None):
        raise ValidationError("Choose a child, a person or a place or group")
    reason = _text(reason, "Enter why the panel should discuss them")
    if person is not None:
        _require(person_policy.can(actor, VIEW, person))
        kind = SubjectKind.CHILD if person.kind == PersonKind.CHILD else SubjectKind.PERSON
        existing = PanelReferral.objects.filter(panel=panel, person=person)
    else:
        _require(context_policies.can_view(actor, context))
        if not context.is_open:
            raise ValidationError("This place or group is closed")
        kind = SubjectKind.CONTEXT
        existing = PanelReferral.objects.filter(panel=panel, context=context)
    with transaction.atomic():
        if existing.select_for_update().filter(status=ReferralStatus.OPEN).exists():
            raise ValidationError("Already on this panel's list")
        referral = PanelReferral.objects.create(
            panel=panel, subject_kind=kind, person=person, context=context, reason=reason,
            referred_by=actor, referred_on=timezone.localdate(),
        )
        audit_record(
            actor=actor, action=events.REFERRED,
            subject=person if person is not None else context,
            detail={"panel_id": panel.pk, "panel_referral_id": referral.pk},
        )
    return referral


def _critical_since(person, since: dt.date, until: dt.date) -> bool:
    from lantern.people.models import ChronologyEvent

    return ChronologyEvent.objects.filter(
        person=person, event_type__in=sorted(CRITICAL_EVENT_TYPES), event_date__gte=since,
        event_date__lte=until,
    ).exists()


def referral_exit(*, actor, referral: PanelReferral, rationale: str, stable_since: dt.date):
    """Take a referral off the list: only with a rationale and after a stable period.

    Why a stable period: children taken off the list too early is a known failure. ``stable_since``
    must be at least the panel's ``stable_weeks`` ago, and no critical event may have been
    recorded for the child since. The child then stays on a watchlist for six months: a new
    critical event brings them back to the agenda (``agenda.propose``).
    """
    panel = referral.panel
    _require(policies.can_run(actor, panel))
    if not referral.is_open:
        raise ValidationError("This referral has already been exited")
    rationale = _text(rationale, "Enter why the panel is ending its oversight")
    today = timezone.localdate()
    if stable_since is None:
        raise ValidationError("Enter the date since when things have been stable")
    if stable_since > today:
        raise ValidationError("The stable period must start today or in the past")
    if (today - stable_since).days < panel.stable_weeks * 7:
        raise ValidationError(
            f"Things must have been stable for at least {panel.stable_weeks} weeks before the "
            "panel ends its oversight"
        )
    if referral.person_id and _critical_since(referral.person, stable_since, today):
        raise ValidationError(
            "A critical event has been recorded since that date, so the period was not stable"
        )
    with transaction.atomic():
        referral.status = ReferralStatus.EXITED
        referral.exit_rationale = rationale
        referral.stable_since = stable_since
        referral.exited_on = today
        referral.exited_by = actor
        referral.watch_until = today + dt.timedelta(days=WATCHLIST_DAYS)
        referral.save()
        audit_record(
            actor=actor, action=events.EXITED,
            subject=referral.person if referral.person_id else referral.context,
            detail={"panel_referral_id": referral.pk, "watch_until": referral.watch_until.isoformat()},
        )
    return referral


# --- Meetings and agendas -------------------------------------------------------------------


def meeting_schedule(*, actor, panel: Panel, held_on: dt.date, location: str = "") -> PanelMeeting:
    _require(policies.can_run(actor, panel))
    if held_on is None:
        raise ValidationError("Enter the date of the meeting")
    if PanelMeeting.objects.filter(panel=panel, held_on=held_on).exists():
        raise ValidationError("The panel already meets on that date")
    with transaction.atomic():
        meeting = PanelMeeting.objects.create(
            panel=panel, held_on=held_on, location=_text(location), created_by=actor
        )
        audit_record(actor=actor, action=events.MEETING_SCHEDULED, subject=meeting,
                     detail={"panel_id": panel.pk, "held_on": held_on.isoformat()})
    return meeting


def _renumber(meeting: PanelMeeting) -> None:
    items = list(meeting.items.all())
    items.sort(key=lambda i: (agenda.SECTION_ORDER.index(i.section),
                              agenda.PRIORITY.index(i.reason), i.id))
    for n, item in enumerate(items, start=1):
        if item.position != n:
            item.position = n
            item.save(update_fields=["position"])


def agenda_build(*, actor, meeting: PanelMeeting) -> list[AgendaItem]:
    """Add to the agenda whatever ``agenda.propose`` finds that is not on it yet.

    Built again before the meeting, it only adds: items already there (and anything recorded
    against them) stay as they are.
    """
    _require(policies.can_run(actor, meeting.panel))
    _require_unsigned(actor=actor, meeting=meeting, what="agenda")
    with transaction.atomic():
        on_agenda = set(meeting.items.exclude(referral=None).values_list("referral_id", flat=True))
        titles = set(meeting.items.filter(referral=None).values_list("title", flat=True))
        made = []
        for p in agenda.propose(meeting):
            if p.referral is not None and p.referral.pk in on_agenda:
                continue
            if p.referral is None and p.title in titles:
                continue
            hidden = {r for r in p.reasons if r in agenda.EVENT_REASONS}
            made.append(AgendaItem.objects.create(
                meeting=meeting, section=p.section, reason=p.reason, referral=p.referral,
                reason_detail=(p.detail or agenda.describe(set(p.reasons) - hidden))[:500],
                title=p.title[:200], minutes=p.default_minutes,
            ))
        _renumber(meeting)
        meeting.agenda_built_at = timezone.now()
        meeting.save(update_fields=["agenda_built_at"])
        audit_record(actor=actor, action=events.AGENDA_BUILT, subject=meeting,
                     detail={"added": [i.pk for i in made]})
    return made


def agenda_add_theme(
    *, actor, meeting: PanelMeeting, title: str, detail: str = "", minutes: int | None = None
) -> AgendaItem:
    """A theme the chair wants discussed (a pattern across children, an emerging place)."""
    _require(policies.can_run(actor, meeting.panel))
    _require_unsigned(actor=actor, meeting=meeting, what="theme")
    title = _text(title, "Enter the theme")
    minutes = minutes or MINUTES[ItemReason.THEME]
    if not 1 <= minutes <= 120:
        raise ValidationError("Enter the time for the item, from 1 to 120 minutes")
    with transaction.atomic():
        item = AgendaItem.objects.create(
            meeting=meeting, section=Section.THEMES, reason=ItemReason.THEME, title=title[:200],
            reason_detail=_text(detail)[:500], minutes=minutes,
        )
        _renumber(meeting)
        audit_record(actor=actor, action=events.THEME_ADDED, subject=meeting,
                     detail={"agenda_item_id": item.pk})
    return item


def meeting_record_attendance(*, actor, meeting: PanelMeeting, entries) -> None:
    """``entries``: (member, status, declaration) for each seat; recorded again, replaced."""
    _require(policies.can_run(actor, meeting.panel))
    _require_unsigned(actor=actor, meeting=meeting, what="attendance")
    entries = list(entries)
    for member, status, _ in entries:
        if member.panel_id != meeting.panel_id:
            raise ValidationError("Choose members of this panel")
        if status not in Attendance.values:
            raise ValidationError(f"Choose whether {member.name} was present")
    if not any(status == Attendance.PRESENT for _, status, _ in entries):
        raise ValidationError("Record at least one member as present")
    with transaction.atomic():
        for member, status, declaration in entries:
            MeetingAttendance.objects.update_or_create(
                meeting=meeting, member=member,
                defaults={"status": status, "declaration": _text(declaration)},
            )
        audit_record(actor=actor, action=events.ATTENDANCE_RECORDED, subject=meeting,
                     detail={"present": sum(1 for e in entries if e[1] == Attendance.PRESENT)})


def item_record_outcome(
    *, actor, item: AgendaItem, rationale: str, risk_level: str = "", route: str = "",
    next_review_date: dt.date | None = None,
) -> AgendaItem:
    """What the panel agreed about an item: risk level, route, rationale and next review.

    For a person, risk level and route are required; the next review defaults to the panel's
    interval (12 weeks) after the meeting. A child back from the watchlist is back on the list.
    """
    meeting = item.meeting
    _require(policies.can_run(actor, meeting.panel))
    _require_unsigned(actor=actor, meeting=meeting, what="outcome")
    referral = item.referral
    if referral is not None and referral.person_id:
        _require(person_policy.can(actor, VIEW, referral.person))
    rationale = _text(rationale, "Enter the panel's rationale")
    if risk_level and risk_level not in RiskLevel.values:
        raise ValidationError("Choose the agreed risk level")
    if route and route not in Route.values:
        raise ValidationError("Choose the route")
    if referral is not None:
        if not risk_level:
            raise ValidationError("Choose the agreed risk level")
        if referral.person_id and not route:
            raise ValidationError("Choose the route")
        if next_review_date is None:
            next_review_date = meeting.held_on + dt.timedelta(weeks=meeting.panel.review_weeks)
        if next_review_date <= meeting.held_on:
            raise ValidationError("The next review must be after the meeting")
    with transaction.atomic():
        item.discussed = True
        item.risk_level, item.route, item.rationale = risk_level, route, rationale
        item.next_review_date = next_review_date
        item.recorded_by = actor
        item.save()
        if referral is not None:
            if referral.status == ReferralStatus.EXITED:
                if PanelReferral.objects.filter(
                    panel=referral.panel, person=referral.person, context=referral.context,
                    status=ReferralStatus.OPEN,
                ).exists():
                    raise ValidationError("They are already back on the panel's list")
                referral.status = ReferralStatus.OPEN
                referral.exited_on = referral.watch_until = referral.stable_since = None
                referral.exit_rationale = ""
            referral.risk_level = risk_level
            referral.next_review_date = next_review_date
            referral.first_discussed_on = referral.first_discussed_on or meeting.held_on
            referral.save()
        audit_record(
            actor=actor, action=events.OUTCOME_RECORDED,
            subject=referral.person if referral and referral.person_id else meeting,
            detail={"agenda_item_id": item.pk, "risk_level": risk_level, "route": route},
        )
    return item


def _owner(*, owner_user, owner_name: str, agency):
    name = _text(owner_name)
    if owner_user is not None:
        if not owner_user.is_active or not policies.may_own_actions(owner_user):
            raise ValidationError("Choose an owner from the list, or enter a partner's name")
        name = owner_user.get_full_name() or owner_user.get_username()
        agency = agency or owner_user.agency
    if not name:
        raise ValidationError("Choose who will do it, or enter their name")
    if agency is None:
        raise ValidationError("Choose their agency")
    return name, agency


def panel_action_add(
    *, actor, item: AgendaItem, description: str, due_date: dt.date, owner_user=None,
    owner_name: str = "", agency=None,
) -> PanelAction:
    """An action agreed on an item, with an owner, their agency and a due date.

    An owner on Lantern must be able to open the child (they are given work about them);
    the action then reaches their "My actions".
    """
    meeting = item.meeting
    _require(policies.can_run(actor, meeting.panel))
    _require_unsigned(actor=actor, meeting=meeting, what="action")
    description = _text(description, "Enter what will be done")
    if due_date is None:
        raise ValidationError("Enter the due date")
    if due_date < meeting.held_on:
        raise ValidationError("The due date must be on or after the meeting")
    name, agency = _owner(owner_user=owner_user, owner_name=owner_name, agency=agency)
    referral = item.referral
    if owner_user is not None and referral is not None and referral.person_id:
        if not person_policy.can(owner_user, VIEW, referral.person):
            raise ValidationError(
                "The owner cannot open this child's record: choose someone who can, or a partner"
            )
    with transaction.atomic():
        action = PanelAction.objects.create(
            panel=meeting.panel, meeting=meeting, item=item, referral=referral,
            description=description, owner_user=owner_user, owner_name=name, agency=agency,
            due_date=due_date, created_by=actor,
        )
        audit_record(actor=actor, action=events.ACTION_ADDED, subject=meeting,
                     detail={"panel_action_id": action.pk})
    return action


def panel_action_update(
    *, actor, action: PanelAction, status: str, not_done_reason: str = ""
) -> PanelAction:
    """Change an action's status on the register (the chair, or the owner from My actions)."""
    _require(policies.can_update_action(actor, action))
    if status not in ActionStatus.values:
        raise ValidationError("Choose a status")
    reason = _text(not_done_reason)
    if status == ActionStatus.NOT_DONE and not reason:
        raise ValidationError("Enter why the action was not done")
    with transaction.atomic():
        action.status = status
        action.not_done_reason = reason if status == ActionStatus.NOT_DONE else ""
        action.completed_on = timezone.localdate() if status == ActionStatus.DONE else None
        action.save()
        audit_record(actor=actor, action=events.ACTION_UPDATED, subject=action.meeting,
                     detail={"panel_action_id": action.pk, "status": status})
    return action


def minutes_sign(*, actor, meeting: PanelMeeting) -> PanelMeeting:
    """Sign the minutes: from now on they do not change. Each child discussed gets a panel
    entry on their chronology (statutory partners: what a panel decided is not for everyone)."""
    from lantern.people.services import chronology_event_add

    _require(policies.can_run(actor, meeting.panel))
    _require_unsigned(actor=actor, meeting=meeting, what="sign")
    if not meeting.attendance.exists():
        raise ValidationError("Record who attended before signing the minutes")
    if meeting.held_on > timezone.localdate():
        raise ValidationError("Minutes can be signed once the meeting has taken place")
    with transaction.atomic():
        meeting.status = MeetingStatus.SIGNED
        meeting.signed_at = timezone.now()
        meeting.signed_by = actor
        meeting.save(update_fields=["status", "signed_at", "signed_by"])
        items = meeting.items.filter(discussed=True, referral__person__isnull=False)
        for item in items.select_related("referral__person"):
            chronology_event_add(
                actor=actor, person=item.referral.person, event_type=EventType.PANEL,
                event_date=meeting.held_on,
                summary=(
                    f"Discussed at {meeting.panel.name}: risk {item.get_risk_level_display()}, "
                    f"route {item.get_route_display() or 'not set'}. {item.rationale}"
                )[:2000],
                source_agency=actor.agency, source_type="panels.AgendaItem", source_id=item.pk,
                check_access=False,
            )
        audit_record(actor=actor, action=events.MINUTES_SIGNED, subject=meeting,
                     detail={"items": meeting.items.count()})
    return meeting


def minutes_add_addendum(*, actor, meeting: PanelMeeting, text: str) -> MinutesAddendum:
    """A correction beside signed minutes (the minutes themselves never change)."""
    _require(policies.can_run(actor, meeting.panel))
    if not meeting.is_signed:
        raise ValidationError("Change the minutes directly until they are signed")
    text = _text(text, "Enter the correction")
    with transaction.atomic():
        addendum = MinutesAddendum.objects.create(meeting=meeting, text=text, added_by=actor)
        audit_record(actor=actor, action=events.ADDENDUM_ADDED, subject=meeting,
                     detail={"addendum_id": addendum.pk})
    return addendum
