"""Every persona's pages at 1280 and 320 px: where they land, every page their navigation
offers, and the child's record, case and chronology pages for those who may open them.

Each page: axe-core (WCAG 2.2 A/AA) at 1280 px *and* at 320 px, no sideways scrolling at 320 px
(WCAG 1.4.10 Reflow), no console errors or CSP violations (``check_page``). The header's service
navigation collapses behind its "Menu" button on a phone, and shows every link without
JavaScript. Kept to one page load per address so the whole walk stays within a few minutes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from axe_helper import assert_accessible
from browser_support import NARROW, check_page, login
from playwright.sync_api import expect

from lantern.synthetic import personas as cast

pytestmark = pytest.mark.browser

PERSONAS = [p.username for p in cast.PERSONAS]


@pytest.fixture
def world(personas, casebook):
    """A little of everything the landing pages show: a case with tasks and a missing episode
    for priya's team, a referral waiting, a panel meeting ahead, a school notice."""
    from django.utils import timezone

    from lantern.accounts.models import Team
    from lantern.cases import services as cases
    from lantern.missing import services as missing
    from lantern.panels.models import Panel, PanelMeeting
    from lantern.referrals import services as referrals
    from lantern.referrals.choices import ReferralKind
    from lantern.schools import services as schools
    from lantern.schools.choices import NoticeKind

    north = Team.objects.get(name="Lantern Exploitation Team North")
    child = casebook["team_child"]
    case = cases.case_open(actor=personas["tom"], person=child, team=north, lead=personas["priya"])
    started = timezone.now() - dt.timedelta(days=4)
    missing.episode_record(
        actor=personas["priya"], person=child, kind="missing", risk_grade="high",
        started_at=started, ended_at=started + dt.timedelta(hours=9), how_returned="self",
        where_found="A flat above the takeaway on the long road through Marlcombe-under-Edge")
    referrals.referral_make(
        actor=personas["olivia"], kind=ReferralKind.FULL, child_first_name="Ellie",
        child_last_name="Quarrington", concerns="Seen getting into cars with older men.",
        types=["cse"], sharing_basis="safeguarding", sharing_reason="Asking would put her at risk.")
    panel = Panel.objects.create(name="Ashdown MACE", chair=personas["marcus"])
    PanelMeeting.objects.create(panel=panel, held_on=timezone.localdate() + dt.timedelta(days=2))
    schools.notices_create(actor=personas["olivia"], person=casebook["pupil"],
                           kind=NoticeKind.MISSING_RETURN, source_type="missing.MissingEpisode",
                           source_id=1)
    return {"case": case, "child": child}


def _nav_links(page) -> list[str]:
    nav = page.get_by_role("navigation", name="Menu")
    return [a.get_attribute("href") for a in nav.locator("a.govuk-service-navigation__link").all()]


def _record_pages(username, world) -> list[str]:
    from lantern.access.policies import person_policy
    from lantern.access.scopes import VIEW
    from lantern.accounts.models import User

    user = User.objects.get(username=username)
    child, case = world["child"], world["case"]
    if not person_policy.can(user, VIEW, child):
        return []
    pages = [f"/people/{child.pk}/", f"/people/{child.pk}/chronology/"]
    if username in ("priya", "tom"):
        pages.append(f"/cases/{case.pk}/")
    return pages


def _check_both_widths(page, what):
    check_page(page, what)  # axe at 1280 px, no sideways scroll at 320 px
    page.set_viewport_size(NARROW)
    try:
        assert_accessible(page, f"{what} at 320 px")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("username", PERSONAS)
def test_persona_walk_at_1280_and_320(new_page, world, username):
    page = new_page()
    # A landing page with the partnership's figures can take a while on a busy CI machine.
    page.set_default_timeout(60_000)
    login(page, username)
    landed = page.url
    _check_both_widths(page, f"{username} lands on {landed}")
    seen = {landed.replace(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2], "")}
    addresses = _nav_links(page) + _record_pages(username, world)
    assert addresses, f"{username} has nothing to open"
    for href in addresses:
        if href in seen:
            continue
        seen.add(href)
        response = page.goto(href)
        assert response.status == 200, f"{username}: {href} answered {response.status}"
        _check_both_widths(page, f"{username}: {href}")


def test_the_menu_collapses_on_a_phone_and_shows_every_link_without_javascript(new_page, world):
    phone = new_page(viewport=NARROW)
    login(phone, "priya")
    toggle = phone.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    links = phone.locator("#navigation")
    expect(links).to_be_hidden()
    toggle.click()
    expect(links).to_be_visible()
    expect(links.get_by_role("link", name="Find a child")).to_be_visible()
    check_page(phone, "open menu at 320 px")

    no_js = new_page(javascript=False, viewport=NARROW)
    login(no_js, "priya")
    expect(no_js.locator("#navigation").get_by_role("link", name="Find a child")).to_be_visible()
    expect(no_js.locator(".govuk-service-navigation__toggle")).to_be_hidden()
    check_page(no_js, "menu without JavaScript at 320 px")
