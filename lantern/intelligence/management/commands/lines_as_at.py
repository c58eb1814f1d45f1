"""``manage.py lines_as_at --date 2019-02-01 --format json|csv``: County Lines by importing area
and status as at a date.

An operator's tool: it prints **raw** counts (no small-number suppression), for the police
analyst's return or a check of the register; anything published to people who may not open the
records behind it goes through the on-screen counts, which apply disclosure control for them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from lantern.analysis.lines import STATUSES
from lantern.intelligence.lines import raw_counts_as_at


class Command(BaseCommand):
    help = "County Lines counts by area and status as at a date (raw counts: an operator's tool)."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args, **options):
        try:
            as_at = dt.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError("Enter the date as YYYY-MM-DD, for example 2019-02-01") from None
        counts = raw_counts_as_at(as_at)
        if options["format"] == "json":
            self.stdout.write(json.dumps(counts))
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["as_at", "area", *STATUSES])
        for area, row in counts["areas"].items():
            writer.writerow([counts["as_at"], area, *(row[s] for s in STATUSES)])
        writer.writerow([counts["as_at"], "Total", *(counts["total"][s] for s in STATUSES)])
