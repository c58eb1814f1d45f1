"""NRM and section 45 in a real browser: a police officer records the charge of a 16-year-old
scored Very high for County Lines (after an error), the section 45 note appears and is printed;
the lead professional makes the NRM referral from the pre-filled form (after an error) and
records the reasonable grounds decision; a school lead cannot open the NRM page.

Every page visited is checked by ``check_page``: axe-core (WCAG 2.2 A/AA), no sideways scroll at
320 px, no console errors or CSP violations, and GOV.UK Frontend initialised by app.mjs.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_support import check_page, fill_date, login, submit
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_charge_section45_note_and_referral(new_page, personas):
    from django.utils import timezone

    from lantern.accounts.models import Agency
    from lantern.nrm.tests.helpers import COUNTY_LINES_VERY_HIGH, assessed, north_police_child
    from lantern.people.models import SchoolEnrolment
    from lantern.synthetic import personas as cast

    today = timezone.localdate()
    child = north_police_child(age=16, first_name="Reuben", last_name="Ashcombe")
    assessed(personas["priya"], child, COUNTY_LINES_VERY_HIGH)
    SchoolEnrolment.objects.create(person=child, school=Agency.objects.get(name=cast.SCHOOL),
                                   year_group=11, start_date=dt.date(2025, 9, 1))

    # --- Olivia records the charge from the child's record.
    olivia = new_page()
    login(olivia, "olivia")
    olivia.goto(f"/people/{child.pk}/")
    olivia.get_by_role("link", name="NRM referrals, charges and court").click()
    expect(olivia.get_by_role("heading", level=1)).to_have_text("NRM and court")
    check_page(olivia, "NRM and court, no records yet")
    olivia.get_by_role("link", name="Record a charge").click()
    check_page(olivia, "record a charge")
    submit(olivia, "Record the charge")
    expect(olivia).to_have_title(re.compile(r"^Error:"))
    expect(olivia.locator(".govuk-error-summary")).to_contain_text("Enter the offence the child is charged with")
    check_page(olivia, "record a charge with errors")
    olivia.get_by_label("Offence charged").fill("Possession of a class A drug with intent to supply")
    fill_date(olivia, "charged_on", today)
    fill_date(olivia, "court_date", today + dt.timedelta(days=10))
    olivia.get_by_label("Court (optional)").fill("Ashdown Youth Court")
    submit(olivia, "Record the charge")
    expect(olivia.get_by_text("the section 45 note is ready")).to_be_visible()
    expect(olivia.get_by_text("NRM referral needed")).to_be_visible()
    check_page(olivia, "NRM and court after the charge")
    olivia.get_by_role("link", name=re.compile("Section 45 note")).click()
    expect(olivia.get_by_role("heading", level=1)).to_have_text("Section 45 information note")
    expect(olivia.get_by_text("No NRM referral has been made.")).to_be_visible()
    expect(olivia.get_by_text(re.compile("County Lines High"))).to_be_visible()
    check_page(olivia, "section 45 note")
    olivia.get_by_role("link", name="Printable version").click()
    expect(olivia.get_by_text(re.compile("OFFICIAL-SENSITIVE"))).to_be_visible()
    check_page(olivia, "section 45 note, printable")

    # --- Priya has the urgent task; she makes the referral from the pre-filled form.
    priya = new_page()
    login(priya, "priya")
    priya.goto(f"/nrm/child/{child.pk}/")
    check_page(priya, "NRM and court for the lead professional")
    priya.get_by_role("link", name="Make an NRM referral").click()
    check_page(priya, "make an NRM referral")
    expect(priya.get_by_label("County Lines (criminal exploitation across areas)")).to_be_checked()
    expect(priya.get_by_label("Indicators of exploitation seen")).to_have_value(
        re.compile("carrying or selling drugs for others"))
    submit(priya, "Record the referral")
    expect(priya).to_have_title(re.compile(r"^Error:"))
    expect(priya.locator(".govuk-error-summary")).to_contain_text("Enter what happened to the child")
    check_page(priya, "make an NRM referral with errors")
    priya.get_by_label("What happened to the child").fill(
        "Made by older males to hold and sell drugs in another town; his family was threatened.")
    submit(priya, "Record the referral")
    expect(priya.get_by_text("NRM referral recorded")).to_be_visible()
    expect(priya.get_by_text("Not needed: the child was under 18")).to_be_visible()
    check_page(priya, "the referral")
    priya.get_by_role("link", name="Record decisions").click()
    check_page(priya, "record decisions")
    priya.locator("input[name='rg_decision'][value='positive']").check()
    fill_date(priya, "rg_decision_on", today)
    submit(priya, "Save decisions")
    expect(priya.get_by_text("Decisions saved")).to_be_visible()
    expect(priya.get_by_text(re.compile("Not before"))).to_be_visible()
    check_page(priya, "the referral with a reasonable grounds decision")
    priya.get_by_role("link", name="Back to NRM and court").click()
    expect(priya.get_by_text("Positive on")).to_be_visible()
    check_page(priya, "NRM and court with a referral and a charge")

    # --- Sarah (the school) may open the pupil's record, never the NRM page.
    sarah = new_page()
    login(sarah, "sarah")
    sarah.goto(f"/people/{child.pk}/")
    expect(sarah.get_by_role("link", name="NRM referrals, charges and court")).to_have_count(0)
    response = sarah.goto(f"/nrm/child/{child.pk}/")
    assert response.status == 404
