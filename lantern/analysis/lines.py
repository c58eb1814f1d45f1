"""County Lines counted by area and status as at a date (Django-free).

A line's status on a date is the last entry of its status history on or before that date; a line
with no entry by then had not been opened and is not counted. The committee minute's figures
("County Lines by area, as at 1 February 2019") and ``manage.py lines_as_at`` both come from here,
and statistics can reuse it on plain rows.

Example::

    history = {"North": [[(date(2018, 3, 1), "active"), (date(2019, 6, 1), "closed")]]}
    counts_as_at(lines=[("North", h) for h in history["North"]], as_at=date(2019, 2, 1))
    # {"as_at": "2019-02-01", "areas": {"North": {"active": 1, "disrupted": 0, "closed": 0},
    #   "West": {...0}, "East": {...0}}, "total": {"active": 1, "disrupted": 0, "closed": 0}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

STATUSES: tuple[str, ...] = ("active", "disrupted", "closed")
DEFAULT_AREAS: tuple[str, ...] = ("North", "West", "East")

History = Sequence[tuple[dt.date, str]]


def status_as_at(history: History, as_at: dt.date) -> str | None:
    """The status in force on ``as_at`` (None: not opened yet). Entries on the same date: the
    later one in ``history`` wins, so callers pass the history in the order it was recorded."""
    current = None
    latest = None
    for when, status in history:
        if when <= as_at and (latest is None or when >= latest):
            current, latest = status, when
    return current


def _zero() -> dict[str, int]:
    return {s: 0 for s in STATUSES}


def counts_as_at(
    *, lines: Iterable[tuple[str, History]], as_at: dt.date,
    areas: Sequence[str] = DEFAULT_AREAS,
) -> dict:
    """``{"as_at", "areas": {area: {status: n}}, "total": {status: n}}`` for ``lines`` given as
    (importing area name, status history). Every area in ``areas`` appears, with zeros; a line in
    another area is counted under its own name after them."""
    by_area: dict[str, dict[str, int]] = {a: _zero() for a in areas}
    total = _zero()
    for area, history in lines:
        status = status_as_at(history, as_at)
        if status not in STATUSES:
            continue
        by_area.setdefault(area, _zero())[status] += 1
        total[status] += 1
    return {"as_at": as_at.isoformat(), "areas": by_area, "total": total}


__all__ = ["DEFAULT_AREAS", "STATUSES", "counts_as_at", "status_as_at"]
