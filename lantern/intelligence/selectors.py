"""Reads for intelligence. Every function that returns records takes the actor.

The network helper (``lantern/networks``) builds its graph from ``visible_links``; pages here use
the same function, so the network view, the tables, the exports and the counts cannot disagree
about what a viewer may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from lantern.intelligence import policies
from lantern.intelligence.choices import EntityKind, LinkType, Strength
from lantern.intelligence.entities import End, people_named, visible_ends
from lantern.intelligence.models import Link
from lantern.intelligence.roles import is_child, shown_roles

#: The keys of each row ``visible_links`` returns.
LINK_FIELDS = (
    "id", "a_kind", "a_id", "a_role", "b_kind", "b_id", "b_role", "type", "strength",
    "first_seen", "last_seen", "sharing", "source_agency_id", "source_report_id",
    "a_roles_shown", "b_roles_shown",
)


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def readable_links(*, actor) -> QuerySet[Link]:
    """Links whose sharing level the actor reads (ends not yet checked: use ``visible_links``)."""
    return Link.objects.filter(policies.link_readable_q(actor))


def _dated(qs: QuerySet[Link], as_at: dt.date | None, current_only: bool) -> QuerySet[Link]:
    if as_at is None:
        return qs
    qs = qs.filter(Q(first_seen__isnull=True) | Q(first_seen__lte=as_at))
    if current_only:
        qs = qs.filter(Q(last_seen__isnull=True) | Q(last_seen__gte=as_at))
    return qs


def _touching(qs: QuerySet[Link], ends: Iterable[End]) -> QuerySet[Link]:
    q = Q(pk__in=[])
    for kind, pk in ends:
        q |= Q(a_kind=kind, a_id=pk) | Q(b_kind=kind, b_id=pk)
    return qs.filter(q)


def visible_links(
    *,
    actor,
    as_at: dt.date | None = None,
    current_only: bool = False,
    around: Iterable[End] | None = None,
) -> list[dict]:
    """The links ``actor`` may see, as plain dicts (keys: ``LINK_FIELDS``).

    Arguments:

    * ``as_at``: only links known by that date (``first_seen`` on or before it, or undated);
      with ``current_only=True`` also not ended before it (``last_seen`` empty or on or after
      it). ``None``: every link, whatever its dates.
    * ``around``: only links touching one of these ends, e.g. ``[("person", 12)]``; the caller
      walks further out by calling again with the ends it found (one query per step).

    Each row: ``id``; ``a_kind``/``a_id``/``a_role`` and the same for ``b`` (kinds are
    ``lantern.intelligence.choices.EntityKind`` values: person, address, context, phone,
    vehicle, handle, line, group); ``type`` (``LinkType``), ``strength`` (``Strength``),
    ``first_seen``/``last_seen`` (``date`` or None), ``sharing`` (the link's level),
    ``source_agency_id``, ``source_report_id``; ``a_roles_shown``/``b_roles_shown``: the role as
    it must be shown (``lantern.intelligence.roles.shown_roles``: a child suspect is also "a
    possible victim").

    What is left out, so nothing hidden can be inferred:

    * a link whose sharing level the actor does not read (police-only links reach only the
      police: not as a row, not as a count, not as a degree);
    * a link with **any** end the actor may not see (``lantern.intelligence.entities``): a person
      they may not open, an address of such a person, a place or group they may not see. The
      link is dropped whole, never shown with a blank or "hidden" end, so a phone or line shows
      no trace of the person behind it.

    Nobody outside ``policies.VIEW_ROLES`` gets any row (schools, partnership analysts,
    administrators). Example::

        rows = visible_links(actor=dan, as_at=date(2019, 2, 1), current_only=True)
        edges = [((r["a_kind"], r["a_id"]), (r["b_kind"], r["b_id"])) for r in rows]
    """
    if not policies.may_view_intelligence(actor):
        return []
    qs = _dated(readable_links(actor=actor), as_at, current_only)
    if around is not None:
        around = list(around)
        if not around:
            return []
        qs = _touching(qs, around)
    rows = list(qs.order_by("id").values_list(
        "id", "a_kind", "a_id", "a_role", "b_kind", "b_id", "b_role", "link_type", "strength",
        "first_seen", "last_seen", "sharing", "source_agency_id", "source_report_id",
    ))
    ends = {(r[1], r[2]) for r in rows} | {(r[4], r[5]) for r in rows}
    seen = visible_ends(actor, ends)
    children = _children({pk for kind, pk in seen if kind == EntityKind.PERSON}, as_at)
    out = []
    for r in rows:
        a, b = (r[1], r[2]), (r[4], r[5])
        if a not in seen or b not in seen:
            continue
        row = dict(zip(LINK_FIELDS[:14], (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                                          r[9], r[10], r[11], r[12], r[13]), strict=True))
        row["a_roles_shown"] = shown_roles(r[3], is_child=a in children)
        row["b_roles_shown"] = shown_roles(r[6], is_child=b in children)
        out.append(row)
    return out


def _children(person_ids: set[int], on: dt.date | None) -> set[End]:
    from lantern.people.models import Person

    if not person_ids:
        return set()
    rows = Person.objects.filter(pk__in=person_ids).values_list("pk", "kind", "date_of_birth")
    return {(EntityKind.PERSON, pk) for pk, kind, dob in rows if is_child(kind, dob, on)}


def link_get(*, actor, link_id) -> Link:
    """One link the actor may see (404 otherwise, whichever end is hidden)."""
    link = readable_links(actor=actor).filter(pk=_pk(link_id)).first()
    if link is None:
        raise Http404
    if not {(link.a_kind, link.a_id), (link.b_kind, link.b_id)} <= visible_ends(
        actor, [(link.a_kind, link.a_id), (link.b_kind, link.b_id)]
    ):
        raise Http404
    return link


# --- Pages ------------------------------------------------------------------------------------


def entity_links(*, actor, end: End, as_at: dt.date | None = None) -> list[dict]:
    """``visible_links`` touching one end, each with ``other`` (the far end's ``EntityView``) and
    ``roles_here`` / ``roles_other`` (roles as they must be shown)."""
    from lantern.intelligence.entities import describe

    rows = visible_links(actor=actor, as_at=as_at, around=[end])
    views = describe(actor, {(r["a_kind"], r["a_id"]) for r in rows}
                     | {(r["b_kind"], r["b_id"]) for r in rows})
    out = []
    for r in rows:
        here_is_a = (r["a_kind"], r["a_id"]) == tuple(end)
        other = (r["b_kind"], r["b_id"]) if here_is_a else (r["a_kind"], r["a_id"])
        if other not in views:
            continue
        out.append({**r, "other": views[other], "type_label": _TYPE_LABELS.get(r["type"], r["type"]),
                    "strength_label": _STRENGTH_LABELS.get(r["strength"], r["strength"]),
                    "roles_here": r["a_roles_shown"] if here_is_a else r["b_roles_shown"],
                    "roles_other": r["b_roles_shown"] if here_is_a else r["a_roles_shown"]})
    return out


_TYPE_LABELS = dict(LinkType.choices)
_STRENGTH_LABELS = dict(Strength.choices)


def people_in(rows: list[dict]) -> list[int]:
    """Person ids named by ``entity_links`` rows (for the audit): the people shown and the
    residents of the addresses shown (``entities.people_named``)."""
    return people_named((r["other"].kind, r["other"].id) for r in rows)


def reports_visible(*, actor, query: str = "") -> QuerySet:
    """Reports the actor may see (police: all; partners: sanitised at a level they read), and
    for partners only reports whose people they may all open or that name nobody: a sanitised
    report about someone they may not open is not listed at all, not even counted."""
    from lantern.intelligence.models import IntelligenceReport

    q = policies.report_visible_q(actor)
    if q is None:
        return IntelligenceReport.objects.none()
    qs = IntelligenceReport.objects.filter(q)
    query = (query or "").strip()
    if query:
        field = "text" if policies.is_police(actor) else "sanitised_text"
        qs = qs.filter(Q(**{f"{field}__icontains": query}) | Q(reference__iexact=query))
    if policies.is_police(actor):
        return qs
    return qs.exclude(pk__in=_reports_naming_hidden(actor, qs))


def _reports_naming_hidden(actor, qs) -> set[int]:
    from lantern.intelligence.models import ReportEntity

    rows = list(ReportEntity.objects.filter(report__in=qs).values_list("report_id", "entity_kind",
                                                                       "entity_id"))
    seen = visible_ends(actor, {(k, i) for _, k, i in rows})
    return {r for r, k, i in rows if (k, i) not in seen}


def report_get(*, actor, report_id):
    report = reports_visible(actor=actor).filter(pk=_pk(report_id)).first()
    if report is None:
        raise Http404
    return report


def report_entities(*, actor, report) -> list:
    from lantern.intelligence.entities import describe

    ends = list(report.entities.values_list("entity_kind", "entity_id"))
    views = describe(actor, ends)
    return [views[e] for e in ends if e in views]
