"""``manage.py verify_audit_chain``: recompute every link; exit non-zero naming the first break."""

from django.core.management.base import BaseCommand, CommandError

from lantern.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and print its head."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at event {report.broken_at}: {report.problem} "
                f"({report.checked} events verified before it)"
            )
        self.stdout.write(f"Audit chain verified: {report.checked} events, head {report.head}")
