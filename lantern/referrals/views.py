"""Referral pages: make a referral or raise a concern, see your own referrals' status, and the
triage team's queue, record, search-before-create, screening and decision.

Views are thin: a form parses input, a selector fetches what the actor may see (404 otherwise),
one service writes, and what was shown is audited. Screening and decision go through
``lantern.core.form_pages.form_page``; making a referral shows no message on success (the "sent"
page it redirects to is the confirmation), so it stays written out with ``add_service_errors``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lantern.accounts.choices import AgencyKind
from lantern.accounts.models import Team
from lantern.audit.services import audit_record
from lantern.cases import policies as case_policies
from lantern.cases.hooks import assessment_start_url, completed_screens
from lantern.contexts import policies as context_policies
from lantern.contexts import selectors as context_selectors
from lantern.contexts.forms import ContextDecisionForm
from lantern.core.form_pages import add_service_errors, form_page
from lantern.people import selectors as people_selectors
from lantern.people.forms import PersonSearchForm
from lantern.referrals import events, policies, selectors, services
from lantern.referrals.choices import ReferralAbout, ReferralKind, ReferralStatus
from lantern.referrals.forms import (
    ConcernForm,
    CreatePersonForm,
    DecisionForm,
    ReferralForm,
    ScreeningForm,
)
from lantern.referrals.models import Referral


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _require_referrer(request) -> None:
    if not policies.may_refer(request.user):
        raise Http404


def _require_triage(request) -> None:
    if not policies.may_triage(request.user):
        raise Http404


# --- Referrers ---------------------------------------------------------------------------------


def _make(request, form, *, kind: str, person=None, extra=None) -> HttpResponse | None:
    data = dict(form.cleaned_data)
    data.update(extra or {})
    try:
        referral = services.referral_make(actor=request.user, kind=kind, person=person, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    except PermissionDenied:
        raise Http404 from None
    return redirect("referrals:sent", referral_id=referral.pk)


def referral_new(request: HttpRequest) -> HttpResponse:
    """The full inter-agency referral (optionally about a child the referrer can see)."""
    _require_referrer(request)
    person = None
    if request.GET.get("person"):
        person = people_selectors.person_get(actor=request.user, person_id=request.GET["person"])
    form = ReferralForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        response = _make(request, form, kind=ReferralKind.FULL, person=person)
        if response is not None:
            return response
    return render(
        request,
        "referrals/referral_form.html",
        {"form": form, "person": person, "page_title": "Make a referral", "full": True},
    )


def concern_new(request: HttpRequest) -> HttpResponse:
    """The short "raise a concern" form for schools and partners."""
    _require_referrer(request)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        extra = {}
        agency = request.user.agency
        if agency.kind == AgencyKind.SCHOOL:
            extra["child_school"] = agency.name
        response = _make(request, form, kind=ReferralKind.CONCERN, extra=extra)
        if response is not None:
            return response
    return render(
        request,
        "referrals/referral_form.html",
        {"form": form, "page_title": "Raise a concern about a child", "full": False},
    )


def sent(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get_own(actor=request.user, referral_id=referral_id)
    audit_record(
        actor=request.user, action=events.REFERRAL_STATUS_VIEWED, subject=referral,
    )
    return render(
        request, "referrals/sent.html", {"referral": referral, "page_title": "Referral sent"}
    )


def mine(request: HttpRequest) -> HttpResponse:
    _require_referrer(request)
    referrals = selectors.referral_mine(actor=request.user)
    audit_record(
        actor=request.user, action=events.REFERRAL_STATUS_VIEWED, subject_type="referrals.referral",
        subject_ids=[r.pk for r in referrals],
    )
    return render(
        request, "referrals/mine.html", {"referrals": referrals, "page_title": "My referrals"}
    )


# --- Triage ------------------------------------------------------------------------------------


def queue(request: HttpRequest) -> HttpResponse:
    _require_triage(request)
    decided = request.GET.get("show") == "decided"
    items = selectors.referral_queue(actor=request.user, decided=decided)
    audit_record(
        actor=request.user, action=events.QUEUE_VIEWED, subject_type="referrals.referral",
        subject_ids=[r.pk for r in items], detail={"decided": decided},
    )
    return render(
        request,
        "referrals/queue.html",
        {"items": items, "decided": decided, "page_title": "Referrals"},
    )


def _audit_view(request, referral: Referral, action: str = events.REFERRAL_VIEWED, **detail) -> None:
    audit_record(
        actor=request.user,
        action=action,
        subject=referral.person if referral.person_id else referral,
        detail={"referral_id": referral.pk, **detail},
    )


def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    _require_triage(request)
    referral = selectors.referral_get_for_triage(actor=request.user, referral_id=referral_id)
    _audit_view(request, referral)
    people = selectors.referral_people(actor=request.user, referral=referral)
    contexts = list(context_selectors.context_visible(actor=request.user).filter(referral=referral))
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "clock": selectors.clock_for(referral.received_at),
            "children": people.children,
            "cases": people.cases,
            "contexts": contexts,
            "can_view_cases": case_policies.may_view_cases(request.user),
            "page_title": f"Referral {referral.reference}",
        },
    )


def _initial_search(referral: Referral) -> dict:
    names = " ".join(
        p for p in (referral.child_first_name, referral.child_last_name) if p
    ) or referral.child_known_as
    data = {"q": names}
    if referral.child_date_of_birth:
        d = referral.child_date_of_birth
        data.update({"dob_0": str(d.day), "dob_1": str(d.month), "dob_2": str(d.year)})
    return data


def _scored_candidates(request: HttpRequest, referral: Referral):
    """Search before create from the referral's own details: scored candidates with reasons
    (only records the triager may open) and whether a strong match is held elsewhere
    (``lantern.identity.candidates``, ADR 0019). Audited as shown."""
    from lantern.identity.candidates import candidates_for
    from lantern.identity.matching import Profile
    from lantern.identity.services import candidates_shown_audit

    if not (referral.child_last_name or "").strip():
        return None
    found = candidates_for(
        actor=request.user,
        probe=Profile.typed(
            first_name=referral.child_known_as
            if not referral.child_first_name else referral.child_first_name,
            last_name=referral.child_last_name,
            date_of_birth=referral.child_date_of_birth,
        ),
    )
    candidates_shown_audit(actor=request.user, shown=found.shown, held_elsewhere=found.held_elsewhere)
    return found


def match(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Search before create: find the child's record, link it, or create one from the referral."""
    _require_triage(request)
    referral = selectors.referral_get_for_triage(actor=request.user, referral_id=referral_id)
    if referral.status == ReferralStatus.DECIDED:
        raise Http404
    is_context = referral.about == ReferralAbout.CONTEXT
    create_form = None
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "link":
                person = people_selectors.person_get(
                    actor=request.user, person_id=request.POST.get("person_id")
                )
                if is_context:
                    services.referral_link_child(actor=request.user, referral=referral, person=person)
                    messages.success(request, f"{person.display_name} linked to the referral")
                    return redirect("referrals:match", referral_id=referral.pk)
                services.referral_link_person(actor=request.user, referral=referral, person=person)
                messages.success(request, f"Referral linked to {person.display_name}'s record")
                return redirect("referrals:detail", referral_id=referral.pk)
            if action == "create" and not is_context:
                create_form = CreatePersonForm(request.POST, prefix="new")
                if create_form.is_valid():
                    person = services.referral_create_person(
                        actor=request.user, referral=referral, **create_form.cleaned_data
                    )
                    messages.success(request, f"Record created for {person.display_name}")
                    return redirect("referrals:detail", referral_id=referral.pk)
            elif action not in ("link", "create"):
                error = "Choose a record to link, or create a new one"
        except ValidationError as exc:
            error = _message(exc)
        except PermissionDenied:
            raise Http404 from None
    search_data = request.GET if ("q" in request.GET or "dob_2" in request.GET) else (
        _initial_search(referral) if not is_context else None
    )
    form = PersonSearchForm(search_data)
    results = None
    if form.is_bound and form.is_valid():
        results = people_selectors.person_search(
            actor=request.user, query=form.cleaned_data["q"], date_of_birth=form.cleaned_data["dob"]
        )
        _audit_view(
            request, referral, events.RECORD_SEARCHED, result_ids=[p.pk for p in results]
        )
    if create_form is None and not is_context:
        create_form = CreatePersonForm(
            prefix="new",
            initial={
                "first_name": referral.child_first_name,
                "last_name": referral.child_last_name,
                "preferred_name": referral.child_known_as,
                "date_of_birth": referral.child_date_of_birth,
            },
        )
    linked_ids = {c.person_id for c in referral.children.all()} | {referral.person_id}
    scored = _scored_candidates(request, referral) if not is_context else None
    return render(
        request,
        "referrals/match.html",
        {
            "referral": referral,
            "form": form,
            "results": results,
            "create_form": create_form,
            "error": error,
            "form_has_errors": bool(error) or bool(create_form and create_form.errors),
            "is_context": is_context,
            "linked_ids": linked_ids,
            "scored": scored,
            "page_title": f"Find the child's record: {referral.reference}",
        },
    )


