"""Meaning checks on a schema-valid definition: the things a JSON Schema cannot say.

Why each check exists: a duplicate indicator id would make stored answers ambiguous; a rule that
names an unknown section would silently score nothing; bands that overlap or leave gaps would give
a child no level, or two. Each check reports through ``fail(path, message)``, where ``path`` points
into the raw data so the loader can name the line.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable

from .definition import ToolDefinition

Fail = Callable[[tuple, str], None]

_WINDOW_FIELDS = {"as_at"}
_HARD_RULE_FIELDS = {"as_at", "age"}


def check_definition(data: dict, tool: ToolDefinition, fail: Fail) -> None:
    """Run every check; the first problem found raises through ``fail``."""
    _unique_ids(data, fail)
    if tool.kind == "outcome":
        _check_outcome(data, fail)
        return
    _check_references(data, tool, fail)
    _check_conditions(data, tool, fail)
    _check_bands(data, tool, fail)
    _check_review(data, tool, fail)


def _unique(items: Iterable[tuple[tuple, str]], what: str, fail: Fail) -> None:
    seen: dict[str, tuple] = {}
    for at, value in items:
        if value in seen:
            fail(at, f"duplicate {what} '{value}'")
        seen[value] = at


def _listed(data: dict, key: str, field: str = "id") -> list[tuple[tuple, str]]:
    return [((key, i, field), item[field]) for i, item in enumerate(data.get(key, ()))]


def _unique_ids(data: dict, fail: Fail) -> None:
    _unique(_listed(data, "sections"), "section id", fail)
    _unique(_listed(data, "indicators"), "indicator id", fail)
    _unique(_listed(data, "windows"), "window id", fail)
    _unique(_listed(data, "bands", "code"), "band code", fail)
    _unique(_listed(data, "domains"), "domain id", fail)
    _unique(_listed(data, "measurement_points"), "measurement point id", fail)
    # Rule codes share one namespace: a stored result names fired rules by code alone.
    codes = _listed(data, "scoring", "code") + _listed(data, "modifiers", "code")
    _unique(codes + _listed(data, "hard_rules", "code"), "rule code", fail)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _check_template(at: tuple, template: str, allowed: set[str], fail: Fail) -> None:
    try:
        names = _placeholders(template)
    except ValueError as exc:
        fail(at, f"bad placeholder in text: {exc}")
        return
    unknown = names - allowed
    if unknown:
        fail(at, f"unknown placeholder {{{sorted(unknown)[0]}}}; use {sorted(allowed)}")


def _check_references(data: dict, tool: ToolDefinition, fail: Fail) -> None:
    sections, domains = tool.sections_by_id, tool.domains_by_id
    for i, ind in enumerate(data["indicators"]):
        if ind["section"] not in sections:
            fail(
                ("indicators", i, "section"),
                f"indicator '{ind['id']}' names unknown section '{ind['section']}'",
            )
        for d in ind.get("domains", ()):
            if d not in domains:
                fail(
                    ("indicators", i, "domains"),
                    f"indicator '{ind['id']}' names unknown domain "
                    f"'{d}' (declare it under domains)",
                )
    for s in tool.sections:
        if not any(ind.section == s.id for ind in tool.indicators):
            fail(("sections", tool.sections.index(s)), f"section '{s.id}' has no indicators")
    for i, w in enumerate(data["windows"]):
        if w.get("to_months") is not None and w["to_months"] <= w.get("from_months", 0):
            fail(
                ("windows", i),
                f"window '{w['id']}' must end (to_months) after it starts (from_months)",
            )
        if w.get("to_months") is None and w.get("from_months", 0):
            fail(("windows", i), f"window '{w['id']}' with no to_months must start at 0")
        _check_template(("windows", i, "why"), w["why"], _WINDOW_FIELDS, fail)
    for i, rule in enumerate(data["scoring"]):
        at = ("scoring", i)
        if ("section" in rule) == ("indicators" in rule):
            fail(at, f"rule '{rule['code']}' needs exactly one of 'section' or 'indicators'")
        _check_targets(at, rule, tool, fail)
    for d in tool.domains:
        if d.high is not None and d.medium is not None and d.high <= d.medium:
            fail(("domains", tool.domains.index(d)), f"domain '{d.id}': high must be above medium")
    if tool.domains and any(d.high is None or d.medium is None for d in tool.domains):
        fail(
            ("domains",),
            "every domain needs high and medium thresholds (set "
            "domain_thresholds, or high/medium on the domain)",
        )


def _check_targets(at: tuple, raw: dict, tool: ToolDefinition, fail: Fail) -> None:
    label = raw.get("code", "condition")
    if "section" in raw and raw["section"] not in tool.sections_by_id:
        fail(at + ("section",), f"'{label}' names unknown section '{raw['section']}'")
    for ind in raw.get("indicators", ()):
        if ind not in tool.indicators_by_id:
            fail(at + ("indicators",), f"'{label}' names unknown indicator '{ind}'")
    if "window" in raw and raw["window"] not in tool.windows_by_id:
        fail(at + ("window",), f"'{label}' names unknown window '{raw['window']}'")


def _check_conditions(data: dict, tool: ToolDefinition, fail: Fail) -> None:
    for key, template_fields in (("modifiers", _WINDOW_FIELDS), ("hard_rules", _HARD_RULE_FIELDS)):
        for i, rule in enumerate(data.get(key, ())):
            at, when = (key, i), rule["when"]
            _check_targets(at + ("when",), when, tool, fail)
            if ("section" in when or "indicators" in when) and "window" not in when:
                fail(
                    at + ("when",),
                    f"'{rule['code']}': a section or indicators condition needs a window",
                )
            if "section" in when and "indicators" in when:
                fail(at + ("when",), f"'{rule['code']}': give a section or indicators, not both")
            if "window" in when and not ("section" in when or "indicators" in when):
                fail(at + ("when",), f"'{rule['code']}': a window needs a section or indicators")
            lo, hi = when.get("age_at_least"), when.get("age_at_most")
            if lo is not None and hi is not None and lo > hi:
                fail(at + ("when",), f"'{rule['code']}': age_at_least is above age_at_most")
            _check_template(at + ("why",), rule["why"], template_fields, fail)


def max_possible_score(tool: ToolDefinition) -> int:
    """Highest score the tool can give: every rule fires for every indicator it covers."""
    total = sum(r.points for rules in tool.rules_for.values() for r in rules)
    return total + sum(m.points for m in tool.modifiers)


def _check_bands(data: dict, tool: ToolDefinition, fail: Fail) -> None:
    order = sorted(range(len(data["bands"])), key=lambda i: data["bands"][i]["min"])
    bands = data["bands"]
    for i in order:
        b = bands[i]
        if b["max"] is not None and b["max"] < b["min"]:
            fail(("bands", i, "max"), f"band '{b['code']}' has max {b['max']} below min {b['min']}")
    first = bands[order[0]]
    if first["min"] != 0:
        fail(
            ("bands", order[0], "min"),
            f"the lowest band '{first['code']}' must start at 0, "
            f"not {first['min']}: scores from 0 to {first['min'] - 1} would have no band",
        )
    for prev_i, next_i in zip(order, order[1:]):
        prev, nxt = bands[prev_i], bands[next_i]
        if prev["max"] is None or nxt["min"] <= prev["max"]:
            upper = "and above" if prev["max"] is None else f"to {prev['max']}"
            fail(
                ("bands", next_i, "min"),
                f"band '{nxt['code']}' (from {nxt['min']}) overlaps "
                f"band '{prev['code']}' ({prev['min']} {upper})",
            )
        if nxt["min"] > prev["max"] + 1:
            fail(
                ("bands", next_i, "min"),
                f"gap between bands: scores {prev['max'] + 1} to "
                f"{nxt['min'] - 1} fall between '{prev['code']}' and '{nxt['code']}'",
            )
    last = bands[order[-1]]
    top = max_possible_score(tool)
    if last["max"] is not None and last["max"] < top:
        fail(
            ("bands", order[-1], "max"),
            f"the highest band '{last['code']}' ends at "
            f"{last['max']} but the tool can score up to {top}; use max: null for 'and above'",
        )


def _check_review(data: dict, tool: ToolDefinition, fail: Fail) -> None:
    if "review" not in data:
        if tool.kind == "risk":
            fail((), "a risk tool needs a review schedule (review: intervals: per band code)")
        return
    intervals = data["review"]["intervals"]
    for code in intervals:
        if code not in tool.bands_by_code:
            fail(("review", "intervals", code), f"review interval for unknown band '{code}'")
    for band in tool.bands:
        if band.code not in intervals:
            fail(("review", "intervals"), f"no review interval for band '{band.code}'")


def _check_outcome(data: dict, fail: Fail) -> None:
    for i, d in enumerate(data["domains"]):
        if "scale" not in d:
            fail(("domains", i), f"outcome domain '{d['id']}' needs a scale (min and max)")
        lo, hi = d["scale"]["min"], d["scale"]["max"]
        if lo >= hi:
            fail(("domains", i, "scale"), f"domain '{d['id']}': scale min must be below max")
        values = [a["value"] for a in d.get("anchors", ())]
        for j, v in enumerate(values):
            if not lo <= v <= hi:
                fail(("domains", i, "anchors", j), f"anchor {v} is outside the scale {lo}-{hi}")
        if len(set(values)) != len(values):
            fail(("domains", i, "anchors"), f"domain '{d['id']}' has two anchors for one value")
    points = data["measurement_points"]
    if points[0]["offset_days"] != 0:
        fail(
            ("measurement_points", 0, "offset_days"),
            "the first measurement point (baseline) must have offset_days: 0",
        )
    for i in range(1, len(points)):
        if points[i]["offset_days"] <= points[i - 1]["offset_days"]:
            fail(
                ("measurement_points", i, "offset_days"),
                "measurement points must be in order of increasing offset_days",
            )
