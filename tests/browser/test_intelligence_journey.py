"""The County Lines register and intelligence in a real browser: dan adds a line (after an
error), changes its status and links a child to it as a suspect; records a graded report (after
an error), writes its sanitised version and says whom it is about; priya sees the child as "also
a possible victim", a child she may not open counted, and only the sanitised report; sarah sends
information and gets a reference, without JavaScript; olivia records a stop from a child's
record; amir sees counts with small numbers hidden.

Every page visited is checked by ``check_page``: axe-core (WCAG 2.2 A/AA) at 1280 and 320 px, no
sideways scroll at 320 px, no console errors or CSP violations.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_support import check_page, fill_date, login, submit
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_register_and_intelligence_journey(new_page, personas, casebook):
    from lantern.accounts.models import Area
    from lantern.intelligence.choices import EntityKind, LinkType
    from lantern.intelligence.tests.factories import StatutoryLinkFactory

    for name in ("North", "West", "East"):
        Area.objects.get_or_create(name=name)
    kayla, reece = casebook["team_child"], casebook["police_child"]

    # --- dan adds a line, after an error, and changes its status.
    dan = new_page()
    login(dan, "dan")
    dan.get_by_role("link", name="County Lines", exact=True).first.click()
    dan.wait_for_load_state("load")
    check_page(dan, "register")
    dan.get_by_role("link", name="Add a line").click()
    check_page(dan, "add a line")
    dan.locator("input[name='brand']").fill("Ghost")
    submit(dan, "Add line")
    expect(dan.locator(".govuk-error-summary")).to_contain_text("Choose the importing area")
    check_page(dan, "add a line with errors")
    dan.locator("textarea[name='numbers']").fill("07700 900187")
    dan.get_by_label("North").check()
    dan.locator("input[name='exporting_area']").fill("Kingsmere")
    fill_date(dan, "opened_on", dt.date(2018, 3, 1))
    submit(dan, "Add line")
    expect(dan.get_by_text("Line added to the register")).to_be_visible()
    check_page(dan, "line page")
    line_url = dan.url
    line_id = int(line_url.rstrip("/").split("/")[-1])
    dan.get_by_role("link", name="Change the status").click()
    dan.get_by_label("Disrupted").check()
    fill_date(dan, "effective_on", dt.date(2019, 1, 5))
    submit(dan, "Change status")
    expect(dan.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    check_page(dan, "status change with errors")
    dan.locator("textarea[name='reason']").fill("Runner arrested; handsets seized")
    submit(dan, "Change status")
    expect(dan.get_by_text("Runner arrested; handsets seized")).to_be_visible()

    # --- dan links Kayla as a suspect (a child: also a possible victim); Reece is linked too.
    dan.get_by_role("link", name="Link a person").click()
    dan.locator("input[name='q']").fill("Kayla Brightwater")
    submit(dan, "Search")
    dan.get_by_label(re.compile("Kayla Brightwater")).check()
    dan.get_by_label("Runs for line").check()
    dan.locator("select[name='role']").select_option("suspect")
    dan.get_by_label("Confirmed", exact=True).check()
    submit(dan, "Link")
    expect(dan.get_by_text("Person linked to the line")).to_be_visible()
    expect(dan.locator("main")).to_contain_text("Suspect, also a possible victim")
    StatutoryLinkFactory(a_kind=EntityKind.PERSON, a_id=reece.pk, b_kind=EntityKind.LINE,
                         b_id=line_id, link_type=LinkType.RUNS_FOR_LINE, a_role="victim")
    dan.goto(line_url + "print/")
    check_page(dan, "printable line")

    # --- dan records a graded report (after an error), sanitises it and says whom it is about.
    dan.get_by_role("link", name="Intelligence", exact=True).first.click()
    dan.wait_for_load_state("load")
    check_page(dan, "intelligence")
    dan.get_by_role("link", name="Record intelligence").click()
    fill_date(dan, "received_on", dt.date.today())
    dan.get_by_label("2: untested").check()
    dan.get_by_label("B: known indirectly, and corroborated").check()
    dan.get_by_label("C: may be shared only").check()
    dan.locator("textarea[name='text']").fill("Source says Ghost uses the station; CANARYRAW")
    submit(dan, "Record")
    expect(dan.locator(".govuk-error-summary")).to_contain_text("Enter the conditions")
    check_page(dan, "record intelligence with errors")
    dan.locator("textarea[name='handling_conditions']").fill("Not to be shared with the family")
    submit(dan, "Record")
    check_page(dan, "report")
    report_url = dan.url
    dan.get_by_role("link", name="Write the sanitised version").click()
    check_page(dan, "sanitise")
    dan.locator("textarea[name='sanitised_text']").fill("A line is using the railway station.")
    dan.get_by_label("Statutory partners").check()
    submit(dan, "Save")
    dan.get_by_role("link", name="Say what it is about").click()
    dan.locator("select[name='kind']").select_option("person")
    dan.locator("input[name='ref']").fill(str(kayla.pk))
    submit(dan, "Add")
    expect(dan.locator("main")).to_contain_text("Kayla Brightwater")

    # --- priya: the child she may open, a count for the other; the sanitised words only.
    priya = new_page()
    login(priya, "priya")
    priya.goto(line_url)
    main = priya.locator("main")
    expect(main).to_contain_text("Kayla Brightwater")
    expect(main).to_contain_text("Suspect, also a possible victim")
    expect(main).not_to_contain_text("Reece")
    expect(main).to_contain_text("1 other child you do not have access to")
    check_page(priya, "line as a practitioner")
    priya.goto(report_url)
    expect(priya.locator("main")).to_contain_text("A line is using the railway station.")
    expect(priya.locator("main")).not_to_contain_text("CANARYRAW")
    check_page(priya, "sanitised report")

    # --- sarah sends information without JavaScript and gets a reference.
    sarah = new_page(javascript=False)
    login(sarah, "sarah")
    sarah.get_by_role("link", name="Send information to the police").first.click()
    sarah.wait_for_load_state("load")
    check_page(sarah, "information you sent")
    sarah.locator("main a.govuk-button").click()
    sarah.wait_for_load_state("load")
    submit(sarah, "Send")
    expect(sarah.locator(".govuk-error-summary")).to_contain_text("Enter what you know")
    check_page(sarah, "submission with errors")
    sarah.locator("textarea[name='what']").fill("A silver car waits at the gates after school.")
    submit(sarah, "Send")
    expect(sarah.locator(".govuk-panel")).to_contain_text("SUB-")
    check_page(sarah, "receipt")

    # --- olivia records a stop from a child's record (no open case: it goes to triage).
    olivia = new_page()
    login(olivia, "olivia")
    olivia.goto(f"/people/{reece.pk}/")
    olivia.get_by_role("link", name="Record an arrest or stop").click()
    check_page(olivia, "record a stop")
    olivia.get_by_label("Stop and search", exact=True).check()
    fill_date(olivia, "occurred_on", dt.date.today())
    olivia.locator("select[name='offence_type']").select_option("county_lines")
    olivia.locator("select[name='outcome']").select_option("safeguarded")
    olivia.locator("textarea[name='detail']").fill("Two phones and cash; taken home.")
    submit(olivia, "Record")
    expect(olivia.get_by_text("Recorded.")).to_be_visible()
    check_page(olivia, "stop")

    # --- amir: counts only, small numbers hidden; works without JavaScript.
    amir = new_page(javascript=False)
    login(amir, "amir")
    amir.get_by_role("link", name="County Lines by area").first.click()
    amir.wait_for_load_state("load")
    expect(amir.locator("main")).to_contain_text("Hidden")
    check_page(amir, "counts with small numbers hidden")
