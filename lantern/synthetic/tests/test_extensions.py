"""The small seed's demo data (``lantern.synthetic.extensions``): every persona's main pages have
something to show, and the seed stays deterministic and safe to re-run.

One load of the small county is shared by the module (it takes seconds); each test reads it.
Dates are checked against the seed's today (the pinned as-at date, 31 October 2026), never the
clock, except where a page itself reads the clock (noted). ``test_demo_dates`` seeds other
as-at dates.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.accounts.models import User
from lantern.assessments import selectors as assessment_selectors
from lantern.assessments.models import Assessment
from lantern.audit.models import AuditEvent
from lantern.cases import policies as case_policies
from lantern.cases import selectors as case_selectors
from lantern.cases.choices import OPEN_ACTION_STATUSES, CaseStatus, ResurfacingState, TaskStatus
from lantern.cases.models import Case, PlanAction, Resurfacing, Task
from lantern.missing import selectors as missing_selectors
from lantern.missing.choices import InterviewStatus
from lantern.missing.clock import LONDON
from lantern.missing.models import MissingEpisode, ReturnInterview
from lantern.missing.policies import lead_professional_names
from lantern.people.models import ChronologyEvent
from lantern.referrals import selectors as referral_selectors
from lantern.referrals.choices import ReferralAbout, ReferralStatus
from lantern.referrals.models import Referral
from lantern.schools import selectors as school_selectors
from lantern.schools.models import EducationEvent, EncompassNotice
from lantern.synthetic import loader
from lantern.synthetic.extensions._base import SEED_REQUEST_PREFIX
from lantern.synthetic.tests.conftest import AS_AT, SEED

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, small_world):
    """The small county with every extension, loaded once and rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = loader.load(seed=SEED, world=small_world)
        users = {u.username: u for u in User.objects.all()}
        yield {"summary": summary, "users": users, "digest": loader.db_digest()}
        transaction.set_rollback(True)


def test_every_extension_ran_and_counted_what_it_made(seeded):
    counts = seeded["summary"].counts
    assert counts["cases"] >= 10 and counts["referrals"] >= 10
    assert counts["assessments"] >= 10 and counts["outcome_measures"] >= 5
    assert counts["missing_episodes"] >= 8 and counts["education_events"] >= 2
    assert ChronologyEvent.objects.count() == counts["events"]
    assert AuditEvent.objects.filter(request_id=f"{SEED_REQUEST_PREFIX}{SEED}").exists()
    # Nothing is dated after the seed's today, whatever day the test runs.
    assert not ChronologyEvent.objects.filter(event_date__gt=AS_AT).exists()
    assert not Case.objects.filter(opened_on__gt=AS_AT).exists()


def test_priya_has_a_caseload_with_alerts_tasks_and_overdue_actions(seeded):
    priya = seeded["users"]["priya"]
    caseload = case_selectors.caseload_for(actor=priya)
    assert len(caseload.cases) >= 6
    assert caseload.alerts and caseload.tasks
    assert any(a.due_date < AS_AT for a in caseload.actions)
    assert any(c.overdue_actions for c in caseload.cases)
    led = Case.objects.filter(lead=priya, status=CaseStatus.OPEN)
    for case in led:
        assert case.plan_sections.exists() and case.actions.exists()
    recent = [c for c in led if c.contacts.filter(occurred_on__gte=AS_AT - dt.timedelta(weeks=8))]
    assert len(recent) >= 5
    outcomes = {o for c in led for o in c.contacts.values_list("outcome", flat=True)}
    assert {"seen", "declined", "no_show"} <= outcomes


def test_tom_has_a_triage_queue_an_override_to_decide_and_a_team_to_run(seeded):
    tom = seeded["users"]["tom"]
    queue = referral_selectors.referral_queue(actor=tom)
    assert len(queue) >= 3
    assert all(r.clock.hours > 0 for r in queue)
    assert any(r.person_id is None and r.about == ReferralAbout.CHILD for r in queue)
    assert any(r.about == ReferralAbout.CONTEXT and r.children.exists() for r in queue)
    assert any(r.screening_assessment_id for r in queue)
    decided = Referral.objects.filter(status=ReferralStatus.DECIDED)
    assert {"open_case", "single_agency", "nfa"} <= set(decided.values_list("decision", flat=True))
    agencies = set(Referral.objects.values_list("referrer_agency__kind", flat=True))
    assert {"school", "police", "health", "voluntary", "youth_justice"} <= agencies
    assert assessment_selectors.approval_queue(actor=tom).count() == 1
    team = case_selectors.team_view_for(actor=tom)
    assert len(team.unallocated) >= 2 and team.resurfaced


