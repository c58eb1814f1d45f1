"""Pages for intelligence and the County Lines register. Thin views: selectors fetch what the
actor may see (404 otherwise), one service writes, and every page naming people is audited with
the ids of those named."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lantern.access.naming import split_named
from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT
from lantern.accounts.models import Area
from lantern.analysis.disclosure import Table, protect
from lantern.analysis.lines import STATUSES
from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page
from lantern.intelligence import events, lines, policies, selectors, services
from lantern.intelligence.choices import EntityKind, LinkType
from lantern.intelligence.entities import describe, people_named, visible_ends
from lantern.intelligence.forms import (
    AssessForm,
    CountsForm,
    EncounterForm,
    EntityRefForm,
    LineFilterForm,
    LineForm,
    LinePersonForm,
    LinkEndForm,
    LinkForm,
    NewLineForm,
    ReportForm,
    ReportSearchForm,
    SanitiseForm,
    StatusForm,
    SubmissionForm,
)
from lantern.intelligence.models import (
    CountyLine,
    LineStatusChange,
    PartnerSubmission,
    PoliceEncounter,
)
from lantern.people.models import Person
from lantern.people.picker import search_to_pick

FORM = "core/form_page.html"


def _posted(request):
    return request.POST if request.method == "POST" else None


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _page(request, form, *, save, success_message, success_url, back, heading, caption="",
          intro="", button="Save", audit=None):
    return form_page(
        request, form, save=save, success_message=success_message, success_url=success_url,
        template=FORM, audit=audit,
        context={"heading": heading, "caption": caption, "intro": intro, "button": button,
                 "back": back, "page_title": heading},
    )


def _need(condition) -> None:
    if not condition:
        raise Http404


# --- County Lines -----------------------------------------------------------------------------


def _line_get(actor, line_id) -> CountyLine:
    _need(policies.may_view_register(actor))
    line = CountyLine.objects.select_related("importing_area", "importing_district").filter(
        pk=_pk(line_id)).first()
    _need(line)
    return line


def _counts(actor, as_at: dt.date) -> dict:
    """Counts by area and status as at ``as_at``: exact for those who may open every line,
    through disclosure control for the rest (``policies`` module doc)."""
    raw = lines.raw_counts_as_at(as_at)
    areas = list(raw["areas"])
    if policies.raw_line_counts(actor):
        rows = [(a, [raw["areas"][a][s] for s in STATUSES]) for a in areas]
        return {"rows": rows, "total": [raw["total"][s] for s in STATUSES], "protected": False,
                "as_at": as_at}
    shown = protect(Table.from_rows({a: raw["areas"][a] for a in areas}),
                    threshold=settings.LANTERN_SUPPRESSION_THRESHOLD)
    rows = [(a, [shown.row(a)[s] for s in STATUSES]) for a in areas]
    return {"rows": rows, "total": list(shown.column_totals), "protected": True, "as_at": as_at}


def _as_at(form) -> dt.date:
    if form.is_bound and form.is_valid() and form.cleaned_data.get("as_at"):
        return form.cleaned_data["as_at"]
    return timezone.localdate()


def line_list(request: HttpRequest) -> HttpResponse:
    _need(policies.may_view_register(request.user))
    areas = Area.objects.order_by("id")
    form = LineFilterForm(request.GET or None, areas=areas)
    as_at = _as_at(form)
    status = area = None
    if form.is_bound and form.is_valid():
        status, area = form.cleaned_data["status"] or None, form.cleaned_data["area"]
    history = {pk: [] for pk in CountyLine.objects.values_list("pk", flat=True)}
    for line_id, when, st in LineStatusChange.objects.order_by(
            "id").values_list("line_id", "effective_on", "status"):
        history[line_id].append((when, st))
    from lantern.analysis.lines import status_as_at

    rows = []
    for line in CountyLine.objects.select_related("importing_area").order_by("brand", "id"):
        now = status_as_at(history[line.pk], as_at)
        if now is None or (status and now != status) or (area and line.importing_area_id != area.pk):
            continue
        rows.append((line, now))
    numbers = _numbers_by_line(request.user, [line.pk for line, _ in rows])
    audit_record(actor=request.user, action=events.LINES_LISTED,
                 subject_type="intelligence.countyline", subject_ids=[line.pk for line, _ in rows],
                 detail={"as_at": as_at.isoformat(), "status": status or "", "lines": len(rows)})
    return render(request, "intelligence/line_list.html", {
        "filter_form": form, "rows": [(line, st, numbers.get(line.pk, [])) for line, st in rows],
        "as_at": as_at, "counts": _counts(request.user, as_at), "statuses": STATUSES,
        "can_record": policies.may_record(request.user), "page_title": "County Lines",
        "form_has_errors": bool(form.is_bound and form.errors),
    })


def _numbers_by_line(actor, line_ids) -> dict[int, list]:
    """Each line's numbers, read only through links whose sharing level ``actor`` reads: a
    number recorded as police only must not reach the register's other viewers (the line page
    reads its numbers through ``selectors.visible_links`` and must agree)."""
    from lantern.intelligence.models import Phone

    links = list(selectors.readable_links(actor=actor).filter(
        a_kind=EntityKind.LINE, a_id__in=line_ids, link_type=LinkType.USES_NUMBER,
        b_kind=EntityKind.PHONE).values_list("a_id", "b_id"))
    phones = {p.pk: p for p in Phone.objects.filter(pk__in=[b for _, b in links])}
    out: dict[int, list] = {}
    for a, b in links:
        if b in phones:
            out.setdefault(a, []).append(phones[b])
    return out


def line_counts(request: HttpRequest) -> HttpResponse:
    _need(policies.may_view_line_counts(request.user))
    form = CountsForm(request.GET or None)
    as_at = _as_at(form)
    counts = _counts(request.user, as_at)
    audit_record(actor=request.user, action=events.LINE_COUNTS_VIEWED,
                 subject_type="intelligence.countyline",
                 detail={"as_at": as_at.isoformat(), "protected": counts["protected"]})
    return render(request, "intelligence/line_counts.html", {
        "form": form, "counts": counts, "statuses": STATUSES, "page_title": "County Lines by area",
        "form_has_errors": bool(form.is_bound and form.errors),
        "register": policies.may_view_register(request.user),
    })


def _line_context(actor, line):
    """What a line's page shows: status history, numbers, and its linked people, addresses and
    phones the viewer may see (people they may not open are counted, never named)."""
    history = list(line.status_changes.select_related("recorded_by").order_by("effective_on", "id"))
    rows = selectors.entity_links(actor=actor, end=(EntityKind.LINE, line.pk))
    people = [r for r in rows if r["other"].kind == EntityKind.PERSON]
    children = [r for r in people if r["other"].child]
    adults = [r for r in people if not r["other"].child]
    addresses = [r for r in rows if r["other"].kind == EntityKind.ADDRESS]
    phones = [r for r in rows if r["other"].kind == EntityKind.PHONE]
    # Children linked to the line at a level the viewer reads but whom they may not open.
    readable = selectors.readable_links(actor=actor).filter(
        b_kind=EntityKind.LINE, b_id=line.pk, a_kind=EntityKind.PERSON,
        link_type__in=[LinkType.RUNS_FOR_LINE, LinkType.EXPLOITED_BY])
    hidden = split_named(actor, sorted(set(readable.values_list("a_id", flat=True))),
                         person_of=lambda pk: pk).hidden
    today = timezone.localdate()
    return {
        "line": line, "history": history, "status": line.status_on(today),
        "children": children, "adults": adults, "addresses": addresses, "phones": phones,
        "hidden_children": hidden, "police": policies.is_police(actor),
        "can_record": policies.may_record(actor), "page_title": f"'{line.brand}' line",
    }, selectors.people_in(rows)


def line_detail(request: HttpRequest, line_id: int) -> HttpResponse:
    line = _line_get(request.user, line_id)
    context, named = _line_context(request.user, line)
    audit_record(actor=request.user, action=events.LINE_VIEWED, subject_type="people.person",
                 subject_ids=named, detail={"line_id": line.pk})
    return render(request, "intelligence/line_detail.html", context)


def line_print(request: HttpRequest, line_id: int) -> HttpResponse:
    line = _line_get(request.user, line_id)
    context, named = _line_context(request.user, line)
    audit_record(actor=request.user, action=events.LINE_PRINTED, subject_type="people.person",
                 subject_ids=named, detail={"line_id": line.pk})
    return render(request, "intelligence/line_print.html", {**context, "printed_at": timezone.now()})


def line_create(request: HttpRequest) -> HttpResponse:
    _need(policies.may_record(request.user))
    return _page(
        request, NewLineForm(_posted(request), areas=Area.objects.order_by("id")),
        save=lambda d: services.line_create(
            actor=request.user, brand=d["brand"], importing_area=d["importing_area"],
            exporting_area=d["exporting_area"], opened_on=d["opened_on"], numbers=d["numbers"],
            police_notes=d["police_notes"]),
        success_message="Line added to the register",
        success_url=lambda line: reverse("intelligence:line_detail", args=[line.pk]),
        back=reverse("intelligence:lines"), heading="Add a line", button="Add line",
    )


def line_edit(request: HttpRequest, line_id: int) -> HttpResponse:
    line = _line_get(request.user, line_id)
    _need(policies.may_record(request.user))
    numbers = "\n".join(p.display for p in _numbers_by_line(request.user, [line.pk]).get(line.pk, []))
    initial = {"brand": line.brand, "numbers": numbers, "importing_area": line.importing_area_id,
               "exporting_area": line.exporting_area, "police_notes": line.police_notes}
    form = LineForm(_posted(request), initial=initial, areas=Area.objects.order_by("id"))
    return _page(
        request, form,
        save=lambda d: services.line_update(
            actor=request.user, line=line, brand=d["brand"], importing_area=d["importing_area"],
            exporting_area=d["exporting_area"], numbers=d["numbers"],
            police_notes=d["police_notes"]),
        success_message="Line updated",
        success_url=reverse("intelligence:line_detail", args=[line.pk]),
        back=reverse("intelligence:line_detail", args=[line.pk]), heading="Change the line",
        caption=f"'{line.brand}' line",
        audit={"action": events.LINE_VIEWED, "subject": line, "detail": {"line_id": line.pk}},
    )


def line_status(request: HttpRequest, line_id: int) -> HttpResponse:
    line = _line_get(request.user, line_id)
    _need(policies.may_record(request.user))
    return _page(
        request, StatusForm(_posted(request)),
        save=lambda d: services.line_status_change(actor=request.user, line=line, **d),
        success_message="Status changed",
        success_url=reverse("intelligence:line_detail", args=[line.pk]),
        back=reverse("intelligence:line_detail", args=[line.pk]), heading="Change the status",
        caption=f"'{line.brand}' line", button="Change status",
        intro="The history is kept: counts as at an earlier date still show the status then.",
    )


def _search(request, audit_detail):
    picked = search_to_pick(request, audit_action=events.PEOPLE_SEARCHED, audit_detail=audit_detail)
    return picked.search, picked.results, picked.choosable


def line_link_person(request: HttpRequest, line_id: int) -> HttpResponse:
    line = _line_get(request.user, line_id)
    _need(policies.may_record(request.user))
    search, results, choosable = _search(request, {"line_id": line.pk})
    form = LinePersonForm(_posted(request), people=choosable)
    return form_page(
        request, form,
        save=lambda d: services.line_link_person(
            actor=request.user, line=line, person=d["person"], link_type=d["link_type"],
            strength=d["strength"], role=d["role"], first_seen=d["first_seen"],
            sharing="statutory" if d["link_type"] in (LinkType.RUNS_FOR_LINE,
                                                      LinkType.EXPLOITED_BY) else None,
            sanitised=True),
        success_message="Person linked to the line",
        success_url=reverse("intelligence:line_detail", args=[line.pk]),
        template="intelligence/pick_person.html",
        context=lambda: {"search": search, "results": results, "has_choices": choosable.exists(),
                         "heading": "Link a person to the line", "caption": f"'{line.brand}' line",
                         "back": reverse("intelligence:line_detail", args=[line.pk]),
                         "button": "Link", "form_has_errors": bool(search.errors),
                         "page_title": "Link a person to the line"},
    )


# --- Reports ----------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    _need(policies.may_view_intelligence(request.user))
    form = ReportSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    reports = list(selectors.reports_visible(actor=request.user, query=query)[:200])
    audit_record(actor=request.user, action=events.REPORTS_LISTED,
                 subject_type="intelligence.intelligencereport",
                 subject_ids=[r.pk for r in reports], detail={"query": query[:100]})
    return render(request, "intelligence/home.html", {
        "form": form, "reports": reports, "query": query,
        "police": policies.is_police(request.user),
        "can_record": policies.may_record(request.user),
        "can_submit": policies.may_submit(request.user), "page_title": "Intelligence",
    })


def report_create(request: HttpRequest) -> HttpResponse:
    _need(policies.may_record(request.user))
    return _page(
        request, ReportForm(_posted(request)),
        save=lambda d: services.report_record(actor=request.user, **d),
        success_message=lambda r: f"Report {r.reference} recorded",
        success_url=lambda r: reverse("intelligence:report_detail", args=[r.pk]),
        back=reverse("intelligence:home"), heading="Record intelligence", button="Record",
        intro="Grade it 3x5x2: how reliable the source is (1 to 3), how the source knows (A to "
              "E), and whether it may be shared (P) or only with conditions (C).",
    )


def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.report_get(actor=request.user, report_id=report_id)
    entities = selectors.report_entities(actor=request.user, report=report)
    police = policies.is_police(request.user)
    named = people_named((e.kind, e.id) for e in entities)
    audit_record(actor=request.user, action=events.REPORT_VIEWED, subject_type="people.person",
                 subject_ids=named, detail={"report_id": report.pk, "unsanitised": police})
    return render(request, "intelligence/report_detail.html", {
        "report": report, "entities": entities, "police": police,
        "can_sanitise": policies.may_sanitise(request.user),
        "can_record": policies.may_record(request.user), "page_title": str(report),
    })


def report_sanitise(request: HttpRequest, report_id: int) -> HttpResponse:
    _need(policies.may_sanitise(request.user))
    report = selectors.report_get(actor=request.user, report_id=report_id)
    form = SanitiseForm(_posted(request), initial={"sanitised_text": report.sanitised_text,
                                                   "sanitised_sharing": report.sanitised_sharing})
    url = reverse("intelligence:report_detail", args=[report.pk])
    return _page(
        request, form, save=lambda d: services.report_sanitise(actor=request.user, report=report, **d),
        success_message="Sanitised version saved", success_url=url, back=url,
        heading="Write the sanitised version", caption=str(report),
        intro="The original (police only): " + report.text[:600],
        audit={"action": events.REPORT_VIEWED, "subject": report,
               "detail": {"report_id": report.pk, "unsanitised": True}},
    )


def report_entity_add(request: HttpRequest, report_id: int) -> HttpResponse:
    _need(policies.may_record(request.user))
    report = selectors.report_get(actor=request.user, report_id=report_id)
    url = reverse("intelligence:report_detail", args=[report.pk])

    def save(d):
        kind, pk = services.entity_resolve(actor=request.user, kind=d["kind"], ref=d["ref"])
        return services.report_entity_add(actor=request.user, report=report, kind=kind,
                                          entity_id=pk)

    return _page(request, EntityRefForm(_posted(request)), save=save,
                 success_message="Added to the report", success_url=url, back=url,
                 heading="What is the report about?", caption=str(report), button="Add")


def link_create(request: HttpRequest) -> HttpResponse:
    _need(policies.may_record(request.user))

    def save(d):
        a = services.entity_resolve(actor=request.user, kind=d["a_kind"], ref=d["a_ref"])
        b = services.entity_resolve(actor=request.user, kind=d["b_kind"], ref=d["b_ref"])
        return services.link_add(
            actor=request.user, a=a, b=b, link_type=d["link_type"], strength=d["strength"],
            a_role=d["a_role"], b_role=d["b_role"], first_seen=d["first_seen"],
            last_seen=d["last_seen"], sharing=d["sharing"], sanitised=d["sharing"] != "police",
            note=d["note"])

    initial = {"a_kind": request.GET.get("kind", ""), "a_ref": request.GET.get("ref", "")[:200]}
    return _page(
        request, LinkForm(_posted(request), initial=initial), save=save,
        success_message="Link recorded",
        success_url=lambda link: reverse("intelligence:entity", args=[link.a_kind, link.a_id]),
        back=reverse("intelligence:home"), heading="Record a link", button="Record link",
    )


def link_end(request: HttpRequest, link_id: int) -> HttpResponse:
    """Record the date a link was last seen. The link stays on the record (an earlier date's
    network still shows it); from then on the network as at today leaves it out."""
    _need(policies.may_record(request.user))
    link = selectors.link_get(actor=request.user, link_id=link_id)
    ends = [(link.a_kind, link.a_id), (link.b_kind, link.b_id)]
    views = describe(request.user, ends)
    came_from = (request.GET.get("from_kind", ""), request.GET.get("from_id", ""))
    back_end = next((e for e in ends if (e[0], str(e[1])) == came_from), ends[0])
    back = reverse("intelligence:entity", args=list(back_end))
    if link.last_seen is not None:
        return redirect(back)  # already ended: its page shows the dates
    words = dict(LinkType.choices).get(link.link_type, link.link_type)
    return _page(
        request, LinkEndForm(_posted(request)),
        save=lambda d: services.link_end(actor=request.user, link=link, last_seen=d["last_seen"]),
        success_message="Link ended: it stays on the record up to the date last seen",
        success_url=back, back=back, heading="End a link", button="End link",
        caption=words,
        intro=f"{views[ends[0]].label} and {views[ends[1]].label}. The link is kept, with the "
              "date it was last seen, so the network as at an earlier date still shows it.",
        audit={"action": events.ENTITY_VIEWED, "subject_type": "people.person",
               "subject_ids": people_named(ends), "detail": {"link_id": link.pk, "page": "end"}},
    )


def entity(request: HttpRequest, kind: str, entity_id: int) -> HttpResponse:
    _need(policies.may_view_intelligence(request.user) and kind in EntityKind.values)
    end = (kind, _pk(entity_id))
    if end not in visible_ends(request.user, [end]):
        raise Http404
    view = describe(request.user, [end]).get(end)
    _need(view)
    rows = selectors.entity_links(actor=request.user, end=end)
    named = people_named([end, *((r["other"].kind, r["other"].id) for r in rows)])
    audit_record(actor=request.user, action=events.ENTITY_VIEWED, subject_type="people.person",
                 subject_ids=named, detail={"kind": kind, "entity_id": end[1]})
    return render(request, "intelligence/entity.html", {
        "entity": view, "rows": rows, "can_record": policies.may_record(request.user),
        "police": policies.is_police(request.user), "page_title": view.label,
    })


# --- Submissions ------------------------------------------------------------------------------


def submission_create(request: HttpRequest) -> HttpResponse:
    _need(policies.may_submit(request.user))
    person = None
    if request.GET.get("person"):
        person = Person.objects.filter(pk=_pk(request.GET["person"])).first()
        _need(person and person_policy.can(request.user, "view", person))
    return _page(
        request, SubmissionForm(_posted(request)),
        save=lambda d: services.submission_make(
            actor=request.user, what=d["what"], occurred_on=d["occurred_on"], where=d["where"],
            person=person, mentions=d["mentions"]),
        success_message=lambda s: f"Sent. Your reference is {s.reference}",
        success_url=lambda s: reverse("intelligence:submission_receipt", args=[s.pk]),
        back=reverse("intelligence:submission_mine"), heading="Send information to the police",
        caption=person.display_name if person else "", button="Send",
        intro="The police intelligence team will look at it. You will see its status, not what "
              "the police do with it.",
    )


def _mine(request, submission_id) -> PartnerSubmission:
    sub = PartnerSubmission.objects.filter(pk=_pk(submission_id),
                                           submitted_by_id=request.user.pk).first()
    _need(sub and policies.may_submit(request.user))
    return sub


def submission_receipt(request: HttpRequest, submission_id: int) -> HttpResponse:
    sub = _mine(request, submission_id)
    audit_record(actor=request.user, action=events.SUBMISSION_VIEWED, subject=sub,
                 detail={"submission_id": sub.pk, "as": "submitter"})
    return render(request, "intelligence/submission_receipt.html",
                  {"submission": sub, "page_title": f"Sent: {sub.reference}"})


def submission_mine(request: HttpRequest) -> HttpResponse:
    _need(policies.may_submit(request.user))
    subs = list(PartnerSubmission.objects.filter(submitted_by_id=request.user.pk)
                .order_by("-received_at", "-id")[:200])
    audit_record(actor=request.user, action=events.SUBMISSIONS_LISTED,
                 subject_type="intelligence.partnersubmission", subject_ids=[s.pk for s in subs],
                 detail={"as": "submitter"})
    return render(request, "intelligence/submission_mine.html",
                  {"submissions": subs, "page_title": "Information you sent to the police"})


def submission_queue(request: HttpRequest) -> HttpResponse:
    _need(policies.may_assess_submissions(request.user))
    subs = list(PartnerSubmission.objects.select_related("agency", "person")
                .order_by("status", "-received_at", "-id")[:300])
    named = split_named(request.user, [s for s in subs if s.person_id]).shown
    shown = {s.pk for s in named}
    audit_record(actor=request.user, action=events.SUBMISSIONS_LISTED, subject_type="people.person",
                 subject_ids=sorted({s.person_id for s in named}), detail={"as": "police"})
    return render(request, "intelligence/submission_queue.html", {
        "rows": [(s, s.pk in shown) for s in subs], "page_title": "Partner submissions"})


def submission_detail(request: HttpRequest, submission_id: int) -> HttpResponse:
    _need(policies.may_assess_submissions(request.user))
    sub = PartnerSubmission.objects.select_related("agency", "person").filter(
        pk=_pk(submission_id)).first()
    _need(sub)
    person_shown = bool(sub.person_id) and bool(split_named(request.user, [sub]).shown)
    audit_record(actor=request.user, action=events.SUBMISSION_VIEWED, subject_type="people.person",
                 subject_ids=[sub.person_id] if person_shown else [],
                 detail={"submission_id": sub.pk, "as": "police"})
    return render(request, "intelligence/submission_detail.html", {
        "submission": sub, "person_shown": person_shown, "mentions": list(sub.mentions.all()),
        "page_title": str(sub)})


def submission_assess(request: HttpRequest, submission_id: int) -> HttpResponse:
    _need(policies.may_assess_submissions(request.user))
    sub = PartnerSubmission.objects.filter(pk=_pk(submission_id)).first()
    _need(sub)
    url = reverse("intelligence:submission_detail", args=[sub.pk])
    form = AssessForm(_posted(request), initial={"status": sub.status, "police_note": sub.police_note})
    return _page(request, form,
                 save=lambda d: services.submission_assess(actor=request.user, submission=sub, **d),
                 success_message="Status saved", success_url=url, back=url,
                 heading="Update the status", caption=str(sub))


# --- Arrests and stops ------------------------------------------------------------------------


def encounter_create(request: HttpRequest, person_id: int) -> HttpResponse:
    _need(policies.may_record_encounter(request.user))
    person = Person.objects.filter(pk=_pk(person_id)).first()
    _need(person and person_policy.can(request.user, ADD_EVENT, person))
    form = EncounterForm(_posted(request), lines=CountyLine.objects.order_by("brand"))
    return _page(
        request, form, save=lambda d: services.encounter_record(actor=request.user, person=person, **d),
        success_message="Recorded. The child's lead professional has been told (or the front door, "
                        "when there is no open case)",
        success_url=lambda e: reverse("intelligence:encounter_detail", args=[e.pk]),
        back=reverse("people:person_detail", args=[person.pk]),
        heading="Record an arrest or stop", caption=person.display_name, button="Record",
        audit={"action": events.ENCOUNTER_VIEWED, "subject": person,
               "detail": {"form": "encounter_create"}},
    )


def encounter_detail(request: HttpRequest, encounter_id: int) -> HttpResponse:
    _need(policies.is_police(request.user))
    encounter = PoliceEncounter.objects.select_related("person", "line", "recorded_by").filter(
        pk=_pk(encounter_id)).first()
    _need(encounter and person_policy.can(request.user, "view", encounter.person))
    audit_record(actor=request.user, action=events.ENCOUNTER_VIEWED, subject=encounter.person,
                 detail={"encounter_id": encounter.pk})
    return render(request, "intelligence/encounter_detail.html",
                  {"encounter": encounter, "page_title": encounter.get_kind_display()})


# --- Missing: found with ----------------------------------------------------------------------


def found_with(request: HttpRequest, episode_id: int) -> HttpResponse:
    from lantern.missing import policies as missing_policies
    from lantern.missing.models import MissingEpisode

    episode = MissingEpisode.objects.select_related("person").filter(pk=_pk(episode_id)).first()
    _need(episode and request.user.role in missing_policies.RECORD_EPISODE_ROLES
          and person_policy.can(request.user, ADD_EVENT, episode.person))
    search, results, choosable = _search(request, {"episode_id": episode.pk})
    form = LinePersonForm(_posted(request), people=choosable)
    for name in ("link_type", "role", "strength", "first_seen"):
        del form.fields[name]
    back = reverse("missing:episode_detail", args=[episode.pk])
    already = split_named(request.user, episode.found_with_people.select_related("person"))
    return form_page(
        request, form,
        save=lambda d: services.found_with_add(actor=request.user, episode=episode,
                                               person=d["person"]),
        success_message="Recorded who they were found with", success_url=back,
        template="intelligence/pick_person.html",
        context=lambda: {"search": search, "results": results, "has_choices": choosable.exists(),
                         "heading": "Who were they found with?", "caption": episode.person.display_name,
                         "intro": "Choose from the records. What was written on the episode "
                                  f"stays as written: \u201c{episode.found_with or 'not recorded'}\u201d.",
                         "already": already, "back": back, "button": "Add",
                         "form_has_errors": bool(search.errors),
                         "page_title": "Who were they found with?"},
        audit={"action": events.PEOPLE_SEARCHED, "subject_type": "people.person",
               "subject_ids": [episode.person_id] + [f.person_id for f in already.shown],
               "detail": {"episode_id": episode.pk, "form": "found_with"}},
    )
