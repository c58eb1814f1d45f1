"""Pages for a school's safeguarding lead: overview, notices, education events."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page, pick
from lantern.people.selectors import person_get
from lantern.schools import events, policies, selectors, services
from lantern.schools.forms import EducationEventForm


def _dsl(request) -> None:
    if not policies.is_school_dsl(request.user):
        raise Http404


def home(request: HttpRequest) -> HttpResponse:
    _dsl(request)
    flags = selectors.year_groups_flagged(actor=request.user)
    concerns = selectors.concerns_for(actor=request.user)
    unacknowledged = selectors.unacknowledged_count(actor=request.user)
    audit_record(
        actor=request.user,
        action=events.HOME_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({c.person_id for c in concerns if c.person_id}),
        detail={"year_groups_flagged": [f.year_group for f in flags]},
    )
    return render(
        request,
        "schools/home.html",
        {
            "page_title": "Your school",
            "school": request.user.agency,
            "flags": flags,
            "concerns": concerns,
            "unacknowledged": unacknowledged,
        },
    )


def notices(request: HttpRequest) -> HttpResponse:
    _dsl(request)
    named = selectors.notices_named(actor=request.user)
    items = named.shown
    contacts = selectors.lead_contacts(actor=request.user, person_ids={n.person_id for n in items})
    for n in items:
        n.lead_contact = contacts.get(n.person_id)
    audit_record(
        actor=request.user,
        action=events.NOTICES_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({n.person_id for n in items}),
        detail={"notices": len(items), "hidden": named.hidden},
    )
    return render(
        request,
        "schools/notices.html",
        {
            "page_title": "Notices",
            "waiting": [n for n in items if n.acknowledged_at is None],
            "done": [n for n in items if n.acknowledged_at is not None],
            "hidden": named.hidden,
            "now": timezone.now(),
        },
    )


@require_POST
def notice_acknowledge(request: HttpRequest, notice_id: int) -> HttpResponse:
    _dsl(request)
    notice = selectors.notice_get(actor=request.user, notice_id=notice_id)
    try:
        services.notice_acknowledge(actor=request.user, notice=notice)
    except PermissionDenied:
        raise Http404
    messages.success(request, f"Notice about {notice.child_display} acknowledged")
    return redirect("schools:notices")


def education_event_add(request: HttpRequest, person_id: int) -> HttpResponse:
    _dsl(request)
    person = person_get(actor=request.user, person_id=person_id)
    if not policies.on_roll(request.user, person):
        raise Http404
    return form_page(
        request,
        EducationEventForm(request.POST or None),
        save=lambda data: services.education_event_record(
            actor=request.user,
            person=person,
            **pick(data, ("kind", "start_date", "end_date", "destination", "summary")),
        ),
        success_message="Recorded and added to the pupil's chronology",
        success_url=reverse("people:person_detail", kwargs={"person_id": person.pk}),
        template="schools/education_event_form.html",
        context={"page_title": f"Record an exclusion, move or provision for {person.display_name}", "person": person},
    )
