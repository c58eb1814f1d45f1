"""People pages: search, record, chronology (filterable and printable), add an event.

Views are thin: parse input, fetch through a selector that applies the policy, call a service,
audit what was shown, render. The record-changing form pages pass ``forbidden_as_404=False`` to
``form_page``: the selector has already answered 404 to anyone refused, and a service's
``PermissionDenied`` has always come through here as a 403.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lantern.access.matrix import allows
from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT, CHANGE
from lantern.access.services import may_name_users
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
    from lantern.identity.selectors import matches_held_elsewhere

    form = PersonSearchForm(request.GET or None)
    results = None
    held = []
    if form.is_bound and form.is_valid():
        results = selectors.person_search(
            actor=request.user,
            query=form.cleaned_data["q"],
            date_of_birth=form.cleaned_data["dob"],
            kinds=form.cleaned_data["kind"],
        )
        # A name *and* a date of birth: the one case where a hidden match is mentioned (never shown).
        held = matches_held_elsewhere(
            actor=request.user,
            first_name=form.cleaned_data["q"],
            last_name="",
            date_of_birth=form.cleaned_data["dob"],
        ).mentioned
        if held:
            _audit_held_elsewhere(request, held)
        audit_record(
            actor=request.user,
            action=events.PERSON_SEARCHED,
            subject_type="people.person",
            subject_ids=[p.pk for p in results],
            detail={"result_count": len(results), "kinds": form.cleaned_data["kind"]},
        )
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "held_elsewhere": bool(held),
            "can_refer": _may_refer(request.user),
            "page_title": "Find a child",
            "can_create": allows(request.user, "people:person_create", "POST"),
        },
    )


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    from django.utils import timezone

    person = selectors.person_get(actor=request.user, person_id=person_id)
    today = timezone.localdate()
    # Only people this viewer may open are named; the rest are counted (issue 10 item 1).
    relationships = selectors.relationships_for(actor=request.user, person=person)
    involvements = list(selectors.involvements_for(actor=request.user, person=person))
    current = [i for i in involvements if i.end_date is None or i.end_date >= today]
    # The lead professional once: the first current lead, in its own card at the top.
    lead = next((i for i in current if i.is_lead), None)
    audit_record(
        actor=request.user,
        action=events.PERSON_VIEWED,
        subject=person,
        detail={"related_shown": [r.other.pk for r in relationships.shown]},
    )
    addresses = sorted(
        person.addresses.select_related("district").all(),
        key=lambda a: (a.end_date is not None, -(a.start_date or dt.date.min).toordinal()),
    )
    context = {
        "person": person,
        "page_title": person.display_name,
        "identifiers": person.identifiers.all(),
        "aliases": person.aliases.all(),
        "addresses": addresses,
        "enrolments": selectors.school_history(actor=request.user, person=person, today=today),
        "relationships": relationships,
        "relationship_groups": selectors.relationship_groups(relationships.shown),
        "lead": lead,
        "involvements": [i for i in current if i is not lead],
        "ended_involvements": [i for i in involvements if i not in current],
        "recent_events": selectors.chronology_for(actor=request.user, person=person)[:5],
        "can_add_event": person_policy.can(request.user, ADD_EVENT, person),
        "can_change": person_policy.can(request.user, CHANGE, person)
        and allows(request.user, "people:address_add", "POST"),
        "can_restrict": may_name_users(request.user, person),
    }
    return render(request, "people/person_detail.html", context)


#: Entries per chronology page (GOV.UK pagination below the list).
CHRONOLOGY_PAGE_SIZE = 25


def _case_context(request, person, case_id):
    """The case the chronology was opened from, if the viewer may see it and it is this
    person's; otherwise none (a wrong or hidden case id changes nothing and says nothing)."""
    if not case_id:
        return None
    from django.apps import apps

    if not apps.is_installed("lantern.cases"):
        return None
    from lantern.cases.selectors import case_get

    try:
        case = case_get(actor=request.user, case_id=case_id)
    except Http404:
        return None
    return case if case.person_id == person.pk else None


