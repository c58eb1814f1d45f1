"""Worked cases for seraf-style v1 and v2, each score computed by hand in the comments."""

from __future__ import annotations

import json
from datetime import date

from lantern.assessments.engine import load_tool, score
from lantern.assessments.tests.helpers import answers

AS_AT = date(2019, 6, 30)  # 6 months back: 30 Dec 2018; 12 months back: 30 Jun 2018
CASE_A = {
    "vul_abuse_neglect": ["2012-05-01"],  # vulnerability, any time: +1
    "vul_looked_after": ["2018-02"],  # month-only vulnerability: +1
    "vul_missing_history": ["2019-07-15"],  # after the as-at date: ignored
    "mod_substances": ["2019-03-03"],  # within 6 months: +1
    "mod_older_associates": ["2018-12-29"],  # one day before the window: 0
    "mod_short_missing": ["2018-12-30"],  # exactly 6 months: +1
    "sig_controlled_contact": ["2019-01-12"],  # within 6 months: +5
    "sig_images": ["2018-12-01", "2019-02"],  # 6-12 months (+1) and Feb 2019 (+5): 6
    "sig_missing_overnight": ["2018-07-01"],  # 6 to 12 months only: +1
    "sig_drugs_money": ["2018-06-29"],  # more than 12 months: 0
}
DOB_13 = date(2006, 3, 1)  # 13 on the as-at date


def test_case_a_v1_scores_16_category_4_with_mandatory_referral():
    result = score(answers("seraf-style", 1, AS_AT, CASE_A, dob=DOB_13))
    assert result.score == 1 + 1 + 1 + 1 + 5 + 6 + 1 == 16
    assert result.level.code == "category_4"
    assert result.level.label == "Category 4: significant risk"
    assert result.mandatory_actions == ("Referral to children's social care",)
    assert result.review_due == date(2019, 9, 30)  # category 4: every 3 months
    fired = [(f.rule, f.indicator, f.points) for f in result.fired]
    assert fired == [
        ("VUL", "vul_abuse_neglect", 1),
        ("VUL", "vul_looked_after", 1),
        ("MOD-6M", "mod_short_missing", 1),
        ("MOD-6M", "mod_substances", 1),
        ("SIG-6M", "sig_controlled_contact", 5),
        ("SIG-6M", "sig_images", 5),
        ("SIG-6-12M", "sig_images", 1),
        ("SIG-6-12M", "sig_missing_overnight", 1),
        ("AGE-13-SIG", None, 0),
    ]


def test_why_reads_as_plain_english():
    result = score(answers("seraf-style", 1, AS_AT, CASE_A, dob=DOB_13))
    why = {(f.rule, f.indicator): f.why for f in result.fired}
    assert why["SIG-6M", "sig_controlled_contact"] == (
        "Significant indicator 'older associate controls who the child sees' seen 12 Jan 2019, "
        "within 6 months of 30 Jun 2019: +5"
    )
    assert why["SIG-6M", "sig_images"].endswith(
        "seen Feb 2019 (month only), within 6 months of 30 Jun 2019: +5"
    )
    assert why["VUL", "vul_looked_after"] == (
        "Vulnerability 'looked after or care leaver' seen Feb 2018 (month only), "
        "on or before 30 Jun 2019: +1"
    )
    assert why["AGE-13-SIG", None].startswith("Aged 13 on 30 Jun 2019 (13 or under)")


def test_domain_profile_counts_levels():
    result = score(answers("seraf-style", 1, AS_AT, CASE_A, dob=DOB_13))
    # sexual_exploitation: controlled contact 5 + images 6; relationships 5; online 6;
    # home_family 1 + 1; missing 1 + 1; substances 1. Thresholds: High >= 5, Medium >= 2.
    assert result.domains.points["sexual_exploitation"] == 11
    assert result.domains.levels == {
        "home_family": "Medium",
        "education": "Low",
        "missing": "Medium",
        "relationships": "High",
        "online": "High",
        "substances": "Low",
        "health": "Low",
        "sexual_exploitation": "High",
        "criminal_exploitation": "Low",
    }
    assert result.domains.counts == {"High": 3, "Medium": 2, "Low": 4}


