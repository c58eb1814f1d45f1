"""``score_assessment``: JSON out, CommandError (non-zero exit) with the problem named.

Runs under pytest-django or without it: the command object is called directly, which needs no
settings. One test also calls it by name, once ``lantern.assessments`` is an installed app.
Under pytest-django these tests have no ``db`` fixture, so any database access would fail them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

django = pytest.importorskip("django")

from django.core.management import CommandError, call_command  # noqa: E402

from lantern.assessments.management.commands.score_assessment import Command  # noqa: E402
from lantern.assessments.tests.test_engine_cli import CASE  # noqa: E402
from lantern.assessments.tests.test_tools_load import VALID, write  # noqa: E402


def run(*args: str):
    out = io.StringIO()
    call_command(Command(), *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "child.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    return path


def test_scores_a_file(answers_file):
    data = run("--answers", str(answers_file))
    assert (data["tool"], data["version"], data["score"], data["level"]) == (
        "seraf-style",
        1,
        12,
        "category_3",
    )
    assert data["fired"][0]["why"].startswith("Vulnerability 'bereavement or loss'")


def test_options_override_the_file(answers_file):
    data = run("--answers", str(answers_file), "--version", "2", "--as-at", "2020-01-01")
    assert (data["version"], data["as_at"], data["score"]) == (2, "2020-01-01", 3)


def test_list_indicators():
    rows = run("--list-indicators", "--tool", "seraf-style", "--version", "1")
    assert len(rows) == 37
    assert set(rows[0]) == {"id", "section", "text"}


def test_list_tools_and_check_definitions(tmp_path):
    assert ("short-screen", 1) in {(t["slug"], t["version"]) for t in run("--list-tools")}
    assert run("--check-definitions") == []
    write(tmp_path, VALID.replace("points: 2", "points: lots"))
    with pytest.raises(CommandError, match="1 tool definition file"):
        run("--check-definitions", "--extra-tools-dir", str(tmp_path))


def test_extra_tools_dir(tmp_path):
    write(tmp_path, VALID)
    rows = run("--list-indicators", "--tool", "local-tool", "--extra-tools-dir", str(tmp_path))
    assert [r["id"] for r in rows] == ["one", "two"]


def test_bulk(tmp_path, answers_file):
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files could not be scored"):
        call_command(Command(), "--bulk", str(tmp_path), stdout=out)
    results = json.loads(out.getvalue())
    assert [r["ok"] for r in results] == [False, True]
    assert (
        run("--bulk", str(tmp_path / "child*.json"), "--as-at", "2020-01-01")[0]["result"]["score"]
        == 3
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--answers", "/nonexistent/a.json"], "cannot read file"),
        (["--answers", "{path}", "--tool", "nope"], "no assessment tool called 'nope'"),
        (["--answers", "{path}", "--version", "9"], "has no version 9"),
        (["--answers", "{path}", "--as-at", "30/06/2019"], "is not a real date"),
        (["--list-indicators"], "needs --tool"),
        (["--bulk", "/nonexistent/*.json"], "no answers files found"),
        (["--answers", "{path}", "--version", "two"], "invalid int value"),
        ([], "one of the arguments"),
    ],
)
def test_errors_are_command_errors(answers_file, args, message):
    args = [a.replace("{path}", str(answers_file)) for a in args]
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_by_name_when_the_app_is_installed(answers_file):
    from django.conf import settings

    if not settings.configured:
        pytest.skip("Django settings are not configured (running with -p no:django)")
    from django.apps import apps

    if not apps.is_installed("lantern.assessments"):
        pytest.skip("lantern.assessments is not in INSTALLED_APPS yet")
    out = io.StringIO()
    call_command("score_assessment", answers=str(answers_file), stdout=out)
    assert json.loads(out.getvalue())["score"] == 12
