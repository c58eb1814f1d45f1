"""Start the chain head from the events already recorded, and guard it like the events.

* The head row starts at the newest existing event (or the genesis hash on a new database).
* PostgreSQL: the head row cannot be deleted, and an UPDATE must advance it by exactly one link
  (new ``prev_hash`` = old ``hash``, ``count`` + 1), so it cannot be wound back quietly.
* SQLite: the same append-only rules, now also on ``audit_subjectlink`` and the head row. The
  DELETE triggers let one thing through: ``manage.py flush`` (test teardown, wiping a demo
  database), which empties every table at once; PostgreSQL's TRUNCATE does the same without
  firing row triggers. See ``lantern.audit.sqlite`` and docs/adr/0003.
"""

from django.db import migrations

GENESIS = "0" * 64

PG_FORWARD = """
CREATE OR REPLACE FUNCTION lantern_audit_head_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'the audit chain head cannot be deleted';
  END IF;
  IF NEW.id <> OLD.id OR NEW.prev_hash <> OLD.hash OR NEW.count <> OLD.count + 1 THEN
    RAISE EXCEPTION 'the audit chain head only moves forward one event at a time';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chainhead_forward_only BEFORE UPDATE OR DELETE ON audit_chainhead
  FOR EACH ROW EXECUTE FUNCTION lantern_audit_head_forward_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS audit_chainhead_forward_only ON audit_chainhead;
DROP FUNCTION IF EXISTS lantern_audit_head_forward_only();
"""

_REFUSE = "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
_UNLESS_FLUSHING = "WHEN NOT lantern_audit_flushing()"
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete;",
    f"CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
    f"{_UNLESS_FLUSHING} {_REFUSE}",
    f"CREATE TRIGGER audit_subjectlink_no_update BEFORE UPDATE ON audit_subjectlink {_REFUSE}",
    f"CREATE TRIGGER audit_subjectlink_no_delete BEFORE DELETE ON audit_subjectlink "
    f"{_UNLESS_FLUSHING} {_REFUSE}",
    "CREATE TRIGGER audit_chainhead_forward_only BEFORE UPDATE ON audit_chainhead "
    "WHEN NEW.id <> OLD.id OR NEW.prev_hash <> OLD.hash OR NEW.count <> OLD.count + 1 "
    "BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward one event at a time'); END;",
    f"CREATE TRIGGER audit_chainhead_no_delete BEFORE DELETE ON audit_chainhead "
    f"{_UNLESS_FLUSHING} {_REFUSE}",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_chainhead_no_delete;",
    "DROP TRIGGER IF EXISTS audit_chainhead_forward_only;",
    "DROP TRIGGER IF EXISTS audit_subjectlink_no_delete;",
    "DROP TRIGGER IF EXISTS audit_subjectlink_no_update;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete;",
    "CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
]


def start_head(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    last = AuditEvent.objects.order_by("-id").values_list("prev_hash", "hash").first()
    ChainHead.objects.get_or_create(
        id=1,
        defaults={
            "count": AuditEvent.objects.count(),
            "prev_hash": last[0] if last else GENESIS,
            "hash": last[1] if last else GENESIS,
        },
    )


def guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def unguards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_head")]
    operations = [
        migrations.RunPython(start_head, migrations.RunPython.noop),
        migrations.RunPython(guards, unguards),
    ]
