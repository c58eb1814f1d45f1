"""``manage.py audit_chain_head``: print the chain head as JSON, for a nightly export.

Why export it: the chain shows that no event was changed or removed *relative to the head*.
Someone able to rewrite the whole table and the head together could start a fresh chain; a
copy of yesterday's head kept outside the database (the partnership's log store, an email to
the DPO) makes that visible, because today's chain must still pass through it.

Output::

    {"count": 12873, "head_hash": "9f2c...", "last_id": 12901, "at": "2026-03-14T02:00:00+00:00"}

``--verify`` recomputes the whole chain first and exits non-zero if it is broken.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from lantern.audit.selectors import chain_head


class Command(BaseCommand):
    help = "Print the audit chain head (count, hash, newest event id, time) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true", help="Verify the whole chain first.")

    def handle(self, *args, **options):
        if options["verify"]:
            from lantern.audit.verify import verify_chain

            report = verify_chain()
            if not report.ok:
                raise CommandError(f"Audit chain broken at event {report.broken_at}: {report.problem}")
        self.stdout.write(json.dumps(chain_head(), sort_keys=True))
