"""Worked cases for exploitation-risk v1 and short-screen v1 (scores computed by hand)."""

from __future__ import annotations

from datetime import date

from lantern.assessments.engine import score
from lantern.assessments.tests.helpers import answers

# exploitation-risk: as at 31 Mar 2024, current = from 31 Dec 2023, previous = from 30 Sep 2023.
ER_AS_AT = date(2024, 3, 31)
ER_SEEN = {
    "vul_care_experience": ["2020-01-01"],  # +1
    "vul_money_worries": ["2023-11"],  # month-only vulnerability: +1
    "con_missing": ["2023-12-31"],  # first day of current: +2
    "con_phones": ["2024-02-29"],  # current: +2
    "con_travel": ["2023-12-30"],  # previous: +1
    "ser_drug_running": ["2024-03-01", "2023-11-15"],  # current +5 and previous +2: 7
    "ser_taken_over_home": ["2023-10-01"],  # previous: +2
    "ser_known_exploiter": ["2023-09-29"],  # older than 6 months: 0
}
ER_DOB = date(2011, 5, 10)  # 12 on the as-at date


def test_exploitation_risk_worked_case():
    result = score(answers("exploitation-risk", 1, ER_AS_AT, ER_SEEN, dob=ER_DOB))
    assert result.score == 1 + 1 + 2 + 2 + 1 + 7 + 2 == 16
    assert result.level.code == "high"
    assert result.review_due == date(2024, 5, 12)  # high: every 6 weeks
    assert result.mandatory_actions == ("Referral to children's social care",)
    # Domain points (indicator points counted in each of its domains), High >= 7, Medium >= 3:
    assert result.domains.points == {
        "cse": 1 + 2,
        "cce": 1 + 1 + 2 + 2 + 7 + 2,
        "county_lines": 1 + 1 + 2 + 2 + 1 + 7 + 2,
        "modern_slavery_trafficking": 1 + 1 + 2 + 1,
        "online_harm": 0,
    }
    assert result.domains.levels == {
        "cse": "Medium",
        "cce": "High",
        "county_lines": "High",
        "modern_slavery_trafficking": "Medium",
        "online_harm": "Low",
    }
    assert result.domains.counts == {"High": 2, "Medium": 2, "Low": 1}


def test_exploitation_risk_what_would_change():
    result = score(answers("exploitation-risk", 1, ER_AS_AT, ER_SEEN, dob=ER_DOB))
    up, down = result.what_would_change
    assert up.startswith("One more vulnerability recorded, one more indicator of concern")
    assert up.endswith("would make this Very high (score 17 or more).")
    # Hand-traced: 1 Apr con_missing -> previous (15); 2 Apr taken-over home leaves (13);
    # 16 May older drug running leaves (11); 1 Jun phones -> previous (10);
    # 2 Jun drug running (1 Mar) -> previous: 5 -> 2, total 7 = Medium.
    assert down == (
        "If nothing new is recorded, this would fall to Medium (score 7) on 2 Jun 2024, "
        "when 'carrying or selling drugs for others' ages out."
    )
    later = score(answers("exploitation-risk", 1, date(2024, 6, 2), ER_SEEN, dob=ER_DOB))
    assert (later.score, later.level.code) == (7, "medium")
    day_before = score(answers("exploitation-risk", 1, date(2024, 6, 1), ER_SEEN, dob=ER_DOB))
    assert (day_before.score, day_before.level.code) == (10, "high")


def test_nrm_hard_rule_for_trafficking_indicators():
    seen = {"ser_forced_work": ["2024-03-20"]}
    result = score(answers("exploitation-risk", 1, ER_AS_AT, seen, dob=date(2007, 1, 1)))
    assert result.score == 5 and result.level.code == "medium"
    assert result.mandatory_actions == (
        "Referral to the National Referral Mechanism (a child's consent is not needed)",
    )
    both = score(answers("exploitation-risk", 1, ER_AS_AT, seen, dob=ER_DOB))
    assert both.mandatory_actions == (
        "Referral to children's social care",
        "Referral to the National Referral Mechanism (a child's consent is not needed)",
    )


SCREEN_AS_AT = date(2024, 5, 1)  # window from 1 Feb 2024


def test_short_screen_seek_advice():
    seen = {
        "scr_items": ["2024-05-01"],
        "scr_change": ["2024-04-20"],
        "scr_substances": ["2024-01-15"],
    }  # older than 3 months: not counted
    result = score(answers("short-screen", 1, SCREEN_AS_AT, seen))
    assert (result.score, result.level.code, result.level.label) == (
        2,
        "seek_advice",
        "Seek advice",
    )
    assert result.review_due is None
    assert result.domains.levels == {} and result.domains.counts == {
        "High": 0,
        "Medium": 0,
        "Low": 0,
    }
    assert result.what_would_change == (
        "One more concern in the last 3 months, or one more urgent concern in the last 3 months "
        "would make this Make a referral (score 3 or more).",
        "If nothing new is recorded, this would fall to No further action (score 0) on "
        "2 Aug 2024, when 'unexplained money or items' ages out.",
    )


def test_short_screen_immediate_danger():
    seen = {"scr_items": ["2024-05-01"], "scr_immediate_danger": ["2024-05-01"]}
    result = score(answers("short-screen", 1, SCREEN_AS_AT, seen))
    assert (result.score, result.level.code) == (4, "make_referral")
    assert result.mandatory_actions == ("Call 999 now, then tell your safeguarding lead",)
    assert result.fired[-1].rule == "DANGER"


def test_short_screen_no_further_action():
    result = score(answers("short-screen", 1, SCREEN_AS_AT, {"scr_items": []}))
    assert (result.score, result.level.code) == (0, "no_further_action")
