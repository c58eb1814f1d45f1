"""Emerging threats: weekly counts per area and kind against a trailing baseline.

Plain data in, plain data out (no Django): ``(date, area, kind)`` triples become weekly series
(``weekly_counts``), the Poisson exceedance rule (``Rule``, docs/adr/0020-emerging-threats.md)
tests each week (``detect``), and each surge is one alert (``Episode``) that explains itself.
``publish`` turns an alert into what a page may show (counts through disclosure control);
``score`` measures the rule against planted surges (the bench).

Example::

    weeks = weeks_between(start, latest_complete_week(as_at))
    found = detect(weekly_counts(events, weeks, areas), weeks, Rule())
    for alert in found.current():
        print(alert.explain())   # "North: 9 missing episodes in the week of ... against ..."
"""

from lantern.analysis.threats.detect import (
    Detection,
    Episode,
    Series,
    WeekTest,
    detect,
    run_series,
    weekly_counts,
)
from lantern.analysis.threats.kinds import (
    CSE,
    DRUG_SUPPLY_ARREST,
    INTELLIGENCE_PLACE,
    KINDS,
    LABELS,
    MISSING,
    area_named_in,
    classify,
    noun,
    place_index,
)
from lantern.analysis.threats.publish import PublishedAlert, ShownWeek, publish
from lantern.analysis.threats.rule import Rule, one_in, poisson_tail
from lantern.analysis.threats.scoring import Score, score
from lantern.analysis.threats.weeks import (
    latest_complete_week,
    monday_of,
    week_label,
    week_phrase,
    weeks_between,
)

__all__ = [
    "CSE", "DRUG_SUPPLY_ARREST", "INTELLIGENCE_PLACE", "KINDS", "LABELS", "MISSING",
    "Detection", "Episode", "PublishedAlert", "Rule", "Score", "Series", "ShownWeek", "WeekTest",
    "area_named_in", "classify", "detect", "latest_complete_week", "monday_of", "noun", "one_in",
    "place_index", "poisson_tail", "publish", "run_series", "score", "week_label", "week_phrase",
    "weekly_counts", "weeks_between",
]
