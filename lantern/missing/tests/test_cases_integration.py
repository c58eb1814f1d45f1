"""With the cases app installed: the RHI becomes a task, and a case's lead is not independent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.missing import selectors, services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("lantern.cases"), reason="cases app not installed"),
]


def ago(h):
    return timezone.now() - dt.timedelta(hours=h)


@pytest.fixture
def case(personas, casebook):
    from lantern.accounts.models import Team
    from lantern.cases.services import case_open

    team = Team.objects.get(name="Lantern Exploitation Team West")
    return case_open(actor=personas["tom"], person=casebook["west_child"], team=team, lead=personas["tom"])


def test_return_creates_task_for_interview(personas, casebook, case):
    from lantern.cases.models import Task

    episode = services.episode_record(
        actor=personas["tom"], person=casebook["west_child"], kind="missing", risk_grade="medium",
        started_at=ago(20), ended_at=ago(2),
    )
    task = Task.objects.get(pk=episode.interview.task_id)
    assert task.kind == "return_interview" and task.due_at == episode.interview.due_at
    assert task.source_type == "missing.ReturnInterview" and task.case == case
    assert list(selectors.interviews_due(actor=personas["tom"])) == [episode.interview]


def test_case_lead_is_not_independent(personas, casebook, case):
    episode = services.episode_record(
        actor=personas["tom"], person=casebook["west_child"], kind="missing", risk_grade="medium",
        started_at=ago(20), ended_at=ago(2),
    )
    with pytest.raises(ValidationError, match="independent"):
        services.interview_update(
            actor=personas["tom"], interview=episode.interview, status="completed",
            held_at=ago(1), interviewer=personas["tom"],
        )


def test_closing_the_interview_closes_the_task_when_allowed(personas, casebook, case):
    from lantern.cases.models import Task

    episode = services.episode_record(
        actor=personas["tom"], person=casebook["west_child"], kind="missing", risk_grade="medium",
        started_at=ago(20), ended_at=ago(2),
    )
    services.interview_update(
        actor=personas["tom"], interview=episode.interview, status="completed",
        held_at=ago(1), interviewer_name="Ana Field", interviewer_organisation="Brightpath Youth Trust",
    )
    assert Task.objects.get(pk=episode.interview.task_id).status == "done"
    assert list(selectors.interviews_due(actor=personas["tom"])) == []
