"""Reads for panels. Every function that returns records takes the actor.

Items, referrals and actions about a person go through the naming rule
(``lantern.access.naming.split_named``): a viewer who may not open the person sees how many were
left out, never who. Places and groups are shown to those who may see contexts, counted for the
rest. The reason an item is on the agenda can itself say that an event exists (an arrest the
police hold as police only), so ``shown_reason`` words it for each reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.access import sharing
from lantern.access.naming import Named, split_named
from lantern.contexts import policies as context_policies
from lantern.panels import agenda, policies
from lantern.panels.choices import OPEN_ACTION_STATUSES, ReferralStatus, Section
from lantern.panels.models import (
    AgendaItem,
    MinutesAddendum,
    Panel,
    PanelAction,
    PanelMeeting,
    PanelMember,
    PanelReferral,
)
from lantern.people.choices import CRITICAL_EVENT_TYPES


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def panel_visible(*, actor) -> QuerySet[Panel]:
    q = policies.scope_q(actor)
    if q is None:
        return Panel.objects.none()
    return Panel.objects.filter(pk__in=Panel.objects.filter(q).values("pk"))


def panel_get(*, actor, panel_id) -> Panel:
    panel = panel_visible(actor=actor).select_related("chair").filter(pk=_pk(panel_id)).first()
    if panel is None:
        raise Http404
    return panel


def panel_get_runnable(*, actor, panel_id) -> Panel:
    panel = panel_get(actor=actor, panel_id=panel_id)
    if not policies.can_run(actor, panel):
        raise Http404
    return panel


def meeting_get(*, actor, meeting_id) -> PanelMeeting:
    meeting = (
        PanelMeeting.objects.filter(pk=_pk(meeting_id), panel__in=panel_visible(actor=actor))
        .select_related("panel", "panel__chair", "signed_by")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meeting_get_runnable(*, actor, meeting_id) -> PanelMeeting:
    meeting = meeting_get(actor=actor, meeting_id=meeting_id)
    if not policies.can_run(actor, meeting.panel):
        raise Http404
    return meeting


def _shown_subject(actor, items, *, referral_of=lambda i: i.referral) -> Named:
    """Split records about a referral into those the actor may be shown and a count of the rest:
    a person by the record policy, a place or group by the contexts policy."""
    may_contexts = context_policies.may_view_contexts(actor)
    named = split_named(actor, items, person_of=lambda i: getattr(referral_of(i), "person_id", None))
    if may_contexts:
        return named
    out: Named = Named(hidden=named.hidden)
    for item in named.shown:
        r = referral_of(item)
        if r is not None and r.context_id:
            out.hidden += 1
        else:
            out.shown.append(item)
    return out


def item_get_runnable(*, actor, item_id) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(pk=_pk(item_id))
        .select_related("meeting", "meeting__panel", "referral", "referral__person",
                        "referral__context")
        .first()
    )
    if item is None or not policies.can_run(actor, item.meeting.panel):
        raise Http404
    if not _shown_subject(actor, [item]).shown:
        raise Http404
    return item


def referral_get_runnable(*, actor, referral_id) -> PanelReferral:
    referral = (
        PanelReferral.objects.filter(pk=_pk(referral_id))
        .select_related("panel", "person", "context")
        .first()
    )
    if referral is None or not policies.can_run(actor, referral.panel):
        raise Http404
    if not _shown_subject(actor, [referral], referral_of=lambda r: r).shown:
        raise Http404
    return referral


def action_get_updatable(*, actor, action_id) -> PanelAction:
    action = (
        PanelAction.objects.filter(pk=_pk(action_id))
        .select_related("panel", "meeting", "referral", "referral__person", "referral__context")
        .first()
    )
    if action is None or not policies.can_update_action(actor, action):
        raise Http404
    if not _shown_subject(actor, [action]).shown:
        raise Http404
    return action


def members_of(*, panel: Panel) -> list[PanelMember]:
    return list(
        panel.members.filter(left_on__isnull=True).select_related("agency", "user")
        .order_by("agency__name", "name", "id")
    )


def referrals_for(*, actor, panel: Panel, status: str = ReferralStatus.OPEN) -> Named:
    qs = (
        PanelReferral.objects.filter(panel=panel, status=status)
        .select_related("person", "context")
        .order_by("referred_on", "id")
    )
    if status == ReferralStatus.EXITED:
        qs = qs.filter(watch_until__gte=timezone.localdate())
    return _shown_subject(actor, qs, referral_of=lambda r: r)


@dataclass
class SectionItems:
    section: str
    label: str
    items: list = field(default_factory=list)
    hidden: int = 0

    @property
    def minutes(self) -> int:
        return sum(i.minutes for i in self.items)


def _event_reason_readable(actor, item, since: dt.date) -> bool:
    """Whether the reader may learn that the critical event behind an item exists: statutory
    partners may (they see placeholders); others only if they may read one of the entries."""
    if sharing.may_see_placeholders(actor):
        return True
    from lantern.people.models import ChronologyEvent

    return ChronologyEvent.objects.filter(
        sharing.readable_q(actor), person_id=item.referral.person_id,
        event_type__in=sorted(CRITICAL_EVENT_TYPES), event_date__gt=since,
        event_date__lte=item.meeting.held_on,
    ).exists()


def shown_reason(actor, item, since: dt.date) -> str:
    """Why the item is on the agenda, in words this reader may be given."""
    label = item.get_reason_display()
    if item.reason in agenda.EVENT_REASONS and item.referral_id:
        after = item.referral.exited_on or since
        if not _event_reason_readable(actor, item, after):
            return item.reason_detail or "On the panel's list"
    if item.reason_detail and item.reason_detail != label:
        return f"{label}; {item.reason_detail}" if label not in item.reason_detail else item.reason_detail
    return label


def agenda_for(*, actor, meeting: PanelMeeting) -> list[SectionItems]:
    """The agenda in VOLT sections, as this reader may see it (others' items counted)."""
    items = list(
        meeting.items.select_related("referral", "referral__person", "referral__context",
                                     "recorded_by").order_by("position", "id")
    )
    since = agenda.last_meeting_date(meeting) or (
        meeting.held_on - dt.timedelta(days=meeting.panel.cadence_days)
    )
    out = []
    for section in agenda.SECTION_ORDER:
        named = _shown_subject(actor, [i for i in items if i.section == section])
        for item in named.shown:
            item.shown_reason = shown_reason(actor, item, since)
            item.open_actions = []
        out.append(SectionItems(section=section, label=Section(section).label,
                                items=named.shown, hidden=named.hidden))
    return out


def register_for(*, actor, meeting: PanelMeeting) -> Named:
    """The action register at a meeting: every action agreed at this or an earlier meeting of
    the panel that is still open, and those finished since the last meeting (they carry over
    until done)."""
    last = agenda.last_meeting_date(meeting)
    q = Q(status__in=OPEN_ACTION_STATUSES)
    if last is not None:
        q |= Q(completed_on__gt=last)
    else:
        q |= Q(meeting=meeting)
    actions = (
        PanelAction.objects.filter(panel_id=meeting.panel_id, meeting__held_on__lte=meeting.held_on)
        .filter(q)
        .select_related("referral", "referral__person", "referral__context", "agency",
                        "owner_user", "meeting")
        .order_by("due_date", "id")
    )
    return _shown_subject(actor, actions)


def named_ids(sections: list[SectionItems], register: Named) -> list[int]:
    """The people a meeting page or pack names: its agenda items and its action register.

    One answer for the page and the pack, so neither audits less than it prints: an action
    carried over from an earlier meeting names its child even when the child is not on this
    agenda.
    """
    named = {i.referral.person_id for s in sections for i in s.items if i.person_id}
    named |= {a.person_id for a in register.shown if a.person_id}
    return sorted(named)


def meetings_for(*, panel: Panel) -> list[PanelMeeting]:
    return list(panel.meetings.order_by("-held_on", "-id"))


def attendance_for(*, meeting: PanelMeeting) -> dict[int, object]:
    return {a.member_id: a for a in meeting.attendance.select_related("member", "member__agency")}


def addenda_for(*, meeting: PanelMeeting) -> list[MinutesAddendum]:
    return list(meeting.addenda.select_related("added_by"))


def eligible_owners(*, panel: Panel):
    """Lantern users who may own a panel action: active people who do the work, with a seat on
    the panel or in a member agency."""
    agencies = panel.members.filter(left_on__isnull=True).values("agency_id")
    seats = panel.members.filter(left_on__isnull=True, user__isnull=False).values("user_id")
    return (
        get_user_model().objects.filter(is_active=True, role__in=policies.OWNER_ROLES)
        .filter(Q(agency_id__in=agencies) | Q(pk__in=seats))
        .select_related("agency")
        .order_by("last_name", "first_name", "id")
    )


def eligible_members(*, panel: Panel):
    """Active Lantern users who may be given a seat (everyone but system administrators)."""
    taken = panel.members.filter(left_on__isnull=True, user__isnull=False).values("user_id")
    return (
        get_user_model().objects.filter(is_active=True).exclude(role="sysadmin")
        .exclude(pk__in=taken).select_related("agency").order_by("last_name", "first_name", "id")
    )


def contexts_to_refer(*, actor, panel: Panel):
    from lantern.contexts.models import Context
    from lantern.contexts.selectors import context_visible

    taken = PanelReferral.objects.filter(
        panel=panel, status=ReferralStatus.OPEN, context__isnull=False
    ).values("context_id")
    return context_visible(actor=actor).filter(status="open").exclude(pk__in=taken).order_by(
        "name", "id"
    ) if context_policies.may_view_contexts(actor) else Context.objects.none()


def owned_actions(*, actor) -> list:
    """Open panel actions the actor owns ("My actions"); a child they may no longer open is
    counted, never named."""
    from django.urls import reverse

    from lantern.cases.owned import SOURCE_LIMIT, OwnedAction

    if not policies.may_own_actions(actor):
        return []
    actions = list(
        PanelAction.objects.filter(owner_user_id=actor.pk, status__in=OPEN_ACTION_STATUSES)
        .select_related("referral", "referral__person", "referral__context", "panel")
        .order_by("due_date", "id")[:SOURCE_LIMIT]
    )
    named = _shown_subject(actor, actions)
    rows = [
        OwnedAction(
            due_date=a.due_date,
            description=f"{a.panel.name}: {a.description}",
            status_label=a.get_status_display(),
            plan_kind="Panel action",
            about=(a.referral.person.display_name if a.referral and a.referral.person_id
                   else a.referral.context.name if a.referral else a.panel.name),
            about_url=reverse("panels:meeting", args=[a.meeting_id]),
            update_url=reverse("panels:action_update", args=[a.pk]),
            person_id=a.person_id,
            sort_key=(a.pk,),
        )
        for a in named.shown
    ]
    shown_ids = {a.pk for a in named.shown}
    rows += [OwnedAction.hidden_row(due_date=a.due_date, plan_kind="Panel action")
             for a in actions if a.pk not in shown_ids]
    return rows
