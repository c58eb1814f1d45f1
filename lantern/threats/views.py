"""The emerging threats page: current alerts, why each was raised, and its weekly series.

Thin: the form gives the as-at date (a GOV.UK error for a bad one, and today's alerts still
shown), ``alerts.current`` does the work from the entries the viewer may read
(``alerts.levels_for``), the view audits what was shown and which levels it was counted from.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lantern.access import sharing
from lantern.analysis.threats import LABELS, week_phrase
from lantern.audit.services import audit_record
from lantern.threats import alerts as alert_mod
from lantern.threats import events, policies
from lantern.threats.forms import AsAtForm

STATE_TAGS = {"new": ("New", "govuk-tag--red"), "continuing": ("Continuing", "govuk-tag--orange"),
              "easing": ("Easing", "govuk-tag--yellow")}


def index(request: HttpRequest) -> HttpResponse:
    if not policies.may_view(request.user):
        raise Http404
    form = AsAtForm(request.GET or None)
    as_at = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_at"]:
        as_at = form.cleaned_data["as_at"]
    levels = alert_mod.levels_for(request.user)
    published, found = alert_mod.current(as_at=as_at, levels=levels)
    items = []
    for i, alert in enumerate(published):
        tag = STATE_TAGS.get(alert.state, ("", ""))
        items.append({"alert": alert, "tag": tag[0], "tag_class": tag[1],
                      "chart": {"id": f"threat-chart-{i}", "spec": alert_mod.chart(alert)},
                      "first_phrase": week_phrase(alert.first_week)})
    audit_record(actor=request.user, action=events.VIEWED, subject_type="threats.alert",
                 detail={"as_at": as_at.isoformat(), "alerts": [a.id for a in published],
                         "sharing": sorted(levels)})
    return render(request, "threats/index.html", {
        "form": form, "items": items, "as_at": as_at, "latest_phrase": week_phrase(found.latest_week),
        "rule": found.rule, "kinds": list(LABELS.values()),
        "areas": sorted({a for a, _ in found.series}),
        "page_title": "Emerging threats", "form_has_errors": bool(form.is_bound and form.errors),
        "rule_json": json.dumps(found.rule.as_dict()),
        "counted_from": ", ".join(sharing.SHORT_LABELS[lv].lower() for lv in sharing.SHORT_LABELS
                                  if lv in levels),
    })
