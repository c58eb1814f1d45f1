"""Disruption as publishable counts, for the reporting work: entries started in a period by
tactic, by outcome, and how many were breached. Every breakdown passes through
``lantern.analysis.disclosure`` (small numbers and whatever would give them back are hidden).

Example::

    by_tactic = tactic_counts(start=date(2026, 4, 1), end=date(2027, 3, 31))
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count

from lantern.analysis.disclosure import suppress_counts
from lantern.disruption import tactics
from lantern.disruption.choices import Outcome
from lantern.disruption.models import DisruptionAction


def _started(start: dt.date, end: dt.date):
    return DisruptionAction.objects.filter(started_on__gte=start, started_on__lte=end)


def _threshold(threshold):
    return threshold or settings.LANTERN_SUPPRESSION_THRESHOLD


def tactic_counts(*, start: dt.date, end: dt.date, threshold: int | None = None):
    counts = {name: 0 for _, name in tactics.choices()}
    for row in _started(start, end).values("tactic").annotate(n=Count("id")):
        counts[tactics.name_of(row["tactic"])] = row["n"]
    return suppress_counts(counts, threshold=_threshold(threshold))


def outcome_counts(*, start: dt.date, end: dt.date, threshold: int | None = None):
    counts = {label: 0 for _, label in Outcome.choices}
    counts["Still in force"] = 0
    for row in _started(start, end).values("outcome").annotate(n=Count("id")):
        counts[dict(Outcome.choices).get(row["outcome"], "Still in force")] += row["n"]
    return suppress_counts(counts, threshold=_threshold(threshold))


def breached_counts(*, start: dt.date, end: dt.date, threshold: int | None = None):
    started = _started(start, end)
    breached = started.filter(breaches__isnull=False).distinct().count()
    return suppress_counts({"Breached": breached, "Not breached": started.count() - breached},
                           threshold=_threshold(threshold))
