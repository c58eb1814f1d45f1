"""Case pages: happy paths, bad input (GOV.UK errors, never 500), 404 outside scope, audit,
and the query budget of the dashboards and the case summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.cases import events, services, views
from lantern.cases.choices import CaseStatus, ClosureOutcome, EngagementOutcome, TaskStatus
from lantern.cases.models import Alert, Case, Contact, Resurfacing, Task
from lantern.cases.tests.factories import (
    ContactFactory,
    OpenCaseFactory,
    OverduePlanActionFactory,
)
from lantern.people.models import Involvement
from lantern.people.services import chronology_event_add
from lantern.people.tests.factories import ChildFactory, InvolvementFactory

pytestmark = pytest.mark.django_db

#: The most SQL queries a dashboard or case summary may issue: the view, its selectors, the
#: template and the audit write, and (in the whole-request tests) loading the session and the
#: signed-in user too. Transaction-control statements around the audit write (SAVEPOINT/RELEASE
#: inside a test, BEGIN/COMMIT) do no work and are not counted.
PAGE_QUERY_BUDGET = 10
#: The team view also carries the teams' weekly figures (referrals, missing episodes, return home
#: interviews): one UNION query more (ADR 0011, amendment for issue 14).
TEAM_VIEW_QUERY_BUDGET = PAGE_QUERY_BUDGET + 1
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT", "ROLLBACK")


def work_queries(context) -> list[str]:
    return [
        q["sql"] for q in context.captured_queries
        if not q["sql"].lstrip().upper().startswith(TRANSACTION_CONTROL)
    ]


def assert_within_budget(context, budget: int = PAGE_QUERY_BUDGET) -> None:
    work = work_queries(context)
    assert len(work) <= budget, "\n".join([f"{len(work)} queries:", *work])


def login(client, user):
    client.force_login(user)
    return client


def body(response) -> str:
    return response.content.decode()


def fresh(user):
    """The user as the authentication middleware would give it, agency loaded with it."""
    return get_user_model().objects.select_related("agency").get(pk=user.pk)


def _busy_caseload(personas, north, n=6):
    """Several cases for Priya with contacts, overdue actions, tasks and alerts."""
    cases = []
    for i in range(n):
        child = ChildFactory()
        InvolvementFactory(person=child, agency=personas["tom"].agency, team=north)
        case = services.case_open(actor=personas["tom"], person=child, team=north, lead=personas["priya"])
        for week in range(3):
            ContactFactory(case=case, agency=personas["priya"].agency,
                           occurred_on=timezone.localdate() - dt.timedelta(weeks=week),
                           outcome=EngagementOutcome.SEEN if week % 2 else EngagementOutcome.NO_SHOW)
        OverduePlanActionFactory(case=case, agency=personas["olivia"].agency, owner_user=personas["priya"])
        services.task_create(actor=personas["priya"], person=child, kind="review", title=f"Review {i}",
                             due_at=timezone.now() - dt.timedelta(days=1), assigned_to=personas["priya"])
        chronology_event_add(actor=personas["dan"], person=child, event_type="missing",
                             event_date=timezone.localdate(), summary="Missing overnight.")
        cases.append(case)
    return cases


# --- Query budgets -------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 6])
def test_caseload_dashboard_query_budget(personas, north, django_assert_max_num_queries, n):
    _busy_caseload(personas, north, n=n)
    request = RequestFactory().get(reverse("cases:my_caseload"))
    request.user = fresh(personas["priya"])
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET + 2) as context:
        response = views.my_caseload(request)
    assert_within_budget(context)
    assert response.status_code == 200
    assert body(response).count("Overdue") >= n


@pytest.mark.parametrize("n", [1, 6])
def test_team_view_query_budget(personas, north, django_assert_max_num_queries, n):
    _busy_caseload(personas, north, n=n)
    request = RequestFactory().get(reverse("cases:team"))
    request.user = fresh(personas["tom"])
    with django_assert_max_num_queries(TEAM_VIEW_QUERY_BUDGET + 2) as context:
        response = views.team(request)
    assert_within_budget(context, TEAM_VIEW_QUERY_BUDGET)
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["case_detail", "case_print"])
def test_case_summary_query_budget(personas, north, django_assert_max_num_queries, view):
    case = _busy_caseload(personas, north, n=1)[0]
    services.case_agency_add(actor=personas["priya"], case=case, agency=personas["olivia"].agency,
                             role="Police liaison", contact_name="DC Example")
    request = RequestFactory().get(reverse(f"cases:{view}", args=[case.pk]))
    request.user = fresh(personas["priya"])
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET + 2) as context:
        response = getattr(views, view)(request, case_id=case.pk)
    assert_within_budget(context)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["my_caseload", "my_actions", "team", "case_detail", "case_print"])
def test_whole_request_within_budget_with_session_sign_in_and_audit(client, personas, north, page):
    """Through the whole middleware stack: session, user, access checks, page and audit write.

    The first request after signing in records the session's start; the budget is for every
    request after it, which is what a practitioner moving around their work sends.
    """
    case = _busy_caseload(personas, north, n=6)[0]
    user = personas["tom"] if page == "team" else personas["priya"]
    url = reverse(f"cases:{page}", args=[case.pk] if page.startswith("case_") else [])
    login(client, user)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert_within_budget(context, TEAM_VIEW_QUERY_BUDGET if page == "team" else PAGE_QUERY_BUDGET)
    sql = "\n".join(work_queries(context))
    assert "django_session" in sql and "audit" in sql  # counted, not left out


# --- Dashboards --------------------------------------------------------------------------------


def test_caseload_shows_children_alerts_and_tasks(client, personas, north):
    _busy_caseload(personas, north, n=2)
    response = login(client, personas["priya"]).get(reverse("cases:my_caseload"))
    text = body(response)
    assert response.status_code == 200
    assert text.count("Missing episode for") == 2  # two alerts
    assert "Review 0" in text and "Review 1" in text
    assert AuditEvent.objects.filter(action=events.CASELOAD_VIEWED).count() == 1


def test_acknowledge_alert_removes_it_from_dashboard(client, personas, north):
    _busy_caseload(personas, north, n=1)
    alert = Alert.objects.get(recipient=personas["priya"])
    login(client, personas["priya"])
    response = client.post(reverse("cases:alert_acknowledge", args=[alert.pk]))
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_at is not None
    assert "Missing episode for" not in body(client.get(reverse("cases:my_caseload")))


def test_cannot_acknowledge_someone_elses_alert(client, personas, north):
    _busy_caseload(personas, north, n=1)
    alert = Alert.objects.get(recipient=personas["priya"])
    response = login(client, personas["tom"]).post(reverse("cases:alert_acknowledge", args=[alert.pk]))
    assert response.status_code == 404


def test_task_done(client, personas, north):
    _busy_caseload(personas, north, n=1)
    task = Task.objects.get()
    response = login(client, personas["priya"]).post(reverse("cases:task_done", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_team_view_per_worker_counts(client, personas, north):
    _busy_caseload(personas, north, n=3)
    response = login(client, personas["tom"]).get(reverse("cases:team"))
    assert response.status_code == 200
    priya = next(w for w in response.context["view"].workers if w.pk == personas["priya"].pk)
    assert (priya.caseload, priya.overdue_actions, priya.overdue_tasks) == (3, 3, 3)


def test_practitioner_cannot_see_team_view(client, personas):
    assert login(client, personas["priya"]).get(reverse("cases:team")).status_code == 404


@pytest.mark.parametrize("who", ["sarah", "amir", "olivia"])
def test_caseload_refused_to_other_roles(client, personas, who):
    assert login(client, personas[who]).get(reverse("cases:my_caseload")).status_code == 404


# --- Case summary -------------------------------------------------------------------------------


def test_case_summary_shows_trend_and_is_audited(client, personas, open_case):
    ContactFactory(case=open_case, agency=personas["priya"].agency, outcome=EngagementOutcome.SEEN)
    response = login(client, personas["priya"]).get(reverse("cases:case_detail", args=[open_case.pk]))
    text = body(response)
    assert response.status_code == 200
    assert "Engagement in the last 8 weeks" in text and "100% of 1" in text
    assert "lantern-bar--10" in text
    assert len(response.context["trend"]) == 8
    assert AuditEvent.objects.filter(action=events.CASE_VIEWED, subject_ids=[open_case.person_id]).exists()


@pytest.mark.parametrize("who", ["sarah", "olivia", "amir"])
def test_case_outside_scope_is_404(client, personas, open_case, who):
    response = login(client, personas[who]).get(reverse("cases:case_detail", args=[open_case.pk]))
    assert response.status_code == 404


def test_missing_case_is_404(client, personas):
    assert login(client, personas["priya"]).get(reverse("cases:case_detail", args=[999999])).status_code == 404


def test_police_analyst_reads_but_cannot_write(client, personas, open_case):
    login(client, personas["dan"])
    assert client.get(reverse("cases:case_detail", args=[open_case.pk])).status_code == 200
    assert client.get(reverse("cases:contact_add", args=[open_case.pk])).status_code == 404


def test_print_summary(client, personas, open_case):
    response = login(client, personas["priya"]).get(reverse("cases:case_print", args=[open_case.pk]))
    assert "OFFICIAL-SENSITIVE" in body(response)
    assert AuditEvent.objects.filter(action=events.CASE_PRINTED).exists()


# --- Writes ----------------------------------------------------------------------------------------


def test_record_contact(client, personas, open_case):
    today = timezone.localdate()
    response = login(client, personas["priya"]).post(
        reverse("cases:contact_add", args=[open_case.pk]),
        {"occurred_on_0": today.day, "occurred_on_1": today.month, "occurred_on_2": today.year,
         "kind": "session", "outcome": "seen", "notes": "Talked about college."},
    )
    assert response.status_code == 302
    assert Contact.objects.filter(case=open_case, outcome="seen").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"occurred_on_0": "31", "occurred_on_1": "2", "occurred_on_2": "2026", "kind": "session", "outcome": "seen"}, "must be a real date"),
        ({"occurred_on_0": "1", "occurred_on_1": "1", "occurred_on_2": "2999", "kind": "session", "outcome": "seen"}, "must be today or in the past"),
        ({"occurred_on_0": "1", "occurred_on_1": "1", "occurred_on_2": "2026", "kind": "teleport", "outcome": "seen"}, "Select a valid choice"),
        ({"kind": "session", "outcome": "seen", "notes": "Kept"}, "Enter the date of the contact"),
    ],
)
def test_bad_contact_gets_govuk_error(client, personas, open_case, data, message):
    response = login(client, personas["priya"]).post(reverse("cases:contact_add", args=[open_case.pk]), data)
    text = body(response)
    assert response.status_code == 200
    assert "There is a problem" in text and message in text
    assert "<title>Error:" in text
    assert not Contact.objects.exists()


def test_add_plan_action_and_mark_not_done(client, personas, open_case):
    login(client, personas["priya"])
    due = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        reverse("cases:action_add", args=[open_case.pk]),
        {"section": "peers", "description": "Group work with friends", "owner_name": "Youth worker",
         "agency": personas["priya"].agency_id, "due_date_0": due.day, "due_date_1": due.month,
         "due_date_2": due.year},
    )
    assert response.status_code == 302
    action = open_case.actions.get()
    url = reverse("cases:action_update", args=[open_case.pk, action.pk])
    bad = client.post(url, {"status": "not_done", "not_done_reason": ""})
    assert bad.status_code == 200 and "Enter why the action was not done" in body(bad)
    good = client.post(url, {"status": "not_done", "not_done_reason": "Group closed for summer"})
    assert good.status_code == 302
    action.refresh_from_db()
    assert action.status == "not_done"


def _due_fields(days=7) -> dict:
    due = timezone.localdate() + dt.timedelta(days=days)
    return {"due_date_0": due.day, "due_date_1": due.month, "due_date_2": due.year}


def test_plan_action_owner_on_lantern_reaches_their_caseload(client, personas, open_case, colleague):
    """Given to a colleague on Lantern: named from their account, their agency used, and the
    action is on *their* caseload although they do not lead the case."""
    login(client, personas["priya"])
    form_page = body(client.get(reverse("cases:action_add", args=[open_case.pk])))
    owners = form_page.split('name="owner_user"')[1].split("</select>")[0]
    assert f'value="{colleague.pk}"' in owners
    assert "Lindqvist" not in owners  # Sarah, a school lead: no access to cases
    assert "Whitlock" not in owners  # Dan, a police analyst outside the case team
    response = client.post(
        reverse("cases:action_add", args=[open_case.pk]),
        {"section": "peers", "description": "Detached youth work at the skate park",
         "owner_user": colleague.pk, **_due_fields()},
    )
    assert response.status_code == 302
    action = open_case.actions.get()
    assert action.owner_user == colleague
    assert action.owner_name == colleague.get_full_name()
    assert action.agency == colleague.agency
    caseload = body(login(client, colleague).get(reverse("cases:my_caseload")))
    assert "Detached youth work at the skate park" in caseload


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Choose who will do it, or enter their name"),
        ({"owner_name": "Youth worker"}, "Choose their agency"),
        ({"owner_user": "999999"}, "Choose someone from the list"),
    ],
)
def test_plan_action_owner_errors(client, personas, open_case, extra, message):
    login(client, personas["priya"])
    response = client.post(
        reverse("cases:action_add", args=[open_case.pk]),
        {"section": "peers", "description": "Group work", **_due_fields(), **extra},
    )
    assert response.status_code == 200
    assert message in body(response)
    assert not open_case.actions.exists()


def test_plan_action_owner_who_cannot_see_the_child_is_refused(client, personas, open_case):
    """Someone off the list (here by a crafted post) is refused by the service too."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.plan_action_add(
            actor=personas["priya"], case=open_case, section="peers", description="Group work",
            owner_name="Sarah", agency=personas["sarah"].agency,
            due_date=timezone.localdate(), owner_user=personas["sarah"],
        )
    assert not open_case.actions.exists()


