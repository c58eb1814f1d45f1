"""Panel outcomes as publishable counts, for the reporting work.

Counts come from signed minutes only (what the panel agreed, not drafts), one per item
discussed, and pass through ``lantern.analysis.disclosure`` so small numbers (and whatever would
give them back) are hidden: a partnership with three children sent to early help in a month
must not be able to name them.

Example::

    routes = outcomes_by_route(start=date(2026, 4, 1), end=date(2027, 3, 31))
    # {"Children's social care": 12, "Early help": None, ...}
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count

from lantern.analysis.disclosure import suppress_counts
from lantern.panels.choices import MeetingStatus, RiskLevel, Route
from lantern.panels.models import AgendaItem, PanelReferral


def _threshold(threshold: int | None) -> int:
    return threshold or settings.LANTERN_SUPPRESSION_THRESHOLD


def _items(start: dt.date, end: dt.date):
    return AgendaItem.objects.filter(
        meeting__status=MeetingStatus.SIGNED, meeting__held_on__gte=start,
        meeting__held_on__lte=end, discussed=True, referral__person__isnull=False,
    )


def _breakdown(rows, field: str, choices, threshold: int) -> dict[str, int | None]:
    counts = {label: 0 for _, label in choices}
    for row in rows.values(field).annotate(n=Count("id")):
        if row[field]:
            counts[dict(choices)[row[field]]] = row["n"]
    return suppress_counts(counts, threshold=threshold)


def outcomes_by_route(*, start: dt.date, end: dt.date, threshold: int | None = None):
    """Items about people discussed at signed meetings, by the route agreed."""
    return _breakdown(_items(start, end), "route", Route.choices, _threshold(threshold))


def outcomes_by_risk(*, start: dt.date, end: dt.date, threshold: int | None = None):
    """Items about people discussed at signed meetings, by the risk level agreed."""
    return _breakdown(_items(start, end), "risk_level", RiskLevel.choices, _threshold(threshold))


def exits(*, start: dt.date, end: dt.date, threshold: int | None = None):
    """Referrals exited in the period, and those of them back on a list since (returned)."""
    exited = PanelReferral.objects.filter(exited_on__gte=start, exited_on__lte=end)
    returned = PanelReferral.objects.filter(
        items__reason="watchlist_return", items__meeting__held_on__gte=start,
        items__meeting__held_on__lte=end,
    ).distinct()
    return suppress_counts({"Exited": exited.count(), "Back from the watchlist": returned.count()},
                           threshold=_threshold(threshold))
