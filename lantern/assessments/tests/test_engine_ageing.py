"""Re-scoring the same answers later: indicators age out, and "what would change" says when."""

from __future__ import annotations

from datetime import date, timedelta

from lantern.assessments.engine import score
from lantern.assessments.tests.helpers import answers
from lantern.assessments.tests.test_engine_seraf import AS_AT, CASE_A, DOB_13


def _at(as_at: date):
    return score(answers("seraf-style", 1, as_at, CASE_A, dob=DOB_13))


def test_rescoring_later_shows_indicators_ageing_out():
    assert (_at(AS_AT).score, _at(AS_AT).level.code) == (16, "category_4")
    # 1 Jul 2019: 'short unexplained absences' (30 Dec 2018) leaves the 6-month window.
    assert (_at(date(2019, 7, 1)).score, _at(date(2019, 7, 1)).level.code) == (15, "category_3")
    # 1 Jan 2020: moderate gone; significant ones from Jan/Feb 2019 now 6-12 months (+1 each);
    # the 1 Dec 2018 and 1 Jul 2018 ones gone; vul_missing_history (15 Jul 2019) now counts.
    later = _at(date(2020, 1, 1))
    assert later.score == 3 + 1 + 1 == 5
    assert later.level.code == "category_1"
    assert later.mandatory_actions == ()
    assert [f.rule for f in later.fired] == ["VUL", "VUL", "VUL", "SIG-6-12M", "SIG-6-12M"]
    # 13 months on, only vulnerabilities remain.
    assert _at(date(2020, 3, 1)).score == 3


def test_down_sentence_names_the_date_and_indicator():
    assert _at(AS_AT).what_would_change == (
        "If nothing new is recorded, this would fall to Category 3: moderate risk (score 15) on "
        "1 Jul 2019, when 'short unexplained absences' ages out.",
    )


def test_down_sentence_agrees_with_rescoring():
    """The projected date is exactly the first day the re-scored level is lower."""
    result = score(answers("seraf-style", 1, date(2019, 8, 31), CASE_A, dob=DOB_13))
    sentence = result.what_would_change[-1]
    assert sentence.startswith("If nothing new is recorded, this would fall to")
    day = date(2019, 8, 31)
    start = _at(day).level.code
    while _at(day).level.code == start:
        day += timedelta(days=1)
    assert f"on {day.day} {day.strftime('%b')} {day.year}," in sentence
    assert f"(score {_at(day).score})" in sentence


def test_vulnerabilities_never_age_out():
    seen = {
        f: ["2010-01-01"]
        for f in (
            "vul_abuse_neglect",
            "vul_domestic_abuse",
            "vul_carer_difficulties",
            "vul_looked_after",
            "vul_loss",
            "vul_out_of_education",
        )
    }
    result = score(answers("seraf-style", 1, AS_AT, seen))
    assert result.level.code == "category_2"
    assert result.what_would_change[-1] == (
        "If nothing new is recorded, ageing out alone would not take this below "
        "Category 2: mild risk."
    )


def test_month_only_projection_uses_the_end_of_the_month():
    # Significant in Jan 2019 (month-only) as at 31 Jan 2019: counts as 31 Jan, leaves the
    # 6-month window when months_before(t, 6) > 31 Jan 2019, i.e. on 1 Aug 2019.
    seen = {"sig_images": ["2019-01"], "vul_loss": ["2018-01-01"], "vul_isolation": ["2018-01-01"]}
    result = score(answers("seraf-style", 1, date(2019, 1, 31), seen, dob=date(2003, 1, 1)))
    assert result.score == 7
    assert result.what_would_change[-1] == (
        "If nothing new is recorded, this would fall to Category 1: not currently at risk "
        "(score 3) on 1 Aug 2019, when 'sexual images asked for, shared or used as threats' "
        "ages out."
    )


def test_observations_after_the_as_at_date_are_not_used_in_projections():
    seen = dict(CASE_A, sig_debt=["2019-08-01"])  # recorded after 30 Jun 2019
    assert score(answers("seraf-style", 1, AS_AT, seen, dob=DOB_13)).what_would_change == (
        _at(AS_AT).what_would_change
    )