def test_cases_close_with_a_measure_or_a_reason_and_one_resurfaces(seeded):
    closed = Case.objects.filter(status=CaseStatus.CLOSED)
    with_measure = closed.filter(end_measure_assessment_id__isnull=False)
    assert with_measure.exists()
    for case in with_measure:
        assert Assessment.objects.get(pk=case.end_measure_assessment_id).person_id == case.person_id
    assert closed.filter(end_measure_assessment_id__isnull=True).exclude(
        end_measure_not_taken_reason="").exists()
    resurfaced = Resurfacing.objects.get(state=ResurfacingState.WAITING)
    assert resurfaced.case.closed_on < resurfaced.event.event_date <= AS_AT


def test_sarah_has_notices_her_concerns_and_flagged_year_groups(seeded):
    sarah = seeded["users"]["sarah"]
    notices = list(school_selectors.notices_for(actor=sarah))
    assert len(notices) >= 3
    assert [n for n in notices if n.acknowledged_at is None]
    assert [n for n in notices if n.acknowledged_at is not None]
    concerns = school_selectors.concerns_for(actor=sarah)
    assert len(concerns) >= 2
    assert any(c.status == "Decision made" for c in concerns)
    assert school_selectors.year_groups_flagged(actor=sarah, today=AS_AT)
    kinds = set(EducationEvent.objects.filter(school=sarah.agency).values_list("kind", flat=True))
    assert {"suspension", "managed_move"} <= kinds


def test_olivia_sees_missing_episodes_interviews_and_a_pattern(seeded):
    olivia = seeded["users"]["olivia"]
    episodes = missing_selectors.episode_visible(actor=olivia)
    assert episodes.count() >= 8
    assert {"missing", "absent"} <= set(episodes.values_list("kind", flat=True))
    assert missing_selectors.open_episodes(actor=olivia).exists()
    assert missing_selectors.interviews_due(actor=olivia).count() >= 2
    as_at = dt.datetime.combine(AS_AT, dt.time(23, 59), tzinfo=LONDON)
    busiest = max({e.person for e in episodes},
                  key=lambda p: missing_selectors.patterns_for(actor=olivia, person=p, now=as_at).last_90_days)
    assert missing_selectors.patterns_for(actor=olivia, person=busiest, now=as_at).last_90_days >= 5
    statuses = set(ReturnInterview.objects.values_list("status", flat=True))
    assert {InterviewStatus.DUE, InterviewStatus.COMPLETED, InterviewStatus.DECLINED} <= statuses
    overdue = ReturnInterview.objects.exclude(status__in=["completed", "declined", "not_held"]).filter(
        due_at__lt=as_at)
    assert overdue.exists()
    for interview in ReturnInterview.objects.filter(status=InterviewStatus.COMPLETED):
        assert interview.interviewer_name.lower() not in lead_professional_names(interview.person)
        assert interview.factors.exists()
    assert ReturnInterview.objects.filter(status=InterviewStatus.DECLINED).exclude(reason_not_held="").exists()
    assert {"person", "place", "phone"} <= set(
        ReturnInterview.objects.values_list("mentions__kind", flat=True))
    profiles = {p.person_id: p for p in
                missing_selectors.philomena_stale(actor=olivia)}  # reads the clock: only grows
    assert profiles
    assert MissingEpisode.objects.filter(found_out_of_area=True).exists()


def test_assessments_have_histories_judgement_a_hard_rule_and_a_cohort(seeded):
    users = seeded["users"]
    seraf = Assessment.objects.filter(tool="seraf-style").exclude(status="draft")
    histories = [p for p in set(seraf.values_list("person_id", flat=True))
                 if len(set(seraf.filter(person_id=p).values_list("score", flat=True))) >= 2]
    assert len(histories) >= 3
    assert seraf.filter(tool_version=2).exists()
    assert Assessment.objects.filter(tool="exploitation-risk").exclude(status="draft").exists()
    screen = Assessment.objects.get(tool="short-screen")
    assert Referral.objects.filter(screening_assessment_id=screen.pk, person=screen.person).exists()
    assert set(Assessment.objects.values_list("override_decision", flat=True)) >= {
        "approved", "declined", "pending"}
    mandatory = Task.objects.filter(source_type=assessment_selectors.TASK_SOURCE, status=TaskStatus.OPEN)
    child = mandatory.get().person
    assert child.date_of_birth > AS_AT.replace(year=AS_AT.year - 14)
    for username in ("tom", "amir"):
        cohort = assessment_selectors.cohort_summary(actor=users[username])
        rows = [row for tool in cohort["tools"] for section in tool["sections"]
                if section["dimension"] == "all" for table in section["tables"] for row in table["rows"]]
        shown = [r for r in rows if r["improved"] and r["improved"] >= cohort["threshold"]]
        assert shown and any(r["median_change"] is not None for r in shown)
        assert any(r["improved"] is None for r in rows)  # suppression is at work too


