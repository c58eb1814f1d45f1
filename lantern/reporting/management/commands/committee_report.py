"""``manage.py committee_report --from YYYY-MM-DD --to YYYY-MM-DD [--as-at YYYY-MM-DD]
[--area North] [--team NAME] --format pdf|html|json --out FILE``

The committee report ("Child Exploitation Update") for a period, as the dashboard's button
makes it. Bad dates or options give a clear error, a non-zero exit and no file. The file is
written only once it is complete (a temporary file renamed into place).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantern.analysis.statistics import Filters
from lantern.audit.services import audit_record
from lantern.reporting import events, report


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise CommandError(f"{option} must be a real date like 2026-03-31, not {text!r}") from None


class Command(BaseCommand):
    help = "Write the committee report (Child Exploitation Update) as PDF, HTML or JSON."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--as-at", dest="as_at", default=None, metavar="YYYY-MM-DD",
                            help="the day figures that stand on a day are taken (default: --to)")
        parser.add_argument("--area", default=None)
        parser.add_argument("--team", default=None)
        parser.add_argument("--format", dest="fmt", choices=sorted(report.FORMATS), default="pdf")
        parser.add_argument("--out", required=True, metavar="FILE")

    def handle(self, *args, start, end, as_at, area, team, fmt, out, **options):
        start_d, end_d = _date(start, "--from"), _date(end, "--to")
        as_at_d = _date(as_at, "--as-at") if as_at else None
        try:
            filters = Filters(start=start_d, end=end_d, as_at=as_at_d, area=area, team=team)
        except ValueError as exc:
            raise CommandError(f"{exc} (--from {start} is after --to {end})") from None
        target = Path(out)
        if not target.parent.exists():
            raise CommandError(f"The folder {target.parent} does not exist")
        content, _ = report.render(report.build(filters), fmt)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".committee-report-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        audit_record(actor=None, action=events.REPORT_MADE, subject_type="report",
                     detail={"start": start_d.isoformat(), "end": end_d.isoformat(),
                             "as_at": filters.as_at.isoformat(), "area": area or "", "team": team or "",
                             "format": fmt, "via": "manage.py committee_report"})
        self.stdout.write(self.style.SUCCESS(f"Wrote the {report.TITLE} ({fmt}) to {target}"))
