"""Plan actions owned by partners: "My actions", and the owner updating their own action.

A plan action can be given to a police officer (disrupt an address, a welfare visit). They have
no caseload, so "My actions" lists what they own and they update it themselves; nobody else
outside the case team may, and the right ends when the case closes or they lose sight of the
child.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Agency, Team
from lantern.audit.models import AuditEvent
from lantern.cases import events, services
from lantern.cases.choices import ActionStatus, CaseStatus
from lantern.cases.models import PlanAction
from lantern.people.models import Involvement
from lantern.people.tests.factories import InvolvementFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db


def _due(days=7) -> dict:
    due = timezone.localdate() + dt.timedelta(days=days)
    return {"due_date_0": due.day, "due_date_1": due.month, "due_date_2": due.year}


@pytest.fixture
def olivia_involved(personas, casebook):
    """Olivia (police officer) is involved with Kayla, so she may see her and own actions."""
    return InvolvementFactory(
        person=casebook["team_child"], agency=Agency.objects.get(name=cast.POLICE),
        team=Team.objects.get(name="Missing, Exploited and Trafficked Team"), user=personas["olivia"],
    )


@pytest.fixture
def olivias_action(client, personas, open_case, olivia_involved):
    """Priya gives Olivia an action through the form, as a worker would."""
    client.force_login(personas["priya"])
    page = client.get(reverse("cases:action_add", args=[open_case.pk])).content.decode()
    owners = page.split('name="owner_user"')[1].split("</select>")[0]
    assert f'value="{personas["olivia"].pk}"' in owners
    response = client.post(
        reverse("cases:action_add", args=[open_case.pk]),
        {"section": "places", "description": "Disruption visit to the flat on Cobble Lane",
         "owner_user": personas["olivia"].pk, **_due()},
    )
    assert response.status_code == 302
    client.logout()
    return open_case.actions.get()


def test_the_owner_sees_it_on_my_actions_and_updates_it(client, personas, open_case, olivias_action):
    client.force_login(personas["olivia"])
    page = client.get(reverse("cases:my_actions"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Disruption visit to the flat on Cobble Lane" in text and "Child&#x27;s plan" in text
    assert open_case.person.display_name in text
    update_url = reverse("cases:action_update", args=[open_case.pk, olivias_action.pk])
    assert update_url in text
    viewed = AuditEvent.objects.filter(action=events.OWNED_ACTIONS_VIEWED, actor_id=personas["olivia"].pk).get()
    assert viewed.subject_ids == [open_case.person_id]
    # The plan page offers her the change link for her own action only.
    assert update_url in client.get(reverse("cases:plan", args=[open_case.pk])).content.decode()

    response = client.post(update_url, {"status": ActionStatus.DONE})
    assert response.status_code == 302 and response.url == reverse("cases:my_actions")
    olivias_action.refresh_from_db()
    assert olivias_action.status == ActionStatus.DONE
    assert AuditEvent.objects.filter(action=events.ACTION_UPDATED, actor_id=personas["olivia"].pk).exists()
    assert "Disruption visit" not in client.get(reverse("cases:my_actions")).content.decode()


def test_not_done_needs_a_reason_for_owners_too(client, personas, open_case, olivias_action):
    client.force_login(personas["olivia"])
    url = reverse("cases:action_update", args=[open_case.pk, olivias_action.pk])
    page = client.post(url, {"status": ActionStatus.NOT_DONE})
    assert page.status_code == 200 and "Enter why the action was not done" in page.content.decode()
    olivias_action.refresh_from_db()
    assert olivias_action.status == ActionStatus.NOT_STARTED


def test_someone_else_outside_the_case_team_cannot_update_it(client, personas, open_case, olivias_action):
    """Dan may read Kayla's case (police analyst) but does not own the action."""
    dan = personas["dan"]
    client.force_login(dan)
    url = reverse("cases:action_update", args=[open_case.pk, olivias_action.pk])
    assert client.get(reverse("cases:case_detail", args=[open_case.pk])).status_code == 200
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": ActionStatus.DONE}).status_code == 404
    assert url not in client.get(reverse("cases:plan", args=[open_case.pk])).content.decode()
    olivias_action.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.plan_action_update(actor=dan, action=olivias_action, status=ActionStatus.DONE)
    olivias_action.refresh_from_db()
    assert olivias_action.status == ActionStatus.NOT_STARTED


def test_the_right_ends_with_the_case_or_with_sight_of_the_child(
    client, personas, open_case, olivias_action, olivia_involved
):
    client.force_login(personas["olivia"])
    url = reverse("cases:action_update", args=[open_case.pk, olivias_action.pk])
    assert client.get(url).status_code == 200
    Involvement.objects.filter(pk=olivia_involved.pk).update(
        end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert client.get(url).status_code == 404
    assert "Cobble Lane" not in client.get(reverse("cases:my_actions")).content.decode()
    Involvement.objects.filter(pk=olivia_involved.pk).update(end_date=None)
    open_case.__class__.objects.filter(pk=open_case.pk).update(status=CaseStatus.CLOSED)
    assert client.get(url).status_code == 404
    assert "Cobble Lane" not in client.get(reverse("cases:my_actions")).content.decode()


def test_owners_are_people_who_do_the_work(client, personas, open_case, casebook, olivia_involved):
    """A panel chair involved with the child may read the case but is not offered as an owner,
    and the service refuses them."""
    marcus = personas["marcus"]
    InvolvementFactory(person=casebook["team_child"], agency=marcus.agency, user=marcus)
    client.force_login(personas["priya"])
    page = client.get(reverse("cases:action_add", args=[open_case.pk])).content.decode()
    owners = page.split('name="owner_user"')[1].split("</select>")[0]
    assert f'value="{marcus.pk}"' not in owners and f'value="{personas["olivia"].pk}"' in owners
    with pytest.raises(ValidationError):
        services.plan_action_add(
            actor=personas["priya"], case=open_case, section="peers", description="Chair a meeting",
            owner_name="Marcus", agency=marcus.agency, due_date=timezone.localdate(), owner_user=marcus,
        )
    assert not PlanAction.objects.exists()


@pytest.mark.parametrize("who", ["sarah", "marcus", "amir", "grace", "sam"])
def test_my_actions_is_for_people_who_own_work(client, personas, who):
    assert client.get(reverse("cases:my_actions")).status_code == 302  # signed out: sign in
    client.force_login(personas[who])
    assert client.get(reverse("cases:my_actions")).status_code == 404


def test_practitioner_with_nothing_owned_sees_an_empty_list(client, personas):
    client.force_login(personas["priya"])
    page = client.get(reverse("cases:my_actions"))
    assert page.status_code == 200 and "You do not own any open plan actions" in page.content.decode()


def test_my_caseload_leads_to_every_action_owned(client, personas):
    client.force_login(personas["priya"])
    page = client.get(reverse("cases:my_caseload")).content.decode()
    assert f'href="{reverse("cases:my_actions")}"' in page
