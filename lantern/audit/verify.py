"""Recompute the chain and name the first broken link.

Three kinds of tampering are caught:

* a changed row: its content no longer matches its hash;
* a removed, inserted or reordered row: the next row's ``prev_hash`` no longer matches;
* rows cut from, or forged onto, the end: the chain no longer ends at the head row
  (``ChainHead``), whose count and hash advance in the same transaction as each event.
  (Rewriting the head as well is caught by comparing with the exported head,
  ``manage.py audit_chain_head``.)

The head is read in the same SQL statement as the events (two scalar subqueries), so the
comparison is exact even while other requests keep writing: both come from one snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Subquery

from lantern.audit.chain import GENESIS, event_fields, link_hash
from lantern.audit.models import AuditEvent, ChainHead


@dataclass
class ChainReport:
    ok: bool
    checked: int
    head: str
    broken_at: int | None = None
    problem: str = ""


def verify_chain(batch_size: int = 5000) -> ChainReport:
    head_row = ChainHead.objects.filter(pk=1)
    events = AuditEvent.objects.order_by("id").annotate(
        head_count=Subquery(head_row.values("count")[:1]),
        head_hash=Subquery(head_row.values("hash")[:1]),
    )
    prev = GENESIS
    checked = 0
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
        prev = event.hash
        checked += 1
    if head is None:  # no events: the head must be absent or at the start
        row = head_row.values_list("count", "hash").first()
        head = row if row is not None else (0, GENESIS)
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
    return ChainReport(True, checked, prev)
