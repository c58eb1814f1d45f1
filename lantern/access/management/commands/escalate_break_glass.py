"""``manage.py escalate_break_glass``: escalate break-glass access nobody has reviewed in time.

Run daily (cron or the task scheduler). Marks every unreviewed break-glass grant older than
``LANTERN_BREAK_GLASS_REVIEW_WORKING_DAYS`` working days (England and Wales bank holidays
excluded) as escalated, audits each, and lists them. Exit status 0; ``--fail-if-any`` exits 1
when anything is overdue so a monitoring job can alert.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantern.access import services
from lantern.access.workdays import working_days_between


class Command(BaseCommand):
    help = "Escalate break-glass access not reviewed within the review period (working days)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-if-any",
            action="store_true",
            help="Exit with status 1 when any break-glass access is overdue for review.",
        )

    def handle(self, *args, **options):
        now = timezone.now()
        newly = services.break_glass_escalate(now=now)
        overdue = services.break_glass_overdue(now=now)
        days = services.review_working_days()
        self.stdout.write(
            f"{len(newly)} break-glass access{'es' if len(newly) != 1 else ''} escalated now; "
            f"{len(overdue)} not reviewed after {days} working days."
        )
        today = timezone.localdate(now)
        for grant in overdue:
            age = working_days_between(timezone.localdate(grant.created_at), today)
            mark = "new" if grant in newly else "escalated before"
            self.stdout.write(
                f"  grant {grant.pk}: {grant.user.username} opened record {grant.person_id} on "
                f"{timezone.localtime(grant.created_at):%Y-%m-%d %H:%M} "
                f"({age} working days, {mark})"
            )
        if overdue and options["fail_if_any"]:
            raise CommandError(f"{len(overdue)} break-glass access overdue for review")
