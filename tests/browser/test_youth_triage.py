"""The staff side of young people's reports in a real browser: Tom triages a report into a
referral, and Olivia records one passed to the police as police-only intelligence. Every page
with axe, at 320 px."""

from __future__ import annotations

import re

import pytest
from browser_support import check_page, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_triage_into_a_referral_and_police_intelligence(page, personas, casebook):
    from lantern.youth.tests.factories import NewYouthReportFactory

    first = NewYouthReportFactory(what_happened="My friend gets lifts from an older man in a silver car.")
    second = NewYouthReportFactory(what_happened="A man at the skate park pays kids to hold bags.")
    login(page, "tom")
    page.goto("/youth-reports/")
    check_page(page, "youth queue")
    page.get_by_role("link", name=f"Read report {first.pk}").click()
    check_page(page, "youth report")
    page.get_by_label("Make a referral to the exploitation team").check()
    page.get_by_label("Reason").fill("Signs of criminal exploitation; needs the front door.")
    page.get_by_role("button", name="Record decision").click()
    expect(page).to_have_title(re.compile(r"^Error:"))
    check_page(page, "youth report with errors")
    page.get_by_label("Name the child is known by (for a referral)").fill("Kayz")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url("**/youth-reports/")
    check_page(page, "youth queue after a decision")
    page.goto(f"/youth-reports/{second.pk}/")
    page.get_by_label("Pass to the police as intelligence").check()
    page.get_by_label("Reason").fill("Names a place and an adult: police to assess.")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url("**/youth-reports/")

    page.context.clear_cookies()
    login(page, "olivia")
    page.goto(f"/youth-reports/{second.pk}/")
    check_page(page, "youth report, police view")
    page.get_by_role("link", name="Record this as intelligence").click()
    check_page(page, "record as intelligence")
    page.get_by_label("Lantern record number of the child").fill(str(casebook["police_child"].pk))
    page.get_by_label("Intelligence entry").fill("Adult paying children to hold bags at the skate park.")
    page.get_by_role("button", name="Record intelligence").click()
    page.wait_for_url(f"**/youth-reports/{second.pk}/")
    check_page(page, "youth report after intelligence")
    assert "police only" in page.content()
