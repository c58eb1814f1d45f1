"""Assessment pages: scope (404 outside), GOV.UK errors that keep input, autosave, result, judgement,
history chart with its table, and every URL declared in the access matrix."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from lantern.access.matrix import load
from lantern.assessments import events, selectors, services
from lantern.assessments.models import Assessment, OverrideDecision, Status
from lantern.assessments.tests import factories as f
from lantern.audit.models import AuditEvent
from lantern.cases.choices import TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def as_user(client, user):
    client.force_login(user)
    return client


def html(response) -> str:
    return response.content.decode()


def date_post(prefix: str, value: dt.date | str) -> dict:
    if isinstance(value, str):
        return {f"{prefix}_0": value, f"{prefix}_1": "", f"{prefix}_2": ""}
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def test_every_assessments_url_is_in_the_access_matrix():
    from lantern.assessments.urls import urlpatterns

    declared = load()
    missing = [p.name for p in urlpatterns if f"assessments:{p.name}" not in declared]
    assert missing == []


# --- from the child's record ---------------------------------------------------------------------

def test_person_page_offers_start_only_to_assessors(client, personas, casebook):
    child = casebook["team_child"]
    page = html(as_user(client, personas["priya"]).get(reverse("people:person_detail", args=[child.pk])))
    assert reverse("assessments:start", args=[child.pk]) in page
    assert reverse("assessments:history", args=[child.pk]) in page
    pupil = casebook["pupil"]
    page = html(as_user(client, personas["olivia"]).get(reverse("people:person_detail", args=[pupil.pk])))
    assert reverse("assessments:start", args=[pupil.pk]) not in page
    assert reverse("assessments:history", args=[pupil.pk]) in page


def test_start_outside_scope_is_404(client, personas, casebook):
    as_user(client, personas["priya"])
    assert client.get(reverse("assessments:start", args=[casebook["police_child"].pk])).status_code == 404
    assert client.get(reverse("assessments:start", args=[casebook["restricted"].pk])).status_code == 404
    assert client.get(reverse("assessments:history", args=[casebook["west_child"].pk])).status_code == 404


@pytest.mark.parametrize("tool", ["seraf-style:99", "seraf-style", "no-such-tool:1", ""])
def test_start_with_a_tampered_tool_is_a_govuk_error(client, personas, casebook, tool):
    child = casebook["team_child"]
    url = reverse("assessments:start", args=[child.pk])
    response = as_user(client, personas["priya"]).post(
        url, {"tool": tool, **date_post("as_at", f.today())}
    )
    assert response.status_code == 200
    assert "Error: " in html(response) and "govuk-error-summary" in html(response)
    assert not Assessment.objects.exists()


def test_start_offers_only_the_current_version_of_each_tool(client, personas, casebook):
    child = casebook["team_child"]
    url = reverse("assessments:start", args=[child.pk])
    page = html(as_user(client, personas["priya"]).get(url))
    assert 'value="seraf-style:2"' in page and 'value="seraf-style:1"' not in page
    assert 'value="exploitation-risk:1"' not in page
    refused = client.post(url, {"tool": "seraf-style:1", **date_post("as_at", f.today())})
    assert refused.status_code == 200 and "govuk-error-summary" in html(refused)
    client.post(url, {"tool": "seraf-style:2", **date_post("as_at", f.today())})
    assert Assessment.objects.get().tool_version == 2


def test_a_partnership_may_keep_offering_an_earlier_version(client, personas, casebook, settings):
    settings.LANTERN_ASSESSMENT_EARLIER_VERSIONS_OFFERED = ["seraf-style:1"]
    child = casebook["team_child"]
    url = reverse("assessments:start", args=[child.pk])
    page = html(as_user(client, personas["priya"]).get(url))
    assert 'value="seraf-style:1"' in page and 'value="seraf-style:2"' in page
    client.post(url, {"tool": "seraf-style:1", **date_post("as_at", f.today())})
    assert Assessment.objects.get().tool_version == 1


def test_start_then_task_list(client, personas, casebook):
    child = casebook["team_child"]
    as_user(client, personas["priya"])
    page = html(client.get(reverse("assessments:start", args=[child.pk])))
    assert "Sexual exploitation risk assessment" in page
    response = client.post(
        reverse("assessments:start", args=[child.pk]),
        {"tool": "exploitation-risk:2", **date_post("as_at", f.today())},
    )
    a = Assessment.objects.get()
    assert response.status_code == 302 and response.url == reverse("assessments:task_list", args=[a.pk])
    page = html(client.get(response.url))
    assert "govuk-task-list" in page and "Indicators of serious harm" in page
    assert "Cannot start yet" in page


def test_draft_of_a_child_outside_scope_is_404(client, personas, casebook):
    a = f.draft_assessment(personas["tom"], f.team_child("Lantern Exploitation Team West"))
    as_user(client, personas["priya"])
    for name in ("task_list", "check", "result", "details"):
        assert client.get(reverse(f"assessments:{name}", args=[a.pk])).status_code == 404, name
    assert client.get(reverse("assessments:section", args=[a.pk, "significant"])).status_code == 404
    assert client.post(reverse("assessments:section", args=[a.pk, "significant"]), {}).status_code == 404
    a.refresh_from_db()
    assert a.sections_saved == []


# --- sections: autosave and bad input --------------------------------------------------------------

def section_url(a, section="significant"):
    return reverse("assessments:section", args=[a.pk, section])


def test_section_saves_the_draft_and_returns_to_the_task_list(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    seen = f.today() - dt.timedelta(days=9)
    response = as_user(client, personas["priya"]).post(
        section_url(a),
        {
            "sig_images-seen": "on",
            **date_post("sig_images-0-date", seen),
            "sig_images-0-agency": "Ashdown Police",
            "sig_images-0-evidence": "intelligence",
            "sig_images-0-note": "Images shared in a group chat",
            "sig_debt-seen": "on",
            "sig_debt-0-date_1": str(seen.month),
            "sig_debt-0-date_2": str(seen.year),  # month only: the day left blank
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.sections_saved == ["significant"]
    assert a.answers == [
        {"indicator": "sig_images", "observed": [{"date": seen.isoformat(), "source_agency": "Ashdown Police", "evidence_type": "intelligence", "note": "Images shared in a group chat"}]},
        {"indicator": "sig_debt", "observed": [{"date": seen.strftime("%Y-%m")}]},
    ]
    # Coming back shows what was saved, plus a spare date for each indicator.
    page = html(client.get(section_url(a)))
    assert 'value="Images shared in a group chat"' in page or "Images shared in a group chat</textarea>" in page
    assert 'name="sig_images-1-date_0"' in page


@pytest.mark.parametrize(
    "dates,message",
    [
        (("xx", "3", "2025"), "must be a real date, using numbers only"),
        (("31", "2", "2025"), "must be a real date"),
        (("1", "1", "2099"), "must be today or in the past"),
        (("", "", "2025"), "must include a month"),
    ],
    ids=["not-numbers", "no-such-day", "future", "no-month"],
)
def test_bad_dates_are_govuk_errors_and_keep_the_input(client, personas, casebook, dates, message):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    day, month, year = dates
    response = as_user(client, personas["priya"]).post(
        section_url(a),
        {"sig_images-seen": "on", "sig_images-0-date_0": day, "sig_images-0-date_1": month,
         "sig_images-0-date_2": year, "sig_images-0-note": "Kept when the date is wrong"},
    )
    assert response.status_code == 200
    page = html(response)
    assert page.count("govuk-error-summary") >= 1 and message in page
    assert "<title>Error: " in page
    assert "Kept when the date is wrong" in page and f'value="{year}"' in page
    a.refresh_from_db()
    assert a.answers == [] and a.sections_saved == []


def test_ticked_without_a_date_and_dates_without_a_tick_are_errors(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    as_user(client, personas["priya"])
    response = client.post(section_url(a), {"sig_images-seen": "on"})
    assert "Enter the date" in html(response)
    response = client.post(section_url(a), date_post("sig_debt-0-date", f.today()))
    assert "to keep the details you entered" in html(response)


def test_valid_indicators_are_saved_even_when_another_has_an_error(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    response = as_user(client, personas["priya"]).post(
        section_url(a),
        {"sig_images-seen": "on", **date_post("sig_images-0-date", f.today()),
         "sig_debt-seen": "on", **date_post("sig_debt-0-date", f.today() + dt.timedelta(days=3))},
    )
    assert response.status_code == 200
    assert "have been saved" in html(response)
    a.refresh_from_db()
    assert [x["indicator"] for x in a.answers] == ["sig_images"]
    assert a.sections_saved == []  # not complete until the error is fixed


def test_an_observation_after_the_assessment_date_is_an_error(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"], as_at=f.today() - dt.timedelta(days=30))
    response = as_user(client, personas["priya"]).post(
        section_url(a), {"sig_images-seen": "on", **date_post("sig_images-0-date", f.today())}
    )
    assert response.status_code == 200 and "on or before the assessment date" in html(response)


def test_unknown_section_and_tool_version_are_404(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    as_user(client, personas["priya"])
    assert client.get(section_url(a, "no-such-section")).status_code == 404
    assert client.get(reverse("assessments:tool_detail", args=["seraf-style", 99])).status_code == 404
    assert client.get(reverse("assessments:tool_detail", args=["not-a-tool", 1])).status_code == 404
    assert client.get("/assessments/tools/seraf-style/vX/").status_code == 404
    page = html(client.get(reverse("assessments:tool_detail", args=["seraf-style", 1])))
    assert "Category 4: significant risk" in page


def test_victim_blaming_words_are_flagged_gently_and_never_block(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    as_user(client, personas["priya"])
    response = client.post(
        section_url(a),
        {"sig_images-seen": "on", **date_post("sig_images-0-date", f.today()),
         "sig_images-0-note": "She keeps putting herself at risk online"},
    )
    assert response.status_code == 302  # saved: flags never block
    a.refresh_from_db()
    assert a.answers[0]["observed"][0]["note"] == "She keeps putting herself at risk online"
    task_page = html(client.get(reverse("assessments:task_list", args=[a.pk])))
    assert "Wording you may want to look at" in task_page
    section_page = html(client.get(section_url(a)))
    assert "lantern-language-flag" in section_page and "at risk of harm from others" in section_page


# --- check answers, submit, result ------------------------------------------------------------------

def test_check_answers_lists_answers_with_change_links_and_submits(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    f.save_all_sections(personas["priya"], a, f.MODERATE)
    as_user(client, personas["priya"])
    page = html(client.get(reverse("assessments:check", args=[a.pk])))
    assert "govuk-summary-list" in page
    assert section_url(a) + "#sig_controlled_contact" in page
    response = client.post(reverse("assessments:check", args=[a.pk]))
    assert response.status_code == 302 and response.url == reverse("assessments:result", args=[a.pk])
    a.refresh_from_db()
    assert a.status == Status.APPROVED and a.score == 12


def test_stored_answers_for_an_unknown_indicator_are_an_error_not_a_500(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    f.save_all_sections(personas["priya"], a, {})
    Assessment.objects.filter(pk=a.pk).update(
        answers=[{"indicator": "sig_gone", "observed": [{"date": "2025-01", "note": "consented"}]}]
    )
    as_user(client, personas["priya"])
    assert client.get(reverse("assessments:task_list", args=[a.pk])).status_code == 200
    assert client.get(reverse("assessments:check", args=[a.pk])).status_code == 200
    response = client.post(reverse("assessments:check", args=[a.pk]))
    assert response.status_code == 200 and "unknown indicator" in html(response)


def test_check_answers_shows_service_errors_not_a_500(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    response = as_user(client, personas["priya"]).post(reverse("assessments:check", args=[a.pk]))
    assert response.status_code == 200
    assert "Complete every section" in html(response) and "<title>Error: " in html(response)


def test_result_explains_every_point_and_is_audited(client, personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MODERATE)
    page = html(as_user(client, personas["priya"]).get(reverse("assessments:result", args=[a.pk])))
    assert "Category 3: moderate risk" in page
    for fired in a.result["fired"]:
        assert fired["why"].replace("'", "&#x27;") in page
    assert "What would change the level" in page and "Domain profile" in page
    assert AuditEvent.objects.filter(action=events.RESULT_VIEWED, subject_ids=[a.person_id]).exists()
    # Someone who can see the child but not assess (police analyst) reads it without change links.
    page = html(as_user(client, personas["dan"]).get(reverse("assessments:result", args=[a.pk])))
    assert "Category 3" in page and reverse("assessments:override", args=[a.pk]) not in page


def test_result_of_another_agencys_child_is_404(client, personas, casebook):
    a = f.submitted_assessment(personas["tom"], f.team_child("Lantern Exploitation Team West"), f.MILD)
    assert as_user(client, personas["priya"]).get(reverse("assessments:result", args=[a.pk])).status_code == 404
    assert as_user(client, personas["sarah"]).get(reverse("assessments:result", args=[a.pk])).status_code == 404


def test_rescore_as_at_shows_without_storing(client, personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MODERATE)
    later = f.today() + dt.timedelta(days=400)
    as_user(client, personas["priya"])
    response = client.get(reverse("assessments:result", args=[a.pk]), date_post("as_at", later))
    page = html(response)
    assert response.status_code == 200 and "The stored result has not changed" in page
    assert f"As at {later.day} {later:%B %Y}" in page
    a.refresh_from_db()
    assert a.score == 12
    assert AuditEvent.objects.filter(action=events.RESCORED_VIEWED).count() == 1
    bad = client.get(reverse("assessments:result", args=[a.pk]), date_post("as_at", "nonsense"))
    assert bad.status_code == 200 and "govuk-error-summary" in html(bad)


def test_a_draft_result_page_sends_the_assessor_to_the_task_list(client, personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    response = as_user(client, personas["priya"]).get(reverse("assessments:result", args=[a.pk]))
    assert response.status_code == 302 and response.url == reverse("assessments:task_list", args=[a.pk])
    assert as_user(client, personas["dan"]).get(reverse("assessments:result", args=[a.pk])).status_code == 404


# --- professional judgement -------------------------------------------------------------------------

def test_override_in_the_browser_needs_reasons_then_a_manager(client, personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MILD)
    url = reverse("assessments:override", args=[a.pk])
    as_user(client, personas["priya"])
    response = client.post(url, {"final_level": "category_3", "rationale": "Worried"})
    assert response.status_code == 200 and "at least 20 characters" in html(response)
    assert "Worried</textarea>" in html(response)
    response = client.post(
        url, {"final_level": "category_3", "rationale": "Seen at a hotel linked to exploitation last night."}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.override_pending
    # The practitioner cannot decide; the manager's queue lists it.
    assert client.get(reverse("assessments:override_decide", args=[a.pk])).status_code == 404
    as_user(client, personas["tom"])
    queue = html(client.get(reverse("assessments:approvals")))
    assert casebook["team_child"].display_name in queue
    decide = reverse("assessments:override_decide", args=[a.pk])
    response = client.post(decide, {"decision": "decline"})
    assert response.status_code == 200 and "Explain why you are declining" in html(response)
    response = client.post(decide, {"decision": "approve", "note": ""})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.override_decision, a.final_level, a.computed_level) == (
        OverrideDecision.APPROVED, "category_3", "category_2")
    page = html(client.get(reverse("assessments:result", args=[a.pk])))
    assert "Professional judgement, approved by" in page


def test_mandatory_action_can_be_recorded_as_done(client, personas, casebook):
    child = f.north_child(age=12)
    a = f.submitted_assessment(personas["priya"], child, {"sig_images": [f.days_ago(10)]})
    task = selectors.assessment_tasks(a).get()
    as_user(client, personas["priya"])
    page = html(client.get(reverse("assessments:result", args=[a.pk])))
    assert "Referral to children&#x27;s social care" in page and "Not done yet" in page
    assert child.display_name in html(client.get(reverse("assessments:dashboard")))
    url = reverse("assessments:action_complete", args=[task.pk])
    assert client.post(url, {}).status_code == 200
    assert client.post(url, {"confirm": "on"}).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert as_user(client, personas["dan"]).get(url).status_code == 404  # matrix: not an assessor


# --- history chart ---------------------------------------------------------------------------------

def test_history_has_a_chart_spec_with_the_same_figures_as_its_table(client, personas, casebook):
    child = casebook["team_child"]
    earlier = {"vul_abuse_neglect": [f.days_ago(400)], "sig_missing_overnight": [f.days_ago(90)]}
    first = f.submitted_assessment(personas["priya"], child, earlier, as_at=f.today() - dt.timedelta(days=60))
    second = f.submitted_assessment(personas["priya"], child, f.MODERATE)
    response = as_user(client, personas["priya"]).get(reverse("assessments:history", args=[child.pk]))
    page = html(response)
    match = re.search(r'<script id="history-chart-1" type="application/json">(.*?)</script>', page, re.S)
    assert match, "the chart spec is a JSON data block"
    spec = json.loads(match.group(1))
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")["data"]["values"]
    assert [(p["as_at"], p["score"]) for p in points] == [
        (first.as_at.isoformat(), first.score), (second.as_at.isoformat(), second.score)]
    table = page[page.index('id="history-table-1"'):]
    table = table[: table.index("</table>")]
    for a in (first, second):
        assert f"{a.as_at.day} {a.as_at:%B %Y}" in table
        assert f">{a.score}</td>" in table
    assert "assessments/charts.mjs" in page
    assert "<script>" not in page  # no inline scripts (CSP)
    assert AuditEvent.objects.filter(action=events.HISTORY_VIEWED, subject_ids=[child.pk]).exists()


# --- outcome measures ---------------------------------------------------------------------------------

def test_outcome_measures_in_the_browser(client, personas, casebook):
    child = casebook["team_child"]
    as_user(client, personas["priya"])
    response = client.post(
        reverse("assessments:start", args=[child.pk]),
        {"tool": "distance-travelled:1", **date_post("as_at", f.today() - dt.timedelta(days=50)), "weeks": "10"},
    )
    a = Assessment.objects.get()
    assert response.url == reverse("assessments:measures", args=[a.pk])
    assert a.end_offset_days == 70
    record = reverse("assessments:measure_record", args=[a.pk, "baseline"])
    bad = client.post(record, {**date_post("taken_on", a.as_at), "co_completed": "yes"})
    assert bad.status_code == 200 and "Select a score for feeling safe" in html(bad)
    data = {**date_post("taken_on", a.as_at), "co_completed": "yes"}
    data.update({f"domain-{d}": "4" for d in (
        "feeling_safe", "trusted_adults", "going_missing", "education_training",
        "emotional_wellbeing", "substance_use", "online_safety", "healthy_relationships")})
    assert client.post(record, data).status_code == 302
    page = html(client.get(reverse("assessments:measures", args=[a.pk])))
    assert 'id="progress-table"' in page and 'type="application/json"' in page
    assert "Overdue" in page  # six weeks was due 8 days ago
    assert client.get(reverse("assessments:measure_record", args=[a.pk, "halfway"])).status_code == 404


def test_dashboard_lists_drafts_and_measures_due(client, personas, casebook):
    child = casebook["team_child"]
    draft = f.draft_assessment(personas["priya"], child)
    outcome = f.outcome_assessment(personas["priya"], child, started_days_ago=45)
    f.record(personas["priya"], outcome, "baseline", {})
    page = html(as_user(client, personas["priya"]).get(reverse("assessments:dashboard")))
    assert reverse("assessments:task_list", args=[draft.pk]) in page
    assert reverse("assessments:measures", args=[outcome.pk]) in page and "After six weeks" in page
    assert as_user(client, personas["amir"]).get(reverse("assessments:dashboard")).status_code == 404


def test_status_labels_are_plain_english():
    assert Status.SUBMITTED.label == "Waiting for manager approval"
    assert services.EVENT_TRIGGERS  # every critical event type maps to tool trigger names


@pytest.mark.parametrize(
    "tool,weeks,message",
    [
        ("distance-travelled:1", "3", "not after the previous measurement point"),
        ("seraf-style:2", "12", "Only outcome measures have a planned length"),
        ("distance-travelled:1", "twelve", "whole number"),
    ],
)
def test_start_with_an_impossible_length_is_a_govuk_error(client, personas, casebook, tool, weeks, message):
    response = as_user(client, personas["priya"]).post(
        reverse("assessments:start", args=[casebook["team_child"].pk]),
        {"tool": tool, **date_post("as_at", f.today()), "weeks": weeks},
    )
    assert response.status_code == 200 and message in html(response)
    assert f'value="{weeks}"' in html(response)
    assert not Assessment.objects.exists()
