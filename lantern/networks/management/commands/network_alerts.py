"""``manage.py network_alerts --since YYYY-MM-DD [--on YYYY-MM-DD]``: raise the network alerts
that became true between the two dates (run nightly with ``--since`` yesterday)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantern.networks.services import network_alerts_run


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = "Raise network alerts to lead professionals and panels (never to schools)."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="YYYY-MM-DD: alerts new since this date")
        parser.add_argument("--on", help="YYYY-MM-DD: as at this date (default today)")

    def handle(self, *args, since, on=None, **options):
        since_d = _date(since)
        on_d = _date(on) if on else timezone.localdate()
        if since_d > on_d:
            raise CommandError("--since must be on or before --on")
        raised = network_alerts_run(since=since_d, on=on_d)
        self.stdout.write(json.dumps({"since": since_d.isoformat(), "on": on_d.isoformat(), **raised}))
