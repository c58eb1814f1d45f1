"""The partnership statistics in a real browser: the analyst filters the dashboard (after an
error), reads a chart beside its table, downloads the figures with a reason (after an error)
and the committee report; the same filters work with JavaScript off; axe at 1280 and 320 px."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_helper import assert_accessible
from browser_support import check_page, fill_date, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _world(personas):
    from lantern.accounts.models import Agency, District, Team
    from lantern.people import services
    from lantern.people.models import Address
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory
    from lantern.synthetic import personas as cast

    police = Agency.objects.get(name=cast.POLICE)
    north = Team.objects.get(name="Lantern Exploitation Team North")
    district = District.objects.filter(area__name="North").first()
    for i in range(7):
        child = ChildFactory(first_name=f"Chart{i}", date_of_birth=dt.date(2011, 2, 1))
        InvolvementFactory(person=child, agency=police, team=north, is_lead=True)
        Address.objects.create(person=child, line1="2 Test Road", town="Harrowden", district=district,
                               kind="home", start_date=dt.date(2015, 1, 1))
        services.chronology_event_add(actor=personas["dan"], person=child, event_type="arrest",
                                      event_date=dt.date(2025, 3, 1), concern_type="drug_supply",
                                      summary="Arrested on suspicion of supplying drugs.", check_access=False)


def test_dashboard_filters_report_and_export(new_page, personas):
    _world(personas)
    page = new_page()
    login(page, "amir")
    page.goto("/statistics/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership statistics")
    expect(page.locator("[data-vega-chart] svg").first).to_be_visible()
    check_page(page, "statistics dashboard")
    page.set_viewport_size({"width": 320, "height": 900})
    assert_accessible(page, "statistics dashboard at 320 px")
    page.set_viewport_size({"width": 1280, "height": 900})

    fill_date(page, "start", dt.date(2026, 1, 1))
    fill_date(page, "end", dt.date(2024, 1, 1))
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The end of the period must be on or after its start")
    check_page(page, "statistics dashboard with an error")

    fill_date(page, "start", dt.date(2024, 1, 1))
    fill_date(page, "end", dt.date(2025, 12, 31))
    page.get_by_label("Area", exact=True).select_option("North")
    page.get_by_role("button", name="Apply filters").click()
    table = page.get_by_role("table", name="Children arrested for drug supply per year")
    expect(table).to_contain_text("2025")
    expect(table.get_by_role("row", name="2025")).to_contain_text("7")
    check_page(page, "statistics dashboard, North, 2024 to 2025")

    with page.expect_download() as report:
        page.get_by_role("link", name="Download the committee report (PDF)").click()
    assert report.value.suggested_filename.endswith(".pdf")

    page.get_by_role("link", name="Download the figures (CSV, Excel or ODS)").click()
    check_page(page, "download the statistics", allow=("committee-report",))
    page.get_by_role("button", name="Download").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a format")
    check_page(page, "download the statistics with errors")
    page.get_by_label("Excel workbook (XLSX)").check()
    page.get_by_label("Why do you need the figures?").fill("Committee report for March")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_dashboard_works_without_javascript(new_page, personas):
    _world(personas)
    page = new_page(javascript=False)
    login(page, "tom")
    page.goto("/statistics/")
    page.get_by_label("Area", exact=True).select_option("West")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table", name="Missing episodes by area")).to_contain_text("West")
    check_page(page, "statistics dashboard without JavaScript")
