"""Pages: the network around a person, line or place (graph and the same content as tables),
its exports, the map of places, and network alerts.

Thin views: ``selectors.network_around`` reads only what the viewer may see (404 for a centre
they may not see), one service writes, and every page that shows people audits their ids.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.audit.services import audit_record
from lantern.intelligence.choices import EntityKind
from lantern.intelligence.entities import describe, people_named, visible_ends
from lantern.networks import events, exports, geo, policies, selectors, services
from lantern.networks.forms import ExportForm, MapForm, NetworkFilterForm
from lantern.networks.models import NetworkAlert
from lantern.networks.nodes import end_of, node_id

KIND_COLOURS = {"person": "#1d70b8", "address": "#00703c", "context": "#00703c", "phone": "#6f72af",
                "vehicle": "#505a5f", "handle": "#912b88", "line": "#d4351c", "group": "#b58840"}


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


def _filters(request: HttpRequest) -> tuple[NetworkFilterForm, selectors.Filters, bool]:
    form = NetworkFilterForm(request.GET or None)
    f = selectors.Filters()
    if form.is_bound and form.is_valid():
        c = form.cleaned_data
        f.depth = int(c["depth"] or 2)
        f.as_at = c["as_at"]
        f.include_ended = c["include_ended"]
        f.entity_kinds = frozenset(c["kinds"])
        f.link_types = frozenset(c["types"])
        f.min_strength = c["strength"] or None
        f.expand = tuple(x for x in (c["expand"] or "").split() if x)[:20]
        f.since = c.get("since")
    bad = bool(form.is_bound and form.errors)
    if f.as_at is None:
        f.as_at = timezone.localdate()
    return form, f, bad


def _query(request: HttpRequest, **changes) -> str:
    q = request.GET.copy()
    for key, value in changes.items():
        q.pop(key, None)
        if isinstance(value, list | tuple):
            for v in value:
                q.appendlist(key, v)
        elif value not in (None, ""):
            q[key] = value
    return q.urlencode()


def _date_query(request: HttpRequest, d: dt.date) -> str:
    return _query(request, as_at_0=str(d.day), as_at_1=str(d.month), as_at_2=str(d.year))


def _shift(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, 28))


def _elements(view: selectors.NetworkView) -> dict:
    return {
        "nodes": [{"data": {"id": n.id, "label": n.view.label, "kind": n.kind,
                            "colour": KIND_COLOURS.get(n.kind, "#505a5f"), "child": n.view.child,
                            "centre": n.id == view.centre.id}} for n in view.nodes],
        "edges": [{"data": {"id": f"link{e.id}", "source": e.source, "target": e.target,
                            "label": e.type_label, "strength": e.strength}} for e in view.edges],
    }


def network(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _require(policies.may_view_network(request.user))
    centre = selectors.centre_for(actor=request.user, kind=kind, pk=pk)
    form, f, bad = _filters(request)
    view = selectors.network_around(actor=request.user, centre=centre, filters=f)
    audit_record(actor=request.user, action=events.VIEWED, subject_type="people.person",
                 subject_ids=view.person_ids,
                 detail={"centre": view.centre.id, "depth": f.depth, "as_at": f.as_at.isoformat(),
                         "entities": len(view.nodes), "links": len(view.edges)})
    by_id = view.by_id()
    today = timezone.localdate()
    steps = [("A year earlier", _shift(f.as_at, -12)), ("6 months earlier", _shift(f.as_at, -6))]
    later = [("6 months later", _shift(f.as_at, 6)), ("A year later", _shift(f.as_at, 12))]
    steps += [(label, d) for label, d in later if d <= today]
    expand_now = set(f.expand)
    rows = []
    for n in view.nodes:
        expand = None
        if n.id != view.centre.id and n.id not in expand_now and n.distance >= f.depth:
            expand = _query(request, expand=" ".join([*f.expand, n.id]))
        recentre = None
        if n.id != view.centre.id:
            k, p = end_of(n.id)
            recentre = reverse("networks:view", args=[k, p]) + "?" + _query(request, expand="")
        rows.append((n, expand, recentre))
    return render(request, "networks/network.html", {
        "view": view, "form": form, "form_has_errors": bad, "filters": f, "rows": rows,
        "links": [(e, by_id[e.source], by_id[e.target]) for e in view.edges],
        "elements": _elements(view), "time_steps": [(label, _date_query(request, d)) for label, d in steps],
        "export_url": reverse("networks:export", args=[kind, pk]) + "?" + request.GET.urlencode(),
        "page_title": f"Network around {view.centre.view.label}",
    })


def export(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _require(policies.may_export(request.user))
    centre = selectors.centre_for(actor=request.user, kind=kind, pk=pk)
    _, f, _ = _filters(request)
    form = ExportForm(request.POST if request.method == "POST" else None)
    back = reverse("networks:view", args=[kind, pk]) + "?" + request.GET.urlencode()
    if request.method == "POST" and form.is_valid():
        view = selectors.network_around(actor=request.user, centre=centre, filters=f)
        filename, content_type, make = exports.FORMATS[form.cleaned_data["what"]]
        body = make(view)
        audit_record(actor=request.user, action=events.EXPORTED, subject_type="people.person",
                     subject_ids=view.person_ids, reason=form.cleaned_data["reason"],
                     detail={"centre": view.centre.id, "format": form.cleaned_data["what"],
                             "depth": f.depth, "as_at": f.as_at.isoformat(),
                             "entities": len(view.nodes), "links": len(view.edges)})
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    label = describe(request.user, [centre]).get(centre)
    return render(request, "networks/export.html", {
        "form": form, "back": back, "centre_label": label.label if label else "",
        "page_title": "Export the network",
    })


def home(request: HttpRequest) -> HttpResponse:
    _require(policies.may_view_network(request.user))
    from lantern.intelligence.models import CountyLine

    lines = list(CountyLine.objects.order_by("brand", "id"))
    shown = visible_ends(request.user, [(EntityKind.LINE, line.pk) for line in lines])
    lines = [line for line in lines if (EntityKind.LINE, line.pk) in shown]
    today = timezone.localdate()
    open_alerts = NetworkAlert.objects.filter(recipient=request.user, acknowledged_at__isnull=True).count()
    return render(request, "networks/home.html", {
        "lines": [(line, line.status_on(today)) for line in lines], "open_alerts": open_alerts,
        "page_title": "Networks",
    })


def map_view(request: HttpRequest) -> HttpResponse:
    """Places and addresses in the network the viewer may see, on the county's own map."""
    _require(policies.may_view_network(request.user))
    from lantern.intelligence.selectors import visible_links

    form = MapForm(request.GET or None)
    on = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_at"]:
        on = form.cleaned_data["as_at"]
    rows = visible_links(actor=request.user, as_at=on, current_only=True)
    counts: dict[tuple[str, int], int] = {}
    for r in rows:
        for e in "ab":
            if r[f"{e}_kind"] in (EntityKind.ADDRESS, EntityKind.CONTEXT):
                end = (r[f"{e}_kind"], r[f"{e}_id"])
                counts[end] = counts.get(end, 0) + 1
    labels = describe(request.user, list(counts), on=on)
    districts = _districts(list(counts))
    places = []
    for end, n in counts.items():
        if end not in labels:
            continue
        district = districts.get(end)
        point = geo.point_in(district, node_id(*end))
        places.append({"label": labels[end].label, "kind": labels[end].kind_label, "district": district or "Not known",
                       "links": n, "url": reverse("networks:view", args=list(end)), "point": point})
    places.sort(key=lambda p: (p["district"], p["label"]))
    audit_record(actor=request.user, action=events.MAP_VIEWED, subject_type="people.person",
                 subject_ids=people_named(end for end in counts if end in labels), detail={"as_at": on.isoformat(), "places": len(places)})
    return render(request, "networks/map.html", {
        "form": form, "form_has_errors": bool(form.is_bound and form.errors), "on": on,
        "places": places, "geojson": geo.county_geojson(),
        "markers": [p for p in places if p["point"]], "page_title": "Map of places",
    })


