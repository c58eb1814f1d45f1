"""People pages: search, record, chronology (filterable and printable), add an event.

Views are thin: parse input, fetch through a selector that applies the policy, call a service,
audit what was shown, render. The record-changing form pages pass ``forbidden_as_404=False`` to
``form_page``: the selector has already answered 404 to anyone refused, and a service's
``PermissionDenied`` has always come through here as a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lantern.access.matrix import allows
from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT, CHANGE
from lantern.access.services import may_name_users
from lantern.accounts.models import Agency
from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page
from lantern.people import events, selectors, services
from lantern.people.forms import (
    AliasForm,
    ChronologyEventForm,
    ChronologyFilterForm,
    IdentifierForm,
    PersonCreateForm,
    PersonForm,
    PersonSearchForm,
)


def search(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = selectors.person_search(
            actor=request.user, query=form.cleaned_data["q"], date_of_birth=form.cleaned_data["dob"]
        )
        audit_record(
            actor=request.user,
            action=events.PERSON_SEARCHED,
            subject_type="people.person",
            subject_ids=[p.pk for p in results],
            detail={"result_count": len(results)},
        )
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "page_title": "Find a child",
            "can_create": allows(request.user, "people:person_create", "POST"),
        },
    )


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(actor=request.user, person_id=person_id)
    audit_record(actor=request.user, action=events.PERSON_VIEWED, subject=person)
    context = {
        "person": person,
        "page_title": person.display_name,
        "identifiers": person.identifiers.all(),
        "aliases": person.aliases.all(),
        "addresses": person.addresses.select_related("district").all()[:5],
        "enrolments": person.enrolments.select_related("school").all()[:5],
        "relationships": person.relationships.select_related("other").all(),
        "involvements": selectors.involvements_for(actor=request.user, person=person),
        "recent_events": selectors.chronology_for(actor=request.user, person=person)[:5],
        "can_add_event": person_policy.can(request.user, ADD_EVENT, person),
        "can_change": person_policy.can(request.user, CHANGE, person),
        "can_restrict": may_name_users(request.user, person),
    }
    return render(request, "people/person_detail.html", context)


def chronology(request: HttpRequest, person_id: int, printable: bool = False) -> HttpResponse:
    person = selectors.person_get(actor=request.user, person_id=person_id)
    agencies = Agency.objects.filter(chronologyevent__person=person).distinct().order_by("name")
    form = ChronologyFilterForm(request.GET or None, agencies=agencies)
    agency_ids, types = [], []
    if form.is_bound and form.is_valid():
        agency_ids = [int(a) for a in form.cleaned_data["agency"]]
        types = form.cleaned_data["type"]
    items = selectors.chronology_for(
        actor=request.user, person=person, agency_ids=agency_ids, types=types
    )
    audit_record(
        actor=request.user,
        action=events.CHRONOLOGY_PRINTED if printable else events.CHRONOLOGY_VIEWED,
        subject=person,
        detail={"agencies": agency_ids, "types": types},
    )
    template = "people/chronology_print.html" if printable else "people/chronology.html"
    return render(
        request,
        template,
        {
            "person": person,
            "events": items,
            "form": form,
            "filtered": bool(agency_ids or types),
            "page_title": f"Chronology for {person.display_name}",
            "can_add_event": person_policy.can(request.user, ADD_EVENT, person),
        },
    )


def chronology_print(request: HttpRequest, person_id: int) -> HttpResponse:
    return chronology(request, person_id, printable=True)


def event_add(request: HttpRequest, person_id: int) -> HttpResponse:
    # Written out rather than through form_page: the bad-input sweep's own test
    # (tests/test_bad_input.py::test_the_sweep_catches_lost_data) patches this module's render.
    person = selectors.person_get(actor=request.user, person_id=person_id)
    if not person_policy.can(request.user, ADD_EVENT, person):
        raise Http404
    form = ChronologyEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        when, precision = form.cleaned_data["when"]
        try:
            services.chronology_event_add(
                actor=request.user,
                person=person,
                event_type=form.cleaned_data["event_type"],
                event_date=when,
                date_precision=precision,
                summary=form.cleaned_data["summary"],
                significant=form.cleaned_data["significant"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "message", None) or "You cannot add events here")
        else:
            messages.success(request, "Event added to the chronology")
            return redirect("people:chronology", person_id=person.pk)
    return render(
        request,
        "people/event_add.html",
        {"person": person, "form": form, "page_title": f"Add an event for {person.display_name}"},
    )


def _person_url(person) -> str:
    return reverse("people:person_detail", kwargs={"person_id": person.pk})


def _person_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("confirm_new", None)
    return data


def person_create(request: HttpRequest) -> HttpResponse:
    """Create a record, after showing possible matches (search before create)."""
    form = PersonCreateForm(request.POST or None)
    matches = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        matches = selectors.person_search(
            actor=request.user,
            query=f"{data['first_name']} {data['last_name']}",
            date_of_birth=data["date_of_birth"],
        )
        if matches and not data.get("confirm_new"):
            form.add_error(
                "confirm_new",
                "Check the possible matches. If none is the same person, confirm and save again",
            )
        else:
            try:
                person = services.person_register(actor=request.user, **_person_fields(form))
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, "Record created")
                return redirect("people:person_detail", person_id=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "matches": matches, "page_title": "Create a record", "creating": True},
    )


def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(actor=request.user, person_id=person_id, action=CHANGE)
    initial = {f: getattr(person, f) for f in PersonForm.base_fields}
    return form_page(
        request,
        PersonForm(request.POST or None, initial=initial),
        save=lambda data: services.person_update(actor=request.user, person=person, **data),
        success_message="Details updated",
        success_url=_person_url(person),
        template="people/person_form.html",
        context={"person": person, "page_title": f"Change details for {person.display_name}"},
        forbidden_as_404=False,
    )


def identifier_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(actor=request.user, person_id=person_id, action=CHANGE)

    def save(data):
        try:
            return services.identifier_add(
                actor=request.user, person=person, id_type=data["type"], value=data["value"]
            )
        except ValidationError as exc:  # a refused identifier is about the value typed
            raise ValidationError({"value": exc.messages[0]}) from exc

    return form_page(
        request,
        IdentifierForm(request.POST or None),
        save=save,
        success_message="Identifier added",
        success_url=_person_url(person),
        template="people/simple_form.html",
        context={"person": person, "page_title": "Add an identifier", "button": "Add identifier"},
        forbidden_as_404=False,
    )


def alias_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(actor=request.user, person_id=person_id, action=CHANGE)
    return form_page(
        request,
        AliasForm(request.POST or None),
        save=lambda data: services.alias_add(
            actor=request.user, person=person, name=data["name"], kind=data["kind"]
        ),
        success_message="Name added",
        success_url=_person_url(person),
        template="people/simple_form.html",
        context={"person": person, "page_title": "Add another name", "button": "Add name"},
        forbidden_as_404=False,
    )
