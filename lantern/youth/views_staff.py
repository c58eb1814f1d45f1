"""Staff pages: the triage queue for reports from young people (``config/urls.py``)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page, pick
from lantern.people.models import Person
from lantern.youth import events, policies, selectors, services
from lantern.youth.choices import Status
from lantern.youth.forms import DecideForm, IntelligenceForm


def queue(request: HttpRequest) -> HttpResponse:
    if not policies.may_see_queue(request.user):
        raise Http404
    lists = selectors.queue_for(actor=request.user)
    audit_record(
        actor=request.user,
        action=events.QUEUE_VIEWED,
        subject_type="youth.youthreport",
        subject_ids=[r.pk for r in lists["new"] + lists["decided"]],
        detail={"new": len(lists["new"]), "decided": len(lists["decided"])},
    )
    return render(
        request,
        "youth/staff/queue.html",
        {**lists, "may_triage": policies.may_triage(request.user), "page_title": "Reports from young people"},
    )


def report(request: HttpRequest, youth_report_id: int) -> HttpResponse:
    item = selectors.report_get(actor=request.user, report_id=youth_report_id)
    deciding = policies.may_triage(request.user) and item.status == Status.NEW
    if request.method == "POST" and not deciding:
        raise Http404
    form = DecideForm(request.POST or None) if deciding else None
    if form is None:
        audit_record(actor=request.user, action=events.REPORT_VIEWED, subject=item)
        return render(request, "youth/staff/report.html", _context(request, item))
    return form_page(
        request,
        form,
        save=lambda data: services.youth_report_decide(
            actor=request.user,
            report=item,
            **pick(data, ("outcome", "reason", "child_first_name", "child_last_name", "child_known_as", "types")),
        ),
        success_message="Your decision has been recorded",
        success_url=reverse("youth:queue"),
        template="youth/staff/report.html",
        context=lambda: _context(request, item),
        audit={"action": events.REPORT_VIEWED, "subject": item},
    )


def _context(request, item) -> dict:
    may_record = (
        policies.may_see_police_reports(request.user)
        and item.status == Status.POLICE
        and not item.chronology_event_id
    )
    return {
        "item": item,
        "page_title": "Report from a young person",
        "intelligence_form": IntelligenceForm() if may_record else None,
    }


def intelligence(request: HttpRequest, youth_report_id: int) -> HttpResponse:
    """The police record a report passed to them on a child's chronology, police only."""
    item = selectors.report_get(actor=request.user, report_id=youth_report_id)
    if not policies.may_see_police_reports(request.user) or item.status != Status.POLICE:
        raise Http404
    form = IntelligenceForm(request.POST or None)

    def save(data):
        person = Person.objects.filter(pk=data["person_id"]).first()
        return services.youth_report_record_intelligence(
            actor=request.user, report=item, person=person, summary=data["summary"]
        )

    return form_page(
        request,
        form,
        save=save,
        success_message="The intelligence entry is on the child's record, police only",
        success_url=reverse("youth:report", args=[item.pk]),
        template="youth/staff/intelligence.html",
        context={"item": item, "page_title": "Record as intelligence"},
    )


def image(request: HttpRequest, youth_report_id: int, image_id: int) -> FileResponse:
    picture = selectors.image_get(actor=request.user, report_id=youth_report_id, image_id=image_id)
    audit_record(
        actor=request.user, action=events.IMAGE_VIEWED, subject=picture.report, detail={"image_id": picture.pk}
    )
    response = FileResponse(picture.file.open("rb"), content_type=picture.content_type)
    response["Content-Disposition"] = "inline"
    return response
