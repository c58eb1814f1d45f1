"""The emerging-threats rule: exceedance, zero baselines, short histories, year ends, one alert
per surge, and what a page may publish."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.analysis.threats import (
    DRUG_SUPPLY_ARREST,
    INTELLIGENCE_PLACE,
    MISSING,
    Rule,
    area_named_in,
    classify,
    detect,
    latest_complete_week,
    one_in,
    place_index,
    poisson_tail,
    publish,
    score,
    week_label,
    weekly_counts,
    weeks_between,
)

START = dt.date(2026, 1, 5)  # a Monday


def _weeks(n, start=START):
    return [start + dt.timedelta(weeks=i) for i in range(n)]


def _run(values, rule=None, start=START):
    weeks = _weeks(len(values), start)
    return detect({("North", MISSING): list(values)}, weeks, rule or Rule())


@pytest.mark.parametrize("name", ["detect", "weeks", "kinds", "rule"])
def test_docstring_examples(name):
    module = importlib.import_module(f"lantern.analysis.threats.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted and not result.failed


def test_poisson_tail_matches_a_direct_sum():
    import math

    for mean in (0.5, 3.1, 20.0):
        for k in (0, 1, 4, 9, 30):
            direct = 1 - sum(math.exp(-mean) * mean**j / math.factorial(j) for j in range(k))
            assert poisson_tail(k, mean) == pytest.approx(direct, abs=1e-12)
    assert poisson_tail(60, 2.0) > 0  # tiny chances stay above zero


def test_one_in_wording():
    assert one_in(0.0047) == "about once in 210 weeks"
    assert one_in(1e-9) == "less than once in a million weeks"


def test_a_surge_alerts_and_says_why():
    found = _run([3, 2, 4, 3, 3, 2, 4, 3, 3, 4, 2, 3, 9])
    [alert] = found.current()
    assert alert.state(found.latest_week) == "new"
    text = alert.explain()
    assert text.startswith("North: 9 missing episodes in the week of 30 March 2026")
    assert "12-week mean of 3.0" in text and "about once in" in text


def test_an_ordinary_week_does_not_alert():
    found = _run([3, 2, 4, 3, 3, 2, 4, 3, 3, 4, 2, 3, 6])  # P(X>=6 | 3) is about 0.08
    assert found.current() == [] and found.episodes == []


def test_zero_baseline_needs_more_than_one_event():
    quiet = [0] * 12
    assert _run(quiet + [1]).episodes == []
    assert _run(quiet + [2]).episodes == []  # below min_count
    [alert] = _run(quiet + [4]).episodes  # P(X>=4 | floor 0.5) is about 0.002
    assert "12-week mean of 0.0" in alert.explain()
    # The floor, not the zero mean, sets the chance quoted.
    assert alert.first.p == pytest.approx(poisson_tail(4, 0.5))


def test_short_history_is_not_tested():
    rule = Rule(min_history_weeks=6)
    found = _run([0, 0, 0, 0, 9], rule)  # four weeks of history: too few
    assert found.episodes == []
    assert [t.mean for t in found.series[("North", MISSING)].tests] == [None] * 5
    assert _run([0, 0, 0, 0, 0, 0, 9], rule).episodes  # six weeks: tested


def test_a_continuing_surge_is_one_alert_with_a_frozen_baseline():
    found = _run([2] * 12 + [9, 10, 8, 11])
    [alert] = found.episodes
    assert len(alert.unusual_weeks) == 4
    assert alert.state(found.latest_week) == "continuing"
    text = alert.explain()
    assert "above the usual level for 4 weeks, since the week of 30 March 2026" in text
    assert "11 missing episodes in the week of 20 April 2026 against a 12-week mean of 2.0 before the rise" in text


def test_a_one_week_dip_does_not_raise_a_second_alert():
    found = _run([2] * 12 + [9, 10, 3, 9, 10])
    assert len(found.episodes) == 1
    assert len(found.episodes[0].weeks) == 5


def test_a_surge_ends_after_quiet_weeks_and_a_later_one_is_new():
    found = _run([2] * 12 + [9, 10, 2, 2] + [2] * 4 + [10])
    first, second = found.raised()
    assert first.ended is not None and first.ended_because == "quiet"
    assert [w.count for w in first.weeks] == [9, 10]  # the quiet weeks are not part of it
    assert second.first.count == 10
    # The first surge's weeks stayed out of the second's baseline.
    assert second.first.mean == pytest.approx(2.0)


def test_easing_then_ended_wording():
    found = _run([2] * 12 + [9, 2])
    [alert] = found.current()
    assert alert.state(found.latest_week) == "easing"
    assert "was back within it" in alert.explain()
    found = _run([2] * 12 + [9, 2, 2])
    assert found.current() == []
    assert "were above the usual level in the week of 30 March 2026" in found.episodes[0].explain()


def test_a_lasting_rise_becomes_the_new_level():
    rule = Rule(max_surge_weeks=4)
    found = _run([2] * 12 + [9] * 10, rule)
    first = found.raised()[0]
    assert first.ended_because == "new_level" and len(first.weeks) == 4
    # After it closes, its weeks are ordinary: the baseline rises and the alerts stop.
    assert found.series[("North", MISSING)].tests[-1].unusual is False


def test_weeks_run_across_a_53_week_year():
    weeks = weeks_between(dt.date(2026, 10, 1), dt.date(2027, 1, 17))
    labels = [week_label(w) for w in weeks]
    assert labels[-3:] == ["2026-W53", "2027-W01", "2027-W02"]
    events = [(dt.date(2026, 12, 31), "North", MISSING), (dt.date(2027, 1, 3), "North", MISSING),
              (dt.date(2027, 1, 4), "North", MISSING)]
    counts = weekly_counts(events, weeks, ["North"], [MISSING])[("North", MISSING)]
    assert counts[labels.index("2026-W53")] == 2 and counts[labels.index("2027-W01")] == 1
    found = detect({("North", MISSING): [1] * (len(weeks) - 1) + [8]}, weeks)
    assert "the week of 11 January 2027" in found.current()[0].explain()


def test_latest_complete_week():
    assert latest_complete_week(dt.date(2026, 11, 30)) == dt.date(2026, 11, 23)  # Monday
    assert latest_complete_week(dt.date(2026, 12, 6)) == dt.date(2026, 11, 23)  # Sunday: part week
    assert latest_complete_week(dt.date(2027, 1, 4)) == dt.date(2026, 12, 28)  # 2026-W53


def test_rule_settings_are_checked():
    assert Rule.from_settings({"alpha": 0.001}).alpha == 0.001
    with pytest.raises(ValueError, match="Unknown threat rule settings: alhpa"):
        Rule.from_settings({"alhpa": 0.001})
    with pytest.raises(ValueError):
        Rule(min_history_weeks=20)


def test_classify_and_places():
    assert classify("missing") == MISSING
    assert classify("arrest", "drug_supply") == DRUG_SUPPLY_ARREST
    assert classify("arrest", "", "arrested again on suspicion of supplying drugs") == DRUG_SUPPLY_ARREST
    assert classify("arrest", "", "arrested for shoplifting") is None
    assert classify("intelligence") == INTELLIGENCE_PLACE
    assert classify("contact") is None
    assert classify("concern", "school", concern_type="cse") == "cse"
    assert classify("stop", "", concern_type="drug_supply", arrested=True) == DRUG_SUPPLY_ARREST
    assert classify("intelligence", concern_type="cse") == INTELLIGENCE_PLACE
    index = place_index({"Kelbrook": "North", "Upper Kelbrook": "East", "Harrowden": "West"})
    assert area_named_in("seen at a flat in Upper Kelbrook", index) == "East"
    assert area_named_in("seen near the bus station in kelbrook.", index) == "North"
    assert area_named_in("seen in Porthaven", index) is None


def test_published_alert_hides_small_counts_and_the_chance():
    found = _run([0] * 12 + [4])
    [alert] = found.current()
    shown = publish(found, alert, threshold=5)
    assert shown.count is None and shown.mean is not None  # 4 is small; the zero total is shown
    assert "too few to publish" in shown.text and "chance" not in shown.text
    assert "4" not in shown.text.replace("2026", "")
    assert all(w.count is None for w in shown.weeks if w.surge)
    big = publish(_run([3, 2, 4, 3, 3, 2, 4, 3, 3, 4, 2, 3, 9]), _run([3, 2, 4, 3, 3, 2, 4, 3, 3, 4, 2, 3, 9]).current()[0], threshold=5)
    # Weekly counts of 2-4 are hidden, so the baseline total (36) would give them back only
    # with the rest shown: it is published (36 >= 5) and the mean with it, the 9 too.
    assert big.count == 9 and big.mean == pytest.approx(3.0)
    assert big.as_dict()["count_suppressed"] is False
    assert [w.count for w in big.weeks][:3] == [None, None, None]


def test_published_mean_is_hidden_when_the_baseline_total_is_small():
    found = _run([0] * 11 + [1] + [6])
    [alert] = found.current()
    shown = publish(found, alert, threshold=5)
    assert shown.count == 6 and shown.mean is None
    assert "usual level too low to publish" in shown.text and "chance" not in shown.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=15), min_size=1, max_size=60))
def test_every_unusual_week_belongs_to_exactly_one_episode(values):
    found = _run(values)
    owners = {}
    for e in found.episodes:
        for w in e.unusual_weeks:
            assert w.week not in owners
            owners[w.week] = e
        assert e.first.unusual and e.weeks[-1].unusual or e.ended is None
    unusual = {t.week for t in found.series[("North", MISSING)].tests if t.unusual}
    assert unusual <= set(owners)


def test_score_counts_found_surges_and_false_alarms():
    weeks = _weeks(40)
    values = [2] * 40
    for i in (20, 21):
        values[i] = 11
    values[30] = 12  # not planted: a false alarm
    found = detect({("North", MISSING): values}, weeks)
    surges = [{"area": "North", "kind": MISSING, "first_week": weeks[20].isoformat(), "weeks": 2},
              {"area": "West", "kind": MISSING, "first_week": weeks[25].isoformat(), "weeks": 2}]
    result = score(found.episodes, surges, start=weeks[12], end=weeks[-1])
    assert (result.planted, result.found, result.alerts, result.true_alerts) == (2, 1, 2, 1)
    assert result.recall == 0.5 and result.precision == 0.5 and result.delays == [0]
