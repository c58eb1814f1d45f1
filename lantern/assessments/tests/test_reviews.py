"""Reviews: due dates follow the level; a critical event brings the review forward and tells the
lead professional; outcome measures fall due at baseline, six weeks and the end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from lantern.assessments import engine, events, selectors, services
from lantern.assessments.models import ReviewNotice
from lantern.assessments.tests import factories as f
from lantern.audit.models import AuditEvent
from lantern.cases import rules as case_rules
from lantern.cases.models import Alert
from lantern.people import critical
from lantern.people.services import chronology_event_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add_event(actor, person, event_type, days_ago=1):
    return chronology_event_add(
        actor=actor, person=person, event_type=event_type,
        event_date=f.today() - dt.timedelta(days=days_ago),
        summary="Reported missing overnight; found the next day in another town.",
    )


def test_the_handler_is_registered():
    assert services.assessment_review_bring_forward in critical._HANDLERS


@pytest.mark.parametrize(
    "seen,weeks,months", [(f.MILD, 6, 0), (f.MODERATE, 0, 3)], ids=["category-2", "category-3"]
)
def test_review_due_follows_the_level(personas, casebook, seen, weeks, months):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], seen)
    assert a.review_due == engine.months_after(a.as_at, months) + dt.timedelta(weeks=weeks)


def test_an_approved_different_level_moves_the_review_to_its_schedule(personas, casebook):
    a = f.pending_override(personas["priya"], casebook["team_child"], level="category_3")
    a = services.assessment_override_decide(actor=personas["tom"], assessment=a, approve=True)
    assert a.review_due == engine.months_after(a.as_at, 3)


def test_critical_event_brings_the_review_forward_and_tells_the_lead(personas, casebook):
    child = casebook["team_child"]  # Priya is the lead professional
    a = f.submitted_assessment(personas["priya"], child, f.MODERATE)  # review in 3 months
    before = a.review_due
    event = add_event(personas["tom"], child, "missing")
    a.refresh_from_db()
    expected = case_rules.critical_review_deadline(f.today())
    assert a.review_due == expected < before
    notice = ReviewNotice.objects.get(assessment=a)
    assert (notice.previous_due, notice.new_due, notice.recipient) == (before, expected, personas["priya"])
    assert notice.event == event
    alert = Alert.objects.get(recipient=personas["priya"], event=event, message__contains="review")
    assert a.tool_title in alert.message
    recorded = AuditEvent.objects.get(action=events.REVIEW_BROUGHT_FORWARD)
    assert recorded.subject_ids == [child.pk] and recorded.detail["new"] == expected.isoformat()
    # The lead sees it on the dashboard and the child's history.
    client = Client()
    client.force_login(personas["priya"])
    assert "Reviews brought forward" in client.get(reverse("assessments:dashboard")).content.decode()
    assert "review brought forward" in client.get(
        reverse("assessments:history", args=[child.pk])).content.decode()


def test_the_lead_recording_the_event_gets_no_alert_but_the_review_still_moves(personas, casebook):
    child = casebook["team_child"]
    a = f.submitted_assessment(personas["priya"], child, f.MODERATE)
    add_event(personas["priya"], child, "arrest")
    a.refresh_from_db()
    assert a.review_due == case_rules.critical_review_deadline(f.today())
    assert not Alert.objects.filter(recipient=personas["priya"], message__contains=a.tool_title).exists()


def test_an_ordinary_event_changes_nothing(personas, casebook):
    child = casebook["team_child"]
    a = f.submitted_assessment(personas["priya"], child, f.MODERATE)
    add_event(personas["tom"], child, "contact")
    a.refresh_from_db()
    assert a.review_due == engine.months_after(a.as_at, 3)
    assert not ReviewNotice.objects.exists()


def test_a_review_already_due_sooner_stays(personas, casebook):
    child = casebook["team_child"]
    # Category 1 as at 40 days ago: review due in 2 days, sooner than 5 working days.
    a = f.submitted_assessment(
        personas["priya"], child, {"vul_loss": [f.days_ago(400)]},
        as_at=f.today() - dt.timedelta(days=40),
    )
    before = a.review_due
    assert before < case_rules.critical_review_deadline(f.today())
    add_event(personas["tom"], child, "missing")
    a.refresh_from_db()
    assert a.review_due == before and not ReviewNotice.objects.exists()


def test_drafts_and_other_children_are_untouched(personas, casebook):
    draft = f.draft_assessment(personas["priya"], casebook["team_child"])
    other = f.submitted_assessment(personas["tom"], f.team_child("Lantern Exploitation Team West"), f.MODERATE)
    add_event(personas["tom"], casebook["team_child"], "missing")
    draft.refresh_from_db()
    other.refresh_from_db()
    assert draft.review_due is None
    assert other.review_due == engine.months_after(other.as_at, 3)


class _Tool:
    def __init__(self, triggers):
        self.early_review_triggers = tuple(triggers)


@pytest.mark.parametrize(
    "triggers,event_type,expected",
    [
        (("arrest",), "missing", False),
        (("arrest",), "arrest", True),
        (("missing_episode",), "found_out_of_area", True),
        (("school_exclusion",), "managed_move", True),
        ((), "ae_attendance", True),
    ],
)
def test_only_events_the_tool_names_bring_the_review_forward(triggers, event_type, expected):
    assert services._triggers(_Tool(triggers), event_type) is expected


def test_measures_fall_due_at_baseline_six_weeks_and_end(personas, casebook):
    a = f.outcome_assessment(personas["priya"], casebook["team_child"], started_days_ago=45)
    tool = selectors.tool_for(a)
    plan = selectors.measure_plan(a, tool)
    assert [(p.point, p.due) for p in plan] == [
        ("baseline", a.as_at),
        ("six_weeks", a.as_at + dt.timedelta(days=42)),
        ("end", a.as_at + dt.timedelta(days=84)),
    ]
    assert [p.overdue for p in plan] == [True, True, False]
    f.record(personas["priya"], a, "baseline", {})
    due = selectors.dashboard(actor=personas["priya"])["due_measures"]
    assert [(d["assessment"].pk, d["planned"].point) for d in due] == [(a.pk, "six_weeks")]
    # Someone who cannot see the child is not reminded.
    assert selectors.dashboard(actor=personas["olivia"])["due_measures"] == []


def test_a_measure_not_yet_near_is_not_listed(personas, casebook):
    a = f.outcome_assessment(personas["priya"], casebook["team_child"], started_days_ago=1)
    f.record(personas["priya"], a, "baseline", {})
    assert selectors.dashboard(actor=personas["priya"])["due_measures"] == []
