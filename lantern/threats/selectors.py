"""The threat watch's input from the database: ``(date, area, kind)`` for every watched event.

No person leaves this module: events are reduced to a date, an area and a kind before anything
else sees them. How an event is placed in an area is the rule the synthetic generator and the
bench use too (``lantern.synthetic.generator.surges``): where the person lived that day (else
their latest address in the county); intelligence where the first town it names is; exact
dates only.

**Only entries the reader may read.** ``watched_events`` and ``detection`` take ``levels``, the
sharing levels (``lantern.access.sharing``) whose entries are counted, and read no other entry,
not even the words that place intelligence in an area. Which levels a reader gets is decided in
``lantern.threats.alerts``; there is no default, so no caller counts police-only entries by
leaving it out.

**Hook for structured fields.** Where chronology events carry the statistics' structured fields
(issue 12: ``subtype``, ``concern_type``, ``arrested``, ``area``), they are used: the codes win
over the summary, and the recorded area over the person's address (intelligence still counts
where the place it names is). The field names are listed in ``*_FIELDS``; one that does not
exist on ``ChronologyEvent`` is simply not read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

from lantern.accounts.models import Area
from lantern.analysis.threats import (
    INTELLIGENCE_PLACE,
    Detection,
    Rule,
    area_named_in,
    classify,
    detect,
    latest_complete_week,
    place_index,
    weekly_counts,
    weeks_between,
)
from lantern.people.choices import DatePrecision
from lantern.people.models import Address, ChronologyEvent

WATCHED_TYPES = ("missing", "cse_incident", "online_grooming", "concern", "arrest", "intelligence")
#: Structured fields on ChronologyEvent, used when present (see the module docstring).
SUBTYPE_FIELDS = ("subtype",)
CONCERN_FIELDS = ("concern_type",)
ARRESTED_FIELDS = ("arrested",)
AREA_FIELDS = ("area",)
#: Two years of weeks: enough for a baseline and any surge still running (at most 12 weeks).
WEEKS_SHOWN = 104


def _field(names) -> str | None:
    """The first of ``names`` that is a field of ChronologyEvent (a relation is read by name)."""
    for name in names:
        try:
            field = ChronologyEvent._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return f"{name}__name" if field.is_relation else name
    return None


def rule() -> Rule:
    return Rule.from_settings(getattr(settings, "LANTERN_THREAT_RULE", {}))


def area_names() -> list[str]:
    return list(Area.objects.order_by("name").values_list("name", flat=True))


def _places():
    towns: dict[str, str] = {}
    # Distinct pairs (a few dozen), not every address: cheap at county scale too.
    for town, area in (Address.objects.filter(district__isnull=False)
                       .values_list("town", "district__area__name").distinct()
                       .order_by("town", "district__area__name")):
        towns.setdefault(town, area)
    return place_index(towns)


def watched_events(*, start: dt.date, end: dt.date, levels: Iterable[str]
                   ) -> list[tuple[dt.date, str, str]]:
    """``(date, area, kind)`` for watched events dated ``start``..``end`` shared at one of
    ``levels`` (none: nothing is counted)."""
    levels = sorted(levels)
    if not levels:
        return []
    optional = {"subtype": _field(SUBTYPE_FIELDS), "concern_type": _field(CONCERN_FIELDS),
                "arrested": _field(ARRESTED_FIELDS), "area": _field(AREA_FIELDS)}
    present = {k: v for k, v in optional.items() if v}
    columns = ["person_id", "event_type", "event_date", "summary", *present.values()]
    query = ChronologyEvent.objects.filter(date_precision=DatePrecision.EXACT, sharing__in=levels,
                                           event_date__gte=start, event_date__lte=end)
    if "concern_type" in present:  # a concern coded CSE or drug supply, whatever its type
        query = query.filter(Q(event_type__in=WATCHED_TYPES)
                             | Q(**{f"{present['concern_type']}__in": ("cse", "drug_supply")}))
    else:
        query = query.filter(event_type__in=WATCHED_TYPES)
    rows = [dict(zip(["person_id", "event_type", "event_date", "summary", *present], r))
            for r in query.values_list(*columns)]
    homes: dict[int, list[tuple]] = defaultdict(list)
    for pid, s, e, area in (Address.objects.filter(person_id__in={r["person_id"] for r in rows},
                                                   district__isnull=False)
                            .values_list("person_id", "start_date", "end_date", "district__area__name")
                            .order_by("start_date", "id")):
        homes[pid].append((s, e, area))
    places = _places()
    out = []
    for row in rows:
        pid, day, summary = row["person_id"], row["event_date"], row["summary"]
        kind = classify(row["event_type"], row.get("subtype") or "", summary,
                        concern_type=row.get("concern_type") or "",
                        arrested=bool(row.get("arrested")))
        if kind is None:
            continue
        # Intelligence counts where the place it names is; otherwise the recorded area wins,
        # then the person's home that day.
        area = area_named_in(summary, places) if kind == INTELLIGENCE_PLACE else None
        area = area or row.get("area") or _home_area(homes.get(pid, ()), day)
        if area:
            out.append((day, area, kind))
    return out


def _home_area(homes, day: dt.date) -> str | None:
    for start, end, area in homes:
        if (start is None or start <= day) and (end is None or day < end):
            return area
    return homes[-1][2] if homes else None


def detection(*, as_at: dt.date, levels: Iterable[str], weeks: int = WEEKS_SHOWN) -> Detection:
    """The rule run over the ``weeks`` complete weeks before ``as_at``, counting entries shared
    at ``levels`` only."""
    latest = latest_complete_week(as_at)
    run = weeks_between(latest - dt.timedelta(weeks=weeks - 1), latest)
    events = watched_events(start=run[0], end=latest + dt.timedelta(days=6), levels=levels)
    areas = sorted(set(area_names()) | {a for _, a, _ in events})
    return detect(weekly_counts(events, run, areas), run, rule())