def screen(request: HttpRequest, referral_id: int) -> HttpResponse:
    _require_triage(request)
    referral = selectors.referral_get_for_triage(actor=request.user, referral_id=referral_id)
    if referral.status == ReferralStatus.DECIDED:
        raise Http404
    return form_page(
        request,
        ScreeningForm(
            request.POST or None,
            initial={"notes": referral.screening_notes, "assessment_id": referral.screening_assessment_id},
            screens=completed_screens(actor=request.user, person_id=referral.person_id),
        ),
        save=lambda data: services.referral_screen(actor=request.user, referral=referral, **data),
        success_message="Screening recorded",
        success_url=reverse("referrals:detail", kwargs={"referral_id": referral.pk}),
        template="referrals/screen.html",
        context={
            "referral": referral,
            "start_url": assessment_start_url(referral.person_id, "short-screen")
            if referral.person_id else None,
            "page_title": f"Screening: {referral.reference}",
        },
        audit={"action": events.SCREENING_FORM_VIEWED, "subject": referral},
    )


def decide(request: HttpRequest, referral_id: int) -> HttpResponse:
    _require_triage(request)
    referral = selectors.referral_get_for_triage(actor=request.user, referral_id=referral_id)
    if referral.status == ReferralStatus.DECIDED:
        raise Http404
    teams = Team.objects.filter(agency_id=request.user.agency_id).order_by("name")
    is_context = referral.about == ReferralAbout.CONTEXT
    if is_context:  # also: open the place or group's own record, or join an open one
        form = ContextDecisionForm(
            request.POST or None, teams=teams, referral=referral,
            contexts=context_selectors.open_contexts_to_join(
                actor=request.user, kind=referral.context_kind
            ).select_related("team"),
        )
    else:
        form = DecisionForm(request.POST or None, teams=teams)

    def decided_url(cases) -> str:
        """The place or group's record when the decision worked one, else the one case, else the queue."""
        worked = form.cleaned_data.get("context") or referral.contexts.order_by("-pk").first()
        if is_context and worked is not None and context_policies.can_view(request.user, worked):
            return reverse("contexts:detail", args=[worked.pk])
        if len(cases) == 1:
            return reverse("cases:case_detail", args=[cases[0].pk])
        return reverse("referrals:queue")

    return form_page(
        request,
        form,
        save=lambda data: services.referral_decide(actor=request.user, referral=referral, **data),
        success_message=f"Decision recorded for {referral.reference}",
        success_url=decided_url,
        template="referrals/decide.html",
        context={"referral": referral, "page_title": f"Decide: {referral.reference}"},
    )
