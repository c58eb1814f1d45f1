"""Emerging threats in a real browser: a police analyst opens the page from the navigation, reads the alert and its weekly figures (chart drawn, table beside it), looks back to
an earlier date after a wrong one; axe at 1280 and 320 px; the page works without JavaScript;
a practitioner is not offered it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe_helper import assert_accessible
from browser_support import NARROW, check_page, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _surge():
    from django.utils import timezone

    from lantern.accounts.models import Agency, District
    from lantern.analysis.threats import latest_complete_week
    from lantern.people.models import Address
    from lantern.people.tests.factories import ChildFactory, ChronologyEventFactory
    from lantern.synthetic import personas as cast

    latest = latest_complete_week(timezone.localdate())
    child = ChildFactory(first_name="Tallulah", last_name="Quorne")
    Address.objects.create(person=child, line1="1 Mill Lane", town="Harrowden",
                           district=District.objects.get(name="Harrowden"), start_date=dt.date(2020, 1, 1))
    police = Agency.objects.get(name=cast.POLICE)
    for weeks_back, n in [(i, 5 + i % 2) for i in range(1, 13)] + [(0, 19)]:
        for _ in range(n):
            ChronologyEventFactory(person=child, source_agency=police, event_type="missing",
                                   event_date=latest - dt.timedelta(weeks=weeks_back) + dt.timedelta(days=2),
                                   summary="Reported missing; found the next day.")
    return latest


def _fill_date(page, value: dt.date):
    page.locator("input[name='as_at_0']").fill(str(value.day))
    page.locator("input[name='as_at_1']").fill(str(value.month))
    page.locator("input[name='as_at_2']").fill(str(value.year))


def test_an_analyst_reads_an_alert_and_looks_back(new_page, personas):
    latest = _surge()
    page = new_page()
    login(page, "dan")  # lands on people search; the page is in the navigation
    page.get_by_role("link", name="Emerging threats").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emerging threats")
    expect(page.get_by_role("heading", name=re.compile("Missing episodes in North"))).to_be_visible()
    expect(page.locator(".govuk-inset-text").first).to_contain_text("North: 19 missing episodes in the week of")
    expect(page.locator("[data-vega-chart] svg").first).to_be_visible()
    assert "Tallulah" not in page.content()
    expect(page.get_by_role("table").first).to_contain_text("19")
    check_page(page, "emerging threats with an alert")
    page.set_viewport_size(NARROW)
    assert_accessible(page, "emerging threats at 320 px")

    # A date that does not exist: a GOV.UK error, and the page still shows today's alerts.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("input[name='as_at_0']").fill("31")
    page.locator("input[name='as_at_1']").fill("2")
    page.locator("input[name='as_at_2']").fill(str(latest.year))
    page.get_by_role("button", name="Show alerts").click()
    expect(page).to_have_title(re.compile(r"^Error:"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "emerging threats with a date error")

    # Looking back to before anything was recorded: no alert then.
    _fill_date(page, latest - dt.timedelta(weeks=15))
    page.get_by_role("button", name="Show alerts").click()
    expect(page.get_by_role("heading", name="No alerts")).to_be_visible()
    check_page(page, "emerging threats looking back")


def test_works_without_javascript_and_not_for_practitioners(new_page, personas):
    _surge()
    page = new_page(javascript=False)
    login(page, "marcus")
    page.goto("/threats/")
    expect(page.get_by_role("heading", name=re.compile("Missing episodes in North"))).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("19")
    check_page(page, "emerging threats without JavaScript")
    other = new_page()
    login(other, "priya")
    other.goto("/")
    expect(other.get_by_role("link", name="Emerging threats")).to_have_count(0)
    response = other.goto("/threats/")
    assert response.status == 404
