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

from datetime import date

from .answers import Answers
from .dates import first_date_outside, format_date, last_day_of_month
from .definition import ToolDefinition
from .evaluate import dated_observations, indicator_points, modifier_points

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_MAX_PROJECTIONS = 400


def _count(n: int) -> str:
    return _WORDS[n] if n < len(_WORDS) else str(n)


def _step_up(tool: ToolDefinition, result) -> str | None:
    index = tool.bands.index(tool.bands_by_code[result.level.code])
    if index + 1 >= len(tool.bands):
        return None
    target = tool.bands[index + 1]
    gap = target.min - result.score
    fired = {(f.rule, f.indicator) for f in result.fired}
    windows = tool.windows_by_id
    options: list[tuple[int, str]] = []
    for section in tool.sections:
        gains, labels = [], []
        for ind in tool.indicators:
            if ind.section != section.id:
                continue
            gain = 0
            for rule in tool.rules_for[ind.id]:
                window = windows[rule.window]
                if window.contains_as_at and (rule.code, ind.id) not in fired:
                    gain += rule.points
                    if window.label not in labels:
                        labels.append(window.label)
            if gain > 0:
                gains.append(gain)
        gains.sort(reverse=True)
        reached, needed = 0, 0
        for gain in gains:
            reached += gain
            needed += 1
            if reached >= gap:
                noun = section.noun if needed == 1 else section.noun_plural
                options.append((needed, f"{_count(needed)} more {noun} {' and '.join(labels)}"))
                break
    if not options:
        return None
    options.sort(key=lambda o: o[0])
    phrases = [o[1] for o in options]
    text = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + ", or " + phrases[-1]
    text = text[:1].upper() + text[1:]
    return f"{text} would make this {target.label} (score {target.min} or more)."


def _edge_dates(tool: ToolDefinition, answers: Answers) -> list[date]:
    """As-at dates after ``answers.as_at`` on which some observation crosses a window edge."""
    edges = {w.to_months for w in tool.windows if w.to_months is not None}
    edges |= {w.from_months for w in tool.windows if w.from_months}
    out: set[date] = set()
    for ans in answers.answers:
        for obs in ans.observations:
            if obs.effective_date(answers.as_at) is None:
                continue  # recorded after the as-at date: "nothing new" means it is left out
            d = obs.date
            if obs.month_only:  # later as-at dates see the last day of the month (see dates.py)
                d = d.replace(day=last_day_of_month(d.year, d.month))
            out.update(first_date_outside(d, m) for m in edges)
    return sorted(t for t in out if t > answers.as_at)


def _step_down(tool: ToolDefinition, answers: Answers, result) -> str | None:
    index = tool.bands.index(tool.bands_by_code[result.level.code])
    if index == 0:
        return None
    as_at = answers.as_at
    before = indicator_points(tool, dated_observations(answers, as_at), as_at)
    for t in _edge_dates(tool, answers)[:_MAX_PROJECTIONS]:
        dated = {
            k: [(e, o) for e, o in v if o.effective_date(as_at) is not None]
            for k, v in dated_observations(answers, t).items()
        }
        points = indicator_points(tool, dated, t)
        total = sum(points.values()) + modifier_points(tool, answers.child, t, dated)
        band = tool.band_for(total)
        if tool.bands.index(band) < index:
            dropped = [
                tool.indicators_by_id[i].short
                for i in before
                if points.get(i, 0) < before[i]
            ]
            if dropped:
                names = " and ".join(f"'{n}'" for n in dropped[:2])
                if len(dropped) > 2:
                    names += f" and {len(dropped) - 2} more"
                reason = f"when {names} age{'s' if len(dropped) == 1 else ''} out"
            else:
                reason = "as older observations age out"
            return (
                f"If nothing new is recorded, this would fall to {band.label} (score {total}) on "
                f"{format_date(t)}, {reason}."
            )
    return (
        f"If nothing new is recorded, ageing out alone would not take this below "
        f"{result.level.label}."
    )


def what_would_change(answers: Answers, tool: ToolDefinition, result) -> list[str]:
    """Sentences for the next band up and the next fall from ageing out (either may be absent)."""
    return [s for s in (_step_up(tool, result), _step_down(tool, answers, result)) if s]
