"""Recompute the chain and name the first broken link.

Four kinds of tampering are caught:

* a changed row: its content no longer matches its hash;
* a removed, inserted or reordered row: the next row's ``prev_hash`` no longer matches;
* rows cut from, or forged onto, the end: the chain no longer ends at the head row
  (``ChainHead``), whose count and hash advance in the same transaction as each event.
  (Rewriting the head as well is caught by comparing with the exported head,
  ``manage.py audit_chain_head``.)
* a chain emptied or rebuilt along with its head (TRUNCATE by a superuser, say): only a head
  exported beforehand can show it (``anchor``; docs/adr/0013-audit-anchor.md). Given one, the
  chain must hold at least as many events and its event number ``anchor.count`` must end with
  the exported hash.
* a forged, changed or removed subject link: "who has viewed this record" is read through
  ``SubjectLink`` rows, which carry no hash of their own. They are derived from the event's
  subject ids, which its hash covers, so each event must have exactly one link for each of
  those ids (``chain.link_ids``) and no other; a link pointing at no event at all fails too.

The head and each event's links are read in the same SQL statement as the events (scalar
subqueries), so the comparison is exact even while other requests keep writing: all come from
one snapshot. (A link and its event are written in one transaction, so the separate check for
links pointing at no event cannot see one without the other either.)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Subquery, TextField
from django.db.models.expressions import RawSQL

from lantern.audit.anchor import Anchor
from lantern.audit.chain import GENESIS, event_fields, link_hash, link_ids
from lantern.audit.models import AuditEvent, ChainHead, SubjectLink

#: Each event's links as a JSON array of [subject_type, subject_id] pairs (JSON, so that no
#: subject type, however forged, can pass for two links or hide one). Empty: NULL or "[]".
_LINKS_SQL = {
    "postgresql": (
        "(SELECT json_agg(json_build_array(l.subject_type, l.subject_id))::text "
        "FROM audit_subjectlink l WHERE l.event_id = audit_auditevent.id)"
    ),
    "sqlite": (
        "(SELECT json_group_array(json_array(l.subject_type, l.subject_id)) "
        "FROM audit_subjectlink l WHERE l.event_id = audit_auditevent.id)"
    ),
}


@dataclass
class ChainReport:
    ok: bool
    checked: int
    head: str
    broken_at: int | None = None
    problem: str = ""
    last_id: int | None = None


def _links_of(event) -> Counter:
    raw = getattr(event, "links_json", None)
    if raw is None:  # a database without the one-statement form: read them separately
        rows = SubjectLink.objects.filter(event_id=event.pk).values_list("subject_type", "subject_id")
        return Counter((t, int(i)) for t, i in rows)
    return Counter((t, int(i)) for t, i in json.loads(raw or "[]"))


def _link_problem(event) -> str:
    """Why the event's links differ from the ids its hash covers, or "" if they agree."""
    expected = Counter((event.subject_type, i) for i in link_ids(event.subject_ids))
    actual = _links_of(event)
    if actual == expected:
        return ""
    extra = sorted((actual - expected).elements())
    if extra:
        kind, pk = extra[0]
        return (
            f"a subject link to {kind} {pk} that the event does not name: "
            "a link was added or changed outside the chain"
        )
    kind, pk = sorted((expected - actual).elements())[0]
    return f"the link to {kind} {pk} that the event names is missing: a link was removed"


def _short_of_anchor(checked: int, anchor: Anchor) -> str:
    when = f" on {anchor.at}" if anchor.at else ""
    return (
        f"the chain is shorter than the exported head: {checked} events now, {anchor.count} "
        f"when the head was exported{when}: events were removed or the trail was emptied"
    )


def verify_chain(batch_size: int = 5000, *, anchor: Anchor | None = None) -> ChainReport:
    """Recompute every link; with ``anchor``, also check the chain passes through it."""
    head_row = ChainHead.objects.filter(pk=1)
    events = AuditEvent.objects.order_by("id").annotate(
        head_count=Subquery(head_row.values("count")[:1]),
        head_hash=Subquery(head_row.values("hash")[:1]),
    )
    if connection.vendor in _LINKS_SQL:
        events = events.annotate(
            # A constant statement chosen by vendor, no input in it: not an injection path.
            links_json=RawSQL(_LINKS_SQL[connection.vendor], [], output_field=TextField()),  # noqa: S611  # nosec B611
        )
    prev = GENESIS
    checked = 0
    last_id = None
    head: tuple[int | None, str | None] | None = None
    for event in events.iterator(chunk_size=batch_size):
        if head is None:
            head = (event.head_count, event.head_hash)
        if event.prev_hash != prev:
            return ChainReport(
                False, checked, prev, event.id,
                "previous hash does not match: a row was removed, reordered or inserted",
            )
        if event.hash != link_hash(prev, event_fields(event)):
            return ChainReport(
                False, checked, prev, event.id,
                "content does not match its hash: the row was changed",
            )
        problem = _link_problem(event)
        if problem:
            return ChainReport(False, checked, prev, event.id, problem)
        prev = event.hash
        checked += 1
        last_id = event.id
        if anchor is not None and checked == anchor.count and prev != anchor.head_hash:
            return ChainReport(
                False, checked, prev, event.id,
                f"the chain does not pass through the exported head (event {anchor.count} "
                f"should end {anchor.head_hash[:12]}): the trail was rebuilt",
            )
    if head is None:  # no events: the head must be absent or at the start
        row = head_row.values_list("count", "hash").first()
        head = row if row is not None else (0, GENESIS)
    orphan = (
        SubjectLink.objects.filter(~Exists(AuditEvent.objects.filter(pk=OuterRef("event_id"))))
        .values_list("event_id", "subject_type", "subject_id")
        .first()
    )
    if orphan is not None:
        event_id, kind, pk = orphan
        return ChainReport(
            False, checked, prev, event_id,
            f"a subject link to {kind} {pk} points at an event that does not exist",
        )
    if anchor is not None and checked < anchor.count:
        return ChainReport(False, checked, prev, None, _short_of_anchor(checked, anchor))
    count, head_hash = head
    if count is None:
        return ChainReport(False, checked, prev, None, "the chain head record is missing")
    if checked > count:
        return ChainReport(
            False, checked, prev, None,
            f"{checked - count} event(s) after the chain head: added without advancing it",
        )
    if checked < count or prev != head_hash:
        return ChainReport(
            False, checked, prev, None,
            f"the chain does not end at its head ({count} events ending {head_hash[:12]}): "
            "events were removed from the end, or the head was altered",
        )
    return ChainReport(True, checked, prev, last_id=last_id)
