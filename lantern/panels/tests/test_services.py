"""The panel rules, one test each: VOLT sections, what puts an item on the agenda, the exit
rule (rationale and a stable period), the watchlist, signed minutes never changing, and the
action register carrying over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.panels import agenda, events, services
from lantern.panels.choices import ItemReason, ReferralStatus, Section
from lantern.panels.models import AgendaItem, MeetingAttendance, PanelAction
from lantern.people.models import ChronologyEvent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _meeting(personas, panel, days=0):
    return services.meeting_schedule(
        actor=personas["marcus"], panel=panel, held_on=TODAY() + dt.timedelta(days=days)
    )


def _refer(personas, panel, person=None, context=None, who="marcus", days_ago=120):
    referral = services.panel_refer(actor=personas[who], panel=panel, person=person,
                                    context=context, reason="Seen with older males; missing twice.")
    referral.referred_on = TODAY() - dt.timedelta(days=days_ago)
    referral.save(update_fields=["referred_on"])
    return referral


def _discuss(personas, item, **kw):
    data = {"risk_level": "high", "route": "csc", "rationale": "Risk remains high."} | kw
    if item.referral and not item.referral.person_id:
        data.pop("route")
    return services.item_record_outcome(actor=personas["marcus"], item=item, **data)


def _attend(personas, meeting):
    members = list(meeting.panel.members.all())
    services.meeting_record_attendance(
        actor=personas["marcus"], meeting=meeting,
        entries=[(m, "present" if n == 0 else "apologies", "") for n, m in enumerate(members)],
    )


def _sign(personas, meeting):
    _attend(personas, meeting)
    return services.minutes_sign(actor=personas["marcus"], meeting=meeting)


# --- VOLT ---------------------------------------------------------------------------------


def test_volt_sections_put_children_under_victims_even_when_linked_as_suspects(
    personas, panel, casebook
):
    from lantern.contexts.tests.factories import OpenPeerGroupFactory, OpenPlaceFactory
    from lantern.people.models import Relationship  # noqa: F401 - a suspect link is elsewhere
    from lantern.people.tests.factories import AdultOfConcernFactory

    child = casebook["team_child"]
    adult = AdultOfConcernFactory(first_name="Dale", last_name="Corrin")
    _refer(personas, panel, person=child)
    _refer(personas, panel, person=adult)
    _refer(personas, panel, context=OpenPlaceFactory(name="Skate park"))
    _refer(personas, panel, context=OpenPeerGroupFactory(name="Bus station group"))
    meeting = _meeting(personas, panel)
    services.agenda_add_theme(actor=personas["marcus"], meeting=meeting, title="Lifts near schools")
    services.agenda_build(actor=personas["marcus"], meeting=meeting)
    by_section = {}
    for item in meeting.items.select_related("referral__person", "referral__context"):
        by_section.setdefault(item.section, []).append(
            item.referral.person or item.referral.context if item.referral else item.title
        )
    assert by_section[Section.VICTIMS] == [child]
    assert by_section[Section.OFFENDERS] == [adult]
    assert [c.name for c in by_section[Section.LOCATIONS]] == ["Skate park"]
    themes = [getattr(t, "name", t) for t in by_section[Section.THEMES]]
    assert sorted(themes) == ["Bus station group", "Lifts near schools"]
    # Positions follow VOLT order.
    sections = [i.section for i in meeting.items.order_by("position")]
    assert sections == sorted(sections, key=agenda.SECTION_ORDER.index)


def test_a_child_is_never_referred_as_a_person_of_concern(personas, panel, casebook):
    referral = _refer(personas, panel, person=casebook["team_child"])
    assert referral.subject_kind == "child"
    assert agenda.section_for(referral) == Section.VICTIMS


# --- What brings an item to the agenda -------------------------------------------------------


def test_new_referral_then_review_due_after_12_weeks(personas, panel, casebook):
    child = casebook["team_child"]
    _refer(personas, panel, person=child)
    first = _meeting(personas, panel, days=-90)
    services.agenda_build(actor=personas["marcus"], meeting=first)
    item = first.items.get()
    assert item.reason == ItemReason.NEW_REFERRAL
    _discuss(personas, item)
    item.referral.refresh_from_db()
    assert item.referral.next_review_date == first.held_on + dt.timedelta(weeks=12)
    _sign(personas, first)
    # Not due yet two weeks later; due at 12 weeks.
    early = _meeting(personas, panel, days=-76)
    services.agenda_build(actor=personas["marcus"], meeting=early)
    assert not early.items.exists()
    due = _meeting(personas, panel, days=-6)
    services.agenda_build(actor=personas["marcus"], meeting=due)
    assert due.items.get().reason == ItemReason.REVIEW_DUE


def test_a_critical_event_since_the_last_meeting_brings_the_child_back(
    personas, panel, shared_child, event_on
):
    _refer(personas, panel, person=shared_child)
    first = _meeting(personas, panel, days=-20)
    services.agenda_build(actor=personas["marcus"], meeting=first)
    _discuss(personas, first.items.get())
    _sign(personas, first)
    event_on(shared_child, 25, "arrest")  # before the last meeting: not new
    quiet = _meeting(personas, panel, days=-6)
    services.agenda_build(actor=personas["marcus"], meeting=quiet)
    assert not quiet.items.exists()
    event_on(shared_child, 2, "arrest")
    busy = _meeting(personas, panel, days=0)
    services.agenda_build(actor=personas["marcus"], meeting=busy)
    assert busy.items.get().reason == ItemReason.CRITICAL_EVENT


def test_overdue_actions_bring_an_item_back_and_building_twice_adds_nothing(
    personas, panel, casebook
):
    _refer(personas, panel, person=casebook["team_child"])
    first = _meeting(personas, panel, days=-30)
    services.agenda_build(actor=personas["marcus"], meeting=first)
    item = first.items.get()
    _discuss(personas, item)
    services.panel_action_add(actor=personas["marcus"], item=item, description="Home visit",
                              due_date=first.held_on + dt.timedelta(days=7),
                              owner_user=personas["priya"])
    _sign(personas, first)
    later = _meeting(personas, panel)
    services.agenda_build(actor=personas["marcus"], meeting=later)
    assert later.items.get().reason == ItemReason.OVERDUE_ACTIONS
    assert services.agenda_build(actor=personas["marcus"], meeting=later) == []
    assert later.items.count() == 1


def test_lines_extension_point_adds_theme_items(personas, panel):
    def lines(meeting, since):
        return [agenda.Proposed(section=Section.THEMES, reasons=[ItemReason.LINE],
                                title="'Jay' line: active in Northgate")]

    agenda.register_agenda_source(lines)
    try:
        meeting = _meeting(personas, panel)
        services.agenda_build(actor=personas["marcus"], meeting=meeting)
        item = meeting.items.get()
        assert (item.section, item.reason, item.minutes) == (Section.THEMES, ItemReason.LINE, 10)
    finally:
        agenda._SOURCES.remove(lines)


# --- Exit and the watchlist ---------------------------------------------------------------


def test_exit_needs_a_rationale_and_a_stable_period(personas, panel, shared_child, event_on):
    referral = _refer(personas, panel, person=shared_child)
    with pytest.raises(ValidationError, match="rationale|why"):
        services.referral_exit(actor=personas["marcus"], referral=referral, rationale=" ",
                               stable_since=TODAY() - dt.timedelta(weeks=20))
    with pytest.raises(ValidationError, match="at least 12 weeks"):
        services.referral_exit(actor=personas["marcus"], referral=referral, rationale="Settled",
                               stable_since=TODAY() - dt.timedelta(weeks=11))
    event_on(shared_child, 30, "missing")
    with pytest.raises(ValidationError, match="critical event"):
        services.referral_exit(actor=personas["marcus"], referral=referral, rationale="Settled",
                               stable_since=TODAY() - dt.timedelta(weeks=13))
    with pytest.raises(PermissionDenied):
        services.referral_exit(actor=personas["priya"], referral=referral, rationale="Settled",
                               stable_since=TODAY() - dt.timedelta(weeks=20))
    referral.refresh_from_db()
    assert referral.is_open


def test_an_exited_child_stays_on_the_watchlist_for_6_months_and_returns_on_a_critical_event(
    personas, panel, shared_child, event_on
):
    referral = _refer(personas, panel, person=shared_child)
    services.referral_exit(actor=personas["marcus"], referral=referral, rationale="Settled at college",
                           stable_since=TODAY() - dt.timedelta(weeks=13))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.EXITED
    assert referral.watch_until == TODAY() + dt.timedelta(days=183)
    assert referral.on_watchlist()
    quiet = _meeting(personas, panel, days=1)
    services.agenda_build(actor=personas["marcus"], meeting=quiet)
    assert not quiet.items.exists()
    event_on(shared_child, -2, "missing")  # two days from now, before the next meeting
    back = _meeting(personas, panel, days=5)
    services.agenda_build(actor=personas["marcus"], meeting=back)
    item = back.items.get()
    assert item.reason == ItemReason.WATCHLIST_RETURN
    _discuss(personas, item)
    referral.refresh_from_db()
    assert referral.is_open and referral.exited_on is None


def test_after_6_months_the_watchlist_no_longer_brings_them_back(
    personas, panel, shared_child, event_on
):
    from lantern.panels.tests.factories import ExitedReferralFactory

    ExitedReferralFactory(panel=panel, person=shared_child,
                          watch_until=TODAY() - dt.timedelta(days=1))
    event_on(shared_child, 0, "missing")
    meeting = _meeting(personas, panel)
    services.agenda_build(actor=personas["marcus"], meeting=meeting)
    assert not meeting.items.exists()


# --- Signed minutes -------------------------------------------------------------------------


def test_signed_minutes_are_immutable_and_corrections_are_addenda(personas, panel, casebook):
    _refer(personas, panel, person=casebook["team_child"])
    meeting = _meeting(personas, panel)
    services.agenda_build(actor=personas["marcus"], meeting=meeting)
    item = meeting.items.get()
    _discuss(personas, item)
    with pytest.raises(ValidationError, match="until they are signed"):
        services.minutes_add_addendum(actor=personas["marcus"], meeting=meeting, text="Early")
    _sign(personas, meeting)
    assert ChronologyEvent.objects.filter(
        person=casebook["team_child"], event_type="panel", source_type="panels.AgendaItem"
    ).count() == 1
    marcus = personas["marcus"]
    attempts = [
        lambda: _discuss(personas, item, risk_level="low"),
        lambda: services.panel_action_add(actor=marcus, item=item, description="Late",
                                          due_date=TODAY(), owner_name="X",
                                          agency=marcus.agency),
        lambda: services.agenda_add_theme(actor=marcus, meeting=meeting, title="Late theme"),
        lambda: services.agenda_build(actor=marcus, meeting=meeting),
        lambda: _attend(personas, meeting),
        lambda: services.minutes_sign(actor=marcus, meeting=meeting),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="signed"):
            attempt()
    item.refresh_from_db()
    assert item.risk_level == "high"
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
    assert AuditEvent.objects.filter(action=events.REFUSED_SIGNED).count() == len(attempts)
    addendum = services.minutes_add_addendum(actor=marcus, meeting=meeting,
                                             text="The route agreed was early help.")
    assert list(meeting.addenda.all()) == [addendum]


def test_signing_needs_attendance(personas, panel):
    meeting = _meeting(personas, panel)
    with pytest.raises(ValidationError, match="attended"):
        services.minutes_sign(actor=personas["marcus"], meeting=meeting)
    _attend(personas, meeting)
    assert MeetingAttendance.objects.filter(meeting=meeting, status="present").count() == 1


# --- The action register ------------------------------------------------------------------


def test_the_action_register_carries_over_until_done(personas, panel, casebook):
    from lantern.panels.selectors import register_for

    _refer(personas, panel, person=casebook["team_child"])
    first = _meeting(personas, panel, days=-14)
    services.agenda_build(actor=personas["marcus"], meeting=first)
    item = first.items.get()
    _discuss(personas, item)
    keep = services.panel_action_add(actor=personas["marcus"], item=item,
                                     description="Disrupt the address", due_date=TODAY(),
                                     owner_user=personas["priya"])
    done = services.panel_action_add(actor=personas["marcus"], item=item,
                                     description="Tell the school", due_date=TODAY(),
                                     owner_name="DSL", agency=personas["sarah"].agency)
    _sign(personas, first)
    # The owner updates her action after the meeting: allowed, the minutes are not changed.
    services.panel_action_update(actor=personas["priya"], action=keep, status="in_progress")
    services.panel_action_update(actor=personas["marcus"], action=done, status="done")
    second = _meeting(personas, panel)
    assert set(register_for(actor=personas["marcus"], meeting=second).shown) == {keep, done}
    _attend(personas, second)
    services.minutes_sign(actor=personas["marcus"], meeting=second)
    third = _meeting(personas, panel, days=14)
    assert list(register_for(actor=personas["marcus"], meeting=third).shown) == [keep]


def test_an_owner_must_be_able_to_open_the_child_and_the_action_reaches_my_actions(
    personas, panel, casebook
):
    from lantern.cases.owned import owned_actions

    _refer(personas, panel, person=casebook["team_child"])
    meeting = _meeting(personas, panel)
    services.agenda_build(actor=personas["marcus"], meeting=meeting)
    item = meeting.items.get()
    with pytest.raises(ValidationError, match="cannot open"):
        services.panel_action_add(actor=personas["marcus"], item=item, description="Visit",
                                  due_date=TODAY(), owner_user=personas["olivia"])
    action = services.panel_action_add(actor=personas["marcus"], item=item, description="Visit",
                                       due_date=TODAY(), owner_user=personas["priya"])
    rows = [r for r in owned_actions(personas["priya"]) if r.plan_kind == "Panel action"]
    assert [r.update_url for r in rows] == [f"/panels/actions/{action.pk}/"]
    assert rows[0].about == casebook["team_child"].display_name
    assert PanelAction.objects.filter(owner_user=personas["priya"]).count() == 1


def test_only_chairs_run_panels_and_referrers_must_see_the_child(personas, panel, casebook):
    with pytest.raises(PermissionDenied):
        services.meeting_schedule(actor=personas["priya"], panel=panel, held_on=TODAY())
    with pytest.raises(PermissionDenied):
        _refer(personas, panel, person=casebook["west_child"], who="priya")
    referral = _refer(personas, panel, person=casebook["team_child"], who="priya")
    with pytest.raises(ValidationError, match="Already"):
        _refer(personas, panel, person=casebook["team_child"], who="priya")
    assert referral.referred_by == personas["priya"]
