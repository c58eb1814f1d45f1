"""The core record in a real browser (issue 14): record a school move, an address and a
relationship, and filter and page through the chronology, without JavaScript; find a child with
each result's kind labelled; a child's page with a long email, grouped relationships and the
places and groups they are linked to; Print and PDF for the chronology and the case summary.

Every page is checked by ``check_page`` (axe at 1280 px, no sideways scroll at 320 px, no console
errors or CSP breaks) and, here, by axe again at 320 px.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe_helper import assert_accessible
from browser_support import DESKTOP, NARROW, check_page, fill_date, login, submit
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def check(page, what: str) -> None:
    """``check_page``, then axe at 320 px as well (the layout changes there)."""
    check_page(page, what)
    if page.context._lantern_js:
        page.set_viewport_size(NARROW)
        try:
            assert_accessible(page, f"{what} at 320 px")
        finally:
            page.set_viewport_size(DESKTOP)


#: A PDF is drawn by WeasyPrint while the test waits; on a busy machine that takes a while.
SLOW_MS = 60_000


@pytest.fixture
def new_page(new_page):
    """The suite's page maker, with a longer wait: these journeys render PDFs and long pages."""

    def make(**kwargs):
        page = new_page(**kwargs)
        page.context.set_default_timeout(SLOW_MS)
        return page

    return make


@pytest.fixture
def record(personas, casebook):
    """Kayla (priya's), a second school, an adult of concern priya may open, and a long email."""
    from lantern.accounts.models import Agency
    from lantern.people.models import Involvement
    from lantern.people.tests.factories import AdultOfConcernFactory, InvolvementFactory

    child = casebook["team_child"]
    Agency.objects.create(name="Harrowden High School", kind="school")
    adult = AdultOfConcernFactory(first_name="Dominic", last_name="Sallow")
    InvolvementFactory(person=adult, agency=personas["priya"].agency, user=personas["priya"])
    Involvement.objects.filter(person=child, is_lead=True).update(
        contact_email="exploitation.team.north.duty.practitioner@ashdown-childrens-services.example.org"
    )
    return {"child": child, "adult": adult}


def test_record_school_move_address_and_relationship_without_javascript(new_page, record, casebook):
    from lantern.accounts.models import Agency
    from lantern.people.models import Address, Relationship, SchoolEnrolment
    from lantern.synthetic import personas as cast

    child = record["child"]
    page = new_page(javascript=False)
    login(page, "priya")
    page.goto(f"/people/{child.pk}/")
    check(page, "child's record before")

    # School: an error first (nothing chosen), then the first school, then a move.
    page.get_by_role("link", name="Record a school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a school")
    submit(page, "Save school")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the school")
    check(page, "school form with errors")
    page.locator("select[name='school']").select_option(str(Agency.objects.get(name=cast.SCHOOL).pk))
    fill_date(page, "start_date", dt.date(2022, 9, 5))
    submit(page, "Save school")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("School recorded")
    page.get_by_role("link", name="Record a school move").click()
    page.locator("select[name='school']").select_option(
        str(Agency.objects.get(name="Harrowden High School").pk)
    )
    fill_date(page, "start_date", dt.date(2025, 1, 6))
    submit(page, "Save school")
    school = page.locator("ul[aria-labelledby='school'] > li")
    expect(school).to_have_count(2)
    expect(school.first).to_contain_text(re.compile(r"Harrowden High School, Year \d+ now"))
    expect(school.nth(1)).to_contain_text("left in Year 9")
    check(page, "record with two schools")

    # Address, then a move.
    page.get_by_role("link", name="Record an address").click()
    page.locator("input[name='line1']").fill("4 Mill Lane")
    page.locator("input[name='town']").fill("Ashdown")
    page.get_by_label("Home", exact=True).check()
    fill_date(page, "start_date", dt.date(2020, 3, 1))
    submit(page, "Save address")
    page.get_by_role("link", name="Record a move or another address").click()
    check(page, "address form with a move")
    page.locator("input[name='line1']").fill("Elm House")
    page.locator("input[name='town']").fill("Kingsbury")
    page.get_by_label("Placement (foster or residential)").check()
    fill_date(page, "start_date", dt.date(2026, 2, 10))
    submit(page, "Save address")
    expect(page.locator("ul[aria-labelledby='address'] > li").first).to_contain_text("Elm House")
    expect(page.locator("ul[aria-labelledby='address'] > li").nth(1)).to_contain_text(
        "to 9 February 2026"
    )

    # Relationship: search, choose, say how.
    page.get_by_role("link", name="Add a relationship").click()
    page.locator("#id_q").fill("Reece Tamberlane")  # not priya's: never offered
    submit(page, "Search")
    expect(page.locator("#no-matches")).to_be_visible()
    check(page, "relationship search with no match")
    page.locator("#id_q").fill("Dominic Salow")
    submit(page, "Search")
    page.get_by_label(re.compile("Dominic Sallow")).check()
    submit(page, "Save relationship")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select how they are related")
    page.get_by_label(re.compile("Dominic Sallow")).check()
    page.get_by_label("Adult of concern", exact=True).check()
    page.locator("input[name='description']").fill("Seen giving lifts after school")
    submit(page, "Save relationship")
    expect(page.locator("main")).to_contain_text("Adults of concern and associates")
    expect(page.get_by_role("link", name="Dominic Sallow", exact=True)).to_be_visible()
    check(page, "record with a relationship")

    assert SchoolEnrolment.objects.filter(person=child, end_date__isnull=False).count() == 1
    assert Address.objects.filter(person=child).count() == 2
    assert Relationship.objects.filter(person=child, other=record["adult"]).exists()


