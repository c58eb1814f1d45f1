"""Small builders for answers, so each test states only the dates that matter to it."""

from __future__ import annotations

from datetime import date

from lantern.assessments.engine import Answers, Child, IndicatorAnswer, Observation


def obs(value: str, **kwargs) -> Observation:
    """'2019-01-12' or month-only '2019-01'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 2:
        return Observation(date(parts[0], parts[1], 1), True, **kwargs)
    return Observation(date(*parts), **kwargs)


def answers(
    tool: str,
    version: int | None,
    as_at: date | str,
    seen: dict[str, list],
    *,
    dob: date | None = date(2005, 1, 1),
    disability: bool = False,
) -> Answers:
    """``seen`` maps indicator id -> list of date strings (or Observation objects)."""
    if isinstance(as_at, str):
        as_at = date.fromisoformat(as_at)
    items = [
        IndicatorAnswer(ind, [o if isinstance(o, Observation) else obs(o) for o in dates])
        for ind, dates in seen.items()
    ]
    return Answers(tool, version, as_at, Child(dob, disability), items)
