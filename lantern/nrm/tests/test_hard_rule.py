"""exploitation-risk v2: the hard rules cover criminal exploitation and drug running (NRM)."""

from __future__ import annotations

from datetime import date

import pytest

from lantern.assessments.engine import load_tool, score
from lantern.assessments.tests.helpers import answers

AS_AT = date(2024, 3, 31)
NRM_ACTION = "Referral to the National Referral Mechanism (a child's consent is not needed)"


@pytest.mark.parametrize("indicator", ["ser_drug_running", "ser_taken_over_home",
                                       "ser_family_threatened", "ser_debt"])
def test_current_criminal_exploitation_makes_an_nrm_referral_mandatory(indicator):
    result = score(answers("exploitation-risk", 2, AS_AT, {indicator: ["2024-03-20"]}, dob=date(2007, 1, 1)))
    assert result.mandatory_actions == (NRM_ACTION,)
    assert any(f.rule == "NRM-CRIMINAL" for f in result.fired)


def test_older_drug_running_does_not_fire_and_v1_is_unchanged():
    old = score(answers("exploitation-risk", 2, AS_AT, {"ser_drug_running": ["2023-11-15"]}, dob=date(2007, 1, 1)))
    assert old.mandatory_actions == ()
    v1 = score(answers("exploitation-risk", 1, AS_AT, {"ser_drug_running": ["2024-03-20"]}, dob=date(2007, 1, 1)))
    assert v1.mandatory_actions == ()  # a stored v1 assessment keeps meaning what it meant


def test_v2_scores_like_v1():
    seen = {"ser_drug_running": ["2024-03-01"], "con_phones": ["2024-02-29"], "vul_care_experience": ["2020-01-01"]}
    one = score(answers("exploitation-risk", 1, AS_AT, seen, dob=date(2007, 1, 1)))
    two = score(answers("exploitation-risk", 2, AS_AT, seen, dob=date(2007, 1, 1)))
    assert (one.score, one.level.code, one.domains.levels) == (two.score, two.level.code, two.domains.levels)
    assert [i.id for i in load_tool("exploitation-risk", 1).indicators] == [
        i.id for i in load_tool("exploitation-risk", 2).indicators]
