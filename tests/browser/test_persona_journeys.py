"""Each persona's first journey, in a real browser: sign in, find a child, read the chronology.

Every page visited is checked by ``check_page``: axe-core (WCAG 2.2 AA), no sideways scroll at
320 px, no console errors or CSP violations, and GOV.UK Frontend initialised by app.mjs.
"""

from __future__ import annotations

import re

import pytest
from browser_support import check_page, login
from playwright.sync_api import expect

from lantern.access.scopes import PERSON_SCOPES, VIEW
from lantern.accounts.choices import Role
from lantern.accounts.models import Agency
from lantern.people.choices import EventType, SharingLevel
from lantern.people.tests.factories import ChronologyEventFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.browser

#: (persona, casebook child in their scope, a slightly misspelt search for that child)
JOURNEYS = [
    ("priya", "team_child", "Kaila Brightwatter"),
    ("tom", "team_child", "Kayla Britewater"),
    ("dan", "team_child", "Kaylah Brightwater"),
    ("olivia", "police_child", "Reese Tamberlain"),
    ("sarah", "pupil", "Maisy Fairbank"),
    ("marcus", "team_child", "Kayla Brightwatter"),
    ("grace", "team_child", "Kaila Brightwater"),
]
#: Roles that never see a child's record.
NO_RECORDS = ["amir", "sam"]


def test_journeys_cover_every_role():
    """A role given (or losing) access to records must get (or lose) a journey here."""
    with_view = {cast.persona(u).role for u, _, _ in JOURNEYS}
    assert with_view == set(PERSON_SCOPES[VIEW]), (
        "update JOURNEYS to match lantern/access/scopes.py"
    )
    without = {cast.persona(u).role for u in NO_RECORDS}
    assert without == set(Role.values) - set(PERSON_SCOPES[VIEW])


def _event_for(child, summary: str, event_type=EventType.CONCERN):
    police = Agency.objects.get(name=cast.POLICE)
    # Shared with everyone who may open the child, so every persona's journey may read it (a
    # police concern is otherwise for statutory partners only: lantern.access.sharing).
    return ChronologyEventFactory(
        person=child, source_agency=police, event_type=event_type, summary=summary,
        sharing=SharingLevel.PARTNERSHIP,
    )


def open_search(page):
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a child")
    check_page(page, "search page")


