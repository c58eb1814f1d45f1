"""Pages to record a child's school, address and relationships, and their ends (no deletion).

Thin views: the record through ``person_get(action=CHANGE)`` (404 outside scope), the entry
through the same record, one service from ``lantern.people.facts``, ``form_page`` for the GOV.UK
round trip (errors on the page, nothing lost, status 200). Each form page audits its read.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from lantern.access.matrix import allows
from lantern.access.naming import visible_person_ids
from lantern.access.scopes import CHANGE
from lantern.core.form_pages import form_page
from lantern.people import events, facts, selectors
from lantern.people.fact_forms import (
    AddressForm,
    EndDateForm,
    EnrolmentForm,
    RelationshipForm,
    RelationshipSearchForm,
)
from lantern.people.models import Address, Relationship, SchoolEnrolment
from lantern.schools.year_groups import year_group, year_group_label


def _person(request, person_id):
    return selectors.person_get(actor=request.user, person_id=person_id, action=CHANGE)


def _record_url(person, anchor: str = "") -> str:
    return reverse("people:person_detail", kwargs={"person_id": person.pk}) + anchor


def _audit(person, form_name: str, **detail) -> dict:
    return {
        "action": events.FACT_FORM_VIEWED,
        "subject": person,
        "detail": {"form": form_name, **detail},
    }


def _row(model, person, row_id):
    try:
        pk = int(row_id)
    except (TypeError, ValueError):
        raise Http404 from None
    row = model.objects.filter(pk=pk, person=person).first()
    if row is None:
        raise Http404
    return row


def _end_page(request, person, *, save, success_message: str, anchor: str, title: str,
              ending: str, audit: dict) -> HttpResponse:
    """The page that gives a school, an address or a relationship its end date (one date box,
    the entry named above it; the entry is kept, ``facts._end``)."""
    return form_page(
        request,
        EndDateForm(request.POST or None),
        save=lambda d: save(d["end_date"]),
        success_message=success_message,
        success_url=_record_url(person, anchor),
        template="people/fact_form.html",
        context={"person": person, "page_title": title, "button": "Save end date",
                 "ending": ending},
        audit=audit,
    )


def enrolment_add(request: HttpRequest, person_id: int) -> HttpResponse:
    from django.utils import timezone

    person = _person(request, person_id)
    current = list(
        person.enrolments.filter(end_date__isnull=True).select_related("school")
    )
    form = EnrolmentForm(request.POST or None, dob_known=person.date_of_birth is not None)
    now_group = (
        year_group_label(year_group(person.date_of_birth, timezone.localdate()))
        if person.date_of_birth else None
    )
    return form_page(
        request,
        form,
        save=lambda d: facts.enrolment_start(
            actor=request.user, person=person, school=d["school"], start_date=d["start_date"],
            year_group_given=d.get("year_group"),
        ),
        success_message=lambda e: f"School recorded: {e.school.name}",
        success_url=_record_url(person, "#school"),
        template="people/fact_form.html",
        context={
            "person": person,
            "page_title": "Record a school",
            "button": "Save school",
            "current_enrolments": current,
            "now_group": now_group,
        },
        audit=_audit(person, "enrolment_add"),
    )


def enrolment_end(request: HttpRequest, person_id: int, enrolment_id: int) -> HttpResponse:
    person = _person(request, person_id)
    enrolment = _row(SchoolEnrolment, person, enrolment_id)
    if enrolment.end_date is not None:
        raise Http404
    return _end_page(
        request, person,
        save=lambda end: facts.enrolment_end(actor=request.user, enrolment=enrolment, end_date=end),
        success_message=f"Recorded that they left {enrolment.school.name}", anchor="#school",
        title=f"Record leaving {enrolment.school.name}",
        ending=f"At {enrolment.school.name} since {enrolment.start_date:%-d %B %Y}.",
        audit=_audit(person, "enrolment_end", enrolment_id=enrolment.pk),
    )


def address_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    has_current = person.addresses.filter(end_date__isnull=True).exists()
    form = AddressForm(request.POST or None, has_current=has_current)

    def save(d):
        return facts.address_add(
            actor=request.user, person=person, line1=d["line1"], line2=d["line2"],
            town=d["town"], postcode=d["postcode"], kind=d["kind"], start_date=d["start_date"],
            moved=bool(d.get("moved")) if has_current else False,
        )

    return form_page(
        request,
        form,
        save=save,
        success_message="Address recorded",
        success_url=_record_url(person, "#address"),
        template="people/fact_form.html",
        context={"person": person, "page_title": "Record an address", "button": "Save address"},
        audit=_audit(person, "address_add"),
    )


def address_end(request: HttpRequest, person_id: int, address_id: int) -> HttpResponse:
    person = _person(request, person_id)
    address = _row(Address, person, address_id)
    if address.end_date is not None:
        raise Http404
    return _end_page(
        request, person,
        save=lambda end: facts.address_end(actor=request.user, address=address, end_date=end),
        success_message="Recorded that they no longer live there", anchor="#address",
        title="Record that they no longer live at an address",
        ending=f"{address.line1}, {address.town} {address.postcode}".strip(),
        audit=_audit(person, "address_end", address_id=address.pk),
    )


def relationship_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Find the other person (only records the viewer may open), then say how they relate.

    No JavaScript needed: the search is a GET form on this page (``?q=``); its results become
    the radios of the POST form below it, which carries the words searched so the same results
    can be rebuilt and checked when it is saved.
    """
    person = _person(request, person_id)
    posted = request.method == "POST"
    raw = (request.POST if posted else request.GET).get("q") or ""
    search = RelationshipSearchForm({"q": raw} if raw else None)
    query = search.cleaned_data["q"].strip() if raw and search.is_valid() else ""
    candidates = []
    if query:
        candidates = [
            p for p in selectors.person_search(actor=request.user, query=query)
            if p.pk != person.pk
        ]
    form = RelationshipForm(request.POST if posted else None, candidates=candidates)
    by_id = {p.pk: p for p in candidates}
    return form_page(
        request,
        form,
        save=lambda d: facts.relationship_add(
            actor=request.user, person=person, other=by_id.get(d["other"]), kind=d["kind"],
            description=d["description"], start_date=d["start_date"],
        ),
        success_message=lambda r: f"Relationship recorded with {r.other.display_name}",
        success_url=_record_url(person, "#relationships"),
        template="people/relationship_add.html",
        context={
            "person": person,
            "page_title": "Add a relationship",
            "search": search,
            "searched": bool(raw),
            "query": query,
            "candidates": candidates,
            "can_create": allows(request.user, "people:person_create", "GET"),
        },
        audit=_audit(person, "relationship_add", shown_ids=[p.pk for p in candidates]),
    )


def relationship_end(request: HttpRequest, person_id: int, relationship_id: int) -> HttpResponse:
    person = _person(request, person_id)
    try:
        pk = int(relationship_id)
    except (TypeError, ValueError):
        raise Http404 from None
    rel = (
        Relationship.objects.filter(Q(person=person) | Q(other=person), pk=pk, end_date__isnull=True)
        .select_related("person", "other")
        .first()
    )
    if rel is None:
        raise Http404
    other = rel.other if rel.person_id == person.pk else rel.person
    # The other person is named on this page: only when the viewer may open them.
    if not visible_person_ids(request.user, [other.pk]):
        raise Http404
    return _end_page(
        request, person,
        save=lambda end: facts.relationship_end(actor=request.user, person=person,
                                                relationship=rel, end_date=end),
        success_message=f"Recorded that the relationship with {other.display_name} ended",
        anchor="#relationships", title="Record that a relationship ended",
        ending=f"{rel.get_kind_display()}: {other.display_name}.",
        audit=_audit(person, "relationship_end", relationship_id=rel.pk),
    )