def _chronology_query(request, person):
    """Read the filter form (a GET form: it works without JavaScript and the URL keeps it)."""
    agencies = selectors.chronology_agencies(actor=request.user, person=person)
    types = selectors.chronology_types(actor=request.user, person=person)
    form = ChronologyFilterForm(request.GET or None, agencies=agencies, types=types)
    filters = {
        "agency_ids": [],
        "types": [],
        "date_from": None,
        "date_to": None,
        "significant_only": False,
    }
    case_id = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters.update(
            agency_ids=[int(a) for a in data["agency"]],
            types=data["type"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            significant_only=bool(data["significant"]),
        )
        case_id = data.get("case")
    elif form.is_bound:
        case_id = form.data.get("case") if str(form.data.get("case", "")).isdigit() else None
    return form, filters, case_id


def _chronology_context(request, person_id, *, paginate: bool):
    from django.core.paginator import Paginator

    person = selectors.person_get(actor=request.user, person_id=person_id)
    form, filters, case_id = _chronology_query(request, person)
    events_qs = selectors.chronology_for(actor=request.user, person=person, **filters)
    withheld = selectors.chronology_withheld(actor=request.user, person=person, **filters)
    if paginate:
        page = Paginator(events_qs, CHRONOLOGY_PAGE_SIZE).get_page(request.GET.get("page"))
        items, listed = list(page.object_list), page.paginator.count
    else:
        page, items = None, list(events_qs)
        listed = len(items)
    case = _case_context(request, person, case_id)
    # The query string without the page: kept by pagination, print and PDF links.
    query = request.GET.copy()
    query.pop("page", None)
    filtered = bool(
        filters["agency_ids"] or filters["types"] or filters["date_from"] or filters["date_to"]
        or filters["significant_only"]
    )
    return {
        "person": person,
        "events": items,
        "page": page,
        "pages": _page_links(page) if page is not None else [],
        "withheld": withheld,
        "shown_count": listed + sum(n for _, n, _ in withheld),
        "form": form,
        "filters": filters,
        "filtered": filtered,
        "query": query.urlencode(),
        "case": case,
        "page_title": f"Chronology for {person.display_name}",
        "can_add_event": person_policy.can(request.user, ADD_EVENT, person),
    }


def _page_links(page) -> list:
    """Page numbers for GOV.UK pagination, with gaps as None: 1 ... 4 5 6 ... 12."""
    total, current = page.paginator.num_pages, page.number
    wanted = {1, total, current - 1, current, current + 1}
    out, last = [], 0
    for n in sorted(n for n in wanted if 1 <= n <= total):
        if n - last > 1:
            out.append(None)
        out.append(n)
        last = n
    return out


def _audit_chronology(request, context, action, **extra) -> None:
    items = context["events"]
    filters = context["filters"]
    audit_record(
        actor=request.user,
        action=action,
        subject=context["person"],
        detail={
            "agencies": filters["agency_ids"],
            "types": filters["types"],
            "date_from": filters["date_from"].isoformat() if filters["date_from"] else None,
            "date_to": filters["date_to"].isoformat() if filters["date_to"] else None,
            "significant_only": filters["significant_only"],
            "page": context["page"].number if context["page"] is not None else None,
            "event_ids": [e.pk for e in items if e.content_shared],
            "placeholder_ids": [e.pk for e in items if not e.content_shared],
            **extra,
        },
    )


def chronology(request: HttpRequest, person_id: int, printable: bool = False) -> HttpResponse:
    """The chronology: filters (date range, type, agency, significant only) and pages, in a GET
    form; only entries the viewer is shown are listed or counted (``lantern.access.sharing``)."""
    context = _chronology_context(request, person_id, paginate=not printable)
    _audit_chronology(
        request, context, events.CHRONOLOGY_PRINTED if printable else events.CHRONOLOGY_VIEWED
    )
    template = "people/chronology_print.html" if printable else "people/chronology.html"
    return render(request, template, context)


def chronology_print(request: HttpRequest, person_id: int) -> HttpResponse:
    return chronology(request, person_id, printable=True)


def chronology_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    """The filtered chronology as a tagged PDF, marked and signed on every page; audited."""
    from lantern.core.pdf import pdf_response

    context = _chronology_context(request, person_id, paginate=False)
    _audit_chronology(request, context, events.CHRONOLOGY_PDF, format="pdf")
    person = context["person"]
    return pdf_response(
        template="people/chronology_pdf.html",
        context=context,
        user=request.user,
        filename=f"chronology-{person.pk}.pdf",
    )


def event_add(request: HttpRequest, person_id: int) -> HttpResponse:
    # Written out rather than through form_page: the bad-input sweep's own test
    # (tests/test_bad_input.py::test_the_sweep_catches_lost_data) patches this module's render.
    person = selectors.person_get(actor=request.user, person_id=person_id)
    if not person_policy.can(request.user, ADD_EVENT, person):
        raise Http404
    form = ChronologyEventForm(request.POST or None, actor=request.user)
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
                sharing=form.cleaned_data["sharing"],
                sanitised=form.cleaned_data["sanitised"],
                concern_type=form.cleaned_data["concern_type"],
                method=form.cleaned_data["method"],
                arrested=form.cleaned_data["arrested"],
                charged=form.cleaned_data["charged"],
                convicted=form.cleaned_data["convicted"],
                area=form.cleaned_data["area"],
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
    """Create a record, after showing possible matches (search before create).

    Matches the user may open are listed. A strong match (name and date of birth) held where
    the user cannot see it is never shown, but never ignored either: the page says a record that
    may match is held elsewhere, and the user must choose to ask for access or to create a
    record that the triage team then checks (issue 10, item 4).
    """
    from lantern.identity.candidates import candidates_for
    from lantern.identity.matching import Profile
    from lantern.identity.selectors import HeldElsewhere
    from lantern.identity.services import (
        access_request_raise,
        candidates_shown_audit,
        person_register_checked,
    )
    from lantern.people.forms import ROUTE_ACCESS, ROUTE_CREATE

    posted = request.method == "POST"
    form = PersonCreateForm(request.POST or None, offer_routes=posted)
    matches, held = [], HeldElsewhere()
    if posted and form.is_valid():
        data = form.cleaned_data
        # One engine for what the user may see (with score and reasons) and what is held
        # elsewhere (mentioned without detail) or restricted (never mentioned).
        found = candidates_for(
            actor=request.user,
            probe=Profile.typed(
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
            ),
        )
        matches = found.shown
        held = HeldElsewhere(mentioned=found.held_elsewhere, silent=found.silent)
        candidates_shown_audit(actor=request.user, shown=matches, held_elsewhere=held.mentioned)
        route = data.get("held_elsewhere_route") if held.mentioned else ""
        fields = _person_fields(form)
        fields.pop("held_elsewhere_route", None)
        if held.mentioned and not route:
            form.add_error(
                "held_elsewhere_route",
                "A record that may match is held elsewhere in the partnership: choose what to do",
            )
        elif matches and not data.get("confirm_new"):
            form.add_error(
                "confirm_new",
                "Check the possible matches. If none is the same person, confirm and save again",
            )
        elif route == ROUTE_ACCESS:
            access_request_raise(actor=request.user, held_ids=held.mentioned)
            messages.success(
                request,
                "Your request has been sent to the triage team. If it is the same child, they "
                "will give you access to the record. No new record was created",
            )
            return redirect("people:search")
        else:
            # Strong candidates the user saw and said were someone else still go to the
            # reviewers: "none of these is the child" is worth a second look, never a merge.
            seen_strong = [(p.pk, c) for p, c in matches if c.strong]
            try:
                if held.all or seen_strong:
                    person = person_register_checked(
                        actor=request.user, held_ids=held.all, seen=seen_strong, **fields
                    )
                else:
                    person = services.person_register(actor=request.user, **fields)
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(
                    request,
                    "Record created. The triage team will check whether it is the same child "
                    "as a record held elsewhere" if route == ROUTE_CREATE else "Record created",
                )
                return redirect("people:person_detail", person_id=person.pk)
    if not held.mentioned and "held_elsewhere_route" in form.fields and not form.has_error(
        "held_elsewhere_route"
    ):
        del form.fields["held_elsewhere_route"]
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "matches": matches,
            "held_elsewhere": bool(held.mentioned),
            "can_refer": _may_refer(request.user),
            "page_title": "Create a record",
            "creating": True,
        },
    )


def _may_refer(user) -> bool:
    """Whether the "make a referral" route is open to this user (matrix and referral rule)."""
    from lantern.referrals.policies import may_refer

    return allows(user, "referrals:referral_new", "GET") and may_refer(user)


def _audit_held_elsewhere(request: HttpRequest, held: list[int]) -> None:
    """Saying "a record that may match is held elsewhere" reveals that one exists: record it,
    naming the records, so the DPO can see who was told and about which child."""
    audit_record(
        actor=request.user,
        action=events.MATCH_HELD_ELSEWHERE_SHOWN,
        subject_type="people.person",
        subject_ids=held,
        detail={"count": len(held)},
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
        audit={"action": events.FACT_FORM_VIEWED, "subject": person, "detail": {"form": "details"}},
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
        # The same words whether or not another record holds it (services.identifier_add).
        success_message="Identifier added. Identifiers are checked against other records in the partnership",
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
