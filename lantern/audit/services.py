"""Writing audit events. Call ``audit_record`` inside the same transaction as the change it
describes, so the change and its event commit (or roll back) together.

Example::

    with transaction.atomic():
        person = Person.objects.create(...)
        audit_record(actor=user, action=events.PERSON_CREATED, subject=person)

How an event joins the chain (docs/adr/0003-audit-hash-chain.md):

1. Everything that does not depend on the previous event is done first, outside any lock: the
   row's content is built and serialised (``chain.canonical``).
2. The single chain-head row is advanced and the event inserted in **one statement** on
   PostgreSQL::

       WITH head AS (UPDATE audit_chainhead SET prev_hash = hash,
                       hash = sha256(hash || '|' || content), count = count + 1 ...
                     RETURNING prev_hash, hash),
            event AS (INSERT INTO audit_auditevent ... SELECT ..., head.prev_hash, head.hash
                      FROM head RETURNING id),
            links AS (INSERT INTO audit_subjectlink ... SELECT event.id ... FROM event)
       SELECT id FROM event

   The UPDATE's row lock serialises writers, and it is taken as late as possible: the lock is
   held from this statement until the surrounding transaction commits. A second writer's UPDATE
   waits, then reads the committed new head, so the chain cannot fork (the earlier
   ``SELECT ... ORDER BY id DESC FOR UPDATE`` could: after waiting it re-read the same old row).
3. On SQLite the whole write transaction already holds the database's write lock
   (``transaction_mode=IMMEDIATE``); the head advances in one ``UPDATE ... RETURNING`` (the
   hash computed by a function registered on the connection, ``lantern.audit.sqlite``), then
   the event and its links are inserted, all with plain SQL to keep the locked stretch short.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone

from lantern.audit.chain import GENESIS, canonical, event_fields, link_ids
from lantern.audit.models import AuditEvent, ChainHead, Outcome, SubjectLink
from lantern.core.middleware import current_request_id

#: AuditEvent columns written by the raw inserts, in order (the chain's two come last).
_COLUMNS = [
    f
    for f in AuditEvent._meta.concrete_fields
    if f.name not in ("id", "prev_hash", "hash")
]
_HASH_FIELDS = [AuditEvent._meta.get_field("prev_hash"), AuditEvent._meta.get_field("hash")]


def _subject_parts(subject, subject_type: str, subject_ids: Iterable[Any] | None):
    if subject is not None:
        return subject._meta.label_lower, [subject.pk]
    return subject_type, list(subject_ids or [])


def audit_record(
    *,
    actor,
    action: str,
    subject=None,
    subject_type: str = "",
    subject_ids: Iterable[Any] | None = None,
    reason: str = "",
    outcome: str = Outcome.ALLOWED,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain (inside the caller's transaction, if there is one)."""
    subject_type, ids = _subject_parts(subject, subject_type, subject_ids)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    agency = getattr(actor, "agency", None) if authenticated else None
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.pk if authenticated else None,
        actor_username=actor.get_username() if authenticated else "",
        actor_role=getattr(actor, "role", "") if authenticated else "",
        actor_agency=agency.name if agency else "",
        action=action,
        subject_type=subject_type,
        subject_ids=ids,
        reason=reason,
        request_id=current_request_id.get(),
        outcome=outcome,
        detail=detail or {},
    )
    links = link_ids(ids)
    payload = canonical(event_fields(event))
    alias = router.db_for_write(AuditEvent)
    # savepoint=False: inside a caller's transaction a failed append fails the whole change,
    # and no SAVEPOINT round trips are spent while the chain head is locked.
    with transaction.atomic(using=alias, savepoint=False):
        _appender(connections[alias])(event, payload, links, alias)
    return event


def _appender(connection):
    """The append strategy for this database (the benchmark swaps in its peers here)."""
    if connection.vendor == "postgresql":
        return append_postgresql
    if connection.vendor == "sqlite":
        return append_sqlite
    return append_locked_row


def _ensure_head(alias: str) -> None:
    """Recreate the head row when it is missing (a flushed test database), from the events."""
    last = AuditEvent.objects.using(alias).order_by("-id").values_list("hash", flat=True).first()
    ChainHead.objects.using(alias).bulk_create(
        [
            ChainHead(
                id=1,
                count=AuditEvent.objects.using(alias).count(),
                prev_hash=GENESIS,
                hash=last or GENESIS,
            )
        ],
        ignore_conflicts=True,
    )


