"""``manage.py emerging_threats --as-at 2026-11-30 --format json``: the current alerts.

Figures are published as on the page (disclosure control at the suppression threshold), and
the run is audited like a page view, with the sharing levels it counted.

``--sharing`` (default ``partnership,statutory``, the partnership analyst's figures) says which
chronology entries are counted. Police-only or health-only entries are counted only when the
operator asks for them by name, for a reader entitled to them: the output does not know who
will read it, so it starts from what the partnership may see.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantern.access import sharing
from lantern.audit.services import audit_record
from lantern.threats import alerts, events


class Command(BaseCommand):
    help = "List the emerging-threat alerts current at a date, with why each was raised."

    def add_arguments(self, parser):
        parser.add_argument("--as-at", help="YYYY-MM-DD (default today): alerts up to the last complete week before it")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument("--sharing", default=",".join(sorted(alerts.EXPORT_LEVELS)),
                            help="Comma-separated sharing levels to count (default "
                                 "partnership,statutory; add police or health only for their readers)")

    def handle(self, *args, **options):
        as_at = timezone.localdate()
        if options["as_at"]:
            try:
                as_at = dt.date.fromisoformat(options["as_at"])
            except ValueError:
                raise CommandError(f"--as-at must be a date as YYYY-MM-DD, not {options['as_at']!r}") from None
        levels = _levels(options["sharing"])
        data = alerts.report(as_at=as_at, levels=levels)
        audit_record(actor=None, action=events.EXPORTED, subject_type="threats.alert",
                     reason="manage.py emerging_threats",
                     detail={"as_at": as_at.isoformat(), "alerts": [a["id"] for a in data["alerts"]],
                             "sharing": data["sharing"]})
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"Emerging threats as at {as_at:%-d %B %Y} (latest complete week {data['latest_week']}):")
        if not data["alerts"]:
            self.stdout.write("No alerts.")
        for a in data["alerts"]:
            self.stdout.write(f"- [{a['state']}] {a['explanation']}")


def _levels(value: str) -> frozenset[str]:
    levels = frozenset(v.strip() for v in value.split(",") if v.strip())
    known = {sharing.PARTNERSHIP, sharing.STATUTORY, sharing.POLICE, sharing.HEALTH}
    if not levels or not levels <= known:
        raise CommandError(f"--sharing must be levels from {', '.join(sorted(known))}, not {value!r}")
    return levels
