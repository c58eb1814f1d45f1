"""An assessment from start to a manager's approval, in a real browser.

Priya starts a SERAF-style assessment (the current version, v2) from a child's record, fills in every section through the
task list, checks her answers, reads the explained result, records a different final level with her
reasons, and Tom approves it from his queue. Every page is checked by ``check_page`` (axe-core WCAG
2.2 AA, no sideways scroll at 320 px, no console errors or CSP violations). The history chart is
drawn by vega-embed under the Content-Security-Policy, and the history page also works without
JavaScript (the table is there either way).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_support import check_page, fill_date, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def tick(page, indicator: str):
    """GOV.UK checkboxes hide the input under its label: click the label, as a person would."""
    page.locator(f"label[for='id_{indicator}-seen']").click()
    expect(page.locator(f"#id_{indicator}-seen")).to_be_checked()


def save_section(page, name: str):
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_complete_override_and_approve_an_assessment(new_page, personas, casebook):
    child = casebook["team_child"]
    today = dt.date.today()
    page = new_page()
    login(page, "priya")

    page.goto(f"/people/{child.pk}/")
    check_page(page, "child's record")
    page.get_by_role("link", name="Start an assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start an assessment")
    check_page(page, "start page")
    page.get_by_label(re.compile(r"^Sexual exploitation risk assessment \(SERAF-style\), version 2")).check()
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("SERAF-style")
    check_page(page, "task list")

    # Vulnerabilities: one, month only.
    save_section(page, "Vulnerabilities")
    check_page(page, "vulnerabilities section")
    tick(page, "vul_abuse_neglect")
    fill_date(page, "vul_abuse_neglect-0-date", today - dt.timedelta(days=400), day=False)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Vulnerabilities saved")

    # Moderate: nothing seen.
    save_section(page, "Moderate risk indicators")
    page.get_by_role("button", name="Save and continue").click()

    # Significant: first a future date (refused, input kept), then a right one with a note that
    # gets a gentle wording prompt but is saved.
    save_section(page, "Significant risk indicators")
    tick(page, "sig_missing_overnight")
    fill_date(page, "sig_missing_overnight-0-date", today + dt.timedelta(days=5))
    page.locator("select[name='sig_missing_overnight-0-agency']").select_option("Ashdown Police")
    page.locator("select[name='sig_missing_overnight-0-evidence']").select_option("observed")
    page.locator("textarea[name='sig_missing_overnight-0-note']").fill(
        "Found in Saltmarsh at 3am; she keeps putting herself at risk"
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("today or in the past")
    expect(page).to_have_title("Error: Significant risk indicators – Lantern")
    check_page(page, "section with an error")
    expect(page.locator("textarea[name='sig_missing_overnight-0-note']")).to_have_value(
        "Found in Saltmarsh at 3am; she keeps putting herself at risk"
    )
    fill_date(page, "sig_missing_overnight-0-date", today - dt.timedelta(days=12))
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Wording you may want to look at")).to_be_visible()
    check_page(page, "task list with a wording prompt")

    page.get_by_role("link", name="Check answers and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    check_page(page, "check answers")
    page.get_by_role("button", name="Submit and see the result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Result")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Category 2: mild risk")
    expect(page.get_by_role("cell", name="Significant indicator 'missing overnight")).to_be_visible()
    check_page(page, "result")

    page.get_by_role("link", name="Record a different final level, with your reasons").click()
    check_page(page, "professional judgement")
    page.get_by_label("Category 3: moderate risk").check()
    page.get_by_label("Why does the final level differ from the computed level?").fill("Too short")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least 20 characters")
    check_page(page, "professional judgement with an error")
    page.get_by_label("Why does the final level differ from the computed level?").fill(
        "Seen last night at a hotel the police link to exploitation; not yet on the record."
    )
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".govuk-warning-text").first).to_contain_text("waiting for a team manager")
    check_page(page, "result waiting for approval")

    manager = new_page()
    login(manager, "tom")
    manager.goto("/assessments/approvals/")
    check_page(manager, "approval queue")
    manager.get_by_role("link", name=child.display_name).click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Decide a proposed level")
    check_page(manager, "decide")
    manager.get_by_label("Approve the proposed level").check()
    manager.get_by_role("button", name="Save decision").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("approved")
    check_page(manager, "queue after the decision")

    page.reload()
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Category 3: moderate risk")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("approved by Tom")

    # History: the chart draws (an SVG from vega-embed, no CSP violation) beside its table.
    page.goto(f"/assessments/person/{child.pk}/history/")
    expect(page.locator("[data-vega-chart] svg")).to_have_count(1)
    expect(page.locator("#history-table-1")).to_contain_text("Category 3: moderate risk")
    check_page(page, "history with chart")


def test_history_works_without_javascript(new_page, personas, casebook):
    from lantern.assessments.tests import factories as f

    f.submitted_assessment(personas["priya"], casebook["team_child"], f.MODERATE)
    page = new_page(javascript=False)
    login(page, "priya")
    page.goto(f"/assessments/person/{casebook['team_child'].pk}/history/")
    expect(page.locator("#history-table-1")).to_contain_text("Category 3: moderate risk")
    check_page(page, "history without JavaScript")


def test_every_other_assessment_page_passes_the_checks(new_page, personas, casebook):
    """Dashboard, outcome measures (with their chart), a measure form, a mandatory action, a tool
    page, the override report and the cohort view: axe and the rest of ``check_page`` on each."""
    from lantern.assessments.tests import factories as f

    priya = personas["priya"]
    outcome = f.outcome_assessment(priya, casebook["team_child"], started_days_ago=50)
    f.record(priya, outcome, "baseline", {"feeling_safe": 3})
    younger = f.north_child(age=12, first_name="Tilly", last_name="Marsh")
    risk = f.submitted_assessment(priya, younger, {"sig_images": [f.days_ago(10)]})
    f.draft_assessment(priya, casebook["team_child"])

    page = new_page()
    login(page, "priya")
    page.goto("/assessments/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessments")
    expect(page.get_by_text("Referral to children's social care").first).to_be_visible()
    check_page(page, "dashboard")

    page.goto(f"/assessments/{outcome.pk}/measures/")
    expect(page.locator("[data-vega-chart] svg")).to_have_count(1)
    check_page(page, "outcome measures with chart")
    page.get_by_role("link", name="Record the after six weeks measure").click()
    check_page(page, "measure form")
    page.get_by_role("button", name="Save measure").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of the measure")
    check_page(page, "measure form with errors")

    page.goto(f"/assessments/{risk.pk}/result/")
    page.get_by_role("link", name="Record as done").first.click()
    check_page(page, "record a mandatory action")

    page.goto("/assessments/tools/seraf-style/v2/")
    check_page(page, "tool page")
    page.goto("/assessments/tools/distance-travelled/v1/")
    check_page(page, "outcome tool page")

    manager = new_page()
    login(manager, "tom")
    manager.goto("/assessments/overrides/")
    check_page(manager, "override report")
    manager.goto("/assessments/cohort/")
    check_page(manager, "cohort view")
