"""Places and peer groups in a real browser: a referral about a place decided at triage opens the
place's own record; the lead links a child found with the people search, logs a note (after an
error), adds a plan action, prints the summary and closes the record; a school lead is refused.

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


def test_place_from_triage_to_closure(new_page, personas, casebook):
    from lantern.accounts.models import Team
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory
    from lantern.referrals import services as referrals

    north = Team.objects.get(name="Lantern Exploitation Team North")
    referral = referrals.referral_make(
        actor=personas["olivia"], about="context", context_kind="location",
        context_name="Underpass by Harrowden station",
        context_description="Older males gathering; younger children seen carrying packages.",
        concerns="Children seen carrying packages for older males at night.",
        types=["county_lines"], sharing_basis="safeguarding",
        sharing_reason="Police intelligence; no single family to ask.",
    )
    for key in ("team_child", "west_child"):
        referrals.referral_link_child(actor=personas["tom"], referral=referral, person=casebook[key])
    tegan = ChildFactory(first_name="Tegan", last_name="Marwood")
    InvolvementFactory(person=tegan, agency=north.agency, team=north)

    # --- Tom decides at triage: open a case, and a new record for the place.
    tom = new_page()
    login(tom, "tom")
    tom.goto(f"/referrals/{referral.pk}/decision/")
    check_page(tom, "decision for a place")
    tom.get_by_label("Open a case with the exploitation team").check()
    choose(tom, "team", "Lantern Exploitation Team North")
    tom.get_by_label("Open a new record for Underpass by Harrowden station").check()
    tom.locator("textarea[name='reason']").fill("Two children at risk at the underpass; work the place.")
    submit(tom, "Record decision")
    expect(tom).to_have_url(re.compile(r"/contexts/\d+/$"))
    expect(tom.get_by_role("heading", level=1)).to_contain_text("Underpass by Harrowden station")
    check_page(tom, "context opened from triage")
    context_url = tom.url

    # Tom makes priya the lead.
    tom.get_by_role("link", name="Change the details or lead").click()
    check_page(tom, "edit context")
    choose(tom, "lead", "Priya Okafor")
    submit(tom, "Save")
    expect(tom.get_by_text("Details saved")).to_be_visible()

    # A West child (not on any case with North) is linked by tom, who sees his agency's children.
    from lantern.contexts.models import Context
    from lantern.contexts.services import context_link_person

    west = Team.objects.get(name="Lantern Exploitation Team West")
    casey = ChildFactory(first_name="Casey", last_name="Rendell")
    InvolvementFactory(person=casey, agency=west.agency, team=west)
    context_link_person(actor=personas["tom"], context=Context.objects.get(), person=casey,
                        reason="Seen at the underpass by the West team's youth worker.")

    # --- Priya: Places and groups from the navigation. Both children of the referral now have
    # cases with North, so she sees them; Casey (West only) is counted, not named.
    priya = new_page()
    login(priya, "priya")
    priya.get_by_role("link", name="Places and groups").first.click()
    priya.wait_for_load_state("load")
    check_page(priya, "places and groups list")
    priya.get_by_role("link", name="Underpass by Harrowden station").click()
    priya.wait_for_load_state("load")
    check_page(priya, "context summary")
    expect(priya.locator("main")).to_contain_text("Kayla")
    expect(priya.locator("main")).to_contain_text("Jayden")
    expect(priya.locator("main")).not_to_contain_text("Casey")
    expect(priya.locator("main")).to_contain_text("1 other child you do not have access to")

    # A note: the date left out first, then given.
    priya.get_by_role("link", name="Add a note").click()
    priya.get_by_label("Observation or visit to the place").check()
    priya.locator("textarea[name='text']").fill("Visited at 9pm: a grey car waited by the stairs.")
    submit(priya, "Save note")
    expect(priya).to_have_title(re.compile(r"^Error:"))
    expect(priya.locator(".govuk-error-summary")).to_contain_text("Enter the date")
    expect(priya.locator("textarea[name='text']")).to_have_value(
        "Visited at 9pm: a grey car waited by the stairs.")
    check_page(priya, "note with an error")
    fill_date(priya, "occurred_on", dt.date.today())
    submit(priya, "Save note")
    expect(priya.get_by_text("Note added")).to_be_visible()

    # A plan action owned by a partner not on Lantern.
    priya.get_by_role("link", name="Add a plan action").click()
    check_page(priya, "add a context action")
    priya.get_by_label("Disruption with police").check()
    priya.locator("textarea[name='description']").fill("Patrols at the underpass at 8pm.")
    priya.locator("input[name='owner_name']").fill("Sergeant on the neighbourhood team")
    choose(priya, "agency", "Ashdown Police")
    fill_date(priya, "due_date", dt.date.today() + dt.timedelta(days=14))
    submit(priya, "Add action")
    expect(priya.get_by_text("Action added to the plan")).to_be_visible()
    expect(priya.locator("main")).to_contain_text("Patrols at the underpass at 8pm.")

    # Link a child found with the people search.
    priya.get_by_role("link", name="Link a child").click()
    check_page(priya, "link a child")
    priya.locator("input[name='q']").fill("Tegan Marwood")
    submit(priya, "Search")
    check_page(priya, "link a child: results")
    priya.get_by_label(re.compile(r"Tegan Marwood")).check()
    priya.locator("textarea[name='reason']").fill("Seen at the underpass with the group twice.")
    submit(priya, "Link")
    expect(priya.get_by_text("linked to Underpass by Harrowden station")).to_be_visible()
    expect(priya.locator("main")).to_contain_text("Tegan")

    # The printable summary, and the page without JavaScript.
    priya.get_by_role("link", name="Printable summary").click()
    check_page(priya, "printable context summary")
    expect(priya.locator("main")).to_contain_text("OFFICIAL-SENSITIVE")
    no_js = new_page(javascript=False)
    login(no_js, "priya")
    no_js.goto(context_url)
    check_page(no_js, "context summary")

    # Close with an outcome.
    priya.goto(context_url)
    priya.get_by_role("link", name="Close the record").click()
    check_page(priya, "close a context")
    priya.get_by_label("Concerns reduced: the plan worked").check()
    priya.locator("textarea[name='reason']").fill("No sightings for eight weeks after the patrols.")
    submit(priya, "Close the record")
    expect(priya.get_by_text("Record closed")).to_be_visible()
    expect(priya.get_by_role("heading", level=1)).to_contain_text("Closed")

    # --- A school lead never sees places and groups.
    sarah = new_page()
    login(sarah, "sarah")
    expect(sarah.locator("nav")).not_to_contain_text("Places and groups")
    response = sarah.goto(context_url)
    assert response.status == 404
