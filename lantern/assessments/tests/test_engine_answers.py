"""Answers that do not fit the tool fail loudly, listing every problem; entry rejects the future."""

from __future__ import annotations

from datetime import date

import pytest

from lantern.assessments.engine import (
    Answers,
    AnswersError,
    Child,
    IndicatorAnswer,
    Observation,
    load_tool,
    score,
    validate_answers,
)
from lantern.assessments.tests.helpers import answers, obs

AS_AT = date(2019, 6, 30)


def test_unknown_indicator_is_rejected_with_a_clear_error():
    with pytest.raises(AnswersError) as info:
        score(answers("seraf-style", 1, AS_AT, {"sig_images": ["2019-01-01"], "sig_typo": []}))
    assert info.value.problems == ["unknown indicator 'sig_typo' for seraf-style v1"]
    assert str(info.value) == "unknown indicator 'sig_typo' for seraf-style v1"


def test_indicator_from_another_version_is_rejected():
    tool = load_tool("short-screen")
    with pytest.raises(AnswersError, match="unknown indicator 'sig_images' for short-screen v1"):
        score(answers("short-screen", 1, AS_AT, {"sig_images": ["2019-01-01"]}), tool)


def test_all_problems_are_listed():
    a = Answers(
        "seraf-style",
        1,
        AS_AT,
        Child(None),
        [
            IndicatorAnswer("nope", []),
            IndicatorAnswer("sig_images", [Observation(date(2019, 1, 1), evidence_type="rumour")]),
            IndicatorAnswer("sig_images", []),
            IndicatorAnswer(
                "sig_disclosed_abuse", [Observation(date(2019, 1, 1), evidence_type="intelligence")]
            ),
        ],
    )
    with pytest.raises(AnswersError) as info:
        score(a)
    assert len(info.value.problems) == 4
    text = str(info.value)
    assert text.startswith("4 problems: ")
    assert "unknown evidence type 'rumour'" in text
    assert "'sig_images' is answered twice" in text
    assert "evidence type 'intelligence' is not accepted for this indicator" in text


def test_answers_for_another_tool_or_version():
    a = answers("seraf-style", 1, AS_AT, {})
    with pytest.raises(AnswersError, match="answers are for 'seraf-style' but the tool is"):
        score(a, load_tool("short-screen"))
    with pytest.raises(AnswersError, match="recorded against seraf-style v1, not v2"):
        score(a, load_tool("seraf-style", 2))


def test_outcome_tools_are_not_scored():
    with pytest.raises(AnswersError, match="outcome measure: use progress"):
        score(answers("distance-travelled", 1, AS_AT, {}))


def test_accepted_evidence_types_score():
    a = Answers(
        "seraf-style",
        1,
        AS_AT,
        Child(None),
        [
            IndicatorAnswer(
                "sig_disclosed_abuse",
                [
                    Observation(
                        date(2019, 5, 1),
                        source_agency="School",
                        evidence_type="disclosed",
                        note="to DSL",
                    )
                ],
            ),
        ],
    )
    assert score(a).score == 5


def test_entry_validation_rejects_future_dates():
    today = date(2019, 6, 30)
    ok = answers("seraf-style", 1, AS_AT, {"sig_images": ["2019-06-30", "2019-06"]})
    validate_answers(ok, load_tool("seraf-style", 1), today=today)  # this month is fine
    future = answers("seraf-style", 1, AS_AT, {"sig_images": ["2019-07-01", "2019-07"]})
    with pytest.raises(AnswersError) as info:
        validate_answers(future, load_tool("seraf-style", 1), today=today)
    assert info.value.problems == [
        "'sig_images': observation date 2019-07-01 is in the future",
        "'sig_images': observation date 2019-07 is in the future",
    ]


def test_entry_validation_checks_as_at_and_birth_date():
    tool = load_tool("seraf-style", 1)
    a = answers("seraf-style", 1, date(2019, 7, 2), {}, dob=date(2019, 7, 1))
    with pytest.raises(AnswersError) as info:
        validate_answers(a, tool, today=date(2019, 6, 30))
    assert "the as-at date 2019-07-02 is in the future" in info.value.problems
    assert "the date of birth 2019-07-01 is after the as-at date or today" in info.value.problems


def test_entry_validation_includes_the_scoring_checks():
    with pytest.raises(AnswersError, match="unknown indicator 'x'"):
        validate_answers(
            answers("seraf-style", 1, AS_AT, {"x": []}), load_tool("seraf-style", 1), today=AS_AT
        )


def test_answers_are_immutable_values():
    a = answers("seraf-style", 1, AS_AT, {"sig_images": [obs("2019-01-01")]})
    assert isinstance(a.answers, tuple) and isinstance(a.answers[0].observations, tuple)
    with pytest.raises(AttributeError):
        a.as_at = date(2020, 1, 1)
