"""The partnership dashboard, the committee report and the statistics exports.

Aggregates only: no page here names a child, and every figure passes through disclosure control
(``selectors.published_statistics``). Who may open them is the access matrix's call; each view
leaves an audit event with the filters (and an export its reason).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from lantern.analysis.statistics import Filters
from lantern.audit.services import audit_record
from lantern.reporting import charts, events, exports, report, selectors
from lantern.reporting.forms import DashboardFilterForm, ExportForm, default_period


def _filters(form) -> Filters:
    d = form.cleaned_data
    return Filters(start=d["start"], end=d["end"], as_at=d.get("as_at") or None,
                   area=d.get("area") or None, team=d.get("team") or None)


def _detail(f: Filters) -> dict:
    return {"start": f.start.isoformat(), "end": f.end.isoformat(), "as_at": f.as_at.isoformat(),
            "area": f.area or "", "team": f.team or ""}


def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET or None)
    stats, filters = [], None
    if not form.is_bound:
        start, end = default_period()
        filters = Filters(start=start, end=end)
    elif form.is_valid():
        filters = _filters(form)
    if filters is not None:
        stats = selectors.published_statistics(filters)
        for n, stat in enumerate(stats, 1):
            stat.chart = {"id": f"chart-{n}", "spec": charts.spec(stat, selectors.chart_kind(stat.definition))}
    audit_record(actor=request.user, action=events.DASHBOARD_VIEWED, subject_type="report",
                 detail=_detail(filters) if filters else {"invalid_filters": True})
    query = request.GET.urlencode()
    return render(request, "reporting/dashboard.html", {
        "form": form, "stats": stats, "filters": filters, "threshold": selectors.threshold(),
        "query": query, "page_title": "Partnership statistics",
        "report_url": reverse("statistics:committee_report") + (f"?{query}" if query else ""),
        "export_url": reverse("statistics:export") + (f"?{query}" if query else ""),
    })


def committee_report(request: HttpRequest) -> HttpResponse:
    """The committee report for the dashboard's filters, as PDF (default), HTML or JSON."""
    form = DashboardFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "reporting/dashboard.html", {
            "form": form, "stats": [], "filters": None, "threshold": selectors.threshold(),
            "page_title": "Partnership statistics"}, status=400)
    if form.is_bound:
        filters = _filters(form)
    else:
        start, end = default_period()
        filters = Filters(start=start, end=end)
    fmt = request.GET.get("format", "pdf")
    if fmt not in report.FORMATS:
        fmt = "pdf"
    content, content_type = report.render(report.build(filters), fmt)
    audit_record(actor=request.user, action=events.REPORT_MADE, subject_type="report",
                 detail={**_detail(filters), "format": fmt})
    response = HttpResponse(content, content_type=content_type)
    if fmt != "html":
        response["Content-Disposition"] = (
            f'attachment; filename="child-exploitation-update-{filters.end.isoformat()}.{fmt}"')
    return response


def export(request: HttpRequest) -> HttpResponse:
    """Choose a format and give a reason; the file holds the allow-listed columns only."""
    filter_form = DashboardFilterForm(request.GET or None)
    form = ExportForm(request.POST or None)
    if filter_form.is_bound and not filter_form.is_valid():
        filters = None
    elif filter_form.is_bound:
        filters = _filters(filter_form)
    else:
        start, end = default_period()
        filters = Filters(start=start, end=end)
    if request.method == "POST" and filters is not None and form.is_valid():
        fmt = form.cleaned_data["format"]
        stats = selectors.published_statistics(filters)
        content, content_type = exports.render(stats, filters, fmt)
        audit_record(actor=request.user, action=events.EXPORTED, subject_type="report",
                     reason=form.cleaned_data["reason"], detail={**_detail(filters), "format": fmt})
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="partnership-statistics-{filters.end.isoformat()}.{fmt}"')
        return response
    return render(request, "reporting/export.html", {
        "form": form, "filter_form": filter_form, "filters": filters,
        "page_title": "Download the statistics",
        "dashboard_url": reverse("statistics:dashboard") + (f"?{request.GET.urlencode()}" if request.GET else ""),
    })
