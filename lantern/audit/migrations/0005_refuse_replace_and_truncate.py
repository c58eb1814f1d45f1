"""Close two ways round the append-only triggers (issue #10).

* **SQLite: ``INSERT OR REPLACE``** (and ``REPLACE INTO``, and an upsert). REPLACE resolves a
  clash on the primary key or the unique ``hash`` by deleting the old row, and that deletion
  fires no DELETE trigger unless ``PRAGMA recursive_triggers`` is on for the connection doing
  it, which a shell need not do. So the refusal is an ``BEFORE INSERT`` trigger instead: it
  fires before any conflict is resolved, on every connection, and refuses an insert whose
  ``id`` (or, for events, ``hash``) already exists. A genuine append never clashes: ids are
  new and each hash covers its predecessor. The head row may only ever be row 1, and only
  inserted while it is missing (a flushed database).
* **PostgreSQL: ``TRUNCATE``.** Row triggers never see it, so it emptied every audit table
  and verification then found a consistent, empty chain. A ``BEFORE TRUNCATE`` statement
  trigger on events, subject links and the head refuses it. ``manage.py flush`` (test teardown,
  a demo reset) still empties them, by running with ``session_replication_role = replica``,
  which only a superuser may set: the same people who could switch any trigger off.

An exported head (docs/adr/0013-audit-anchor.md) catches what a superuser could still do.
"""

from django.db import migrations

TABLES = ("audit_auditevent", "audit_subjectlink", "audit_chainhead")

# lantern_audit_append_only() (migration 0002) raises for any operation, TRUNCATE included.
PG_FORWARD = [
    f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION lantern_audit_append_only();"
    for table in TABLES
]
PG_BACKWARD = [f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};" for table in TABLES]

# Spelt out in full (no string building): the same refusal on each table.
SQLITE_FORWARD = [
    "CREATE TRIGGER audit_auditevent_no_replace BEFORE INSERT ON audit_auditevent "
    "WHEN EXISTS (SELECT 1 FROM audit_auditevent WHERE id = NEW.id) "
    "OR EXISTS (SELECT 1 FROM audit_auditevent WHERE hash = NEW.hash) "
    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only: a row cannot be replaced'); END;",
    "CREATE TRIGGER audit_subjectlink_no_replace BEFORE INSERT ON audit_subjectlink "
    "WHEN EXISTS (SELECT 1 FROM audit_subjectlink WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only: a row cannot be replaced'); END;",
    "CREATE TRIGGER audit_chainhead_no_replace BEFORE INSERT ON audit_chainhead "
    "WHEN NEW.id IS NOT 1 OR EXISTS (SELECT 1 FROM audit_chainhead) "
    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only: a row cannot be replaced'); END;",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_chainhead_no_replace;",
    "DROP TRIGGER IF EXISTS audit_subjectlink_no_replace;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_replace;",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_head_start_and_guards")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
