"""Search before create with scores and reasons, then review, merge and unmerge, in a browser.

Priya types a child she already knows with a misspelt surname and the day and month of birth
swapped: the candidates appear as she types (htmx), with a score and the reasons, and without
JavaScript when she submits. Tom finds a batch linkage pair in Possible matches, finds them the
same child, merges them, and undoes the merge. Every page with axe at 1280 and 320 px.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_support import check_page, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}


def _type_child(page):
    page.get_by_label("Child or young person").check()
    page.get_by_label("First name").fill("Kayla")
    page.get_by_label("Last name").fill("Brightwatter")
    page.get_by_label("Day").fill("4")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2011")


def test_candidates_as_you_type_and_without_javascript(new_page, personas, casebook):
    page = new_page()
    login(page, "priya")
    page.goto("/people/new/")
    _type_child(page)
    candidates = page.locator("#candidates")
    expect(candidates).to_contain_text("Kayla Brightwater")
    expect(candidates).to_contain_text("Date of birth with day and month swapped")
    expect(candidates).to_contain_text(re.compile(r"Score \d+"))
    check_page(page, "create a record, candidates as typed")

    plain = new_page(javascript=False, viewport=NARROW)
    login(plain, "priya")
    plain.goto("/people/new/")
    _type_child(plain)
    plain.get_by_role("button", name="Save").click()
    plain.wait_for_load_state("load")
    expect(plain.locator("#candidates")).to_contain_text("Same first name")
    expect(plain.locator(".govuk-error-summary")).to_contain_text("Check the possible matches")
    check_page(plain, "create a record, candidates on submit, no JavaScript, 320 px")


def test_review_merge_and_unmerge(new_page, personas, casebook):
    from lantern.accounts.models import Agency, Team
    from lantern.identity.pairs import Thresholds, load_pairs
    from lantern.people.tests.factories import (
        ChildFactory,
        ChronologyEventFactory,
        InvolvementFactory,
    )
    from lantern.synthetic import personas as cast

    kayla = casebook["team_child"]
    twin = ChildFactory(first_name="Kay", last_name="Brightwater", date_of_birth=dt.date(2011, 9, 4))
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    InvolvementFactory(person=twin, agency=cs, team=Team.objects.get(name="Lantern Exploitation Team West"))
    ChronologyEventFactory(person=twin, source_agency=cs, summary="Seen at the bus station late at night.")
    load_pairs([(kayla.pk, twin.pk, 0.93)], thresholds=Thresholds(review=0.8, auto=0.99))

    for viewport in (None, NARROW):
        page = new_page(viewport=viewport)
        login(page, "tom")
        page.goto("/identity/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Possible matches")
        expect(page.locator("main")).to_contain_text("Pair found by batch linkage")
        check_page(page, f"possible matches {viewport}")
        page.get_by_role("link", name="Pair found by batch linkage").click()
        expect(page.locator("main")).to_contain_text("Batch linkage match probability 0.930")
        check_page(page, f"check a linkage pair {viewport}")
        page.context.close()

    page = new_page()
    login(page, "tom")
    page.goto("/identity/")
    page.get_by_role("link", name="Pair found by batch linkage").click()
    page.get_by_label("Same child").check()
    page.get_by_label("How did you check?").fill("Same school and parents; confirmed with the West team.")
    page.get_by_role("button", name="Save your answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merge two records")
    check_page(page, "merge two records")
    page.get_by_role("button", name="Merge records").click()
    page.wait_for_load_state("load")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_page(page, "merge with errors")
    page.get_by_label(re.compile(rf"Kayla Brightwater \(record {kayla.pk}\)")).check()
    page.get_by_label("Why are these the same child?").fill("Same school, same parents, swapped birthday.")
    page.get_by_role("button", name="Merge records").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Records merged")
    expect(page.locator("main")).to_contain_text("Chronology events: 1")
    check_page(page, "merged records")
    page.set_viewport_size(NARROW)
    check_page(page, "merged records at 320 px")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Undo this merge").click()
    check_page(page, "undo a merge")
    page.get_by_label("Why was the merge wrong?").fill("The West team says these are cousins.")
    page.get_by_role("button", name="Undo the merge").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Merge undone")
    page.goto(f"/people/{twin.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kay Brightwater")
