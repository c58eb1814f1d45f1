"""The shared evaluation core: which observations count at a date, and which rules hold.

Why separate from ``scoring``: the same functions answer "what is the score today?" (with
explanations) and "what would it be on a later date if nothing new is recorded?" (``explain``,
without explanations, many times over), and both must agree exactly.
"""

from __future__ import annotations

from datetime import date

from .answers import Answers, Child, Observation
from .dates import age_in_years
from .definition import Condition, ToolDefinition

# Effective date and observation, most recent first, per indicator id.
Dated = dict[str, list[tuple[date, Observation]]]


def dated_observations(answers: Answers, at: date) -> Dated:
    """Observations that count at ``at``, with their effective dates, newest first."""
    out: Dated = {}
    for ans in answers.answers:
        items = [(eff, obs) for obs in ans.observations if (eff := obs.effective_date(at))]
        if items:
            items.sort(key=lambda pair: pair[0], reverse=True)
            out[ans.indicator_id] = items
    return out


def in_window(bounds: tuple[date | None, date], items: list[tuple[date, Observation]]) -> list:
    lo, hi = bounds
    return [pair for pair in items if pair[0] <= hi and (lo is None or pair[0] >= lo)]


def condition_holds(
    cond: Condition, tool: ToolDefinition, child: Child, at: date, dated: Dated
) -> bool:
    """Whether every part of ``cond`` holds. An unknown date of birth meets an age condition.

    Why precautionary: the age rules exist to protect younger children (e.g. mandatory referral at
    13 or under); a missing date of birth must not switch that protection off. The ``why`` text
    then says the age was not recorded.
    """
    dob = child.date_of_birth
    if dob is not None:
        age = age_in_years(dob, at)
        if cond.age_at_most is not None and age > cond.age_at_most:
            return False
        if cond.age_at_least is not None and age < cond.age_at_least:
            return False
    if cond.disability is not None and bool(child.disability) != cond.disability:
        return False
    if cond.window is not None:
        bounds = tool.window_bounds(at)[cond.window]
        ids = cond.indicators or [i.id for i in tool.indicators if i.section == cond.section]
        seen = sum(1 for i in ids if i in dated and in_window(bounds, dated[i]))
        if seen < cond.at_least:
            return False
    return True


def indicator_points(tool: ToolDefinition, dated: Dated, at: date) -> dict[str, int]:
    """Points per indicator at ``at`` without explanations (fast path for projections)."""
    bounds = tool.window_bounds(at)
    points: dict[str, int] = {}
    for ind_id, items in dated.items():
        total = 0
        for rule in tool.rules_for[ind_id]:
            if in_window(bounds[rule.window], items):
                total += rule.points
        if total:
            points[ind_id] = total
    return points


def modifier_points(tool: ToolDefinition, child: Child, at: date, dated: Dated) -> int:
    return sum(m.points for m in tool.modifiers if condition_holds(m.when, tool, child, at, dated))
