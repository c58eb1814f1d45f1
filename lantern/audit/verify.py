"""Recompute the chain and name the first broken link."""

from __future__ import annotations

from dataclasses import dataclass

from lantern.audit.chain import GENESIS, event_fields, link_hash
from lantern.audit.models import AuditEvent


@dataclass
class ChainReport:
    ok: bool
    checked: int
    head: str
    broken_at: int | None = None
    problem: str = ""


def verify_chain(batch_size: int = 5000) -> ChainReport:
    prev = GENESIS
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        if event.prev_hash != prev:
            return ChainReport(False, checked, prev, event.id, "previous hash does not match: a row was removed, reordered or inserted")
        expected = link_hash(prev, event_fields(event))
        if event.hash != expected:
            return ChainReport(False, checked, prev, event.id, "content does not match its hash: the row was changed")
        prev = event.hash
        checked += 1
    return ChainReport(True, checked, prev)
