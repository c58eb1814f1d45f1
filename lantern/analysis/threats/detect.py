"""Weekly counts per area and kind, tested week by week against a trailing baseline.

How a continuing surge is alerted once: the weeks of a surge are an *episode*. The first
unusual week opens it (that is the alert); later unusual weeks extend it; it ends only after
``Rule.end_after_quiet_weeks`` ordinary weeks in a row, or when it has run
``Rule.max_surge_weeks`` (then it is a new level, not a surge). Weeks inside an episode are left
out of later baselines, so a surge does not raise its own bar and hide its second week, and the
alert's explanation keeps quoting the mean from before the rise.

>>> import datetime as dt
>>> weeks = weeks_between(dt.date(2026, 8, 31), dt.date(2026, 11, 23))
>>> counts = {("North", "missing"): [3, 2, 4, 3, 3, 2, 4, 3, 3, 4, 2, 3, 9]}
>>> [a.explain() for a in detect(counts, weeks).current()]  # doctest: +NORMALIZE_WHITESPACE
['North: 9 missing episodes in the week of 23 November 2026 against a 12-week mean of 3.0.
  A week this high would come by chance about once in 260 weeks.']
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lantern.analysis.threats.kinds import KINDS, noun
from lantern.analysis.threats.rule import Rule, one_in
from lantern.analysis.threats.weeks import monday_of, week_phrase, weeks_between

Key = tuple[str, str]  # (area, kind)
#: "Use the true figure" (the default for ``Episode.explain``), distinct from None (hidden).
TRUE = object()


@dataclass(frozen=True)
class WeekTest:
    """One week of one series as the rule saw it."""

    week: dt.date
    count: int
    mean: float | None  # the baseline mean; None when the history was too short to test
    baseline_weeks: int  # how many ordinary weeks made the mean
    p: float | None
    unusual: bool
    #: Indices (into the run's weeks) of the ordinary weeks that made ``mean``; kept for the
    #: first week of an episode, which pages show as the baseline.
    baseline: tuple[int, ...] = ()


@dataclass
class Episode:
    """A surge: unusual weeks of one series, alerted once (see the module docstring)."""

    area: str
    kind: str
    weeks: list[WeekTest] = field(default_factory=list)  # unusual weeks and quiet weeks between
    ended: dt.date | None = None  # the week it was judged over (None: still running)
    ended_because: str = ""  # "quiet" or "new_level"
    quiet_weeks: int = 2  # the rule's end_after_quiet_weeks, for the wording

    @property
    def id(self) -> str:
        return f"{self.area}:{self.kind}:{self.first_week.isoformat()}"

    @property
    def first(self) -> WeekTest:
        return self.weeks[0]

    @property
    def first_week(self) -> dt.date:
        return self.weeks[0].week

    @property
    def unusual_weeks(self) -> list[WeekTest]:
        return [w for w in self.weeks if w.unusual]

    @property
    def last_unusual(self) -> WeekTest:
        return self.unusual_weeks[-1]

    @property
    def peak(self) -> WeekTest:
        return max(self.unusual_weeks, key=lambda w: (w.count, -w.week.toordinal()))

    @property
    def latest(self) -> WeekTest:
        return self.weeks[-1]

    def state(self, as_of_week: dt.date) -> str:
        """``new`` (first unusual week is the latest week), ``continuing`` (still unusual),
        ``easing`` (back to normal, not yet for long enough to end) or ``ended``."""
        if self.ended is not None and self.ended <= as_of_week:
            return "ended"
        if self.latest.week != as_of_week:
            return "ended"
        if len(self.weeks) == 1:
            return "new"
        return "continuing" if self.latest.unusual else "easing"

    def explain(self, *, count: int | None | object = TRUE, mean: float | None | object = TRUE,
                as_of_week: dt.date | None = None) -> str:
        """Why this alert, in plain words.

        A page that may publish less passes the figures it may show: ``count`` (the week's
        count) and ``mean`` (the baseline mean), None where hidden. The chance is quoted only
        when both are shown, since with one of them it would give the other back.
        """
        week = as_of_week or self.ended or self.latest.week
        state = self.state(week)
        shown = self.latest if state in ("new", "continuing") else (
            self.peak if state == "ended" else self.last_unusual)
        n = shown.count if count is TRUE else count
        m = self.first.mean if mean is TRUE else mean
        many = noun(self.kind)
        base = (f"a {self.first.baseline_weeks}-week mean of {m:.1f}" if m is not None
                else "a usual level too low to publish")
        figure = (f"{n} {noun(self.kind, n)}" if n is not None
                  else f"an unusual number of {many} (too few to publish)")
        chance = (f" A week this high would come by chance {one_in(shown.p)}."
                  if n is not None and m is not None and shown.p is not None else "")
        if state == "new":
            return f"{self.area}: {figure} in {week_phrase(shown.week)} against {base}.{chance}"
        if state == "continuing":
            return (f"{self.area}: {many} above the usual level for {len(self.weeks)} weeks, "
                    f"since {week_phrase(self.first_week)}: {figure} in {week_phrase(shown.week)} "
                    f"against {base} before the rise.{chance}")
        span = (f"from {week_phrase(self.first_week)} to {week_phrase(self.last_unusual.week)}"
                if self.last_unusual.week != self.first_week else f"in {week_phrase(self.first_week)}")
        if state == "easing":
            return (f"{self.area}: {many} were above the usual level {span}; {week_phrase(week)} "
                    f"was back within it. The alert closes after {self.quiet_weeks} ordinary "
                    f"weeks in a row.")
        return f"{self.area}: {many} were above the usual level {span} (at the peak, {figure} against {base})."


@dataclass
class Series:
    area: str
    kind: str
    tests: list[WeekTest]

    @property
    def counts(self) -> list[int]:
        return [t.count for t in self.tests]


@dataclass
class Detection:
    """Everything the rule found over a run of weeks."""

    rule: Rule
    weeks: list[dt.date]
    series: dict[Key, Series]
    episodes: list[Episode]

    @property
    def latest_week(self) -> dt.date:
        return self.weeks[-1]

    def current(self) -> list[Episode]:
        """Alerts a reader should see now: episodes running in the latest week, newest rises
        and biggest first."""
        live = [e for e in self.episodes if e.state(self.latest_week) != "ended"]
        return sorted(live, key=lambda e: (e.first_week, e.peak.count), reverse=True)

    def raised(self) -> list[Episode]:
        """Every episode, in the order they opened (one alert each)."""
        return sorted(self.episodes, key=lambda e: (e.first_week, e.area, e.kind))


def weekly_counts(events: Iterable[tuple[dt.date, str, str]], weeks: Sequence[dt.date],
                  areas: Iterable[str], kinds: Iterable[str] = KINDS) -> dict[Key, list[int]]:
    """Counts per (area, kind) per week from ``(date, area, kind)`` triples; weeks with
    nothing are 0, and events outside ``weeks`` are ignored."""
    index = {w: i for i, w in enumerate(weeks)}
    tally: Counter = Counter()
    for day, area, kind in events:
        i = index.get(monday_of(day))
        if i is not None:
            tally[(area, kind, i)] += 1
    return {(a, k): [tally[(a, k, i)] for i in range(len(weeks))]
            for a in areas for k in kinds}


def run_series(area: str, kind: str, counts: Sequence[int], weeks: Sequence[dt.date],
                rule: Rule) -> tuple[Series, list[Episode]]:
    """Run the rule along one series (oldest week first)."""
    tests: list[WeekTest] = []
    episodes: list[Episode] = []
    excluded: set[int] = set()  # weeks inside episodes: never part of a baseline
    open_ep: Episode | None = None
    open_idx: list[int] = []
    quiet = 0
    window = rule.baseline_weeks
    for i, (week, n) in enumerate(zip(weeks, counts)):
        used: list[int] = []
        j = i - 1
        while j >= 0 and len(used) < window and i - j <= 3 * window:
            if j not in excluded:
                used.append(j)
            j -= 1
        history = [counts[j] for j in used]
        if len(history) < rule.min_history_weeks:
            t = WeekTest(week, n, None, len(history), None, False)
        else:
            mean = sum(history) / len(history)
            if open_ep is not None:  # compare with the level before the rise
                mean = open_ep.first.mean
            unusual, p = rule.unusual(n, mean)
            if open_ep is None:
                t = WeekTest(week, n, mean, len(history), p, unusual,
                             tuple(sorted(used)) if unusual else ())
            else:
                t = WeekTest(week, n, mean, open_ep.first.baseline_weeks, p, unusual)
        tests.append(t)
        if open_ep is None:
            if t.unusual:
                open_ep = Episode(area, kind, [t], quiet_weeks=rule.end_after_quiet_weeks)
                open_idx = [i]
                excluded.add(i)
                quiet = 0
            continue
        open_ep.weeks.append(t)
        open_idx.append(i)
        excluded.add(i)
        quiet = 0 if t.unusual else quiet + 1
        if quiet >= rule.end_after_quiet_weeks:
            # trailing quiet weeks are ordinary weeks again
            for _ in range(quiet):
                open_ep.weeks.pop()
                excluded.discard(open_idx.pop())
            open_ep.ended, open_ep.ended_because = week, "quiet"
            episodes.append(open_ep)
            open_ep = None
        elif len(open_ep.weeks) >= rule.max_surge_weeks:
            excluded.difference_update(open_idx)  # a new level: these weeks are the baseline now
            open_ep.ended, open_ep.ended_because = week, "new_level"
            episodes.append(open_ep)
            open_ep = None
    if open_ep is not None:
        episodes.append(open_ep)
    return Series(area, kind, tests), episodes


def detect(counts: Mapping[Key, Sequence[int]], weeks: Sequence[dt.date],
           rule: Rule | None = None) -> Detection:
    """Test every series; ``counts[(area, kind)]`` runs over ``weeks`` (oldest first)."""
    rule = rule or Rule()
    weeks = list(weeks)
    series: dict[Key, Series] = {}
    episodes: list[Episode] = []
    for (area, kind), values in counts.items():
        if len(values) != len(weeks):
            raise ValueError(f"{area} {kind}: {len(values)} counts for {len(weeks)} weeks")
        s, eps = run_series(area, kind, values, weeks, rule)
        series[(area, kind)] = s
        episodes += eps
    return Detection(rule, weeks, series, episodes)


__all__ = ["Detection", "Episode", "Series", "WeekTest", "detect", "run_series", "weekly_counts",
           "weeks_between"]