def test_child_page_at_320_px_lead_once_email_wraps_places_and_groups(new_page, record, personas):
    from lantern.contexts.tests.factories import LinkedChildFactory, OpenPlaceFactory

    child = record["child"]
    place = OpenPlaceFactory(name="Skate park on Mill Road", lead=personas["priya"])
    LinkedChildFactory(context=place, person=child)
    page = new_page(viewport=NARROW)
    login(page, "priya")
    page.goto(f"/people/{child.pk}/")
    expect(page.locator("main")).to_contain_text("Skate park on Mill Road")
    expect(page.locator(".govuk-summary-card__title", has_text="Lead professional")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Lead professional:")
    page.set_viewport_size(DESKTOP)
    check(page, "child's page with a long email")


def test_find_a_child_labels_and_filters_kind(new_page, record):
    from lantern.people.tests.factories import InvolvementFactory

    adult = record["adult"]
    InvolvementFactory(person=adult, agency=adult.involvements.first().agency)
    page = new_page()
    login(page, "priya")
    page.goto("/people/?q=Sallow")
    rows = page.locator("table.lantern-results tbody tr")
    expect(rows.first).to_contain_text("Adult of concern")
    check(page, "search results with kinds")
    page.goto("/people/?q=Sallow&kind=child")
    expect(page.locator("table.lantern-results")).to_have_count(0)
    check(page, "search filtered to children")


def test_chronology_filters_and_pages_without_javascript(new_page, personas, casebook):
    from lantern.accounts.models import Agency
    from lantern.cases.services import case_open
    from lantern.people.tests.factories import ChronologyEventFactory
    from lantern.synthetic import personas as cast

    child = casebook["team_child"]
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    for i in range(40):
        ChronologyEventFactory(
            person=child, source_agency=cs, event_type="contact", significant=(i % 8 == 0),
            event_date=dt.date(2026, 1, 1) + dt.timedelta(days=i), summary=f"Session {i} held.",
        )
    case = case_open(actor=personas["tom"], person=child, team=personas["priya"].teams.first(),
                     lead=personas["priya"])
    page = new_page(javascript=False)
    login(page, "priya")
    page.goto(f"/cases/{case.pk}/")
    page.locator("nav[aria-label='Case navigation']").get_by_role("link", name="Chronology").click()
    expect(page).to_have_url(re.compile(rf"case={case.pk}"))
    expect(page.locator(".govuk-back-link")).to_contain_text("Back to the case")
    expect(page.locator("nav[aria-label='Case navigation'] [aria-current='page']")).to_have_text(
        "Chronology"
    )
    expect(page.locator(".govuk-pagination")).to_be_visible()
    check(page, "chronology from the case tab")
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(rf"case={case.pk}.*page=2|page=2.*case={case.pk}"))
    check(page, "chronology page 2")
    fill_date(page, "date_from", dt.date(2026, 1, 1))
    fill_date(page, "date_to", dt.date(2026, 1, 31))
    page.get_by_label("Significant events only").check()
    submit(page, "Apply filters")
    expect(page.locator("#events-heading")).to_have_text("4 events matching your filters")
    expect(page).to_have_url(re.compile(rf"case={case.pk}"))
    expect(page.locator(".govuk-back-link")).to_contain_text("Back to the case")
    check(page, "chronology filtered")
    # A backwards range is a GOV.UK error, not a 500.
    fill_date(page, "date_to", dt.date(2025, 12, 1))
    submit(page, "Apply filters")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "chronology filter error")


def test_print_and_pdf_for_chronology_and_case_summary(new_page, personas, casebook):
    from lantern.cases.services import case_open

    child = casebook["team_child"]
    case = case_open(actor=personas["tom"], person=child, team=personas["priya"].teams.first(),
                     lead=personas["priya"])
    page = new_page()
    login(page, "priya")
    page.goto(f"/people/{child.pk}/chronology/")
    page.get_by_role("button", name="Print the chronology").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chronology for")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    expect(page.locator("main")).to_contain_text("OFFICIAL-SENSITIVE")
    check(page, "chronology print view")
    pdf = page.request.get(f"/people/{child.pk}/chronology/pdf/", timeout=SLOW_MS)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("button", name="Print the case summary").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Case summary")
    check(page, "case summary print view")
    pdf = page.request.get(f"/cases/{case.pk}/pdf/", timeout=SLOW_MS)
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"
