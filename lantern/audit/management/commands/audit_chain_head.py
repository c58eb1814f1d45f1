"""``manage.py audit_chain_head``: print the chain head as JSON, for a nightly export.

Why export it: the chain shows that no event was changed or removed *relative to the head*.
Someone able to rewrite or empty the whole table and the head together could start a fresh
chain; a copy of an earlier head kept outside the database makes that visible, because today's
chain must still pass through it (docs/adr/0013-audit-anchor.md).

Output::

    {"count": 12873, "head_hash": "9f2c...", "last_id": 12901, "at": "2026-03-14T02:00:00+00:00"}

``--verify`` recomputes the whole chain first and exits non-zero if it is broken.

``--anchor FILE`` (or the ``LANTERN_AUDIT_ANCHOR`` setting) also keeps the head in that file:
the chain is verified against the head already there (if the file exists), and only if it
passes is the file replaced by the head just verified. A shortened or rebuilt chain therefore
never overwrites the evidence against it. Put the file where the database's administrators
cannot write.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantern.audit.anchor import Anchor, AnchorError, configured_path, read_anchor, write_anchor
from lantern.audit.selectors import chain_head


class Command(BaseCommand):
    help = "Print the audit chain head (count, hash, newest event id, time) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true", help="Verify the whole chain first.")
        parser.add_argument(
            "--anchor",
            metavar="FILE",
            help="Verify against the head in FILE, then write the new head there "
            "(default: the LANTERN_AUDIT_ANCHOR setting).",
        )

    def handle(self, *args, **options):
        path = configured_path(options.get("anchor"))
        if path is None and not options["verify"]:
            self.stdout.write(json.dumps(chain_head(), sort_keys=True))
            return
        from lantern.audit.verify import verify_chain

        previous = None
        if path is not None and path.exists():
            try:
                previous = read_anchor(path)
            except AnchorError as exc:
                raise CommandError(f"Audit chain head not exported: {exc}") from None
        report = verify_chain(anchor=previous)
        if not report.ok:
            where = f"at event {report.broken_at}" if report.broken_at else "at its end"
            raise CommandError(f"Audit chain broken {where}: {report.problem}")
        # The head exported is the one just verified, not one read a moment later.
        head = Anchor(
            count=report.checked,
            head_hash=report.head,
            last_id=report.last_id,
            at=timezone.now().isoformat(timespec="seconds"),
        )
        if path is not None:
            write_anchor(path, head)
        self.stdout.write(
            json.dumps(
                {"count": head.count, "head_hash": head.head_hash, "last_id": head.last_id,
                 "at": head.at},
                sort_keys=True,
            )
        )
