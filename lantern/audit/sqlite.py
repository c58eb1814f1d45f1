"""SQLite support for the audit chain: two functions registered on every connection.

``lantern_chain_link(prev_hash, content)`` computes a link exactly as
``lantern.audit.chain.link_hash`` does, so the chain head advances in one
``UPDATE ... RETURNING`` statement (``lantern.audit.services.append_sqlite``).

The DELETE triggers on the audit tables carry ``WHEN NOT lantern_audit_flushing()``: a
function registered on every SQLite connection that answers 1 only while ``manage.py flush``
(our override in ``lantern/audit/management/commands/flush.py``) empties the whole database.

Why: test teardown for browser and other transactional tests flushes the database after each
test; PostgreSQL does that with TRUNCATE, which row triggers do not see, but SQLite flushes with
DELETE, which the append-only trigger would refuse. Any other deletion is still refused, and a
connection without the function (the ``sqlite3`` shell) cannot delete at all, because the
trigger fails on the unknown function.
"""

from __future__ import annotations

import hashlib

from django.db.backends.signals import connection_created

FLAG = "lantern_audit_flushing"


def chain_link(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + b"|" + bytes(content)).hexdigest()


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function(
        "lantern_audit_flushing", 0, lambda: 1 if getattr(connection, FLAG, False) else 0
    )
    raw.create_function("lantern_chain_link", 2, chain_link, deterministic=True)


def install() -> None:
    connection_created.connect(_register, dispatch_uid="lantern.audit.sqlite")
