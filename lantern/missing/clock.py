"""The return home interview clock: 72 *clock* hours after the child's return.

Why a module of its own: "72 hours" in statutory guidance is elapsed real time, not working
time. Weekends and bank holidays do not stop the clock, and across a change between GMT and BST
the wall-clock due time moves by an hour. Python's aware-datetime arithmetic with ``zoneinfo``
is *wall-clock* arithmetic (adding ``timedelta(hours=72)`` to 10:00 BST on the Friday before the
clocks go back gives 10:00 GMT on Monday, which is 73 real hours), so we add in UTC.

Example::

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> london = ZoneInfo("Europe/London")
    >>> rhi_due_at(dt.datetime(2026, 10, 23, 10, 0, tzinfo=london)).strftime("%a %d %b %H:%M %Z")
    'Mon 26 Oct 09:00 GMT'
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

RHI_HOURS = 72
LONDON = ZoneInfo("Europe/London")


def rhi_due_at(returned_at: dt.datetime) -> dt.datetime:
    """When the interview is due: ``RHI_HOURS`` elapsed hours after return, in London time."""
    if returned_at.tzinfo is None:
        raise ValueError("returned_at must be timezone-aware")
    utc = returned_at.astimezone(dt.UTC) + dt.timedelta(hours=RHI_HOURS)
    return utc.astimezone(LONDON)


def elapsed_hours(start: dt.datetime, end: dt.datetime) -> float:
    """Real hours between two aware datetimes (for 'done within 72 hours' figures)."""
    return (end.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds() / 3600


def local_datetime(date: dt.date, time: dt.time) -> dt.datetime:
    """A London wall-clock date and time as an aware datetime.

    Raises ``ValueError`` for a time that does not exist (the hour skipped when the clocks go
    forward). An ambiguous time (the repeated hour when they go back) is read as the first one,
    in BST, and the form says so.
    """
    naive = dt.datetime.combine(date, time)
    aware = naive.replace(tzinfo=LONDON, fold=0)
    round_trip = aware.astimezone(dt.UTC).astimezone(LONDON).replace(tzinfo=None)
    if round_trip != naive:
        raise ValueError("That time did not exist: the clocks went forward an hour that night")
    return aware
