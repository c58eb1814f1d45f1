"""Work that stalls (#14): managers assign and reassign tasks from the team view; "No longer
involved" asks first and can be undone; the team view's weekly figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.cases import events
from lantern.cases.models import Task
from lantern.cases.tests.factories import TaskFactory
from lantern.people.models import Involvement

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def waiting_task(open_case, north):
    return TaskFactory(person=open_case.person, case=open_case, team=north,
                       title="Return home interview for Kayla",
                       due_at=timezone.now() - dt.timedelta(hours=3))


def test_a_manager_assigns_a_waiting_task_from_the_team_view(client, personas, waiting_task, colleague):
    client.force_login(personas["tom"])
    team = body(client.get(reverse("cases:team")))
    url = reverse("cases:task_assign", args=[waiting_task.pk])
    assert url in team and "Tasks waiting for someone" in team
    form = client.get(url)
    assert form.status_code == 200 and "Assign a task" in body(form)
    refused = client.post(url, {"assignee": ""})
    assert "Choose who should do the task" in body(refused)
    response = client.post(url, {"assignee": colleague.pk})
    assert response.status_code == 302 and response["Location"] == reverse("cases:team")
    waiting_task.refresh_from_db()
    assert waiting_task.assigned_to == colleague
    event = AuditEvent.objects.get(action=events.TASK_ASSIGNED)
    assert event.detail == {"task_id": waiting_task.pk, "from_user": None, "to_user": colleague.pk}
    # Now overdue with someone: listed to reassign.
    team = body(client.get(reverse("cases:team")))
    assert "Overdue tasks someone holds" in team and "Reassign" in team
    client.post(url, {"assignee": personas["priya"].pk})
    waiting_task.refresh_from_db()
    assert waiting_task.assigned_to == personas["priya"]
    assert AuditEvent.objects.filter(action=events.TASK_ASSIGNED).count() == 2


def test_only_a_manager_of_the_tasks_team_may_assign_it(client, personas, waiting_task, west):
    url = reverse("cases:task_assign", args=[waiting_task.pk])
    for username in ("priya", "olivia", "grace"):
        client.force_login(personas[username])
        assert client.get(url).status_code == 404, username
    waiting_task.team = west
    waiting_task.save()
    personas["tom"].teams.remove(west)
    client.force_login(personas["tom"])
    assert client.get(url).status_code == 404


def test_assigning_to_someone_outside_the_teams_is_refused(client, personas, waiting_task):
    client.force_login(personas["tom"])
    url = reverse("cases:task_assign", args=[waiting_task.pk])
    response = client.post(url, {"assignee": personas["olivia"].pk})
    assert response.status_code == 200 and "Choose who should do the task" in body(response)
    assert Task.objects.get(pk=waiting_task.pk).assigned_to is None


def test_no_longer_involved_asks_first_then_can_be_undone(client, personas, open_case):
    inv = Involvement.objects.create(person=open_case.person, agency=personas["olivia"].agency,
                                     role="Missing persons coordinator", contact_name="DC Example",
                                     start_date=timezone.localdate())
    client.force_login(personas["priya"])
    case_url = reverse("cases:case_detail", args=[open_case.pk])
    end = reverse("cases:agency_end", args=[open_case.pk, inv.pk])
    assert end in body(client.get(case_url))
    confirm = client.get(end)
    assert confirm.status_code == 200 and "no longer involved?" in body(confirm)
    inv.refresh_from_db()
    assert inv.end_date is None  # looking at the question changes nothing
    client.post(end)
    inv.refresh_from_db()
    assert inv.end_date == timezone.localdate()
    restore = reverse("cases:agency_restore", args=[open_case.pk, inv.pk])
    assert restore in body(client.get(case_url))
    client.post(restore)
    inv.refresh_from_db()
    assert inv.end_date is None
    assert AuditEvent.objects.filter(action=events.AGENCY_RESTORED).count() == 1


def test_team_figures_count_referrals_episodes_and_interview_timeliness(client, personas, open_case):
    from lantern.cases.team_figures import team_figures
    from lantern.missing import services as missing

    child = open_case.person
    started = timezone.now() - dt.timedelta(days=5)
    episode = missing.episode_record(
        actor=personas["priya"], person=child, kind="missing", risk_grade="medium",
        started_at=started, ended_at=started + dt.timedelta(hours=10), how_returned="self")
    figures, behind = team_figures(actor=personas["tom"])
    by_id = {f.id: f for f in figures}
    assert behind == [child.pk]
    assert sum(v or 0 for _, (v,) in by_id["team-missing"].rows) == 1
    assert by_id["team-missing"].chart["mark"]["type"] == "bar"
    assert episode.interview is not None
    client.force_login(personas["tom"])
    page = body(client.get(reverse("cases:team")))
    assert "Missing episodes starting each week" in page and "data-vega-chart" in page


def test_team_figures_count_only_the_children_the_manager_may_open(client, personas, casebook, north):
    """Tom may open every other North child: a figure that counted the restricted one too would
    give its episode away by subtraction, whatever disclosure control hid. So it is not counted,
    and the page reads the same as if it had no episode."""
    from lantern.accounts.models import Agency
    from lantern.cases.team_figures import team_figures
    from lantern.missing.models import MissingEpisode
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory

    cs = Agency.objects.get(pk=personas["tom"].agency_id)
    when = timezone.now() - dt.timedelta(minutes=5)
    for i in range(5):
        kid = ChildFactory(first_name=f"Visible{i}")
        InvolvementFactory(person=kid, agency=cs, team=north)
        MissingEpisode.objects.create(person=kid, kind="missing", risk_grade="medium",
                                      reported_by=cs, started_at=when)
    client.force_login(personas["tom"])
    before = body(client.get(reverse("cases:team")))
    restricted = casebook["restricted"]  # North team involved, restricted: Tom may not open it
    MissingEpisode.objects.create(
        person=restricted, kind="missing", risk_grade="high", reported_by=personas["olivia"].agency,
        started_at=when)
    figures, _ = team_figures(actor=personas["tom"])
    fig = {f.id: f for f in figures}["team-missing"]
    assert fig.totals == [5]
    after = body(client.get(reverse("cases:team")))
    def figures_part(page):
        start = page.index("Your teams' figures")
        return page[start:page.index("</main>", start)]

    assert figures_part(after) == figures_part(before)
