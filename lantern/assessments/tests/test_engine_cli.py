"""Answers files: parsing, scoring one file, listing indicators and scoring many."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lantern.assessments.engine import (
    AnswersError,
    UnknownTool,
    list_indicators,
    parse_answers,
    score_file,
    score_many,
)

CASE = {
    "tool": "seraf-style",
    "version": 1,
    "as_at": "2019-06-30",
    "child": {"date_of_birth": "2006-03-01", "disability": False},
    "answers": [
        {"indicator": "sig_controlled_contact", "observed": ["2019-01-12"]},
        {
            "indicator": "sig_images",
            "observed": [
                "2018-12-01",
                {
                    "date": "2019-02",
                    "source_agency": "School",
                    "evidence_type": "disclosed",
                    "note": "told the DSL",
                },
            ],
        },
        {"indicator": "vul_loss", "observed": ["2014-05-05"]},
    ],
}


def write(tmp_path: Path, data, name="a.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_parse_answers_reads_dates_month_only_and_objects():
    a = parse_answers(CASE)
    assert (a.tool, a.version, a.as_at) == ("seraf-style", 1, date(2019, 6, 30))
    assert a.child.date_of_birth == date(2006, 3, 1)
    month_only = a.answers[1].observations[1]
    assert (month_only.date, month_only.month_only) == (date(2019, 2, 1), True)
    assert (month_only.source_agency, month_only.evidence_type) == ("School", "disclosed")


def test_score_file(tmp_path):
    result = score_file(write(tmp_path, CASE))
    assert result["score"] == 5 + 5 + 1 + 1  # 12: category 3
    assert result["level"] == "category_3"
    assert result["mandatory_actions"] == ["Referral to children's social care"]


def test_arguments_override_the_file(tmp_path):
    path = write(tmp_path, CASE)
    later = score_file(path, as_at="2020-01-01")
    assert later["as_at"] == "2020-01-01"
    assert later["score"] == 1 + 1 + 1  # both significant now 6-12 months, plus vulnerability
    with pytest.raises(UnknownTool, match="has no version 7"):
        score_file(path, version=7)
    with pytest.raises(AnswersError, match="unknown indicator 'sig_controlled_contact'"):
        score_file(path, tool="short-screen", version=1)


def test_missing_version_means_latest(tmp_path):
    data = dict(CASE)
    del data["version"]
    assert score_file(write(tmp_path, data))["version"] == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"as_at": None}, "no as_at date given"),
        ({"as_at": "2019-06"}, "as_at must be a full date"),
        ({"as_at": "30/06/2019"}, "as_at: '30/06/2019' is not a real date"),
        ({"tool": None}, "no tool given"),
        ({"version": "1"}, "version must be a whole number"),
        ({"child": {"date_of_birth": "2006-02-30"}}, "child.date_of_birth: '2006-02-30'"),
        ({"child": {"disability": "yes"}}, "child.disability must be true or false"),
        ({"answers": [{"observed": []}]}, "answers[1]: expected an object with an 'indicator'"),
        (
            {"answers": [{"indicator": "vul_loss", "observed": ["2019-13-01"]}]},
            "vul_loss observed[1]: '2019-13-01' is not a real date",
        ),
        (
            {"answers": [{"indicator": "vul_loss", "observed": [{"when": "2019-01-01"}]}]},
            "unknown field(s) when",
        ),
        ({"colour": "blue"}, "unknown top-level field(s): colour"),
    ],
)
def test_bad_answers_files_name_the_problem(change, message):
    data = {**CASE, **change}
    with pytest.raises(AnswersError) as info:
        parse_answers(data)
    assert any(message in p for p in info.value.problems), info.value.problems


def test_unreadable_files(tmp_path):
    with pytest.raises(AnswersError, match="not valid JSON"):
        score_file(write(tmp_path, "{nope"))
    with pytest.raises(AnswersError, match="cannot read file"):
        score_file(tmp_path / "missing.json")


def test_list_indicators():
    rows = list_indicators("short-screen", 1)
    assert len(rows) == 10
    assert rows[0] == {
        "id": "scr_missing",
        "section": "concern",
        "text": "Is the child often missing from home, care or school, or out very late?",
    }


def test_score_many_reports_each_file(tmp_path):
    write(tmp_path, CASE, "1-good.json")
    write(tmp_path, {**CASE, "answers": [{"indicator": "nope", "observed": []}]}, "2-bad.json")
    write(tmp_path, "not json", "3-broken.json")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    out = score_many(tmp_path)
    assert [(Path(o["file"]).name, o["ok"]) for o in out] == [
        ("1-good.json", True),
        ("2-bad.json", False),
        ("3-broken.json", False),
    ]
    assert out[0]["result"]["score"] == 12
    assert "unknown indicator 'nope'" in out[1]["error"]
    by_glob = score_many(str(tmp_path / "1-*.json"), as_at="2020-01-01")
    assert [o["result"]["score"] for o in by_glob] == [3]
    assert len(score_many([tmp_path / "1-good.json", tmp_path / "2-bad.json"])) == 2