def test_case_a_v2_with_disability_scores_15_category_3():
    # v2: moderate indicators count within 3 months (from 30 Mar 2019), so both moderate
    # indicators drop out (-2); the recorded disability adds 1: 16 - 2 + 1 = 15.
    result = score(answers("seraf-style", 2, AS_AT, CASE_A, dob=DOB_13, disability=True))
    assert result.score == 15
    assert result.level.code == "category_3"
    assert ("DISABILITY", None, 1) in [(f.rule, f.indicator, f.points) for f in result.fired]
    assert "A physical or learning disability is recorded: +1" in [f.why for f in result.fired]
    assert result.review_due == date(2019, 9, 30)


def test_case_a_v2_without_disability_scores_14():
    result = score(answers("seraf-style", 2, AS_AT, CASE_A, dob=DOB_13))
    assert result.score == 14
    assert "DISABILITY" not in [f.rule for f in result.fired]


def test_pinned_version_is_used():
    a1 = answers("seraf-style", 1, AS_AT, CASE_A, dob=DOB_13)
    assert score(a1).version == 1 and score(a1).score == 16
    a_latest = answers("seraf-style", None, AS_AT, CASE_A, dob=DOB_13)
    assert score(a_latest).version == 2 and score(a_latest).score == 14


def test_no_mandatory_referral_at_14_or_with_only_older_significant_indicators():
    older_child = score(answers("seraf-style", 1, AS_AT, CASE_A, dob=date(2005, 6, 30)))
    assert older_child.mandatory_actions == ()  # 14 today
    just_13 = score(answers("seraf-style", 1, AS_AT, CASE_A, dob=date(2005, 7, 1)))
    assert just_13.mandatory_actions == ("Referral to children's social care",)
    only_old = score(answers("seraf-style", 1, AS_AT, {"sig_images": ["2018-12-01"]}, dob=DOB_13))
    assert only_old.mandatory_actions == ()


def test_unknown_date_of_birth_keeps_the_age_rule_as_a_precaution():
    result = score(answers("seraf-style", 1, AS_AT, CASE_A, dob=None))
    assert result.mandatory_actions == ("Referral to children's social care",)
    assert "date of birth not recorded" in result.fired[-1].why


def test_case_b_category_1_review_and_next_step():
    seen = {
        "vul_loss": ["2015-04-01"],
        "vul_isolation": ["2018-01-01"],
        "mod_substances": ["2019-06-01"],
        "mod_marked_change": ["2019-05-01"],
        "sig_images": ["2018-10-01"],  # 6 to 12 months: +1
    }
    result = score(answers("seraf-style", 1, AS_AT, seen, dob=date(2004, 1, 1)))
    assert result.score == 5
    assert result.level.code == "category_1"
    assert result.review_due == date(2019, 8, 11)  # 6 weeks
    assert result.mandatory_actions == ()
    assert result.what_would_change == (
        "One more vulnerability recorded, one more moderate indicator seen in the last 6 months, "
        "or one more significant indicator seen in the last 6 months would make this "
        "Category 2: mild risk (score 6 or more).",
    )


def test_nothing_recorded_scores_zero():
    result = score(answers("seraf-style", 1, AS_AT, {}))
    assert (result.score, result.level.code, result.fired) == (0, "category_1", ())


def test_band_edges():
    tool = load_tool("seraf-style", 1)
    assert [tool.band_for(s).code for s in (0, 5, 6, 10, 11, 15, 16, 99)] == [
        "category_1",
        "category_1",
        "category_2",
        "category_2",
        "category_3",
        "category_3",
        "category_4",
        "category_4",
    ]


def test_to_dict_has_exactly_the_agreed_keys_and_is_json_safe():
    data = score(answers("seraf-style", 1, AS_AT, CASE_A, dob=DOB_13)).to_dict()
    assert list(data) == [
        "tool",
        "version",
        "as_at",
        "score",
        "level",
        "fired",
        "domains",
        "mandatory_actions",
        "level_label",
        "review_due",
        "what_would_change",
    ]
    assert data["as_at"] == "2019-06-30" and data["review_due"] == "2019-09-30"
    assert data["level"] == "category_4"
    assert set(data["fired"][0]) == {"rule", "indicator", "points", "why"}
    assert data["domains"]["counts"] == {"High": 3, "Medium": 2, "Low": 4}
    assert json.loads(json.dumps(data)) == data
