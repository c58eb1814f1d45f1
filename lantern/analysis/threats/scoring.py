"""How well the rule finds surges planted with ground truth (the synthetic generator's
``ground_truth.json`` ``surges``): precision and recall, for the bench and the tests.

A planted surge is *found* when an alert of the same area and kind has an unusual week inside
the surge's weeks. An alert is *true* when it finds some planted surge; every other alert in the
scored period is a false alarm (the synthetic history has natural clusters too: those count
against the rule, as they would against a real analyst's time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lantern.analysis.threats.detect import Episode
from lantern.analysis.threats.weeks import ONE_WEEK, monday_of


@dataclass
class Score:
    planted: int
    found: int
    alerts: int
    true_alerts: int
    delays: list[int] = field(default_factory=list)  # weeks from surge start to its alert
    missed: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.true_alerts / self.alerts if self.alerts else 1.0

    def as_dict(self) -> dict:
        return {"planted": self.planted, "found": self.found, "alerts": self.alerts,
                "true_alerts": self.true_alerts, "recall": round(self.recall, 3),
                "precision": round(self.precision, 3),
                "mean_delay_weeks": round(sum(self.delays) / len(self.delays), 2) if self.delays else None}


def surge_weeks(surge: Mapping) -> set[dt.date]:
    first = monday_of(dt.date.fromisoformat(surge["first_week"]))
    return {first + i * ONE_WEEK for i in range(int(surge["weeks"]))}


def score(episodes: Iterable[Episode], surges: Iterable[Mapping], *, start: dt.date,
          end: dt.date, area_key=lambda s: s["area"]) -> Score:
    """Score alerts that opened in ``start``..``end`` (inclusive) against planted surges whose
    first week lies in the same period."""
    eps = [e for e in episodes if start <= e.first_week <= end]
    planted = [s for s in surges if start <= dt.date.fromisoformat(s["first_week"]) <= end]
    hits: set[int] = set()
    result = Score(planted=len(planted), found=0, alerts=len(eps), true_alerts=0)
    for s in planted:
        weeks = surge_weeks(s)
        match = [e for e in eps if e.area == area_key(s) and e.kind == s["kind"]
                 and any(w.week in weeks for w in e.unusual_weeks)]
        if match:
            result.found += 1
            first_hit = min(w.week for e in match for w in e.unusual_weeks if w.week in weeks)
            result.delays.append((first_hit - min(weeks)).days // 7)
            hits.update(id(e) for e in match)
        else:
            result.missed.append(dict(s))
    result.true_alerts = sum(1 for e in eps if id(e) in hits)
    return result