def test_plan_section_and_plan_page(client, personas, open_case):
    login(client, personas["priya"])
    response = client.post(
        reverse("cases:plan_section", args=[open_case.pk, "places"]),
        {"worries": "Seen at the retail park late at night", "aims": "Safer route home"},
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:plan", args=[open_case.pk]))
    assert "Seen at the retail park late at night" in body(page)
    assert client.get(reverse("cases:plan_section", args=[open_case.pk, "nowhere"])).status_code == 404


def test_review_with_next_date_before_review_is_refused(client, personas, open_case):
    today = timezone.localdate()
    response = login(client, personas["priya"]).post(
        reverse("cases:review_add", args=[open_case.pk]),
        {"held_on_0": today.day, "held_on_1": today.month, "held_on_2": today.year, "summary": "ok",
         "next_review_date_0": "1", "next_review_date_1": "1", "next_review_date_2": "2020"},
    )
    assert response.status_code == 200
    assert "Date of the next review must be after the review" in body(response)


def test_add_and_end_agency(client, personas, open_case):
    login(client, personas["priya"])
    response = client.post(
        reverse("cases:agency_add", args=[open_case.pk]),
        {"agency": personas["olivia"].agency_id, "role": "Missing persons coordinator",
         "contact_name": "DC Example", "contact_phone": "01632 960123", "contact_email": "dc@example.org"},
    )
    assert response.status_code == 302
    inv = Involvement.objects.get(contact_name="DC Example")
    assert "Missing persons coordinator" in body(client.get(reverse("cases:case_detail", args=[open_case.pk])))
    bad = client.post(reverse("cases:agency_add", args=[open_case.pk]), {"agency": "", "contact_email": "nope"})
    assert bad.status_code == 200 and "Choose the agency" in body(bad) and "correct format" in body(bad)
    client.post(reverse("cases:agency_end", args=[open_case.pk, inv.pk]))
    inv.refresh_from_db()
    assert inv.end_date == timezone.localdate()


def test_close_needs_end_measure_or_reason_in_the_browser(client, personas, open_case):
    login(client, personas["priya"])
    url = reverse("cases:close", args=[open_case.pk])
    response = client.post(url, {"outcome": "risk_reduced", "reason": "Goals met"})
    assert response.status_code == 200
    assert "Record the distance-travelled end measure, or say why it was not taken" in body(response)
    bad_number = client.post(url, {"outcome": "risk_reduced", "reason": "Goals met", "end_measure_assessment_id": "abc"})
    assert bad_number.status_code == 200 and "must be a number" in body(bad_number)
    ok = client.post(url, {"outcome": ClosureOutcome.RISK_REDUCED, "reason": "Goals met",
                           "end_measure_not_taken_reason": "Child declined the last session"})
    assert ok.status_code == 302
    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.CLOSED
    # A closed case can no longer be worked.
    assert client.get(reverse("cases:contact_add", args=[open_case.pk])).status_code == 404


def test_allocate_page(client, personas, casebook, north, colleague):
    case = services.case_open(actor=personas["tom"], person=casebook["team_child"], team=north)
    login(client, personas["tom"])
    bad = client.post(reverse("cases:allocate", args=[case.pk]), {"lead": ""})
    assert bad.status_code == 200 and "Choose the lead professional" in body(bad)
    outsider = client.post(reverse("cases:allocate", args=[case.pk]), {"lead": personas["olivia"].pk})
    assert outsider.status_code == 200 and "Select a valid choice" in body(outsider)
    ok = client.post(reverse("cases:allocate", args=[case.pk]), {"lead": colleague.pk})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.lead == colleague


def test_practitioner_cannot_open_allocate_page(client, personas, open_case):
    assert login(client, personas["priya"]).get(reverse("cases:allocate", args=[open_case.pk])).status_code == 404


class TestBulkReassignment:
    def test_pick_choose_confirm(self, client, personas, north, colleague):
        cases = _busy_caseload(personas, north, n=2)
        login(client, personas["tom"])
        url = reverse("cases:reassign")
        step2 = client.get(url, {"worker": personas["priya"].pk})
        assert step2.status_code == 200 and "leads 2 open cases" in body(step2)
        confirm = client.post(url, {"worker": personas["priya"].pk, "all_to": colleague.pk})
        assert confirm.status_code == 200 and "Check before you move 2 cases" in body(confirm)
        assert Case.objects.filter(lead=personas["priya"]).count() == 2  # nothing moved yet
        data = {"worker": personas["priya"].pk, "confirm": "yes"}
        data.update({f"case_{c.pk}": colleague.pk for c in cases})
        done = client.post(url, data)
        assert done.status_code == 302
        assert Case.objects.filter(lead=colleague).count() == 2
        assert AuditEvent.objects.filter(action=events.CASE_REASSIGNED).count() == 2

    def test_nothing_chosen_is_an_error(self, client, personas, north, colleague):
        _busy_caseload(personas, north, n=1)
        response = login(client, personas["tom"]).post(
            reverse("cases:reassign"), {"worker": personas["priya"].pk}
        )
        assert response.status_code == 200
        assert "Choose a new lead professional for at least one case" in body(response)

    def test_bad_worker_is_an_error_not_a_500(self, client, personas):
        response = login(client, personas["tom"]).get(reverse("cases:reassign"), {"worker": "abc"})
        assert response.status_code == 200 and "Choose a worker from the list" in body(response)

    def test_practitioner_refused(self, client, personas):
        assert login(client, personas["priya"]).get(reverse("cases:reassign")).status_code == 404


def test_resurfaced_case_on_team_view_and_reopen(client, personas, open_case, measure_for):
    services.case_close(actor=personas["priya"], case=open_case, outcome=ClosureOutcome.OTHER,
                        reason="Moved school", end_measure_assessment_id=measure_for(open_case.person))
    chronology_event_add(actor=personas["dan"], person=open_case.person, event_type="arrest",
                         event_date=timezone.localdate(), summary="Arrested; treated as a possible victim.")
    login(client, personas["tom"])
    text = body(client.get(reverse("cases:team")))
    assert "Re-surfaced closed cases" in text and open_case.person.display_name in text
    item = Resurfacing.objects.get()
    url = reverse("cases:resurfacing", args=[item.pk])
    bad = client.post(url, {"answer": "review"})
    assert bad.status_code == 200 and "Enter why no new case is needed" in body(bad)
    assert client.post(url, {"answer": "reopen"}).status_code == 302
    new_case = Case.objects.get(status=CaseStatus.OPEN)
    assert new_case.reopened_from == open_case
    assert client.get(url).status_code == 404  # dealt with


# --- The "Case" panel on a child's page -------------------------------------------------------------


def test_person_page_shows_case_panel_to_caseworkers(client, personas, open_case):
    text = body(login(client, personas["priya"]).get(reverse("people:person_detail", args=[open_case.person_id])))
    assert reverse("cases:case_detail", args=[open_case.pk]) in text
    assert "Make a referral about" in text


def test_person_page_hides_case_from_school(client, personas, casebook, north):
    pupil = casebook["pupil"]
    case = OpenCaseFactory(person=pupil, team=north, lead=personas["priya"])
    text = body(login(client, personas["sarah"]).get(reverse("people:person_detail", args=[pupil.pk])))
    assert reverse("cases:case_detail", args=[case.pk]) not in text
    assert "No open case" not in text
    assert "Make a referral about" in text
