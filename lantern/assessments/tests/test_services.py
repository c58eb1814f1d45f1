"""Assessment services: pinning, autosave, submission through the engine, hard rules, judgement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lantern.assessments import engine, events, selectors, services
from lantern.assessments.models import Assessment, OverrideDecision, Status
from lantern.assessments.tests import factories as f
from lantern.audit.models import AuditEvent
from lantern.cases.models import Task
from lantern.people.models import ChronologyEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- starting ------------------------------------------------------------------------------------

def test_start_pins_the_latest_version_when_none_is_given(personas, casebook):
    a = services.assessment_start(
        actor=personas["priya"], person=casebook["team_child"], tool="seraf-style"
    )
    latest = max(t.version for t in engine.list_tools() if t.slug == "seraf-style")
    assert (a.tool, a.tool_version, a.status) == ("seraf-style", latest, Status.DRAFT)
    assert a.team.name == "Lantern Exploitation Team North"
    assert AuditEvent.objects.filter(action=events.ASSESSMENT_STARTED, subject_ids=[a.person_id]).exists()


def test_start_keeps_an_older_version_when_asked(personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"], version=1)
    assert a.tool_version == 1


@pytest.mark.parametrize(
    "tool,version", [("no-such-tool", None), ("seraf-style", 99)], ids=["slug", "version"]
)
def test_start_refuses_a_tool_that_does_not_exist(personas, casebook, tool, version):
    with pytest.raises(ValidationError):
        services.assessment_start(
            actor=personas["priya"], person=casebook["team_child"], tool=tool, version=version
        )
    assert not Assessment.objects.exists()


def test_start_outside_scope_or_role_is_refused(personas, casebook):
    with pytest.raises(PermissionDenied):
        f.draft_assessment(personas["priya"], casebook["police_child"])
    with pytest.raises(PermissionDenied):  # police officers see the child but do not assess
        f.draft_assessment(personas["olivia"], casebook["police_child"])


def test_start_refuses_a_future_date(personas, casebook):
    with pytest.raises(ValidationError, match="today or in the past"):
        f.draft_assessment(
            personas["priya"], casebook["team_child"], as_at=f.today() + dt.timedelta(days=1)
        )


# --- autosave ------------------------------------------------------------------------------------

def test_saving_a_section_autosaves_the_draft(personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    services.assessment_save_section(
        actor=personas["priya"], assessment=a, section_id="significant",
        items=[{"indicator": "sig_missing_overnight",
                "observed": [{"date": f.days_ago(3), "source_agency": "Ashdown Police",
                              "evidence_type": "observed", "note": "Found in Saltmarsh"}]}],
    )
    stored = Assessment.objects.get(pk=a.pk)
    assert stored.sections_saved == ["significant"]
    assert stored.answers == [
        {"indicator": "sig_missing_overnight",
         "observed": [{"date": f.days_ago(3), "source_agency": "Ashdown Police",
                       "evidence_type": "observed", "note": "Found in Saltmarsh"}]}
    ]
    # Saving another section keeps this one; saving it again replaces only its indicators.
    services.assessment_save_section(
        actor=personas["priya"], assessment=stored, section_id="vulnerability",
        items=[{"indicator": "vul_loss", "observed": [{"date": "2024-05"}]}],
    )
    services.assessment_save_section(
        actor=personas["priya"], assessment=stored, section_id="significant", items=[]
    )
    stored.refresh_from_db()
    assert [x["indicator"] for x in stored.answers] == ["vul_loss"]
    assert set(stored.sections_saved) == {"significant", "vulnerability"}
    assert AuditEvent.objects.filter(action=events.DRAFT_SAVED).count() == 3


@pytest.mark.parametrize(
    "item,message",
    [
        ({"indicator": "sig_nonsense", "observed": [{"date": "2025-01-01"}]}, "unknown indicator"),
        ({"indicator": "vul_loss", "observed": [{"date": "2025-01-01"}]}, "not in the section"),
        ({"indicator": "sig_images", "observed": [{"date": "2099-01-01"}]}, "in the future"),
        ({"indicator": "sig_images", "observed": [{"date": "31/12/2024"}]}, "not a real date"),
        ({"indicator": "sig_images", "observed": []}, "at least one date"),
        ({"indicator": "sig_disclosed_abuse",
          "observed": [{"date": "2025-01-01", "evidence_type": "intelligence"}]}, "not accepted"),
    ],
    ids=["unknown", "wrong-section", "future", "not-a-date", "no-date", "evidence"],
)
def test_bad_answers_are_refused_and_nothing_is_saved(personas, casebook, item, message):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    with pytest.raises(ValidationError) as exc:
        services.assessment_save_section(
            actor=personas["priya"], assessment=a, section_id="significant", items=[item]
        )
    assert message in " ".join(exc.value.messages)
    a.refresh_from_db()
    assert a.answers == [] and a.sections_saved == []


def test_an_observation_after_the_assessment_date_is_refused(personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"], as_at=f.today() - dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="after the assessment date"):
        services.assessment_save_section(
            actor=personas["priya"], assessment=a, section_id="significant",
            items=[{"indicator": "sig_images", "observed": [{"date": f.days_ago(2)}]}],
        )


def test_someone_outside_scope_cannot_save(personas, casebook):
    a = f.draft_assessment(personas["tom"], f.team_child("Lantern Exploitation Team West"))
    with pytest.raises(PermissionDenied):
        services.assessment_save_section(
            actor=personas["priya"], assessment=a, section_id="significant", items=[]
        )


# --- submitting ----------------------------------------------------------------------------------

def test_submit_stores_the_engines_result(personas, casebook):
    child = casebook["team_child"]
    a = f.submitted_assessment(personas["priya"], child, f.MODERATE)
    answers = selectors.engine_answers(a)
    expected = engine.score(answers, engine.load_tool("seraf-style", 1)).to_dict()
    assert a.result == expected
    assert (a.score, a.computed_level, a.final_level) == (12, "category_3", "category_3")
    assert a.status == Status.APPROVED and a.submitted_by == personas["priya"]
    assert a.review_due == engine.months_after(a.as_at, 3)
    assert {r["rule"] for r in a.result["fired"]} == {"VUL", "MOD-6M", "SIG-6M"}
    assert ChronologyEvent.objects.filter(
        person=child, event_type="assessment", source_id=a.pk
    ).exists()


def test_submit_needs_every_section(personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    services.assessment_save_section(
        actor=personas["priya"], assessment=a, section_id="vulnerability", items=[]
    )
    with pytest.raises(ValidationError, match="Complete every section"):
        services.assessment_submit(actor=personas["priya"], assessment=a)
    a.refresh_from_db()
    assert a.status == Status.DRAFT and a.result is None


def test_submit_twice_is_refused(personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MILD)
    with pytest.raises(PermissionDenied):  # no longer a draft
        services.assessment_submit(actor=personas["priya"], assessment=a)


def test_stored_answers_with_an_unknown_indicator_give_an_error_not_a_crash(personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    f.save_all_sections(personas["priya"], a, {})
    Assessment.objects.filter(pk=a.pk).update(
        answers=[{"indicator": "sig_removed_in_v9", "observed": ["2025-01-01"]}]
    )
    a.refresh_from_db()
    with pytest.raises(ValidationError, match="unknown indicator"):
        services.assessment_submit(actor=personas["priya"], assessment=a)


def test_hard_rule_creates_a_mandatory_task(personas, casebook):
    child = f.north_child(age=12)
    a = f.submitted_assessment(personas["priya"], child, {"sig_images": [f.days_ago(10)]})
    assert "Referral to children's social care" in a.result["mandatory_actions"]
    tasks = list(selectors.assessment_tasks(a))
    assert len(tasks) == 1
    assert tasks[0].title.startswith("Referral to children's social care")
    assert tasks[0].assigned_to == personas["priya"] and tasks[0].person == child
    assert tasks[0].due_at.date() == f.today()
    assert AuditEvent.objects.filter(action=events.ACTION_CREATED, subject_ids=[child.pk]).exists()


def test_no_mandatory_task_without_the_hard_rule(personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MODERATE)  # aged 15
    assert not Task.objects.filter(source_id=a.pk).exists()


# --- professional judgement ----------------------------------------------------------------------

def test_override_needs_a_rationale(personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MILD)
    with pytest.raises(ValidationError, match="at least 20 characters"):
        services.assessment_override_propose(
            actor=personas["priya"], assessment=a, final_level="category_3", rationale="worried"
        )
    with pytest.raises(ValidationError, match="not a level"):
        services.assessment_override_propose(
            actor=personas["priya"], assessment=a, final_level="category_9",
            rationale="A long enough reason for a level that does not exist.",
        )
    a.refresh_from_db()
    assert a.override_decision == OverrideDecision.NONE and a.final_level == "category_2"


def test_override_waits_for_a_team_manager_and_keeps_both_levels(personas, casebook):
    a = f.pending_override(personas["priya"], casebook["team_child"])
    assert a.status == Status.SUBMITTED and a.override_pending
    assert (a.computed_level, a.final_level, a.override_level) == ("category_2", "category_2", "category_3")
    # Until decided, the review follows the more cautious (sooner) of the two schedules.
    assert a.review_due == a.as_at + dt.timedelta(weeks=6)
    with pytest.raises(PermissionDenied):  # a practitioner cannot approve
        services.assessment_override_decide(actor=personas["priya"], assessment=a, approve=True)
    with pytest.raises(PermissionDenied):  # a panel chair cannot either
        services.assessment_override_decide(actor=personas["marcus"], assessment=a, approve=True)
    decided = services.assessment_override_decide(actor=personas["tom"], assessment=a, approve=True)
    assert decided.status == Status.APPROVED
    assert decided.override_decision == OverrideDecision.APPROVED
    assert (decided.computed_level, decided.final_level) == ("category_2", "category_3")
    assert decided.override_decided_by == personas["tom"]
    assert decided.review_due == engine.months_after(decided.as_at, 3)
    assert AuditEvent.objects.filter(action=events.OVERRIDE_APPROVED).count() == 1


def test_a_manager_cannot_approve_their_own_proposal(personas, casebook):
    a = f.submitted_assessment(personas["tom"], casebook["team_child"], f.MILD)
    services.assessment_override_propose(
        actor=personas["tom"], assessment=a, final_level="category_1",
        rationale="Indicators came from one unverified report now withdrawn.",
    )
    with pytest.raises(PermissionDenied):
        services.assessment_override_decide(actor=personas["tom"], assessment=a, approve=True)


def test_declining_needs_a_note_and_keeps_the_computed_level(personas, casebook):
    a = f.pending_override(personas["priya"], casebook["team_child"])
    with pytest.raises(ValidationError, match="Explain why"):
        services.assessment_override_decide(actor=personas["tom"], assessment=a, approve=False)
    decided = services.assessment_override_decide(
        actor=personas["tom"], assessment=a, approve=False, note="Discussed; the score stands."
    )
    assert decided.override_decision == OverrideDecision.DECLINED
    assert decided.final_level == "category_2" and decided.override_level == "category_3"
    with pytest.raises(PermissionDenied):  # decided once
        services.assessment_override_decide(actor=personas["tom"], assessment=decided, approve=True)


def test_choosing_the_computed_level_again_withdraws_nothing_pending(personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MILD)
    same = services.assessment_override_propose(
        actor=personas["priya"], assessment=a, final_level="category_2", rationale=""
    )
    assert same.override_decision == OverrideDecision.NONE and same.status == Status.APPROVED


# --- re-scoring and outcome measures -----------------------------------------------------------------

def test_rescore_as_at_another_date_does_not_change_the_stored_result(personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MODERATE)
    stored = dict(a.result)
    later = selectors.rescore_as_at(
        actor=personas["priya"], assessment=a, as_at=f.today() + dt.timedelta(days=400)
    )
    assert later.score < a.score  # indicators aged out of their windows
    a.refresh_from_db()
    assert a.result == stored and a.score == 12


def test_measures_check_the_scale_and_complete_the_outcome(personas, casebook):
    a = f.outcome_assessment(personas["priya"], casebook["team_child"])
    with pytest.raises(ValidationError, match="not on the scale"):
        f.record(personas["priya"], a, "baseline", {"feeling_safe": 11})
    with pytest.raises(ValidationError, match="unknown measurement point"):
        f.record(personas["priya"], a, "halfway", {})
    with pytest.raises(ValidationError, match="today or in the past"):
        f.record(personas["priya"], a, "baseline", {}, days_after=200)
    f.record(personas["priya"], a, "baseline", {"feeling_safe": 3})
    f.record(personas["priya"], a, "six_weeks", {"feeling_safe": 5}, days_after=42)
    a.refresh_from_db()
    assert a.status == Status.DRAFT
    f.record(personas["priya"], a, "end", {"feeling_safe": 7}, days_after=84)
    a.refresh_from_db()
    assert a.status == Status.APPROVED
    tool = selectors.tool_for(a)
    progress = selectors.outcome_progress(a, tool)
    assert progress.domains["feeling_safe"].change == 4
    assert progress.domains["feeling_safe"].direction == "improved"
