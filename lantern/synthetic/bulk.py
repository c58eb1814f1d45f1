"""Rows straight into tables: PostgreSQL ``COPY`` (psycopg's ``cursor.copy``), or batched
``INSERT`` on any other database, with ids assigned here.

Why not ``bulk_create``: a county is a few hundred thousand rows; ``COPY`` streams them in one
round trip per table with no Python model objects, and assigning ids up front lets rows that
refer to each other (an address to its person, an event to its person) be written without
reading anything back. Sequences are reset afterwards so the app's own inserts carry on.

Model defaults are honoured: a column not given takes the field's default (``now`` for
``auto_now``/``auto_now_add``, ``""`` for a blank text field), worked out once per table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if field.get_internal_type() == "JSONField" else value
    if field.null:
        return None
    if field.get_internal_type() in ("CharField", "TextField", "EmailField", "SlugField"):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value")


class TableWriter:
    """Writes rows of ``columns`` (attnames, ``id`` first) into ``model``'s table."""

    def __init__(self, model, columns: Sequence[str]) -> None:
        now = timezone.now()
        self.model = model
        self.columns = list(columns)
        given = set(self.columns)
        # An id not given is left to the database (identity or autoincrement).
        rest = [f for f in model._meta.concrete_fields if f.attname not in given and not f.primary_key]
        self.all_columns = self.columns + [f.column for f in rest]
        self.tail = tuple(_default(f, now) for f in rest)
        self.table = model._meta.db_table

    def write(self, rows: Iterable[Sequence], *, batch: int = 5000, on_row=None) -> int:
        """Write every row; ``on_row(k)`` is told of progress every so often (a progress bar)."""
        n = reported = 0
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in self.all_columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {qn(self.table)} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(tuple(row) + self.tail)
                        n += 1
                        if on_row is not None and n - reported >= 5000:
                            on_row(n - reported)
                            reported = n
            else:
                marks = ", ".join(["%s"] * len(self.all_columns))
                sql = f"INSERT INTO {qn(self.table)} ({cols}) VALUES ({marks})"  # noqa: S608  # nosec B608
                chunk = []
                for row in rows:
                    chunk.append(tuple(row) + self.tail)
                    n += 1
                    if len(chunk) >= batch:
                        cursor.executemany(sql, chunk)
                        chunk = []
                        if on_row is not None:
                            on_row(n - reported)
                            reported = n
                if chunk:
                    cursor.executemany(sql, chunk)
        if on_row is not None and n > reported:
            on_row(n - reported)
        return n


def next_id(model) -> int:
    """The first id free above every row of ``model``'s table."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {qn(model._meta.db_table)}")  # noqa: S608  # nosec B608
        return int(cursor.fetchone()[0]) + 1


def reset_sequences(models) -> None:
    """After writing ids ourselves, the database's own id counters must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
