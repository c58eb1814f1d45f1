"""The navigation and the home page show each person only the areas they can open.

Why a walk and not a list of expectations: a link is right exactly when the page answers 200
for that person. The access matrix is one rule; views add their own (only a children's-services
practitioner or manager triages referrals; only a school's safeguarding lead has a school
page). Walking every persona, plus people whose role and agency do not match the demo cast,
over every registered link catches a link shown to someone who would get a 404, and a page
someone could use that the navigation hides.
"""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from lantern.accounts.choices import Role
from lantern.accounts.models import Agency, User
from lantern.core import navigation
from lantern.core.context_processors import navigation as navigation_context
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

#: (username, role, agency name or None): roles held outside the agency the demo cast has them in.
OUTSIDERS = (
    ("youth_worker", Role.PRACTITIONER, cast.VOLUNTARY),
    ("yjs_practitioner", Role.PRACTITIONER, cast.YOUTH_JUSTICE),
    ("health_manager", Role.TEAM_MANAGER, cast.HEALTH),
    ("police_manager", Role.TEAM_MANAGER, cast.POLICE),
    ("dsl_at_charity", Role.SCHOOL_DSL, cast.VOLUNTARY),
    ("unattached_practitioner", Role.PRACTITIONER, None),
)


@pytest.fixture
def people(personas):
    everyone = dict(personas)
    for username, role, agency in OUTSIDERS:
        everyone[username] = User.objects.create_user(
            username=username, password="x-not-used-x", role=role, first_name="Test",
            last_name=username.title(), agency=Agency.objects.get(name=agency) if agency else None)
    return everyone


def _shown(user) -> dict[str, str]:
    return {link["href"]: link["text"] for link in navigation.home_links(user)}


def test_every_link_shown_opens_and_every_page_that_opens_is_shown(client, people):
    registered = {reverse(item.url_name): item.text for item in navigation.NAV_ITEMS}
    assert len(registered) >= 10
    wrong = []
    for username, user in sorted(people.items()):
        client.force_login(user)
        shown = _shown(user)
        for href, text in registered.items():
            status = client.get(href).status_code
            if (href in shown) != (status == 200):
                wrong.append(f"{username} ({user.role}): {text} {href} "
                             f"{'shown' if href in shown else 'hidden'} but answers {status}")
        client.logout()
    assert not wrong, "\n".join(wrong)


NAV_LINK = re.compile(r'class="govuk-service-navigation__link" href="([^"]+)"')
HOME_LINK = re.compile(r'<li><a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"')


def test_the_links_each_person_is_shown_on_the_home_page_and_in_the_header_open(client, people):
    """What the pages actually render: every header link and home link answers 200 with GET."""
    for username, user in sorted(people.items()):
        client.force_login(user)
        home = client.get("/", follow=True)
        assert home.status_code == 200, username
        body = home.content.decode()
        header, listed = NAV_LINK.findall(body), HOME_LINK.findall(body)
        assert header == list(_shown(user)), username
        # Someone with a landing page lands there; the rest get the list of what they can open.
        assert listed == (header if not home.redirect_chain else []), username
        for href in header:
            assert client.get(href).status_code == 200, f"{username}: {href}"
        client.logout()


def test_every_persona_has_something_to_open(people):
    for username in (p.username for p in cast.PERSONAS):
        assert _shown(people[username]), username


def test_the_referrals_queue_is_for_childrens_services_only(people):
    referrals = reverse("referrals:queue")
    assert referrals in _shown(people["priya"]) and referrals in _shown(people["tom"])
    for username in ("youth_worker", "yjs_practitioner", "health_manager", "sarah", "olivia"):
        assert referrals not in _shown(people[username]), username
    # They can still raise a concern and follow their own referrals.
    assert reverse("referrals:concern_new") in _shown(people["youth_worker"])


def test_the_header_navigation_uses_the_same_links_and_marks_the_current_one(people):
    request = RequestFactory().get(reverse("referrals:mine"))
    request.user = people["youth_worker"]
    items = navigation_context(request)["nav_items"]
    assert [i["href"] for i in items] == list(_shown(people["youth_worker"]))
    assert [i["text"] for i in items if i["current"]] == ["My referrals"]


def test_a_signed_out_visitor_has_no_navigation():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert navigation_context(request) == {"nav_items": []}
