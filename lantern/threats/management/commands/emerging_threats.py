"""``manage.py emerging_threats --as-at 2026-11-30 --format json``: the current alerts.

Figures are published as on the page (disclosure control at the suppression threshold), and
the run is audited like a page view.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantern.audit.services import audit_record
from lantern.threats import alerts, events


class Command(BaseCommand):
    help = "List the emerging-threat alerts current at a date, with why each was raised."

    def add_arguments(self, parser):
        parser.add_argument("--as-at", help="YYYY-MM-DD (default today): alerts up to the last complete week before it")
        parser.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args, **options):
        as_at = timezone.localdate()
        if options["as_at"]:
            try:
                as_at = dt.date.fromisoformat(options["as_at"])
            except ValueError:
                raise CommandError(f"--as-at must be a date as YYYY-MM-DD, not {options['as_at']!r}") from None
        data = alerts.report(as_at=as_at)
        audit_record(actor=None, action=events.EXPORTED, subject_type="threats.alert",
                     reason="manage.py emerging_threats",
                     detail={"as_at": as_at.isoformat(), "alerts": [a["id"] for a in data["alerts"]]})
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"Emerging threats as at {as_at:%-d %B %Y} (latest complete week {data['latest_week']}):")
        if not data["alerts"]:
            self.stdout.write("No alerts.")
        for a in data["alerts"]:
            self.stdout.write(f"- [{a['state']}] {a['explanation']}")
