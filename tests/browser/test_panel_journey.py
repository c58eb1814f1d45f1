"""A panel meeting in a real browser: marcus sets up a panel and its members; priya refers a
child found with the people search; marcus schedules a meeting, builds the agenda (Victims),
adds a theme, records attendance with a declaration (after an error), records the outcome and an
action for priya, signs the minutes and adds an addendum; priya finds the action in My actions,
updates it, and downloads her pack; a school lead without a seat is refused. Then the
disruption register: olivia records an order, links the children it protects, a breach and
its end; priya sees the child she may open and a count for the other.

Every page visited is checked by ``check_page``: axe-core (WCAG 2.2 A/AA), no sideways scroll at
320 px, no console errors or CSP violations, and GOV.UK Frontend initialised by app.mjs.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_support import check_page, choose, fill_date, login, submit
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_panel_meeting_journey(new_page, personas, casebook):
    today = dt.date.today()

    # --- Marcus sets up the panel from the navigation and gives priya and olivia seats.
    marcus = new_page()
    login(marcus, "marcus")
    marcus.get_by_role("link", name="Panels").first.click()
    marcus.wait_for_load_state("load")
    check_page(marcus, "panels list")
    marcus.get_by_role("link", name="Set up a panel").click()
    check_page(marcus, "set up a panel")
    marcus.locator("input[name='name']").fill("Ashdown MET")
    marcus.get_by_label("Missing, exploited and trafficked (MET)").check()
    submit(marcus, "Set up the panel")
    expect(marcus.get_by_text("Panel set up")).to_be_visible()
    check_page(marcus, "panel page")
    panel_url = marcus.url
    for name in ("Priya Okafor", "Olivia Brennan"):
        marcus.get_by_role("link", name="Add a member").click()
        choose(marcus, "user", name)
        submit(marcus, "Add member")
        expect(marcus.get_by_text("Member added")).to_be_visible()
    check_page(marcus, "add a member")

    # --- Priya refers Kayla, found with the people search.
    priya = new_page()
    login(priya, "priya")
    priya.goto(panel_url)
    check_page(priya, "panel page as a member agency's practitioner")
    priya.get_by_role("link", name="Refer a child or person").click()
    check_page(priya, "refer a child")
    priya.locator("input[name='q']").fill("Kayla Brightwater")
    submit(priya, "Search")
    priya.get_by_label(re.compile(r"Kayla Brightwater")).check()
    priya.locator("textarea[name='reason']").fill("Missing twice this month; seen in cars.")
    submit(priya, "Refer")
    expect(priya.get_by_text("Kayla Brightwater referred to Ashdown MET")).to_be_visible()

    # --- Marcus schedules today's meeting and builds the agenda.
    marcus.goto(panel_url)
    marcus.get_by_role("link", name="Schedule a meeting").click()
    fill_date(marcus, "held_on", today)
    submit(marcus, "Schedule")
    expect(marcus.get_by_text("Meeting scheduled")).to_be_visible()
    meeting_url = marcus.url
    submit(marcus, "Build the agenda")
    expect(marcus.get_by_text("Agenda built: 1 item added")).to_be_visible()
    check_page(marcus, "meeting with its agenda")
    victims = marcus.locator("#section-victims + ol")
    expect(victims).to_contain_text("Kayla Brightwater")
    expect(victims).to_contain_text("New referral")
    marcus.get_by_role("link", name="Add a theme").click()
    check_page(marcus, "add a theme")
    marcus.locator("input[name='title']").fill("Cars waiting at school gates")
    submit(marcus, "Add theme")
    expect(marcus.locator("#section-themes + ol")).to_contain_text("Cars waiting at school gates")

    # Attendance: nothing chosen first (an error, the declaration kept), then recorded.
    marcus.get_by_role("link", name="Record attendance").click()
    check_page(marcus, "attendance")
    declaration = marcus.locator("textarea[name^='declaration_']").first
    declaration.fill("Knows the family; will not vote on item 1.")
    submit(marcus, "Save attendance")
    expect(marcus).to_have_title(re.compile(r"^Error:"))
    expect(marcus.locator(".govuk-error-summary")).to_contain_text("was present")
    expect(declaration).to_have_value("Knows the family; will not vote on item 1.")
    check_page(marcus, "attendance with errors")
    for n, radio_group in enumerate(marcus.locator(".govuk-radios").all()):
        radio_group.get_by_label("Present" if n == 0 else "Sent apologies").check()
    submit(marcus, "Save attendance")
    expect(marcus.get_by_text("Attendance recorded")).to_be_visible()

    # The outcome and an action for priya.
    marcus.get_by_role("link", name=re.compile(r"Record the outcome for item 1")).click()
    check_page(marcus, "record an outcome")
    marcus.get_by_label("High", exact=True).check()
    marcus.get_by_label("Children's social care").check()
    marcus.locator("textarea[name='rationale']").fill("Missing episodes rising; same adults named.")
    submit(marcus, "Save outcome")
    expect(marcus.get_by_text("Outcome recorded: Kayla Brightwater")).to_be_visible()
    marcus.get_by_role("link", name=re.compile(r"Add an action for item 1")).click()
    check_page(marcus, "add a panel action")
    marcus.locator("textarea[name='description']").fill("Return home interview with the new worker.")
    choose(marcus, "owner_user", "Priya Okafor")
    fill_date(marcus, "due_date", today + dt.timedelta(days=7))
    submit(marcus, "Add action")
    expect(marcus.locator("#register + p + .lantern-table-wrapper")).to_contain_text(
        "Return home interview with the new worker.")

    # Sign: the box unticked first, then ticked. The changing links go; an addendum is added.
    marcus.get_by_role("link", name="Sign the minutes").click()
    check_page(marcus, "sign the minutes")
    submit(marcus, "Sign the minutes")
    expect(marcus.locator(".govuk-error-summary")).to_contain_text("Confirm the minutes")
    marcus.get_by_label("I confirm these minutes are a true record of the meeting").check()
    submit(marcus, "Sign the minutes")
    expect(marcus.get_by_role("alert").get_by_text("Minutes signed")).to_be_visible()
    expect(marcus.get_by_role("link", name=re.compile("Record the outcome"))).to_have_count(0)
    marcus.get_by_role("link", name="Add an addendum").click()
    check_page(marcus, "add an addendum")
    marcus.locator("textarea[name='text']").fill("Correction: the interview is by the MET team.")
    submit(marcus, "Add addendum")
    expect(marcus.locator("#addenda + .govuk-inset-text")).to_contain_text("Correction")
    check_page(marcus, "signed meeting with an addendum")

    # --- Priya: My actions, then the update, then her pack.
    priya.goto("/")
    priya.get_by_role("link", name="My actions").first.click()
    priya.wait_for_load_state("load")
    expect(priya.locator("main")).to_contain_text("Return home interview with the new worker.")
    check_page(priya, "my actions with a panel action")
    priya.goto(meeting_url)
    check_page(priya, "signed meeting as a member")
    priya.get_by_role("link", name=re.compile(r"Change the status of the action")).click()
    check_page(priya, "update a panel action")
    priya.get_by_label("In progress").check()
    submit(priya, "Save")
    expect(priya.get_by_text("Action updated")).to_be_visible()
    pack = priya.request.get(meeting_url + "pack.pdf")
    assert pack.status == 200 and pack.headers["content-type"] == "application/pdf"

    # --- A school lead without a seat never sees the panel.
    sarah = new_page()
    login(sarah, "sarah")
    expect(sarah.locator("header, nav").first).not_to_contain_text("Panels")
    assert sarah.goto(meeting_url).status == 404

    # The meeting page without JavaScript.
    no_js = new_page(javascript=False)
    login(no_js, "marcus")
    no_js.goto(meeting_url)
    check_page(no_js, "meeting without JavaScript")


def test_disruption_register_journey(new_page, personas, casebook):
    """olivia records a closure order against a line (after an error), links the child it
    protects, records a breach and the end; priya, who may open only one of the children, sees
    the other counted, not named."""
    from lantern.accounts.models import Team
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory

    north = Team.objects.get(name="Lantern Exploitation Team North")
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    callum = ChildFactory(first_name="Callum", last_name="Ridgeway")
    InvolvementFactory(person=callum, agency=north.agency, team=north)
    InvolvementFactory(person=callum, agency=met.agency, team=met)
    today = dt.date.today()
    olivia = new_page()
    login(olivia, "olivia")
    olivia.get_by_role("link", name="Disruption").first.click()
    olivia.wait_for_load_state("load")
    check_page(olivia, "disruption register")
    olivia.get_by_role("link", name="Record disruption").click()
    check_page(olivia, "record disruption")
    olivia.locator("select[name='tactic']").select_option("closure_order")
    olivia.get_by_label("A County Line (deal line)").check()
    submit(olivia, "Record")
    expect(olivia.locator(".govuk-error-summary")).to_contain_text("Enter the date it started")
    check_page(olivia, "record disruption with errors")
    olivia.locator("input[name='target_description']").fill("The 'Jay' line, 07700 900123")
    fill_date(olivia, "started_on", today)
    fill_date(olivia, "expires_on", today + dt.timedelta(days=20))
    submit(olivia, "Record")
    expect(olivia.get_by_text("Recorded in the disruption register")).to_be_visible()
    check_page(olivia, "disruption entry")
    detail_url = olivia.url
    for name in ("Reece Tamberlane", "Callum Ridgeway"):
        olivia.get_by_role("link", name="Link a person").click()
        olivia.locator("input[name='q']").fill(name)
        submit(olivia, "Search")
        olivia.get_by_label(re.compile(name)).check()
        olivia.get_by_label("A child it protects").check()
        submit(olivia, "Link")
        expect(olivia.get_by_text("Person linked")).to_be_visible()
    check_page(olivia, "link a person")
    olivia.get_by_role("link", name="Record a breach").click()
    check_page(olivia, "record a breach")
    fill_date(olivia, "occurred_on", today)
    olivia.locator("textarea[name='description']").fill("The line was advertised again.")
    submit(olivia, "Record breach")
    expect(olivia.locator("#breaches + ul")).to_contain_text("advertised again")
    priya = new_page()
    login(priya, "priya")
    priya.goto(detail_url)
    assert priya.url == detail_url
    # priya sees the entry because it protects Callum; Reece is counted, not named.
    main = priya.locator("main")
    expect(main).to_contain_text("Callum Ridgeway")
    expect(main).not_to_contain_text("Reece")
    expect(main).to_contain_text("1 other child you do not have access to")
    check_page(priya, "disruption entry as a practitioner")
    olivia.goto(detail_url)
    olivia.get_by_role("link", name="Record the end and outcome").click()
    check_page(olivia, "end a disruption entry")
    olivia.get_by_label("Complied with").check()
    fill_date(olivia, "ended_on", today)
    submit(olivia, "Save")
    expect(olivia.get_by_text("End and outcome recorded")).to_be_visible()
