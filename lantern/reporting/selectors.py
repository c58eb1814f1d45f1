"""Published statistics for the dashboard, the committee report and the exports: computed by
``lantern.analysis.statistics`` over the facts and passed through disclosure control with the
partnership's threshold. Nothing here names a child; nothing unprotected leaves this module."""

from __future__ import annotations

from django.conf import settings

from lantern.analysis.statistics import (
    DEFINITIONS,
    Filters,
    PublishedStatistic,
    compute_all,
    publish,
)
from lantern.reporting import facts


def threshold() -> int:
    return int(settings.LANTERN_SUPPRESSION_THRESHOLD)


def published_statistics(filters: Filters, ids=None, *, db=None) -> list[PublishedStatistic]:
    """Every statistic (or those named) for the filters, protected together."""
    db = db or facts.engine()
    stats = publish(compute_all(db, filters, ids), threshold=threshold())
    for stat in stats:
        stat.about = about(stat.definition)
    return stats


def about(definition: str) -> str:
    """The definition in a sentence or two (its function's docstring)."""
    return " ".join((DEFINITIONS[definition].function.__doc__ or "").split())


def chart_kind(definition: str) -> str:
    return DEFINITIONS[definition].chart
