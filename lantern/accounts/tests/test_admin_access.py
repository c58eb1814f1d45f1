"""Who reaches account administration: system administrators only (team managers: their teams)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lantern.access import matrix
from lantern.accounts import events
from lantern.accounts.admin_urls import urlpatterns
from lantern.accounts.models import Agency, Team
from lantern.accounts.tests.home import home
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ADMIN_NAMES = sorted(f"manage:{p.name}" for p in urlpatterns if p.name != "team_members")
OTHERS = ["priya", "tom", "dan", "olivia", "sarah", "marcus", "amir", "grace"]


def _urls(personas) -> list[tuple[str, str]]:
    agency = Agency.objects.first()
    team = Team.objects.first()
    args = {"user_id": personas["priya"].pk, "agency_id": agency.pk, "team_id": team.pk}
    urls = []
    for pattern in urlpatterns:
        name = f"manage:{pattern.name}"
        kwargs = {k: args[k] for k in pattern.pattern.converters}
        urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


def test_every_admin_url_is_declared_for_sysadmin_only():
    for name in ADMIN_NAMES:
        for method, by_role in matrix.load()[name].items():
            allowed = {role for role, decision in by_role.items() if decision != matrix.DENY}
            assert allowed == {"sysadmin"}, (name, method, allowed)
    members = matrix.load()["manage:team_members"]["GET"]
    assert {r for r, d in members.items() if d != matrix.DENY} == {"team_manager"}


@pytest.mark.parametrize("username", OTHERS)
def test_other_roles_get_404_and_change_nothing(personas, username):
    client = Client()
    client.force_login(personas[username])
    priya = personas["priya"]
    for name, url in _urls(personas):
        if name == "manage:team_members" and username == "tom":
            continue
        assert client.get(url).status_code == 404, (username, name)
        if "POST" in matrix.load()[name]:
            response = client.post(url, {"reason": "Trying to disable priya here", "checked": "on"})
            assert response.status_code == 404, (username, name)
    priya.refresh_from_db()
    assert priya.is_active
    assert not AuditEvent.objects.filter(action__in=list(events.LABELS)).exclude(
        action=events.TEAM_MEMBERS_VIEWED
    ).exists()


def test_sysadmin_reaches_every_admin_page(personas):
    client = Client()
    client.force_login(personas["sam"])
    for name, url in _urls(personas):
        expected = 404 if name == "manage:team_members" else 200
        assert client.get(url).status_code == expected, name


def test_signed_out_visitors_are_sent_to_sign_in(personas):
    for name, url in _urls(personas):
        response = Client().get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login"))


def test_selectors_refuse_anyone_but_the_administrator(personas):
    """The second lock: a view reused elsewhere still cannot list staff."""
    from django.http import Http404

    from lantern.accounts import admin_selectors

    for username in OTHERS:
        with pytest.raises(Http404):
            admin_selectors.users_list(actor=personas[username])
        with pytest.raises(Http404):
            admin_selectors.user_get(actor=personas[username], user_id=personas["priya"].pk)


def test_manage_accounts_is_in_the_navigation_for_the_administrator_only(personas):
    sam = Client()
    sam.force_login(personas["sam"])
    assert "Manage accounts" in home(sam).content.decode()
    priya = Client()
    priya.force_login(personas["priya"])
    assert "Manage accounts" not in home(priya).content.decode()


def test_team_manager_sees_their_teams_members_read_only(personas):
    client = Client()
    client.force_login(personas["tom"])
    response = client.get(reverse("manage:team_members"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lantern Exploitation Team North" in body and "Priya Okafor" in body
    assert "Dan Whitlock" not in body  # police team, not his
    assert "/manage/users/" not in body and "Disable" not in body  # nothing to change here
    assert AuditEvent.objects.filter(action=events.TEAM_MEMBERS_VIEWED, actor_username="tom").exists()


def test_team_manager_does_not_see_disabled_members(personas):
    from lantern.accounts.models import User

    User.objects.filter(username="priya").update(is_active=False)
    client = Client()
    client.force_login(personas["tom"])
    assert "Priya Okafor" not in client.get(reverse("manage:team_members")).content.decode()


def test_empty_and_nonsense_posts_never_give_a_server_error(personas):
    client = Client()
    client.force_login(personas["sam"])
    junk = {"reason": "\x00", "teams": ["x"], "agency": "-1", "role": "../", "name": "x" * 5000}
    for name, url in _urls(personas):
        if "POST" not in matrix.load()[name]:
            continue
        for data in ({}, junk):
            response = client.post(url, data)
            assert response.status_code == 200, (name, data is junk, response.status_code)
            assert "There is a problem" in response.content.decode(), name
    for user_id in (999999,):
        assert client.post(reverse("manage:user_disable", args=[user_id]), {}).status_code == 404