def _districts(ends: list[tuple[str, int]]) -> dict[tuple[str, int], str | None]:
    from lantern.contexts.models import Context
    from lantern.people.models import Address

    out: dict[tuple[str, int], str | None] = {}
    addr = [pk for k, pk in ends if k == EntityKind.ADDRESS]
    for pk, district, postcode in Address.objects.filter(pk__in=addr).values_list(
            "pk", "district__name", "postcode"):
        out[(EntityKind.ADDRESS, pk)] = district or geo.outward_district(postcode)
    ctx = [pk for k, pk in ends if k == EntityKind.CONTEXT]
    for pk, district, postcode in Context.objects.filter(pk__in=ctx).values_list(
            "pk", "district__name", "postcode_district"):
        out[(EntityKind.CONTEXT, pk)] = district or geo.outward_district(postcode)
    return out


def alerts(request: HttpRequest) -> HttpResponse:
    """The viewer's own network alerts, each described for them now; an alert whose path holds
    anything they may no longer see is left out (never shown with a gap)."""
    _require(policies.may_receive_alerts(request.user))
    mine = list(NetworkAlert.objects.filter(recipient=request.user).order_by(
        "acknowledged_at", "-created_at", "-id")[:200])
    ends = set()
    for a in mine:
        for path in a.paths():
            for n, _ in path:
                ends.add(end_of(n))
        ends.add(end_of(a.about))
    labels = describe(request.user, list(ends))
    link_ids = {link for a in mine for p in a.paths() for _, link in p if link}
    types = _link_types(request.user, link_ids)
    shown = []
    for a in mine:
        paths = []
        ok = end_of(a.about) in labels
        for path in a.paths():
            steps = []
            for n, link in path:
                end = end_of(n)
                if end not in labels or (link is not None and link not in types):
                    ok = False
                    break
                steps.append((labels[end], types.get(link, "")))
            paths.append(steps)
        if ok:
            shown.append((a, labels[end_of(a.about)], paths))
    audit_record(actor=request.user, action=events.ALERTS_VIEWED, subject_type="people.person",
                 subject_ids=people_named(
                     [(about.kind, about.id) for _, about, _ in shown]
                     + [(v.kind, v.id) for _, _, ps in shown for p in ps for v, _ in p]),
                 detail={"alerts": len(shown)})
    return render(request, "networks/alerts.html", {"alerts": shown, "page_title": "Network alerts"})


def _link_types(actor, link_ids) -> dict[int, str]:
    from lantern.intelligence.choices import LinkType
    from lantern.intelligence.models import Link
    from lantern.intelligence.policies import link_readable_q

    labels = dict(LinkType.choices)
    return {pk: labels.get(t, t) for pk, t in Link.objects.filter(link_readable_q(actor)).filter(
        pk__in=link_ids).values_list("pk", "link_type")}


@require_POST
def alert_acknowledge(request: HttpRequest, alert_id: int) -> HttpResponse:
    _require(policies.may_receive_alerts(request.user))
    alert = get_object_or_404(NetworkAlert, pk=alert_id, recipient=request.user)
    services.alert_acknowledge(actor=request.user, alert=alert)
    messages.success(request, "Alert marked as seen")
    return redirect("networks:alerts")
