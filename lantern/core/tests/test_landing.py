"""Each role lands where its work is (lantern.core.landing), and only on a page it may open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.choices import Role
from lantern.accounts.models import Agency, User
from lantern.core import landing
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

EXPECTED = {
    "priya": "cases:my_caseload",
    "tom": "cases:team",
    "olivia": "missing:dashboard",
    "dan": "people:search",
    "sarah": "schools:home",
    "grace": "audit:log",
    "sam": "manage:user_list",
}


@pytest.mark.parametrize(("username", "url_name"), EXPECTED.items())
def test_each_persona_lands_on_their_work(client, personas, username, url_name):
    client.force_login(personas[username])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse(url_name)
    assert client.get(response["Location"]).status_code == 200


def test_the_partnership_analyst_lands_on_the_first_dashboard_that_exists(client, personas):
    client.force_login(personas["amir"])
    target = client.get("/")["Location"]
    candidates = landing.LANDINGS[Role.PARTNERSHIP_ANALYST]
    opened = [name for name in candidates if _reverses(name)]
    assert target == reverse(opened[0])
    assert client.get(target).status_code == 200


def _reverses(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_the_panel_chair_lands_on_the_next_meeting_not_a_past_or_signed_one(client, personas):
    from lantern.panels.models import Panel, PanelMeeting

    marcus = personas["marcus"]
    client.force_login(marcus)
    assert client.get("/")["Location"] == reverse("panels:list")  # no panel yet

    panel = Panel.objects.create(name="Ashdown MACE", chair=marcus)
    today = timezone.localdate()
    PanelMeeting.objects.create(panel=panel, held_on=today - dt.timedelta(days=7))
    later = PanelMeeting.objects.create(panel=panel, held_on=today + dt.timedelta(days=30))
    soon = PanelMeeting.objects.create(panel=panel, held_on=today + dt.timedelta(days=2))
    response = client.get("/")
    assert response["Location"] == reverse("panels:meeting", args=[soon.pk])
    assert client.get(response["Location"]).status_code == 200
    soon.status = "signed"
    soon.save()
    assert client.get("/")["Location"] == reverse("panels:meeting", args=[later.pk])


def test_someone_without_a_landing_page_gets_the_list_of_what_they_can_open(client, personas):
    # A school safeguarding lead's role held at a charity: no school page to land on.
    dsl_at_charity = User.objects.create_user(
        username="dsl_at_charity", password="x-not-used-x", role=Role.SCHOOL_DSL,
        agency=Agency.objects.get(name=cast.VOLUNTARY))
    client.force_login(dsl_at_charity)
    response = client.get("/")
    assert response.status_code == 200
    assert "Raise a concern" in response.content.decode()
