"""``manage.py verify_audit_chain``: recompute every link; exit non-zero naming the first break.

``--anchor FILE`` (or the ``LANTERN_AUDIT_ANCHOR`` setting) also checks the chain against a head
exported earlier by ``audit_chain_head``: the chain must be at least that long and pass through
it. Once an anchor is configured, a missing or unreadable anchor file fails verification, so
removing the file is not a way round the check (docs/adr/0013-audit-anchor.md).
"""

from django.core.management.base import BaseCommand, CommandError

from lantern.audit.anchor import AnchorError, configured_path, read_anchor
from lantern.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain (and, given one, against an exported head)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            metavar="FILE",
            help="A head exported by audit_chain_head (default: the LANTERN_AUDIT_ANCHOR setting).",
        )

    def handle(self, *args, **options):
        path = configured_path(options.get("anchor"))
        anchor = None
        if path is not None:
            try:
                anchor = read_anchor(path)
            except AnchorError as exc:
                raise CommandError(f"Audit chain not verified: {exc}") from None
        report = verify_chain(anchor=anchor)
        if not report.ok:
            where = f"at event {report.broken_at}" if report.broken_at else "at its end"
            raise CommandError(
                f"Audit chain broken {where}: {report.problem} "
                f"({report.checked} events verified before it)"
            )
        against = f", passing through the exported head in {path}" if anchor else ""
        self.stdout.write(
            f"Audit chain verified: {report.checked} events, head {report.head}{against}"
        )
