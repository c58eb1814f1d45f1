"""The committee report, "Child Exploitation Update": every statistic for a period as a tagged,
accessible PDF (WeasyPrint, PDF/UA), HTML, or JSON holding every figure with its definition
id, its value (null where hidden) and whether it was hidden.

Used by ``manage.py committee_report`` and the dashboard's button. Narrative sections are
placeholders for the partnership's own words; the figures are never typed by hand.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from lantern.analysis.statistics import Filters
from lantern.reporting import selectors, svg

TITLE = "Child Exploitation Update"
FORMATS = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "json": "application/json"}
STYLES = Path(__file__).with_name("report.css")


def build(filters: Filters, *, db=None) -> dict:
    stats = selectors.published_statistics(filters, db=db)
    for stat in stats:
        chart = svg.bar_chart(stat)
        stat.svg_src = "data:image/svg+xml;base64," + base64.b64encode(chart.encode()).decode()
    return {
        "title": TITLE,
        "partnership": getattr(settings, "LANTERN_PARTNERSHIP_NAME", "the partnership"),
        "filters": filters,
        "stats": stats,
        "threshold": selectors.threshold(),
        "generated": timezone.localtime(),
    }


def as_json(data: dict) -> dict:
    f = data["filters"]
    return {
        "title": data["title"],
        "partnership": data["partnership"],
        "period": {"from": f.start.isoformat(), "to": f.end.isoformat()},
        "as_at": f.as_at.isoformat(),
        "area": f.area,
        "team": f.team,
        "suppression_threshold": data["threshold"],
        "generated": data["generated"].isoformat(timespec="seconds"),
        "definitions": [{"id": s.definition, "title": s.title, "definition": s.about,
                         "finding": s.finding} for s in data["stats"]],
        "figures": [fig.as_json() for s in data["stats"] for fig in s.figures()],
    }


def render(data: dict, fmt: str) -> tuple[bytes, str]:
    if fmt == "json":
        return json.dumps(as_json(data), indent=1).encode(), FORMATS["json"]
    html = render_to_string("reporting/report.html", data)
    if fmt == "html":
        return html.encode(), FORMATS["html"]
    from weasyprint import CSS, HTML

    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(string=STYLES.read_text())],
                                      pdf_variant="pdf/ua-1")
    return pdf, FORMATS["pdf"]