def test_the_demo_words_are_victim_first(seeded):
    """Everything the extensions wrote passes the partnership's language check."""
    from lantern.assessments.engine import flag_language
    from lantern.cases.models import Contact, PlanAction, PlanSectionNote
    from lantern.missing.models import RhiMention
    from lantern.synthetic.generator.chronology import BANNED_PHRASES

    texts = [t for r in Referral.objects.all() for t in (r.concerns, r.decision_reason,
                                                          r.context_description)]
    texts += [t for c in Case.objects.all() for t in (c.closure_reason, c.end_measure_not_taken_reason)]
    texts += [t for a in PlanAction.objects.all() for t in (a.description, a.not_done_reason)]
    texts += [t for n in PlanSectionNote.objects.all() for t in (n.worries, n.aims)]
    texts += list(Contact.objects.values_list("notes", flat=True))
    texts += [t for i in ReturnInterview.objects.all() for t in (
        i.push_notes, i.pull_notes, i.harm_experienced, i.child_views, i.reason_not_held)]
    texts += [t for m in RhiMention.objects.all() for t in (m.value, m.note)]
    texts += list(EducationEvent.objects.values_list("summary", flat=True))
    texts += list(Assessment.objects.values_list("override_rationale", flat=True))
    assert len(texts) > 200
    for text in texts:
        assert not flag_language(text), text
        assert not [p for p in BANNED_PHRASES if p in text.lower()], text


def test_every_plan_action_owner_on_lantern_may_see_the_child(seeded):
    """The seed keeps the rule the form and service enforce: an action is given to someone on
    Lantern only if they do casework and may see the child, so it reaches "My actions"."""
    owned = PlanAction.objects.filter(owner_user__isnull=False).select_related("owner_user", "case__person")
    assert owned.filter(owner_user__role="police_officer").exists()
    for action in owned:
        owner = action.owner_user
        assert case_policies.may_own_actions(owner), (owner.username, action.description)
        assert person_policy.can(owner, VIEW, action.case.person), (owner.username, action.description)


def _name(person) -> str:
    return escape(person.display_name)


#: Each persona's main pages and something the seed put there (a name, a place, an area).
PAGES = {
    "priya": [
        ("cases:my_caseload", lambda u: _name(Case.objects.filter(lead=u["priya"], status="open")
                                               .order_by("opened_on").first().person)),
        ("assessments:dashboard", lambda u: _name(Task.objects.get(
            source_type=assessment_selectors.TASK_SOURCE, status=TaskStatus.OPEN).person)),
        ("referrals:queue", lambda u: "Bus station"),
    ],
    "tom": [
        ("referrals:queue", lambda u: "Bus station"),
        ("cases:team", lambda u: _name(Resurfacing.objects.get().case.person)),
        ("assessments:approvals", lambda u: _name(Assessment.objects.get(
            override_decision="pending").person)),
        ("assessments:cohort", lambda u: "Trusted adults"),
        ("assessments:override_report", lambda u: "Lantern Exploitation Team North"),
        ("missing:dashboard", lambda u: "Overdue"),
    ],
    "sarah": [
        ("schools:home", lambda u: "Year "),
        ("schools:notices", lambda u: escape(EncompassNotice.objects.filter(
            school=u["sarah"].agency, acknowledged_at__isnull=True).first().child_display)),
        ("referrals:mine", lambda u: escape(Referral.objects.filter(referrer=u["sarah"])
                                            .first().child_last_name)),
    ],
    "olivia": [
        ("missing:dashboard", lambda u: _name(MissingEpisode.objects.get(ended_at__isnull=True).person)),
        ("cases:my_actions", lambda u: _name(PlanAction.objects.filter(
            owner_user=u["olivia"], case__status="open", status__in=OPEN_ACTION_STATUSES)
            .order_by("due_date", "id").first().case.person)),
        ("cases:my_actions", lambda u: "Marlcombe Park skate area"),
    ],
    "amir": [("assessments:cohort", lambda u: "Trusted adults")],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_each_persona_main_pages_show_the_demo_data(seeded, client, username):
    users = seeded["users"]
    client.force_login(users[username])
    for name, marker in PAGES[username]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert marker(users) in response.content.decode(), name


def test_reloading_the_same_seed_is_a_no_op_and_a_forced_reload_is_identical(seeded, small_world):
    before = (Case.objects.count(), Referral.objects.count(), AuditEvent.objects.count())
    again = loader.load(seed=SEED, world=small_world)
    assert not again.loaded
    assert (Case.objects.count(), Referral.objects.count(), AuditEvent.objects.count()) == before
    assert loader.db_digest() == seeded["digest"]
    forced = loader.load(seed=SEED, world=small_world, force=True)
    assert forced.loaded and forced.counts == seeded["summary"].counts
    assert loader.db_digest() == seeded["digest"]
    assert Referral.objects.count() == before[1]  # the old run's referrals went with it
