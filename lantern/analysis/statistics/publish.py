"""Counts made publishable: every figure through ``lantern.analysis.disclosure``, and the
figures drawn from them (a median age, a rate) only where the counts behind them are shown.

Why one step for all: statistics published together (one dashboard, one report, one export)
are protected together (``protect_linked``), so a figure hidden in one table cannot be worked
out from another that shares its totals.

Example::

    published = publish(compute_all(db, filters), threshold=5)
    published[0].figures()   # [Figure(definition='cse_incidents', row='2024', ...), ...]
"""

from __future__ import annotations

import statistics as pystats
from collections.abc import Sequence
from dataclasses import dataclass, field

from lantern.analysis.disclosure import Published, Reason, Table, protect_linked
from lantern.analysis.statistics.definitions import Count

__all__ = ["Derived", "Figure", "PublishedStatistic", "publish"]


@dataclass(frozen=True)
class Figure:
    """One published figure: ``value`` is None where it is hidden."""

    definition: str
    row: str
    column: str
    value: int | float | None
    suppressed: bool
    reason: str = ""  # "primary" or "secondary" for a hidden count; "" when shown

    def as_json(self) -> dict:
        return {"definition": self.definition, "row": self.row, "column": self.column,
                "value": self.value, "suppressed": self.suppressed}


@dataclass(frozen=True)
class Derived:
    """A figure drawn from shown counts (a median, a rate); None when any count behind it is
    hidden or they add up to less than the threshold."""

    label: str
    row: str
    value: int | float | None
    unit: str = ""


@dataclass
class PublishedStatistic:
    count: Count
    published: Published
    derived: list[Derived] = field(default_factory=list)
    #: A sentence about a trend, only from shown figures ("" when none can be said).
    finding: str = ""

    @property
    def definition(self) -> str:
        return self.count.definition

    @property
    def title(self) -> str:
        return self.count.title

    def rows(self) -> list[dict]:
        """Table rows for a template: label, cells (int or None), total."""
        c, p = self.count, self.published
        return [{"label": r, "cells": list(p.counts[i]), "total": p.row_totals[i]}
                for i, r in enumerate(c.rows)]

    @property
    def column_totals(self) -> list:
        return list(self.published.column_totals)

    @property
    def total(self):
        return self.published.total

    def figures(self) -> list[Figure]:
        c, p = self.count, self.published
        out = []
        single = c.columns == (c.total_label,)  # one column: it is the total, named once
        names = [] if single else [(r, col) for r in c.rows for col in c.columns]
        names += [(r, c.total_label) for r in c.rows]
        names += ([] if single else [("Total", col) for col in c.columns]) + [("Total", c.total_label)]
        values = {}
        for i, r in enumerate(c.rows):
            for j, col in enumerate(c.columns):
                values[(r, col)] = p.counts[i][j]
            values[(r, c.total_label)] = p.row_totals[i]
        for j, col in enumerate(c.columns):
            values[("Total", col)] = p.column_totals[j]
        values[("Total", c.total_label)] = p.total
        keys = _keys(c)
        if single:
            for r in c.rows:
                values[(r, c.total_label)] = p.row_totals[c.rows.index(r)]
            values[("Total", c.total_label)] = p.total
            keys.update({(r, c.total_label): ((c.row_ns, r), (c.total_ns, c.total_label)) for r in c.rows})
            keys[("Total", c.total_label)] = ((c.row_ns, "Total"), (c.total_ns, c.total_label))
        for name in names:
            reason = p.reasons.get(keys[name])
            out.append(Figure(c.definition, name[0], name[1], values[name], values[name] is None,
                              reason.value if isinstance(reason, Reason) else ""))
        for d in self.derived:
            out.append(Figure(c.definition, d.row, d.label, d.value, d.value is None,
                              "" if d.value is not None else "drawn from hidden counts"))
        return out


