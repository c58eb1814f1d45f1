"""The County Lines register's reads that count: status histories to counts as at a date.

The counting itself is Django-free (``lantern.analysis.lines``); this module only turns the
database's status history into its plain input.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from lantern.analysis.lines import DEFAULT_AREAS, counts_as_at
from lantern.intelligence.models import CountyLine, LineStatusChange


def histories() -> list[tuple[str, list[tuple[dt.date, str]]]]:
    """(importing area name, [(effective date, status), ...] in recorded order) for every line."""
    changes: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for line_id, when, status in LineStatusChange.objects.order_by("id").values_list(
        "line_id", "effective_on", "status"
    ):
        changes[line_id].append((when, status))
    return [(area, changes.get(pk, [])) for pk, area in
            CountyLine.objects.values_list("pk", "importing_area__name")]


def raw_counts_as_at(as_at: dt.date) -> dict:
    """Exact counts by area and status as at ``as_at`` (the ``lines_as_at`` JSON shape)."""
    return counts_as_at(lines=histories(), as_at=as_at, areas=DEFAULT_AREAS)
