"""The hash chain: each event's hash covers its own content and the previous event's hash.

Why a chain: an audit trail that an administrator can quietly edit is worthless to a data
protection officer. Changing, deleting or reordering a row breaks every later link.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> bytes:
    """A stable byte form of an event's content (sorted keys, no whitespace)."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str).encode()


def link_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode() + b"|" + canonical(fields)).hexdigest()


def link_ids(subject_ids) -> list[int]:
    """The subject ids that get a ``SubjectLink`` row: those that are whole numbers.

    Why one function: ``services.audit_record`` writes a link for each of these, and
    ``verify.verify_chain`` expects exactly these links for each event, so the two cannot drift.
    The ids themselves are inside the hashed content (``event_fields``), which is what puts the
    links under the chain: a link the event's hashed ids do not account for is a forgery.
    """
    return [int(i) for i in subject_ids if isinstance(i, int) or str(i).isdigit()]


def event_fields(event) -> dict[str, Any]:
    """The content covered by the hash; must match what ``services.record`` hashes."""
    return {
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_username": event.actor_username,
        "actor_role": event.actor_role,
        "actor_agency": event.actor_agency,
        "action": event.action,
        "subject_type": event.subject_type,
        "subject_ids": [int(i) if str(i).isdigit() else str(i) for i in event.subject_ids],
        "reason": event.reason,
        "request_id": event.request_id,
        "outcome": event.outcome,
        "detail": event.detail,
    }
