"""Break-glass pages: ask for emergency access to a restricted record; the DPO's review queue.

Views are thin: parse input with a form, fetch through a selector that takes the actor (404 for
missing and forbidden alike), call one service, audit what was shown, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lantern.access import events, selectors, services
from lantern.access.forms import (
    BreakGlassForm,
    BreakGlassReviewForm,
    NameUserForm,
    RestrictionReasonForm,
)
from lantern.access.naming import record_label, visible_person_ids
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.services import audit_record
from lantern.core.forms import GovukForm


def _clock(when) -> str:
    """"4:30pm on 14 March 2026" in local time."""
    local = timezone.localtime(when)
    return f"{local:%-I:%M}{local:%p}".lower() + f" on {local:%-d %B %Y}"


def _first_message(exc: ValidationError) -> str:
    return exc.messages[0] if exc.messages else "Something went wrong; try again"


def break_glass(request: HttpRequest, person_id: int) -> HttpResponse:
    """"This record is restricted" and a reason form; nothing else about the record.

    Reachable only for users whose role scope includes the child; for everyone else it is a
    404 like any unknown record. Someone who can already see the record goes straight to it.
    """
    person = selectors.break_glass_person_get(actor=request.user, person_id=person_id)
    if person_policy.can(request.user, VIEW, person):
        return redirect("people:person_detail", person_id=person.pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.break_glass(
                actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error(None, _first_message(exc))
        else:
            messages.success(
                request,
                f"You can see this record until {_clock(grant.expires_at)}. "
                "Your reason has been recorded for the data protection officer.",
            )
            return redirect("people:person_detail", person_id=person.pk)
    if request.method == "GET":
        audit_record(actor=request.user, action=events.RESTRICTED_NOTICE_SHOWN, subject=person)
    return render(
        request,
        "access/break_glass.html",
        {
            "form": form,
            "person_id": person.pk,
            "hours": services.break_glass_hours(),
            "page_title": "This record is restricted",
        },
    )


def break_glass_queue(request: HttpRequest) -> HttpResponse:
    pending = list(selectors.break_glass_queue(actor=request.user))
    reviewed = list(selectors.break_glass_reviewed(actor=request.user))
    shown = sorted({g.person_id for g in pending + reviewed})
    visible = visible_person_ids(request.user, shown)
    for g in pending + reviewed:
        g.record_label = record_label(g.person, visible)
    audit_record(
        actor=request.user,
        action=events.BREAK_GLASS_QUEUE_VIEWED,
        subject_type="people.person",
        subject_ids=shown,
        detail={"pending": len(pending), "reviewed": len(reviewed)},
    )
    return render(
        request,
        "access/break_glass_queue.html",
        {
            "pending": pending,
            "reviewed": reviewed,
            "review_days": services.review_working_days(),
            "page_title": "Break-glass access to review",
        },
    )


def break_glass_review(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = selectors.break_glass_grant_get(actor=request.user, grant_id=grant_id)
    form = BreakGlassReviewForm(request.POST or None)
    if request.method == "POST" and grant.reviewed_at is None and form.is_valid():
        try:
            services.break_glass_review(
                actor=request.user,
                grant=grant,
                note=form.cleaned_data["note"],
                outcome=form.cleaned_data["outcome"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error(None, _first_message(exc))
        else:
            messages.success(request, "Review recorded")
            return redirect("access:break_glass_queue")
    activity = list(selectors.break_glass_activity(actor=request.user, grant=grant))
    grant.record_label = record_label(grant.person, visible_person_ids(request.user, [grant.person_id]))
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action=events.BREAK_GLASS_QUEUE_VIEWED,
            subject=grant.person,
            detail={"grant_id": grant.pk},
        )
    return render(
        request,
        "access/break_glass_review.html",
        {
            "grant": grant,
            "form": form,
            "activity": activity,
            "own_grant": grant.user_id == request.user.pk,
            "page_title": "Review break-glass access",
        },
    )


def restriction(request: HttpRequest, person_id: int) -> HttpResponse:
    """Restrict a record, name the people who may see it, or lift the restriction.

    For the data protection officer and team managers who can see the record. One page, three
    forms; the button pressed (``do``) says which. Nothing already saved is lost on an error.
    """
    from django.contrib.auth import get_user_model

    person = selectors.restriction_person_get(actor=request.user, person_id=person_id)
    do = request.POST.get("do") if request.method == "POST" else None
    forms = {
        "restrict": RestrictionReasonForm(request.POST if do == "restrict" else None, prefix="restrict"),
        "name": NameUserForm(request.POST if do == "name" else None, prefix="name"),
        "lift": RestrictionReasonForm(request.POST if do == "lift" else None, prefix="lift"),
    }
    form = forms.get(do)
    if request.method == "POST" and form is None:  # a tampered or missing "do": say so, save nothing
        form = GovukForm(request.POST)
        form.is_valid()
        form.add_error(None, "Choose what to do: restrict the record, name someone or lift the restriction")
    elif form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if do == "restrict":
                grants = services.record_restrict(actor=request.user, person=person, reason=data["reason"])
                message = f"The record is restricted; {len(grants)} named on it"
            elif do == "lift":
                services.record_unrestrict(actor=request.user, person=person, reason=data["reason"])
                message = "The restriction is lifted"
            else:
                user = get_user_model().objects.filter(username=data["username"].strip()).first()
                if user is None:
                    raise ValidationError("There is no Lantern account with that username")
                services.grant_named(actor=request.user, person=person, user=user, reason=data["reason"])
                message = f"{user.get_full_name() or user.username} is named on the record"
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error(None, _first_message(exc))
        else:
            messages.success(request, message)
            return redirect("access:restriction", person_id=person.pk)
    named = selectors.named_on(person=person)
    label = record_label(person, visible_person_ids(request.user, [person.pk]))
    audit_record(
        actor=request.user, action=events.RESTRICTION_VIEWED, subject=person,
        detail={"named_user_ids": [g.user_id for g in named]},
    )
    return render(
        request,
        "access/restriction.html",
        {
            "person": person,
            "record_label": label,
            "named": named,
            "forms": forms,
            "form": form,  # the submitted form, for the error summary and the "Error:" title
            "page_title": f"Who may see this record: {label}",
        },
    )
