"""Break-glass, the DPO's review and the record history, in a real browser (axe, 320 px, CSP).

Written for the browser suite: it belongs in ``tests/browser/test_access_journeys.py``, where
the suite's fixtures (live server, Chromium, ``check_page``) apply. It is kept here, under a
name pytest does not collect, until the suite's owner moves it (a second Chromium started from
another directory clashes with the suite's Playwright loop). Verified passing there.
"""

from __future__ import annotations

import re

import pytest
from browser_support import check_page, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REASON = "Reported missing tonight; police need the safety plan and contacts now"


def test_break_glass_journey(page, personas, casebook):
    child = casebook["restricted"]
    login(page, "priya")
    response = page.goto(f"/people/{child.pk}/")
    assert response.status == 404  # restricted: the record itself says nothing
    check_page(page, "restricted record", allow=(r"status of 404",))

    page.goto(f"/access/break-glass/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This record is restricted")
    expect(page.locator("main")).not_to_contain_text(child.last_name)
    check_page(page, "break-glass page")

    page.get_by_label("Why do you need to see this record now?").fill("urgent")
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Reason must be 20 characters or more")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_page(page, "break-glass page with an error")

    page.get_by_label("Why do you need to see this record now?").fill(REASON)
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.display_name)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You can see this record until")
    check_page(page, "record opened by break-glass")


def test_dpo_reviews_break_glass_and_reads_history(page, personas, casebook):
    from lantern.access.services import break_glass

    child = casebook["restricted"]
    break_glass(actor=personas["priya"], person=child, reason=REASON)
    login(page, "grace")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Break-glass reviews").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Break-glass access to review")
    check_page(page, "review queue")

    page.get_by_role("link", name=re.compile(r"^Review")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review break-glass access")
    expect(page.locator("main")).to_contain_text(REASON)
    check_page(page, "review page")

    page.get_by_role("button", name="Record review").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether the access was justified")
    check_page(page, "review page with errors")

    page.get_by_label(re.compile(r"^Justified")).check()
    page.get_by_label("Review note").fill("Checked with the duty manager: a missing episode that night")
    page.get_by_role("button", name="Record review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Review recorded")
    check_page(page, "review queue after a review")

    page.goto(f"/audit/people/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has viewed or changed this record")
    expect(page.locator("main")).to_contain_text("Opened the restricted record in an emergency")
    check_page(page, "record history")


def test_lead_professional_follows_the_history_link(page, personas, casebook):
    child = casebook["team_child"]
    login(page, "priya")
    page.goto(f"/people/{child.pk}/")
    page.get_by_role("link", name="Who has viewed or changed this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has viewed or changed this record")
    expect(page.locator("main")).to_contain_text("Opened the record")
    check_page(page, "record history from the record")


def test_manager_restricts_a_record_names_a_colleague_and_lifts_it(page, personas, casebook):
    """tom follows the record's link to "Who may see this record", gets the error summary for a
    thin reason, restricts it (he and priya, the lead, are named), names dan, then lifts it."""
    child = casebook["team_child"]
    login(page, "tom")
    page.goto(f"/people/{child.pk}/")
    page.get_by_role("link", name=re.compile("Who may see this record")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who may see this record")
    check_page(page, "restriction page")

    page.locator("textarea[name='restrict-reason']").fill("staff")
    page.get_by_role("button", name="Restrict the record").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Reason must be 20 characters or more")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_page(page, "restriction page with an error")

    page.locator("textarea[name='restrict-reason']").fill("The child's mother works in the police control room.")
    page.get_by_role("button", name="Restrict the record").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The record is restricted; 2 named on it")
    named = page.locator("table", has=page.locator("caption", has_text="People named on the record"))
    expect(named).to_contain_text("Priya Okafor")
    check_page(page, "restricted record's page")

    page.locator("input[name='name-username']").fill("dan")
    page.locator("textarea[name='name-reason']").fill("Analyst on the exploitation profile")
    page.get_by_role("button", name="Name them").click()
    page.wait_for_load_state("load")
    expect(named).to_contain_text("Dan Whitlock")

    page.locator("textarea[name='lift-reason']").fill("Mother has moved to another force.")
    page.get_by_role("button", name="Lift the restriction").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The restriction is lifted")
    check_page(page, "restriction lifted")
