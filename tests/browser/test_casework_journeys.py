"""Casework journeys in a real browser: a referral through triage, a case, a missing episode and a
return home interview to closure; a school lead's view; a manager's team view and an error state.

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


def flags_list(page):
    return page.locator("h2:has-text('Year groups') ~ ul.govuk-list").first


def test_referral_to_case_missing_episode_interview_and_closure(new_page, personas):
    """olivia refers a new child -> tom searches, creates the record, opens a case and allocates
    priya -> priya records a missing episode with its return -> tom (not the lead) records the
    return home interview -> priya closes the case, saying why the end measure was not taken."""
    from lantern.people.models import Person

    today = dt.date.today()
    dob = dt.date(today.year - 14, 5, 17)
    concern = "Seen getting into cars with older men outside the Marlcombe takeaway at night."

    # --- Olivia (police) makes the full referral about a child Lantern does not know yet.
    olivia = new_page()
    login(olivia, "olivia")
    olivia.goto("/referrals/new/")
    expect(olivia.get_by_role("heading", level=1)).to_have_text("Make a referral")
    check_page(olivia, "full referral form")
    olivia.get_by_label("A child or young person").check()
    olivia.locator("input[name='child_first_name']").fill("Ellie")
    olivia.locator("input[name='child_last_name']").fill("Quarrington")
    fill_date(olivia, "child_date_of_birth", dob)
    olivia.get_by_label("Child sexual exploitation").check()
    olivia.locator("textarea[name='concerns']").fill(concern)
    olivia.get_by_label(
        "Shared without agreement, to protect the child (safeguarding children)"
    ).check()
    olivia.locator("textarea[name='sharing_reason']").fill("Asking would put her at greater risk.")
    olivia.locator("main form[method='post'] button[type='submit']").last.click()
    olivia.wait_for_load_state("load")
    expect(olivia).to_have_url(re.compile(r"/referrals/\d+/sent/$"))
    check_page(olivia, "referral sent")
    referral_id = int(re.search(r"/referrals/(\d+)/sent/", olivia.url).group(1))

    # --- Tom triages: the queue, the referral, search before create, then create the record.
    tom = new_page()
    login(tom, "tom")
    tom.goto("/referrals/")
    check_page(tom, "referral queue")
    tom.goto(f"/referrals/{referral_id}/")
    check_page(tom, "referral detail")
    tom.get_by_role("link", name="Check for an existing record").click()
    # The search is filled in from the referral; a child new to Lantern matches nobody.
    expect(tom.get_by_role("heading", name="0 possible matches")).to_be_visible()
    check_page(tom, "search before create")
    submit(tom, "Create a record and link it")
    expect(tom.locator(".govuk-notification-banner")).to_contain_text("Record created for")
    check_page(tom, "referral with the record linked")
    child = Person.objects.get(first_name="Ellie", last_name="Quarrington")

    tom.get_by_role("link", name="Make a decision").click()
    check_page(tom, "decision form")
    tom.get_by_label("Open a case with the exploitation team").check()
    tom.locator("select[name='team']").select_option(label="Lantern Exploitation Team North")
    tom.locator("textarea[name='reason']").fill(
        "Police intelligence links the takeaway to known exploitation; she needs a lead worker."
    )
    submit(tom, "Record decision")
    expect(tom).to_have_url(re.compile(r"/cases/\d+/$"))
    check_page(tom, "new case")
    case_id = int(re.search(r"/cases/(\d+)/$", tom.url).group(1))

    # Olivia sees the outcome of her referral (never the case itself).
    olivia.goto("/referrals/mine/")
    row = olivia.locator("main table tbody tr", has_text="Ellie")
    expect(row).to_contain_text("Decision made")
    expect(row).to_contain_text("The exploitation team is working with the child")
    check_page(olivia, "my referrals after the decision")

    # --- Tom allocates Priya as lead professional.
    tom.get_by_role("link", name=re.compile(r"^Allocate$")).click()
    check_page(tom, "allocate the case")
    choose(tom, "lead", "Priya Okafor")
    submit(tom, "Allocate")
    expect(tom.locator(".govuk-notification-banner")).to_contain_text(
        "is now the lead professional"
    )
    check_page(tom, "case with a lead")

    # --- Priya records a missing episode, with its return, on the child's record.
    priya = new_page()
    login(priya, "priya")
    priya.goto(f"/missing/people/{child.pk}/")
    check_page(priya, "child's missing episodes")
    priya.goto(f"/missing/people/{child.pk}/add/")
    check_page(priya, "record a missing episode")
    start = today - dt.timedelta(days=3)
    priya.get_by_label("Missing", exact=True).check()
    priya.get_by_label("High", exact=True).check()
    fill_date(priya, "start_date", start)
    priya.locator("input[name='start_time']").fill("21:30")
    priya.get_by_label("The child has already returned or been found").check()
    fill_date(priya, "end_date", start + dt.timedelta(days=1))
    priya.locator("input[name='end_time']").fill("07:15")
    priya.locator("input[name='where_found']").fill("A flat above the Marlcombe takeaway")
    priya.locator("select[name='how_returned']").select_option("found_police")
    priya.locator("main form[method='post'] button[type='submit']").last.click()
    priya.wait_for_load_state("load")
    expect(priya).to_have_url(re.compile(r"/missing/episodes/\d+/$"))
    expect(priya.locator(".govuk-notification-banner")).to_contain_text("Episode recorded")
    check_page(priya, "episode detail")
    episode_url = priya.url

    # --- Tom (not the lead professional) records the return home interview.
    tom.goto(episode_url)
    check_page(tom, "episode detail for the interviewer")
    tom.get_by_role("link", name="Record the interview").click()
    check_page(tom, "return home interview form")
    tom.get_by_label("Completed", exact=True).check()
    held = start + dt.timedelta(days=2)
    fill_date(tom, "offered_date", held)
    tom.locator("input[name='offered_time']").fill("10:00")
    fill_date(tom, "held_date", held)
    tom.locator("input[name='held_time']").fill("15:00")
    tom.locator("textarea[name='child_views']").fill("She wants to stay at school and see her nan.")
    # The lead professional may not be the interviewer: refused, with nothing typed lost.
    choose(tom, "interviewer", "Priya Okafor")
    tom.locator("main form[method='post'] button[type='submit']").last.click()
    tom.wait_for_load_state("load")
    expect(tom.locator(".govuk-error-summary")).to_contain_text("must be independent")
    expect(tom.locator("textarea[name='child_views']")).to_have_value(
        "She wants to stay at school and see her nan."
    )
    check_page(tom, "return home interview refused for the lead professional")
    choose(tom, "interviewer", "Tom Hargreaves")
    tom.locator("main form[method='post'] button[type='submit']").last.click()
    tom.wait_for_load_state("load")
    expect(tom.locator(".govuk-notification-banner")).to_contain_text(
        "Return home interview updated"
    )
    check_page(tom, "episode with the interview recorded")

    # --- Priya closes the case, saying why the end measure was not taken.
    priya.goto(f"/cases/{case_id}/")
    check_page(priya, "case for the lead")
    priya.get_by_role("link", name="Close the case").click()
    check_page(priya, "close the case")
    priya.get_by_label("Transferred to another area").check()
    priya.locator("textarea[name='reason']").fill("The family moved to another county last week.")
    priya.locator("textarea[name='end_measure_not_taken_reason']").fill(
        "She moved away before the last session."
    )
    priya.locator("main form[method='post'] button[type='submit']").last.click()
    priya.wait_for_load_state("load")
    expect(priya.locator(".govuk-notification-banner")).to_contain_text("Case closed")
    check_page(priya, "closed case")

    # --- The chronology tells the story.
    priya.goto(f"/people/{child.pk}/chronology/")
    check_page(priya, "chronology")
    items = priya.locator(".moj-timeline__item")
    expect(items.filter(has_text="Inter-agency referral")).to_contain_text("from Ashdown Police")
    expect(items.filter(has_text="decided: open a case")).to_have_count(1)
    # The return home interview's entry names the episode too: the episode is the one graded.
    expect(items.filter(has_text="Missing from").filter(has_text="Risk graded high")).to_have_count(1)
    expect(items.filter(has_text="Returned from missing episode")).to_contain_text(
        "A flat above the Marlcombe takeaway"
    )
    expect(items.filter(has_text="Return home interview held")).to_contain_text("by Tom Hargreaves")
    expect(items.filter(has_text="case closed")).to_contain_text("transferred to another area")


def test_school_lead_raises_concern_sees_status_flags_and_acknowledges_notice(
    new_page, personas, casebook
):
    """sarah raises a concern, sees its status, sees year groups flagged without names and
    acknowledges a notice about a pupil."""
    from lantern.accounts.models import Agency, Team
    from lantern.people.models import SchoolEnrolment
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory
    from lantern.schools import services as school_services
    from lantern.schools.choices import NoticeKind
    from lantern.schools.year_groups import academic_year
    from lantern.synthetic import personas as cast

    school = Agency.objects.get(name=cast.SCHOOL)
    police = Agency.objects.get(name=cast.POLICE)
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    pupil = casebook["pupil"]  # Maisie Fairbank, Year 9, police involved
    # The same academic year of birth as Maisie: year groups follow the date of birth.
    second = ChildFactory(
        first_name="Tobias", last_name="Wrenfield", date_of_birth=dt.date(2011, 11, 2)
    )
    InvolvementFactory(person=second, agency=police, team=met)
    SchoolEnrolment.objects.create(
        person=second, school=school, year_group=9, start_date=dt.date(2025, 9, 1)
    )
    school_services.notices_create(
        actor=personas["olivia"],
        person=pupil,
        kind=NoticeKind.MISSING_RETURN,
        source_type="missing.MissingEpisode",
        source_id=1,
    )

    page = new_page()
    login(page, "sarah")
    check_page(page, "home page for sarah")

    page.goto("/referrals/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My referrals")
    check_page(page, "my referrals (none yet)")
    page.locator("main").get_by_role("link", name="Raise a concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a concern about a child")
    check_page(page, "raise a concern")
    page.locator("input[name='child_first_name']").fill("Logan")
    page.locator("input[name='child_last_name']").fill("Pemberton")
    page.locator("textarea[name='concerns']").fill(
        "Has new trainers and two phones; an older boy waits for him at the gate."
    )
    page.get_by_label("Child criminal exploitation").check()
    page.get_by_label("The child or family agreed to this information being shared").check()
    page.locator("main form[method='post'] button[type='submit']").last.click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(r"/referrals/\d+/sent/$"))
    check_page(page, "concern sent")

    page.goto("/referrals/mine/")
    expect(page.locator("main")).to_contain_text("Logan")
    expect(page.locator("main")).to_contain_text("Received")
    check_page(page, "my referrals with the concern")

    page.goto("/schools/")
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your school")
    # Both pupils started in Year 9 in September 2025; they have moved up since.
    year = 9 + academic_year(dt.date.today()) - 2025
    expect(flags_list(page)).to_have_text(f"Year {year}")
    # Flags never name the pupils behind them.
    flags = flags_list(page)
    expect(flags).not_to_contain_text("Maisie")
    expect(flags).not_to_contain_text("Tobias")
    expect(main).to_contain_text("Logan")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 notice to acknowledge")
    check_page(page, "school page")

    page.get_by_role("link", name="View notices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notices")
    expect(page.locator("main")).to_contain_text("Maisie F.")
    expect(page.locator("main")).not_to_contain_text("Fairbank")
    check_page(page, "notices")
    page.get_by_role("button", name=re.compile("Acknowledge")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("button", name=re.compile("Acknowledge"))).to_have_count(0)
    check_page(page, "notices after acknowledging")

    page.goto("/schools/")
    expect(page.locator(".govuk-notification-banner", has_text="to acknowledge")).to_have_count(0)


def test_team_view_caseload_and_missing_episode_error_summary(new_page, personas, casebook):
    """tom's team view counts each worker's open cases; an impossible date on the missing episode
    form gives the GOV.UK error summary, which passes axe."""
    from lantern.accounts.models import Team
    from lantern.cases.tests.factories import OpenCaseFactory

    north = Team.objects.get(name="Lantern Exploitation Team North")
    OpenCaseFactory(person=casebook["team_child"], lead=personas["priya"], team=north)
    OpenCaseFactory(lead=personas["priya"], team=north)
    page = new_page()
    login(page, "tom")
    page.goto("/cases/team/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Team caseload")
    table = page.locator("table", has=page.locator("caption", has_text="Workers in your teams"))
    priya_row = table.locator("tbody tr", has_text="Priya Okafor")
    expect(priya_row).to_have_count(1)
    expect(priya_row.locator("td").nth(1)).to_have_text("2")
    check_page(page, "team caseload")

    child = casebook["team_child"]
    page.goto(f"/missing/people/{child.pk}/add/")
    check_page(page, "record a missing episode")
    page.get_by_label("Missing", exact=True).check()
    page.get_by_label("Medium", exact=True).check()
    page.locator("input[name='start_date_0']").fill("31")
    page.locator("input[name='start_date_1']").fill("2")
    page.locator("input[name='start_date_2']").fill("2026")
    page.locator("input[name='start_time']").fill("25:61")
    page.locator("main form[method='post'] button[type='submit']").last.click()
    page.wait_for_load_state("load")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text(re.compile("real date", re.I))
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert page.evaluate("() => !!document.activeElement.closest('.govuk-error-summary')"), (
        "the error summary did not take focus"
    )
    expect(page.locator("input[name='start_date_0']")).to_have_value("31")
    check_page(page, "missing episode form with an impossible date")


def test_police_officer_updates_the_plan_action_she_owns(new_page, personas, casebook):
    """priya gives olivia (police, involved with the child) a plan action -> olivia finds it on
    "My actions" from the navigation, says it was not done without a reason (error summary),
    then with one, and is back on her list with nothing left open."""
    from lantern.accounts.models import Agency, Team
    from lantern.cases.tests.factories import OpenCaseFactory
    from lantern.people.tests.factories import InvolvementFactory
    from lantern.synthetic import personas as cast

    north = Team.objects.get(name="Lantern Exploitation Team North")
    child = casebook["team_child"]
    case = OpenCaseFactory(person=child, lead=personas["priya"], team=north)
    InvolvementFactory(
        person=child, agency=Agency.objects.get(name=cast.POLICE),
        team=Team.objects.get(name="Missing, Exploited and Trafficked Team"), user=personas["olivia"],
    )

    priya = new_page()
    login(priya, "priya")
    priya.goto(f"/cases/{case.pk}/actions/add/")
    priya.get_by_label("Places and spaces", exact=True).check()
    priya.locator("textarea[name='description']").fill("Disruption visit to the flat on Cobble Lane")
    choose(priya, "owner_user", "Olivia Brennan")
    fill_date(priya, "due_date", dt.date.today() + dt.timedelta(days=7))
    priya.locator("main form[method='post'] button[type='submit']").last.click()
    priya.wait_for_load_state("load")
    expect(priya.locator(".govuk-notification-banner")).to_contain_text("added")

    olivia = new_page()
    login(olivia, "olivia")
    olivia.get_by_role("navigation").get_by_role("link", name="My actions").click()
    olivia.wait_for_load_state("load")
    expect(olivia.get_by_role("heading", level=1)).to_have_text("My actions")
    row = olivia.locator("tbody tr", has_text="Cobble Lane")
    expect(row).to_have_count(1)
    check_page(olivia, "my actions")
    row.get_by_role("link", name=re.compile("^Update")).click()
    olivia.wait_for_load_state("load")
    check_page(olivia, "update an action as its owner")
    olivia.get_by_label("Not done", exact=True).check()
    submit(olivia, "Save")
    expect(olivia.locator(".govuk-error-summary")).to_contain_text("Enter why the action was not done")
    expect(olivia).to_have_title(re.compile(r"^Error: "))
    check_page(olivia, "update an action with an error")
    olivia.locator("textarea[name='not_done_reason']").fill("The address was empty; intelligence passed to the MET team.")
    submit(olivia, "Save")
    expect(olivia).to_have_url(re.compile(r"/cases/actions/$"))
    expect(olivia.locator("main")).to_contain_text("You do not own any open plan actions")
    check_page(olivia, "my actions after the update")