def _keys(c: Count) -> dict:
    """Display names -> the namespaced names the disclosure table uses."""
    rn, cn, tn = c.row_ns or c.definition, c.column_ns or c.definition, c.total_ns or c.definition
    keys = {}
    for r in c.rows:
        for col in c.columns:
            keys[(r, col)] = ((rn, r), (cn, col))
        keys[(r, c.total_label)] = ((rn, r), (tn, c.total_label))
    for col in c.columns:
        keys[("Total", col)] = ((rn, "Total"), (cn, col))
    keys[("Total", c.total_label)] = ((rn, "Total"), (tn, c.total_label))
    return keys


def _table(c: Count) -> Table:
    rn, cn, tn = c.row_ns or c.definition, c.column_ns or c.definition, c.total_ns or c.definition
    return Table(tuple((rn, r) for r in c.rows), tuple((cn, col) for col in c.columns), c.counts,
                 total_row=(rn, "Total"), total_column=(tn, c.total_label))


def publish(counts: Sequence[Count], *, threshold: int) -> list[PublishedStatistic]:
    """Protect every count together and add the derived figures that may be shown."""
    protected = protect_linked([_table(c) for c in counts], threshold=threshold)
    out = []
    for c, p in zip(counts, protected):
        stat = PublishedStatistic(c, p)
        _derive(stat, threshold)
        out.append(stat)
    return out


def _shown(values: Sequence, threshold: int) -> bool:
    return all(v is not None for v in values) and sum(values) >= threshold


def _derive(stat: PublishedStatistic, threshold: int) -> None:
    c, p = stat.count, stat.published
    if c.definition == "age_profile":
        medians = []
        for i, year in enumerate(c.rows):
            ages = c.detail.get("ages", {}).get(year, {})
            ok = _shown(list(p.counts[i]), threshold) and ages
            value = None
            if ok:
                value = pystats.median([a for a, n in sorted(ages.items()) for _ in range(n)])
                medians.append((int(year), value))
            stat.derived.append(Derived("Median age", year, value, "years"))
        stat.finding = _trend(medians)
    elif c.definition == "return_interviews":
        _rates(stat, threshold, {
            "Offered": ("Held within 72 hours", "Held after 72 hours", "Offered, declined",
                        "Offered, not held yet"),
            "Accepted (held)": ("Held within 72 hours", "Held after 72 hours"),
            "Held within 72 hours": ("Held within 72 hours",),
        })
    elif c.definition == "override_rate":
        _rates(stat, threshold, {"Override rate": ("Level changed by professional judgement",)},
               percent=True)
    elif c.definition == "reviews_on_time":
        _rates(stat, threshold, {"Reviews on time": ("On time",)}, percent=True)


def _rates(stat: PublishedStatistic, threshold: int, parts: dict, *, percent: bool = False) -> None:
    """Per row and overall, a sum of some columns (and with ``percent`` its share of the row):
    shown only when every count in the row is shown."""
    c, p = stat.count, stat.published
    rows = [(r, list(p.counts[i])) for i, r in enumerate(c.rows)]
    rows.append(("Total", list(p.column_totals)))
    for label, columns in parts.items():
        idx = [c.columns.index(col) for col in columns]
        for row, values in rows:
            value = None
            if _shown(values, threshold):
                n = sum(values[j] for j in idx)
                value = round(100 * n / sum(values), 1) if percent else n
            stat.derived.append(Derived(label + (" (%)" if percent else ""), row, value,
                                        "%" if percent else ""))


def _trend(medians: list[tuple[int, float]]) -> str:
    """Whether the median age is falling: the least-squares slope over the years shown."""
    if len(medians) < 3:
        return ""
    n = len(medians)
    mx = sum(y for y, _ in medians) / n
    my = sum(m for _, m in medians) / n
    sxx = sum((y - mx) ** 2 for y, _ in medians)
    slope = sum((y - mx) * (m - my) for y, m in medians) / sxx if sxx else 0.0
    first, last = medians[0], medians[-1]
    direction = "falling" if slope < -0.05 else "rising" if slope > 0.05 else "about level"
    return (f"The median age is {direction}: {first[1]:g} in {first[0]} and {last[1]:g} in "
            f"{last[0]} (about {abs(slope):.2f} years a year).")
