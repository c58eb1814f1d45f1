"""The agenda builds itself: what a meeting should discuss, from what has happened.

For each panel referral (a child, an adult of concern, a place or group) still on the list, an
item is proposed when any of these holds, and the first that holds names the item:

* **back from the watchlist**: exited within the last six months and a critical event
  (``lantern.people.choices.CRITICAL_EVENT_TYPES``) has been recorded since the exit;
* **critical event** since the last meeting (a missing episode, an arrest, A&E...);
* **new referral**: never discussed;
* **overdue actions**: a panel action about it is past its due date;
* **review due**: its next review (12-weekly by default) falls on or before the meeting.

Places and groups also come up when their own plan (``lantern.contexts``) has an overdue action.

Sections are VOLT: a child is always under **Victims** (even when also linked as a suspect);
adults of concern under **Offenders**; places under **Locations**; peer groups, themes and
(when the register lands) County Lines under **Themes**.

**Extension point**: another app adds agenda items with ``register_agenda_source(fn)``, where
``fn(meeting, since)`` returns ``Proposed`` items (with a ``title``, no referral). The County
Lines register is expected to propose its active lines here (``ItemReason.LINE``, section
``THEMES``) without this module knowing its models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from lantern.contexts.choices import ContextKind
from lantern.panels.choices import (
    MINUTES,
    OPEN_ACTION_STATUSES,
    ItemReason,
    MeetingStatus,
    ReferralStatus,
    Section,
    SubjectKind,
)
from lantern.people.choices import CRITICAL_EVENT_TYPES

#: Reasons in priority order (the first that applies names the item).
PRIORITY = [
    ItemReason.WATCHLIST_RETURN,
    ItemReason.CRITICAL_EVENT,
    ItemReason.NEW_REFERRAL,
    ItemReason.OVERDUE_ACTIONS,
    ItemReason.REVIEW_DUE,
    ItemReason.CONCERN,
    ItemReason.THEME,
    ItemReason.LINE,
]
SECTION_ORDER = [Section.VICTIMS, Section.OFFENDERS, Section.LOCATIONS, Section.THEMES]
#: Reasons whose name tells a reader that a (possibly police-only) event exists.
EVENT_REASONS = frozenset({ItemReason.WATCHLIST_RETURN, ItemReason.CRITICAL_EVENT})


@dataclass
class Proposed:
    section: str
    reasons: list[str]
    referral: object | None = None
    title: str = ""
    detail: str = ""
    minutes: int = field(default=0)

    @property
    def reason(self) -> str:
        return min(self.reasons, key=PRIORITY.index)

    @property
    def default_minutes(self) -> int:
        return self.minutes or MINUTES[ItemReason(self.reason)]


Source = Callable[[object, dt.date], list[Proposed]]
_SOURCES: list[Source] = []


def register_agenda_source(source: Source) -> None:
    """Add a source of agenda items (idempotent)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def section_for(referral) -> str:
    """VOLT section: a child is a victim first, whatever else they are linked as."""
    if referral.subject_kind == SubjectKind.CHILD:
        return Section.VICTIMS
    if referral.subject_kind == SubjectKind.PERSON:
        return Section.OFFENDERS
    if referral.context_id and referral.context.kind == ContextKind.LOCATION:
        return Section.LOCATIONS
    return Section.THEMES


def last_meeting_date(meeting) -> dt.date | None:
    """The date of the panel's last signed meeting before this one."""
    from lantern.panels.models import PanelMeeting

    return (
        PanelMeeting.objects.filter(
            panel_id=meeting.panel_id, status=MeetingStatus.SIGNED, held_on__lt=meeting.held_on
        )
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )


def _critical_since(person_ids, after: dt.date, until: dt.date) -> set[int]:
    from lantern.people.models import ChronologyEvent

    return set(
        ChronologyEvent.objects.filter(
            person_id__in=person_ids, event_type__in=sorted(CRITICAL_EVENT_TYPES),
            event_date__gt=after, event_date__lte=until,
        ).values_list("person_id", flat=True)
    )


def propose(meeting) -> list[Proposed]:
    """What the meeting should discuss, in VOLT order (nothing is saved here)."""
    from lantern.contexts.models import ContextAction
    from lantern.panels.models import PanelAction, PanelReferral

    panel = meeting.panel
    on = meeting.held_on
    since = last_meeting_date(meeting) or (on - dt.timedelta(days=panel.cadence_days))
    open_refs = list(
        PanelReferral.objects.filter(panel=panel, status=ReferralStatus.OPEN, referred_on__lte=on)
        .select_related("person", "context")
        .order_by("referred_on", "id")
    )
    watched = list(
        PanelReferral.objects.filter(
            panel=panel, status=ReferralStatus.EXITED, watch_until__gte=on,
            person__isnull=False,
        ).select_related("person").order_by("exited_on", "id")
    )
    person_ids = [r.person_id for r in open_refs if r.person_id]
    critical = _critical_since(person_ids, since, on)
    overdue_refs = set(
        PanelAction.objects.filter(
            panel=panel, referral__in=open_refs, status__in=OPEN_ACTION_STATUSES, due_date__lt=on
        ).values_list("referral_id", flat=True)
    )
    context_ids = [r.context_id for r in open_refs if r.context_id]
    overdue_contexts = set(
        ContextAction.objects.filter(
            context_id__in=context_ids, status__in=OPEN_ACTION_STATUSES, due_date__lt=on
        ).values_list("context_id", flat=True)
    )
    out: list[Proposed] = []
    for r in open_refs:
        reasons = []
        if r.person_id in critical:
            reasons.append(ItemReason.CRITICAL_EVENT)
        if r.first_discussed_on is None:
            reasons.append(ItemReason.NEW_REFERRAL)
        if r.pk in overdue_refs or (r.context_id and r.context_id in overdue_contexts):
            reasons.append(ItemReason.OVERDUE_ACTIONS)
        if r.next_review_date is not None and r.next_review_date <= on:
            reasons.append(ItemReason.REVIEW_DUE)
        if reasons and r.context_id:
            reasons.append(ItemReason.CONCERN)
        if reasons:
            out.append(Proposed(section=section_for(r), reasons=reasons, referral=r))
    returned = set()
    for r in watched:
        if r.person_id in returned:
            continue
        if _critical_since([r.person_id], r.exited_on, on) and r.person_id not in person_ids:
            returned.add(r.person_id)
            out.append(Proposed(section=section_for(r), reasons=[ItemReason.WATCHLIST_RETURN],
                                referral=r))
    for source in list(_SOURCES):
        out.extend(source(meeting, since))
    out.sort(key=lambda p: (SECTION_ORDER.index(p.section), PRIORITY.index(p.reason),
                            getattr(p.referral, "referred_on", on), getattr(p.referral, "pk", 0)))
    return out


def describe(reasons) -> str:
    """All the reasons, in words, for the agenda ("New referral; Review due")."""
    ordered = sorted({ItemReason(r) for r in reasons}, key=PRIORITY.index)
    return "; ".join(r.label for r in ordered)
