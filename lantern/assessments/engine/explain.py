"""Plain-English "what would change this level" sentences for a scored result.

Why: a number is hard to act on. A practitioner (and a panel) needs to see how close the child is
to the next level up, and when the level would fall if nothing new happens, so that a low score is
not read as "safe" when one more concern would change it, and a high score from old events is not
left standing after they age out.

Two questions are answered:

* Up: the fewest new observations, all from one section, that would reach the next band. A new
  observation is dated on the as-at date, so it counts in every window that includes that day.
* Down: if nothing new is recorded, the first later date on which observations leave their windows
  and the level falls. The score is piecewise constant between window edges, so only the dates on
  which some observation crosses an edge need checking.
"""

from __future__ import annotations

import functools
from datetime import date

from .answers import Answers
from .dates import first_date_outside, format_date, last_day_of_month
from .definition import Band, ToolDefinition
from .evaluate import Dated, indicator_points, modifier_points

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_MAX_PROJECTIONS = 400


def _count(n: int) -> str:
    return _WORDS[n] if n < len(_WORDS) else str(n)


@functools.lru_cache(maxsize=64)
def _now_rules(tool: ToolDefinition) -> tuple:
    """Per section: its noun forms, the labels of windows containing the as-at date, and per
    indicator the rules in those windows. Depends only on the definition, so computed once."""
    out = []
    for section in tool.sections:
        labels: list[str] = []
        per_indicator = []
        for ind in tool.indicators:
            if ind.section != section.id:
                continue
            rules = []
            for rule in tool.rules_for[ind.id]:
                window = tool.windows_by_id[rule.window]
                if window.contains_as_at and rule.points > 0:
                    rules.append((rule.code, rule.points))
                    if window.label not in labels:
                        labels.append(window.label)
            if rules:
                per_indicator.append((ind.id, tuple(rules)))
        out.append((section, " and ".join(labels), tuple(per_indicator)))
    return tuple(out)


def _step_up(tool: ToolDefinition, score: int, band: Band, fired: set) -> str | None:
    index = tool.bands.index(band)
    if index + 1 >= len(tool.bands):
        return None
    target = tool.bands[index + 1]
    gap = target.min - score
    options: list[tuple[int, str]] = []
    for section, label, per_indicator in _now_rules(tool):
        gains = sorted(
            (
                g
                for ind_id, rules in per_indicator
                if (g := sum(p for code, p in rules if (code, ind_id) not in fired)) > 0
            ),
            reverse=True,
        )
        reached = 0
        for needed, gain in enumerate(gains, 1):
            reached += gain
            if reached >= gap:
                noun = section.noun if needed == 1 else section.noun_plural
                options.append((needed, f"{_count(needed)} more {noun} {label}"))
                break
    if not options:
        return None
    options.sort(key=lambda o: o[0])
    phrases = [o[1] for o in options]
    text = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + ", or " + phrases[-1]
    return (
        f"{text[:1].upper()}{text[1:]} would make this {target.label} (score {target.min} or more)."
    )


def _final_dates(answers: Answers) -> list[tuple[str, date, object]]:
    """(indicator, date on later as-at dates, observation) for observations known at the as-at
    date. A month-only observation is seen as its month's last day once that day has passed."""
    out = []
    for ans in answers.answers:
        for obs in ans.observations:
            if obs.effective_date(answers.as_at) is None:
                continue  # recorded after the as-at date: "nothing new" means it is left out
            d = obs.date
            if obs.month_only:
                d = d.replace(day=last_day_of_month(d.year, d.month))
            out.append((ans.indicator_id, d, obs))
    return out


def _dated_at(known: list, t: date) -> Dated:
    dated: Dated = {}
    for ind_id, d, obs in known:
        dated.setdefault(ind_id, []).append((d if d <= t else t, obs))
    return dated


def _step_down(tool: ToolDefinition, answers: Answers, score: int, band: Band) -> str | None:
    index = tool.bands.index(band)
    if index == 0:
        return None
    known = _final_dates(answers)
    edges = {w.to_months for w in tool.windows if w.to_months is not None}
    edges |= {w.from_months for w in tool.windows if w.from_months}
    candidates = sorted(
        t
        for t in {first_date_outside(d, m) for _, d, _ in known for m in edges}
        if t > answers.as_at
    )
    before = indicator_points(tool, _dated_at(known, answers.as_at), answers.as_at)
    for t in candidates[:_MAX_PROJECTIONS]:
        dated = _dated_at(known, t)
        points = indicator_points(tool, dated, t)
        total = sum(points.values()) + modifier_points(tool, answers.child, t, dated)
        lower = tool.band_for(total)
        if tool.bands.index(lower) < index:
            # Name what changes on that day (not everything that aged out since the as-at date).
            dropped = [
                tool.indicators_by_id[i].short for i in before if points.get(i, 0) < before[i]
            ]
            if dropped:
                names = " and ".join(f"'{n}'" for n in dropped[:2])
                if len(dropped) > 2:
                    names += f" and {len(dropped) - 2} more"
                reason = f"when {names} age{'s' if len(dropped) == 1 else ''} out"
            else:
                reason = "as older observations age out"
            return (
                f"If nothing new is recorded, this would fall to {lower.label} (score {total}) on "
                f"{format_date(t)}, {reason}."
            )
        before = points
    return f"If nothing new is recorded, ageing out alone would not take this below {band.label}."


def what_would_change(
    answers: Answers, tool: ToolDefinition, score: int, band: Band, fired: set
) -> list[str]:
    """Sentences for the next band up and the next fall from ageing out (either may be absent).

    ``fired`` is the set of ``(rule code, indicator id)`` pairs that scored at the as-at date.
    """
    up = _step_up(tool, score, band, fired)
    down = _step_down(tool, answers, score, band)
    return [s for s in (up, down) if s]
