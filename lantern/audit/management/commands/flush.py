"""``manage.py flush`` that may empty the append-only audit tables.

Django's own flush, with one change: while it runs, the triggers guarding the audit tables
stand aside. Flushing removes *every* table's rows: it is a wipe (test teardown, a demo reset),
never a way to edit history.

* **SQLite** flushes with DELETE; the DELETE triggers carry ``WHEN NOT
  lantern_audit_flushing()``, a function registered on the connection that is true only here
  (``lantern.audit.sqlite``).
* **PostgreSQL** flushes with TRUNCATE, which the ``BEFORE TRUNCATE`` triggers refuse
  (migration 0005). Here the session runs with ``session_replication_role = replica``, in
  which ordinary triggers do not fire. Only a superuser (or a role granted ``SET`` on that
  parameter) may set it, so the application's everyday database role cannot wipe the audit
  trail, flush or no flush; the same people could switch the triggers off by hand anyway.
"""

from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DatabaseError, connections

from lantern.audit.sqlite import FLAG


class Command(DjangoFlush):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor == "postgresql":
            return self._handle_postgresql(connection, options)
        setattr(connection, FLAG, True)
        try:
            return super().handle(**options)
        finally:
            setattr(connection, FLAG, False)

    def _handle_postgresql(self, connection, options):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
        except DatabaseError as exc:
            raise CommandError(
                "The audit trail cannot be emptied by this database role: flushing needs a "
                "superuser, because the audit tables refuse TRUNCATE (docs/explanation/audit.md)."
            ) from exc
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET session_replication_role")
