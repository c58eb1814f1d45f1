"""Search before create across scopes and the possible-match queue, in a real browser.

Priya, about to create a record for a child held by the West team, is told a record that may
match is held elsewhere (never which), must choose, and asks for access; Tom finds her request
and an identifier clash in Possible matches and answers one. Every page with axe, at 320 px.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_support import check_page, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_held_elsewhere_then_the_queue(page, personas, casebook):
    from lantern.identity.choices import MatchKind
    from lantern.identity.services import possible_match_raise

    west = casebook["west_child"]
    west.date_of_birth = dt.date(2010, 6, 14)
    west.save()
    possible_match_raise(
        actor=personas["priya"], kind=MatchKind.IDENTIFIER, person=casebook["team_child"],
        other=west, identifier_type="nhs",
    )

    login(page, "priya")
    page.goto("/people/new/")
    page.get_by_label("Child or young person").check()
    page.get_by_label("First name").fill(west.first_name)
    page.get_by_label("Last name").fill(west.last_name)
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2010")
    # Candidates load as the form is typed in (htmx): let them arrive before saving, as a
    # person reading the screen would, so no request is cut off by the page changing.
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    expect(page.locator("#held-elsewhere")).to_contain_text("held elsewhere in the partnership")
    expect(page.locator(".govuk-error-summary")).to_contain_text("choose what to do")
    expect(page.locator("main")).not_to_contain_text(f"/people/{west.pk}/")
    check_page(page, "create a record, match held elsewhere")

    page.get_by_label(re.compile(r"^Do not create a record")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent to the triage team")
    check_page(page, "search page after asking for access")

    page.context.clear_cookies()
    login(page, "tom")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Possible matches").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible matches")
    expect(page.locator("main")).to_contain_text("2 to check")
    check_page(page, "possible matches")

    page.get_by_role("link", name="Same identifier on two records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check a possible match")
    check_page(page, "one possible match")
    page.get_by_role("button", name="Save your answer").click()
    page.wait_for_load_state("load")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_page(page, "possible match with errors")
    page.get_by_label("Different people").check()
    page.get_by_label("How did you check?").fill("Different parents and schools; checked with West team.")
    page.get_by_role("button", name="Save your answer").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your answer has been recorded")
    expect(page.locator("main")).to_contain_text("1 to check")