def search_for(page, text: str):
    page.locator("input[name='q']").fill(text)
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize(("username", "child_key", "misspelt"), JOURNEYS)
def test_persona_finds_child_and_reads_chronology(
    page, personas, casebook, username, child_key, misspelt
):
    child = casebook[child_key]
    summary = f"Seen with older males at the station ({username} journey)."
    _event_for(child, summary)

    login(page, username)
    check_page(page, f"home page for {username}")

    open_search(page)
    search_for(page, misspelt)
    expect(page.get_by_role("heading", name=re.compile(r"\d+ results?"))).to_be_visible()
    check_page(page, f"search results for {misspelt!r}")
    page.get_by_role("link", name=child.display_name, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(child.display_name)
    check_page(page, f"record of {child.display_name}")

    page.get_by_role("navigation", name="Record navigation").get_by_role(
        "link", name="Chronology"
    ).click()
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/chronology/$"))
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ events?$"))).to_be_visible()
    expect(page.locator(".moj-timeline__item", has_text=summary)).to_have_count(1)
    check_page(page, f"chronology of {child.display_name}")


@pytest.mark.parametrize("username", NO_RECORDS)
def test_roles_without_records_cannot_find_a_child(page, personas, casebook, username):
    login(page, username)
    check_page(page, f"home page for {username}")
    expect(page.get_by_role("link", name="Find a child")).to_have_count(0)

    response = page.goto("/people/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    # The browser reports the 404 of the page itself as a console error: that one is expected.
    check_page(page, "not-found page", allow=(r"status of 404 .*/people/\)",))

    response = page.goto(f"/people/{casebook['team_child'].pk}/chronology/")
    assert response.status == 404
    check_page(page, "not-found page for a record", allow=(r"status of 404 .*/chronology/\)",))


def test_empty_search_shows_error_summary_with_focus(page, personas, casebook):
    login(page, "priya")
    page.goto("/people/")
    check_page(page, "search page")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a name, alias, nickname or date of birth")
    expect(page).to_have_title(re.compile(r"^Error: "))
    # GOV.UK Frontend's ErrorSummary (started by app.mjs) moves focus to the summary so screen
    # reader users hear the problem first.
    assert page.evaluate(
        "() => !!document.activeElement && !!document.activeElement.closest('.govuk-error-summary')"
    ), "the error summary did not take focus"
    check_page(page, "search page with an error")


def test_add_event_with_impossible_date_then_fixed(page, personas, casebook):
    child = casebook["team_child"]
    login(page, "priya")
    page.goto(f"/people/{child.pk}/chronology/")
    check_page(page, "chronology")
    page.get_by_role("button", name="Add an event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an event to the chronology")
    check_page(page, "add an event")

    page.locator("select[name='event_type']").select_option("return_interview")
    page.locator("input[name='when_0']").fill("31")
    page.locator("input[name='when_1']").fill("2")
    page.locator("input[name='when_2']").fill("2026")
    words = "Return home interview: said she was taken to a flat in Marlcombe."
    page.locator("textarea[name='summary']").fill(words)
    page.get_by_role("button", name="Save event").click()
    page.wait_for_load_state("load")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Date of the event must be a real date")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert page.evaluate("() => !!document.activeElement.closest('.govuk-error-summary')"), (
        "the error summary did not take focus"
    )
    # Nothing typed is lost.
    expect(page.locator("textarea[name='summary']")).to_have_value(words)
    expect(page.locator("input[name='when_0']")).to_have_value("31")
    check_page(page, "add an event with an impossible date")

    page.locator("input[name='when_0']").fill("28")
    page.get_by_role("button", name="Save event").click()
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/chronology/$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Event added")
    expect(page.locator(".moj-timeline__item", has_text=words)).to_have_count(1)
    check_page(page, "chronology after adding an event")


def test_printable_chronology(page, personas, casebook):
    child = casebook["team_child"]
    _event_for(child, "Found in a car with two adults.", EventType.FOUND_OUT_OF_AREA)
    login(page, "priya")
    page.goto(f"/people/{child.pk}/chronology/")
    page.get_by_role("button", name="Print the chronology").click()
    expect(page).to_have_url(re.compile(rf"/people/{child.pk}/chronology/print/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Chronology for {child.full_name}")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("table")).to_contain_text("Found in a car with two adults.")
    expect(page.get_by_text("OFFICIAL-SENSITIVE")).to_be_visible()
    check_page(page, "printable chronology")
    # On paper the service header and the links back are left out.
    page.emulate_media(media="print")
    expect(page.locator("header.govuk-template__header")).to_be_hidden()
    expect(page.get_by_role("link", name="Back to the chronology")).to_be_hidden()


def test_chronology_filter_works_without_javascript(new_page, personas, casebook):
    child = casebook["team_child"]  # already has a missing episode reported by police
    _event_for(child, "Arrested in possession of a bank card not his own.", EventType.ARREST)
    page = new_page(javascript=False)
    login(page, "priya")
    page.goto(f"/people/{child.pk}/chronology/")
    expect(page.get_by_role("heading", name="2 events")).to_be_visible()
    check_page(page, "chronology without JavaScript")

    page.get_by_role("checkbox", name="Arrest").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(r"[?&]type=arrest"))
    expect(page.get_by_role("heading", name="1 event matching your filters")).to_be_visible()
    expect(page.locator(".moj-timeline__item")).to_have_count(1)
    expect(page.locator(".moj-timeline__item")).to_contain_text("bank card")
    expect(page.get_by_role("checkbox", name="Arrest")).to_be_checked()
    check_page(page, "filtered chronology without JavaScript")

    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_role("heading", name="2 events")).to_be_visible()


def test_error_summary_link_focuses_the_date_input(page, personas, casebook):
    """Following the summary's link lands in the day box, not on the group's wrapper."""
    child = casebook["team_child"]
    login(page, "priya")
    page.goto(f"/people/{child.pk}/chronology/add/")
    page.locator("input[name='when_0']").fill("31")
    page.locator("input[name='when_1']").fill("2")
    page.locator("input[name='when_2']").fill("2026")
    page.get_by_role("button", name="Save event").click()
    page.wait_for_load_state("load")
    page.locator(".govuk-error-summary").get_by_role("link", name=re.compile("real date")).click()
    assert page.evaluate("() => document.activeElement.name") == "when_0"
