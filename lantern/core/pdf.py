"""Printable records as PDFs: tagged, titled, marked OFFICIAL-SENSITIVE, with who printed them.

Why one helper: a chronology or a case summary leaves the building as paper or a file, and a
copy must say on every page how it is to be handled and whose it was (most breaches in this
field are documents that travelled). WeasyPrint writes a *tagged* PDF (``pdf_tags``), so a
screen reader can follow headings and tables, with the document title from ``<title>`` and the
language from ``<html lang>``. The marking and the "printed by" line are running page margins
(``string-set``), so they are on every page however long the record.

Panel packs (``lantern.panels.packs``) are built the same way, per reader.
"""

from __future__ import annotations

from pathlib import Path

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

STYLES = Path(__file__).with_name("pdf.css")
MARKING = "OFFICIAL-SENSITIVE"


def printed_by(user) -> str:
    """"Printed by Priya Shah on 3 December 2026 at 11:45": the line on every page."""
    name = user.get_full_name() or user.get_username()
    return f"Printed by {name} on {timezone.localtime():%-d %B %Y at %H:%M}"


def render_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=html).write_pdf(
        stylesheets=[CSS(string=STYLES.read_text())], pdf_tags=True
    )


def pdf_response(*, template: str, context: dict, user, filename: str) -> HttpResponse:
    """Render ``template`` (a full HTML document with ``<title>`` and ``lang``) as a PDF
    download. The caller has checked access and audits the export."""
    html = render_to_string(
        template, {**context, "marking": MARKING, "printed_by": printed_by(user)}
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
