"""Write the SSDA903 missing table as CSV for the local authority's data team.

    manage.py export_missing_903 --from 2025-04-01 --to 2026-03-31 --out missing.csv

Episodes that *started* between the dates (inclusive) are exported; dates are DD/MM/YYYY as
the return expects. A child without a local authority child ID gets a stable placeholder and
a warning on stderr. The export is audited with its row count. Bad dates exit non-zero.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantern.audit.services import audit_record
from lantern.missing import events
from lantern.missing.selectors import missing_903
from lantern.missing.views import write_903_csv
from lantern.people.models import Person


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CommandError(f"--{name} must be a real date as YYYY-MM-DD, for example 2026-03-31 (got {value!r})")


class Command(BaseCommand):
    help = "Export the SSDA903 missing table (CHILD, DOB, MISSING, MIS_START, MIS_END) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, help="first start date, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="last start date, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="file to write (use - for standard output)")

        parser.add_argument("--force", action="store_true", help="overwrite an existing file")

    def handle(self, *args, date_from, date_to, out, force, **options):
        a, b = _date(date_from, "from"), _date(date_to, "to")
        if b < a:
            raise CommandError("--to must be the same as or after --from")
        target = None if out == "-" else Path(out)
        if target is not None:
            if target.exists() and not force:
                raise CommandError(f"{target} already exists; use --force to overwrite it")
            if not target.parent.exists():
                raise CommandError(f"The folder {target.parent} does not exist")
        result = missing_903(people=Person.objects.all(), date_from=a, date_to=b)
        if target is None:
            write_903_csv(result.rows, self.stdout)
        else:
            with target.open("w", newline="", encoding="utf-8") as fh:
                write_903_csv(result.rows, fh)
        audit_record(
            actor=None,
            action=events.EXPORT_903,
            subject_type="people.person",
            subject_ids=result.person_ids,
            detail={"from": a.isoformat(), "to": b.isoformat(), "rows": len(result.rows), "via": "command"},
        )
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        if target is not None:
            self.stdout.write(f"Wrote {len(result.rows)} rows to {target}")
