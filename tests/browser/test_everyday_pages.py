"""Pages changed for everyday use (#14), in a real browser at 1280 and 320 px.

* The distance-travelled page: the table never scrolls sideways, its Change column is whole
  and on screen, and the chart is drawn full width (axe: no scrollable region out of reach of
  the keyboard).
* An assessment section: with JavaScript the date, agency and note boxes show only for an
  indicator ticked as seen (GOV.UK conditional reveal); without it every box shows and a ticked
  answer is saved all the same.
* The team view: a manager assigns a task waiting for someone, without JavaScript.
"""

from __future__ import annotations

import datetime as dt

import pytest
from axe_helper import assert_accessible
from browser_support import NARROW, check_page, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DOMAINS = ("feeling_safe", "trusted_adults", "going_missing", "education_training",
           "emotional_wellbeing", "substance_use", "online_safety", "healthy_relationships")


def _outcome_with_two_measures(personas, child):
    from lantern.assessments import services

    today = dt.date.today()
    a = services.assessment_start(actor=personas["priya"], person=child,
                                  tool="distance-travelled", version=1,
                                  as_at=today - dt.timedelta(days=50))
    services.measure_record(actor=personas["priya"], assessment=a, point="baseline",
                            taken_on=a.as_at, values={d: 3 for d in DOMAINS}, co_completed=True)
    services.measure_record(actor=personas["priya"], assessment=a, point="six_weeks",
                            taken_on=a.as_at + dt.timedelta(days=43),
                            values={d: 7 for d in DOMAINS}, co_completed=True)
    return a


def test_distance_travelled_table_reflows_and_keeps_its_change_column(new_page, personas, casebook):
    a = _outcome_with_two_measures(personas, casebook["team_child"])
    page = new_page()
    login(page, "priya")
    page.goto(f"/assessments/{a.pk}/measures/")
    table = page.locator("#progress-table")
    expect(table.locator("thead th").last).to_have_text("Change")
    expect(table.locator("tbody tr").first.locator("td").last).to_have_text("+4, improved")
    expect(page.locator("[data-vega-chart] svg")).to_be_visible()
    check_page(page, "distance travelled at 1280 px")
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        change = table.locator("tbody tr").first.locator("td").last
        box = change.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"Change cut off at {width}px"
        scrolls = page.evaluate("""() => [...document.querySelectorAll('main *')].filter(
            el => el.scrollWidth > el.clientWidth + 1
                && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
            .map(el => el.tagName + '.' + el.className)""")
        assert not scrolls, f"these scroll sideways at {width}px: {scrolls}"
    page.set_viewport_size(NARROW)
    assert_accessible(page, "distance travelled at 320 px")


def test_section_reveals_details_only_for_ticked_indicators(new_page, personas, casebook):
    from lantern.assessments import services
    from lantern.assessments.models import Assessment

    a = services.assessment_start(actor=personas["priya"], person=casebook["team_child"],
                                  tool="seraf-style", version=2, as_at=dt.date.today())
    page = new_page()
    login(page, "priya")
    page.goto(f"/assessments/{a.pk}/section/significant/")
    visible = page.locator("main input:visible, main select:visible, main textarea:visible")
    shown_before = visible.count()
    boxes = page.locator("main input[type=checkbox]").count()
    assert shown_before == boxes, "with JavaScript only the 'seen' boxes show until one is ticked"
    first = page.locator("main .govuk-checkboxes__input").first
    indicator = first.get_attribute("name").removesuffix("-seen")
    page.locator(f"label[for='{first.get_attribute('id')}']").click()
    expect(page.locator(f"select[name='{indicator}-0-agency']")).to_be_visible()
    check_page(page, "section with one indicator ticked")

    no_js = new_page(javascript=False)
    login(no_js, "priya")
    no_js.goto(f"/assessments/{a.pk}/section/significant/")
    expect(no_js.locator(f"select[name='{indicator}-0-agency']")).to_be_visible()
    no_js.locator(f"input[name='{indicator}-seen']").check()
    today = dt.date.today() - dt.timedelta(days=3)
    for i, part in enumerate((today.day, today.month, today.year)):
        no_js.locator(f"input[name='{indicator}-0-date_{i}']").fill(str(part))
    no_js.get_by_role("button", name="Save and continue").click()
    no_js.wait_for_load_state("load")
    saved = Assessment.objects.get(pk=a.pk).answers
    assert [x["indicator"] for x in saved] == [indicator]


def test_manager_assigns_a_waiting_task_without_javascript(new_page, personas, casebook):
    from django.utils import timezone

    from lantern.accounts.models import Team
    from lantern.cases import services
    from lantern.cases.models import Task

    north = Team.objects.get(name="Lantern Exploitation Team North")
    case = services.case_open(actor=personas["tom"], person=casebook["team_child"], team=north)
    task = services.task_create(actor=personas["tom"], person=case.person, case=case,
                                kind="other", title="Return home interview",
                                due_at=timezone.now() - dt.timedelta(hours=2))
    page = new_page(javascript=False)
    login(page, "tom")
    expect(page.get_by_role("heading", level=1)).to_have_text("Team caseload")
    check_page(page, "team view without JavaScript")
    page.locator("main").get_by_role("link", name="Assign Return home interview").click()
    page.wait_for_load_state("load")
    check_page(page, "assign a task")
    page.locator("select[name='assignee']").select_option(label="Priya Okafor")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("assigned to Priya Okafor")
    assert Task.objects.get(pk=task.pk).assigned_to == personas["priya"]
    check_page(page, "team view after assigning")
