"""Casework dashboards never name a child the viewer may not open (#10, item 1).

A worker can lose access to a child still on their lists: the record is restricted and they are
not named on it, or the lead professional moves on while a plan action or task stays with them.
Each list drops those rows and says only how many there are, in the shared words.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.cases.choices import CaseStatus
from lantern.cases.tests.factories import OpenCaseFactory, PlanActionFactory, TaskFactory

pytestmark = pytest.mark.django_db

HIDDEN = ("Harriet", "Voss")


def _page(client, user, name) -> str:
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def _assert_unnamed(page: str, casebook) -> None:
    for word in HIDDEN:
        assert word not in page
    assert reverse("people:person_detail", args=[casebook["restricted"].pk]) not in page


@pytest.fixture
def restricted_case(personas, casebook, north):
    """Harriet's case, led by Priya, who is not named on the restricted record."""
    return OpenCaseFactory(person=casebook["restricted"], team=north, lead=personas["priya"])


def test_my_caseload_counts_a_case_the_lead_may_not_open(client, personas, casebook, restricted_case):
    PlanActionFactory(case=restricted_case, owner_user=personas["priya"], agency=personas["priya"].agency)
    TaskFactory(person=casebook["restricted"], case=restricted_case, assigned_to=personas["priya"])
    page = _page(client, personas["priya"], "cases:my_caseload")
    _assert_unnamed(page, casebook)
    assert "work about 1 child you do not have access to" in page


def test_my_actions_counts_an_action_on_a_child_the_owner_may_not_open(
    client, personas, casebook, restricted_case
):
    PlanActionFactory(case=restricted_case, owner_user=personas["olivia"], agency=personas["olivia"].agency)
    page = _page(client, personas["olivia"], "cases:my_actions")
    _assert_unnamed(page, casebook)
    assert "1 action on the plan of a child you do not have access to" in page


def test_team_view_counts_cases_for_children_the_manager_may_not_open(
    client, personas, casebook, north
):
    OpenCaseFactory(person=casebook["restricted"], team=north, lead=None, status=CaseStatus.OPEN)
    TaskFactory(person=casebook["restricted"], team=north, assigned_to=None)
    page = _page(client, personas["tom"], "cases:team")
    _assert_unnamed(page, casebook)
    assert "work about 1 child you do not have access to" in page


def test_moving_a_workers_cases_counts_those_the_manager_may_not_open(
    client, personas, casebook, restricted_case, open_case
):
    client.force_login(personas["tom"])
    page = client.get(reverse("cases:reassign"), {"worker": personas["priya"].pk}).content.decode()
    _assert_unnamed(page, casebook)
    assert casebook["team_child"].display_name in page
    assert "1 other open case, for a child you do not have access to, stays with Priya" in page
    # The children it names are in the audit, the restricted one is not (it was not shown).
    from lantern.audit.models import AuditEvent

    read = AuditEvent.objects.get(action="cases.reassign_viewed", actor_id=personas["tom"].pk)
    assert casebook["team_child"].pk in read.subject_ids
    assert casebook["restricted"].pk not in read.subject_ids
