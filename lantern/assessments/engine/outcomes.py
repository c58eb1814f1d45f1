"""Distance travelled: outcome measures taken at set points during an intervention.

Why open scales: Outcomes Star is licensed and may not be built into software, so Lantern ships
its own scale (``distance-travelled``) and lets a partnership load a licensed tool as a
definition. These functions work for any ``kind: outcome`` definition.

Change is always reported as "better" or "worse" using each domain's ``better`` direction, so a
scale where lower is better cannot be misread in a cohort report. No small-number suppression
happens here: that is the reporting layer's job, which knows who is looking.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .definition import ToolDefinition
from .errors import AnswersError


@dataclass(frozen=True)
class Measure:
    """Scores for some or all domains, taken at one measurement point (e.g. ``baseline``)."""

    point: str
    date: date
    values: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DomainProgress:
    """Values per measurement point; ``change`` is latest minus baseline (``None`` if unknown)."""

    domain: str
    values: dict[str, int | None]
    change: int | None
    change_to: str | None
    better: str = "higher"

    @property
    def direction(self) -> str | None:
        """'improved', 'same' or 'worse', or ``None`` with no later measure to compare."""
        if self.change is None:
            return None
        signed = self.change if self.better == "higher" else -self.change
        return "improved" if signed > 0 else "worse" if signed < 0 else "same"


@dataclass(frozen=True)
class Progress:
    domains: dict[str, DomainProgress]

    def to_dict(self) -> dict:
        return {
            d: {
                "values": p.values,
                "change": p.change,
                "change_to": p.change_to,
                "direction": p.direction,
            }
            for d, p in self.domains.items()
        }


def measure_due_dates(
    start_date: date, tool: ToolDefinition, *, end_offset_days: int | None = None
) -> dict[str, date]:
    """Due date of each measurement point, e.g. baseline, six_weeks (+42 days), end (+84 days).

    ``end_offset_days`` replaces the offset of the configurable point (the end), because
    interventions differ in length; it must still fall after the point before it.
    """
    if tool.kind != "outcome":
        raise AnswersError(f"'{tool.slug}' is not an outcome measure")
    out: dict[str, date] = {}
    previous = -1
    for point in tool.measurement_points:
        offset = point.offset_days
        if point.configurable and end_offset_days is not None:
            offset = end_offset_days
        if offset <= previous:
            raise AnswersError(
                f"'{point.id}' would be due {offset} days after the start, which is not after "
                f"the previous measurement point ({previous} days)"
            )
        previous = offset
        out[point.id] = start_date + timedelta(days=offset)
    return out


def _check(measures: list[Measure], tool: ToolDefinition) -> None:
    problems = []
    points = {p.id for p in tool.measurement_points}
    for m in measures:
        if m.point not in points:
            problems.append(f"unknown measurement point '{m.point}' for {tool.slug}")
        for domain_id, value in m.values.items():
            domain = tool.domains_by_id.get(domain_id)
            if domain is None:
                problems.append(f"unknown domain '{domain_id}' for {tool.slug}")
            elif not isinstance(value, int) or not domain.scale_min <= value <= domain.scale_max:
                problems.append(
                    f"'{domain_id}' at {m.point}: {value!r} is not on the scale "
                    f"{domain.scale_min}-{domain.scale_max}"
                )
    if len({m.point for m in measures}) != len(measures):
        problems.append("a measurement point is given more than once")
    if problems:
        raise AnswersError(problems)


def progress(measures: Iterable[Measure], tool: ToolDefinition | None = None) -> Progress:
    """Per-domain values at each point and the change from baseline to the latest later point.

    With ``tool``, points are ordered as the tool defines them and values are checked against the
    scales; without it, points are ordered by date and the first is the baseline.
    """
    measures = list(measures)
    if tool is not None:
        _check(measures, tool)
        order = [p.id for p in tool.measurement_points]
        domain_ids = [d.id for d in tool.domains]
        better = {d.id: d.better for d in tool.domains}
    else:
        order = [m.point for m in sorted(measures, key=lambda m: m.date)]
        if len(set(order)) != len(order):
            raise AnswersError("a measurement point is given more than once")
        domain_ids = sorted({d for m in measures for d in m.values})
        better = {}
    by_point = {m.point: m for m in measures}
    result = {}
    for domain_id in domain_ids:
        values = {p: (by_point[p].values.get(domain_id) if p in by_point else None) for p in order}
        baseline = values[order[0]] if order else None
        change = change_to = None
        if baseline is not None:
            later = [p for p in order[1:] if values[p] is not None]
            if later:
                change_to = later[-1]
                change = values[change_to] - baseline
        result[domain_id] = DomainProgress(
            domain_id, values, change, change_to, better.get(domain_id, "higher")
        )
    return Progress(result)


def cohort_change(progresses: Iterable[Progress]) -> dict[str, dict]:
    """Per domain: how many children improved, stayed the same or got worse, and median change.

    ``median_change`` is signed so that positive always means better. Children with no later
    measure for a domain are counted as ``not_measured``.
    """
    summary: dict[str, dict] = {}
    changes: dict[str, list[int]] = {}
    for prog in progresses:
        for domain_id, dp in prog.domains.items():
            row = summary.setdefault(
                domain_id, {"improved": 0, "same": 0, "worse": 0, "not_measured": 0}
            )
            if dp.direction is None:
                row["not_measured"] += 1
                continue
            row[dp.direction] += 1
            signed = dp.change if dp.better == "higher" else -dp.change
            changes.setdefault(domain_id, []).append(signed)
    for domain_id, row in summary.items():
        values = changes.get(domain_id)
        row["median_change"] = statistics.median(values) if values else None
    return summary
