"""An alert as a page may show it: every count through ``lantern.analysis.disclosure``.

Who reads the threat page (analysts, managers, panel chairs) may not open the records behind a
count, so the weekly series and the alert's own figures are protected as tables: the weeks
shown are one table, the baseline weeks with their total (the mean times the number of weeks)
another, protected together. The mean is published only when that total is; the week's count
only when its cell is; the chance only when both are (it would give either back). A hidden
figure is shown as "hidden", like every other hidden figure in Lantern.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lantern.analysis.disclosure import Table, protect_linked
from lantern.analysis.threats.detect import Detection, Episode
from lantern.analysis.threats.kinds import LABELS
from lantern.analysis.threats.weeks import week_label

ROW = "count"


@dataclass(frozen=True)
class ShownWeek:
    week: dt.date
    label: str
    count: int | None  # None: hidden
    baseline: bool  # one of the weeks that made the alert's baseline
    surge: bool  # one of the alert's weeks


@dataclass(frozen=True)
class PublishedAlert:
    id: str
    area: str
    kind: str
    label: str
    state: str
    first_week: dt.date
    latest_week: dt.date
    count: int | None
    mean: float | None
    baseline_weeks: int
    text: str
    weeks: tuple[ShownWeek, ...]

    def as_dict(self) -> dict:
        return {
            "id": self.id, "area": self.area, "kind": self.kind, "state": self.state,
            "first_week": week_label(self.first_week), "latest_week": week_label(self.latest_week),
            "count": self.count, "count_suppressed": self.count is None,
            "baseline_mean": None if self.mean is None else round(self.mean, 2),
            "baseline_weeks": self.baseline_weeks, "explanation": self.text,
            "series": [{"week": w.label, "monday": w.week.isoformat(), "count": w.count,
                        "suppressed": w.count is None, "baseline": w.baseline, "surge": w.surge}
                       for w in self.weeks],
        }


def publish(detection: Detection, episode: Episode, *, threshold: int) -> PublishedAlert:
    """``episode`` with its series from its first baseline week to the latest week, protected."""
    weeks = detection.weeks
    series = detection.series[(episode.area, episode.kind)]
    base_idx = episode.first.baseline
    first_i = weeks.index(episode.first_week)
    start = min(base_idx) if base_idx else first_i
    shown_idx = list(range(start, len(weeks)))
    labels = {i: week_label(weeks[i]) for i in shown_idx}
    # The baseline weeks are published with their total (the mean gives it away); every other
    # week shown stands alone (its own one-figure table), since no total of them is published.
    tables = []
    if base_idx:
        tables.append(Table.from_rows(
            {ROW: {labels[i]: series.tests[i].count for i in base_idx}},
            columns=[labels[i] for i in base_idx], total_column=("baseline", "total")))
    alone = [i for i in shown_idx if i not in set(base_idx)]
    tables += [Table.from_rows({ROW: {labels[i]: series.tests[i].count}},
                               total_column=("week", labels[i])) for i in alone]
    published = protect_linked(tables, threshold=threshold)
    cells: dict[str, int | None] = {}
    for p in published:
        cells.update(p.row(ROW))
    mean = None
    if base_idx:
        total = published[0].row_totals[0]
        mean = None if total is None else total / len(base_idx)
    state = episode.state(detection.latest_week)
    focus = {"new": episode.latest, "continuing": episode.latest, "ended": episode.peak}.get(
        state, episode.last_unusual)
    count = cells[week_label(focus.week)]
    surge_weeks = {w.week for w in episode.weeks}
    base_weeks = {weeks[i] for i in base_idx}
    return PublishedAlert(
        id=episode.id, area=episode.area, kind=episode.kind, label=LABELS[episode.kind],
        state=state, first_week=episode.first_week, latest_week=detection.latest_week,
        count=count, mean=mean, baseline_weeks=len(base_idx),
        text=episode.explain(count=count, mean=mean, as_of_week=detection.latest_week),
        weeks=tuple(ShownWeek(weeks[i], labels[i], cells[labels[i]], weeks[i] in base_weeks,
                              weeks[i] in surge_weeks) for i in shown_idx),
    )
