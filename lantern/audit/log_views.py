"""The data protection officer's audit view: every event, filtered, paged and exportable.

Filters: who (and "only what they looked at"), action, record number and a date range. Views of
dashboards, queues and lists are hidden unless asked for: they are most of the trail and rarely
what an inquiry is about. A record the DPO may not open is shown as "A restricted record" and its
number, never named (``selectors.record_labels``; ADR 0012 amendment). Looking at the view and
exporting it are both audited; an export needs a reason.
"""

from __future__ import annotations

import csv
import io

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lantern.audit import events, selectors
from lantern.audit.describe import describe
from lantern.audit.forms import AuditFilterForm, ExportReasonForm
from lantern.audit.policies import may_see_log
from lantern.audit.services import audit_record

PAGE_SIZE = 50
#: An export larger than this is refused with a message to narrow the filters.
EXPORT_LIMIT = 50_000
FILTER_FIELDS = ("user", "looked_at", "action", "record", "date_from_0", "date_from_1",
                 "date_from_2", "date_to_0", "date_to_1", "date_to_2", "include_noise")


def _filtered(request: HttpRequest):
    """The bound filter form and the events it selects (none while it has errors)."""
    form = AuditFilterForm(request.GET if any(f in request.GET for f in FILTER_FIELDS) else None)
    params: dict = {}
    if form.is_bound:
        if not form.is_valid():
            return form, None, {}
        data = form.cleaned_data
        params = {
            "user_id": int(data["user"]) if data.get("user") else None,
            "action": data.get("action") or "",
            "record_id": data.get("record"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "looked_at": bool(data.get("looked_at")),
            "include_noise": bool(data.get("include_noise")),
        }
    return form, selectors.audit_log(actor=request.user, **params), params


def _filter_detail(params: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in params.items() if v not in (None, "", False)}


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _subjects(event, records: dict[int, dict]) -> list[dict]:
    if event.subject_type != selectors.PERSON:
        return []
    return [records[int(i)] for i in event.subject_ids
            if (isinstance(i, int) or str(i).isdigit()) and int(i) in records]


def audit_log(request: HttpRequest) -> HttpResponse:
    if not may_see_log(request.user):
        raise Http404
    form, found, params = _filtered(request)
    page = None
    if found is not None:
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        records = selectors.record_labels(actor=request.user, events=page.object_list)
        names = selectors.actor_names({e.actor_id for e in page.object_list if e.actor_id})
        for event in page.object_list:
            event.actor_name = names.get(event.actor_id, "")
            event.records = _subjects(event, records)
        audit_record(
            actor=request.user, action=events.AUDIT_LOG_VIEWED,
            subject_type=selectors.PERSON, subject_ids=sorted(records),
            detail={"filters": _filter_detail(params), "page": page.number},
        )
    return render(request, "audit/log.html", {
        "page_title": "Audit trail",
        "form": form,
        "page": page,
        "params": params,
        "page_query": _query_without(request, "page"),
        "export_query": _query_without(request, "page"),
    })


def _csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; neutralise them."""
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def audit_export(request: HttpRequest) -> HttpResponse:
    """Ask why, then download the filtered events as CSV; the export is itself an event."""
    if not may_see_log(request.user):
        raise Http404
    form, found, params = _filtered(request)
    reason_form = ExportReasonForm(request.POST if request.method == "POST" else None)
    too_many = found is not None and found.count() > EXPORT_LIMIT
    if request.method == "POST" and found is not None and not too_many and reason_form.is_valid():
        rows = list(found[:EXPORT_LIMIT])
        records = selectors.record_labels(actor=request.user, events=rows)
        names = selectors.actor_names({e.actor_id for e in rows if e.actor_id})
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["When", "Username", "Name", "Role", "Agency", "Action code", "What",
                         "Outcome", "Records", "Reason"])
        for e in rows:
            subjects = "; ".join(f"{r['label']} (record {r['pk']})" for r in _subjects(e, records))
            writer.writerow([_csv_safe(x) for x in (
                timezone.localtime(e.occurred_at).isoformat(timespec="seconds"), e.actor_username,
                names.get(e.actor_id, ""), e.actor_role, e.actor_agency, e.action,
                describe(e.action), e.outcome, subjects, e.reason)])
        audit_record(
            actor=request.user, action=events.AUDIT_LOG_EXPORTED,
            subject_type=selectors.PERSON, subject_ids=sorted(records),
            reason=reason_form.cleaned_data["reason"],
            detail={"filters": _filter_detail(params), "rows": len(rows), "via": "browser"},
        )
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "audit/export.html", {
        "page_title": "Export the audit trail",
        "form": reason_form,
        "filter_form": form,
        "count": None if found is None else found.count(),
        "too_many": too_many,
        "limit": EXPORT_LIMIT,
        "query": request.GET.urlencode(),
    }, status=200)
