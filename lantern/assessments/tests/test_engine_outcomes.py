"""Distance travelled: due dates, per-child progress and cohort change."""

from __future__ import annotations

from datetime import date

import pytest

from lantern.assessments.engine import (
    AnswersError,
    Measure,
    cohort_change,
    load_tool,
    measure_due_dates,
    progress,
)

TOOL = load_tool("distance-travelled", 1)
START = date(2024, 1, 10)


def test_distance_travelled_has_eight_domains_on_a_one_to_ten_scale():
    assert [d.id for d in TOOL.domains] == [
        "feeling_safe",
        "trusted_adults",
        "going_missing",
        "education_training",
        "emotional_wellbeing",
        "substance_use",
        "online_safety",
        "healthy_relationships",
    ]
    assert {(d.scale_min, d.scale_max) for d in TOOL.domains} == {(1, 10)}
    assert all(len(d.anchors) >= 2 for d in TOOL.domains)


def test_measure_due_dates_default_and_configured_end():
    assert measure_due_dates(START, TOOL) == {
        "baseline": date(2024, 1, 10),
        "six_weeks": date(2024, 2, 21),
        "end": date(2024, 4, 3),
    }
    assert measure_due_dates(START, TOOL, end_offset_days=120)["end"] == date(2024, 5, 9)
    with pytest.raises(AnswersError, match="not after the previous measurement point"):
        measure_due_dates(START, TOOL, end_offset_days=42)
    with pytest.raises(AnswersError, match="not an outcome measure"):
        measure_due_dates(START, load_tool("seraf-style", 1))


def _child(baseline: dict, six: dict | None = None, end: dict | None = None):
    measures = [Measure("baseline", START, baseline)]
    if six is not None:
        measures.append(Measure("six_weeks", date(2024, 2, 21), six))
    if end is not None:
        measures.append(Measure("end", date(2024, 4, 3), end))
    return progress(measures, TOOL)


def test_progress_per_domain():
    p = _child(
        {"feeling_safe": 3, "going_missing": 2, "online_safety": 6},
        {"feeling_safe": 5, "going_missing": 2},
        {"feeling_safe": 7, "online_safety": 4},
    )
    safe = p.domains["feeling_safe"]
    assert safe.values == {"baseline": 3, "six_weeks": 5, "end": 7}
    assert (safe.change, safe.change_to, safe.direction) == (4, "end", "improved")
    missing = p.domains["going_missing"]  # no end value: change to the latest, six weeks
    assert (missing.change, missing.change_to, missing.direction) == (0, "six_weeks", "same")
    assert p.domains["online_safety"].direction == "worse"
    assert p.domains["trusted_adults"].change is None  # never measured
    assert p.to_dict()["feeling_safe"] == {
        "values": {"baseline": 3, "six_weeks": 5, "end": 7},
        "change": 4,
        "change_to": "end",
        "direction": "improved",
    }


def test_progress_rejects_values_off_the_scale_and_unknown_names():
    with pytest.raises(AnswersError) as info:
        _child({"feeling_safe": 11, "happiness": 5, "trusted_adults": 0})
    assert len(info.value.problems) == 3
    assert "'feeling_safe' at baseline: 11 is not on the scale 1-10" in info.value.problems
    with pytest.raises(AnswersError, match="unknown measurement point 'midway'"):
        progress([Measure("midway", START, {})], TOOL)


def test_progress_without_a_tool_orders_by_date():
    p = progress(
        [Measure("later", date(2024, 3, 1), {"x": 2}), Measure("first", date(2024, 1, 1), {"x": 5})]
    )
    assert p.domains["x"].values == {"first": 5, "later": 2}
    assert p.domains["x"].direction == "worse"


def test_cohort_change_counts_and_median():
    cohort = [
        _child({"feeling_safe": 3}, end={"feeling_safe": 7}),  # +4
        _child({"feeling_safe": 5}, end={"feeling_safe": 6}),  # +1
        _child({"feeling_safe": 5}, end={"feeling_safe": 5}),  # 0
        _child({"feeling_safe": 8}, end={"feeling_safe": 6}),  # -2
        _child({"feeling_safe": 4}),  # not measured again
    ]
    summary = cohort_change(cohort)
    assert summary["feeling_safe"] == {
        "improved": 2,
        "same": 1,
        "worse": 1,
        "not_measured": 1,
        "median_change": 0.5,
    }
    assert summary["trusted_adults"]["median_change"] is None
    assert summary["trusted_adults"]["not_measured"] == 5


def test_lower_is_better_scales_are_reported_the_right_way_round():
    from lantern.assessments.engine.outcomes import DomainProgress, Progress

    worse = Progress({"harm": DomainProgress("harm", {"a": 2, "b": 5}, 3, "b", better="lower")})
    better = Progress({"harm": DomainProgress("harm", {"a": 5, "b": 2}, -3, "b", better="lower")})
    assert worse.domains["harm"].direction == "worse"
    summary = cohort_change([worse, better, better])
    assert summary["harm"]["improved"] == 2 and summary["harm"]["worse"] == 1
    assert summary["harm"]["median_change"] == 3  # positive means better
