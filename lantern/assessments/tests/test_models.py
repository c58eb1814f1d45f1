"""Assessment models and app wiring: database constraints, the tool-definition system check."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from lantern.assessments.checks import check_tool_definitions
from lantern.assessments.models import Assessment, Measure, Status
from lantern.assessments.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_different_level_cannot_be_stored_without_reasons(personas, casebook):
    a = f.submitted_assessment(personas["priya"], casebook["team_child"], f.MILD)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=a.pk).update(override_level="category_3", override_rationale="")


def test_a_completed_risk_assessment_always_has_a_score(personas, casebook):
    a = f.draft_assessment(personas["priya"], casebook["team_child"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=a.pk).update(status=Status.APPROVED)


def test_one_measure_per_point(personas, casebook):
    a = f.outcome_assessment(personas["priya"], casebook["team_child"])
    m = f.record(personas["priya"], a, "baseline", {})
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(
            assessment=a, point="baseline", taken_on=m.taken_on, values={}, co_completed=False,
            recorded_by=personas["priya"],
        )


def test_str_and_properties(personas, casebook):
    a = f.pending_override(personas["priya"], casebook["team_child"])
    assert str(a).startswith("seraf-style v1 as at ")
    assert a.override_pending and not a.is_draft and not a.level_differs


def test_shipped_tools_pass_the_system_check(settings):
    settings.LANTERN_EXTRA_TOOLS_DIR = ""
    assert check_tool_definitions() == []


def test_a_broken_partnership_tool_fails_the_system_check(settings, tmp_path):
    folder = tmp_path / "broken-tool"
    folder.mkdir()
    (folder / "v1.yaml").write_text("slug: broken-tool\nversion: 1\ntitle: Broken\nkind: risk\n")
    settings.LANTERN_EXTRA_TOOLS_DIR = str(tmp_path)
    messages = check_tool_definitions()
    assert [m.id for m in messages] == ["assessments.E001"]
    assert "broken-tool" in messages[0].msg


def test_a_missing_partnership_folder_is_a_warning(settings, tmp_path):
    settings.LANTERN_EXTRA_TOOLS_DIR = str(tmp_path / "nowhere")
    assert [m.id for m in check_tool_definitions()] == ["assessments.W001"]


def test_the_check_runs_with_manage_py_check():
    call_command("check", "--tag", "assessments")


def test_migrations_match_the_models():
    call_command("makemigrations", "assessments", "--check", "--dry-run", verbosity=0)
