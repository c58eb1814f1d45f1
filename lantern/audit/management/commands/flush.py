"""``manage.py flush`` that may empty the append-only audit tables on SQLite.

Django's own flush, with one change: while it runs, the SQLite DELETE triggers on the audit
tables stand aside (see ``lantern.audit.sqlite``). On PostgreSQL flush uses TRUNCATE, which the
row triggers never see, so nothing changes there. Flushing removes *every* table's rows: it is a
wipe (test teardown, a demo reset), never a way to edit history.
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from lantern.audit.sqlite import FLAG


class Command(DjangoFlush):
    def handle(self, **options):
        connection = connections[options["database"]]
        setattr(connection, FLAG, True)
        try:
            return super().handle(**options)
        finally:
            setattr(connection, FLAG, False)