def append_locked_row(event: AuditEvent, payload: bytes, links: list[int], alias: str) -> None:
    """Portable append: lock the head row, hash in Python, advance the head, insert."""
    head = ChainHead.objects.using(alias).select_for_update().filter(pk=1).first()
    if head is None:
        _ensure_head(alias)
        head = ChainHead.objects.using(alias).select_for_update().get(pk=1)
    event.prev_hash = head.hash
    event.hash = hashlib.sha256(head.hash.encode() + b"|" + payload).hexdigest()
    ChainHead.objects.using(alias).filter(pk=1).update(
        prev_hash=head.hash, hash=event.hash, count=head.count + 1
    )
    event.save(force_insert=True, using=alias)
    if links:
        SubjectLink.objects.using(alias).bulk_create(
            SubjectLink(event=event, subject_type=event.subject_type, subject_id=i) for i in links
        )


def _plain_insert_sql(connection) -> str:
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in [*_COLUMNS, *_HASH_FIELDS])
    placeholders = ", ".join(["%s"] * (len(_COLUMNS) + len(_HASH_FIELDS)))
    return f"INSERT INTO audit_auditevent ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608


_SQLITE_ADVANCE = (
    "UPDATE audit_chainhead SET count = count + 1, prev_hash = hash, "
    "hash = lantern_chain_link(hash, %s) WHERE id = 1 RETURNING prev_hash, hash"
)


def append_sqlite(
    event: AuditEvent, payload: bytes, links: list[int], alias: str, *, chained: bool = True
) -> None:
    """SQLite: advance the head in one statement, then insert the event and its links.

    ``chained=False`` exists only so the benchmark can measure the same inserts without the
    chain; production code never passes it.
    """
    connection = connections[alias]
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _COLUMNS]
    with connection.cursor() as cursor:
        if chained:
            cursor.execute(_SQLITE_ADVANCE, [payload])
            row = cursor.fetchone()
            if row is None:
                _ensure_head(alias)
                cursor.execute(_SQLITE_ADVANCE, [payload])
                row = cursor.fetchone()
            prev_hash, digest = row
        else:
            prev_hash, digest = "", hashlib.sha256(payload + uuid.uuid4().bytes).hexdigest()
        cursor.execute(_plain_insert_sql(connection), [*values, prev_hash, digest])
        event_id = cursor.lastrowid
        if links:
            cursor.executemany(
                "INSERT INTO audit_subjectlink (event_id, subject_type, subject_id) "
                "VALUES (%s, %s, %s)",
                [(event_id, event.subject_type, i) for i in links],
            )
    event.pk, event.prev_hash, event.hash = event_id, prev_hash, digest
    event._state.adding = False
    event._state.db = alias


def _insert_sql(connection, chained: bool) -> str:
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in _COLUMNS)
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    if chained:
        head = (
            "head AS (UPDATE audit_chainhead SET count = count + 1, prev_hash = hash, "
            "hash = encode(sha256(convert_to(hash || '|', 'UTF8') || %s::bytea), 'hex') "
            "WHERE id = 1 RETURNING prev_hash, hash)"
        )
        source = "head"
    else:
        head = "head AS (SELECT ''::varchar AS prev_hash, %s::varchar AS hash)"
        source = "head"
    # Identifiers come from the model's own metadata, never from input: not an injection path.
    return (
        f"WITH {head}, "  # noqa: S608  # nosec B608
        f"event AS (INSERT INTO audit_auditevent ({columns}, prev_hash, hash) "
        f"SELECT {placeholders}, {source}.prev_hash, {source}.hash FROM {source} "
        f"RETURNING id, prev_hash, hash), "
        "links AS (INSERT INTO audit_subjectlink (event_id, subject_type, subject_id) "
        "SELECT event.id, %s, unnest(%s::bigint[]) FROM event) "
        "SELECT id, prev_hash, hash FROM event"
    )


def append_postgresql(
    event: AuditEvent, payload: bytes, links: list[int], alias: str, *, chained: bool = True
) -> None:
    """One round trip: advance the head (hash computed by PostgreSQL), insert event and links.

    ``chained=False`` exists only so the benchmark can measure the same insert without the
    chain; production code never passes it.
    """
    connection = connections[alias]
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _COLUMNS]
    first = payload if chained else hashlib.sha256(payload + uuid.uuid4().bytes).hexdigest()
    params = [first, *values, event.subject_type, links]
    sql = _insert_sql(connection, chained)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None and chained:
            _ensure_head(alias)
            cursor.execute(sql, params)
            row = cursor.fetchone()
    event.pk, event.prev_hash, event.hash = row
    event._state.adding = False
    event._state.db = alias
