"""Pages for places and peer groups: list, summary (and print), open and edit, link and unlink
people, plan actions, notes, close.

Views are thin: a form parses input, a selector fetches what the actor may see (404 for missing
and forbidden alike), one service writes, and pages showing linked people are audited with the
ids of the people shown. The form pages go through ``lantern.core.form_pages.form_page``: services
raising ``PermissionDenied`` become 404; ``ValidationError`` becomes a GOV.UK error on the
re-rendered form (status 200, nothing typed is lost).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Team
from lantern.audit.services import audit_record
from lantern.contexts import events, policies, selectors, services
from lantern.contexts.choices import ContextKind
from lantern.contexts.forms import (
    ActionForm,
    ActionUpdateForm,
    CloseForm,
    ContextFilterForm,
    ContextForm,
    LinkPersonForm,
    NoteForm,
    UnlinkPersonForm,
)
from lantern.core.form_pages import form_page
from lantern.people.picker import search_to_pick


def _detail_url(context) -> str:
    return reverse("contexts:detail", args=[context.pk])


def _form_page(request, form, *, save, success_message, record=None, success_url=None, **shown):
    """A form page on ``contexts/form_page.html`` about ``record`` (the template's ``context``;
    none when opening one), going back to its summary unless ``success_url`` says otherwise.
    ``shown`` is the rest of the template's context: heading, intro, button, page title."""
    return form_page(
        request,
        form,
        save=save,
        success_message=success_message,
        success_url=success_url or _detail_url(record),
        template="contexts/form_page.html",
        context=shown if record is None else {"context": record, **shown},
    )


def _audit_shown(request, action: str, context, members, **detail) -> None:
    """Record who was shown: the people named on the page (the hidden ones were not)."""
    audit_record(
        actor=request.user, action=action, subject_type="people.person",
        subject_ids=members.person_ids,
        detail={"context_id": context.pk, "hidden": members.hidden_children
                + members.hidden_persons_of_concern, **detail},
    )


# --- List and summary -----------------------------------------------------------------------------


def context_list(request: HttpRequest) -> HttpResponse:
    if not policies.may_view_contexts(request.user):
        raise Http404
    form = ContextFilterForm(request.GET or None)
    kind, status = "", "open"
    if form.is_bound and form.is_valid():
        kind = form.cleaned_data["kind"]
        status = form.cleaned_data["status"] or "open"
    items = list(
        selectors.context_list(actor=request.user, kind=kind, status="" if status == "all" else status)
    )
    return render(
        request, "contexts/list.html",
        {"filter_form": form, "items": items, "kind": kind, "status": status,
         "can_work": policies.may_work_contexts(request.user), "today": timezone.localdate(),
         "form_has_errors": bool(form.is_bound and form.errors), "page_title": "Places and groups"},
    )


def _summary(request, context_id) -> dict:
    context = selectors.context_get(actor=request.user, context_id=context_id)
    members = selectors.members_for(actor=request.user, context=context)
    actions = selectors.actions_for(context=context)
    return {
        "context": context,
        "members": members,
        "actions": actions,
        "overdue_actions": sum(1 for a in actions if a.is_overdue),
        "notes": selectors.notes_for(context=context),
        "can_work": context.is_open and policies.can_work(request.user, context),
        "is_peer_group": context.kind == ContextKind.PEER_GROUP,
        "page_title": context.name,
    }


def context_detail(request: HttpRequest, context_id: int) -> HttpResponse:
    data = _summary(request, context_id)
    _audit_shown(request, events.CONTEXT_VIEWED, data["context"], data["members"])
    return render(request, "contexts/detail.html", data)


def context_print(request: HttpRequest, context_id: int) -> HttpResponse:
    data = _summary(request, context_id)
    _audit_shown(request, events.CONTEXT_PRINTED, data["context"], data["members"])
    return render(request, "contexts/print.html", data)


# --- Open, edit, close ------------------------------------------------------------------------------


def context_create(request: HttpRequest) -> HttpResponse:
    if not policies.may_work_contexts(request.user):
        raise Http404
    teams = selectors.teams_for(actor=request.user)
    form = ContextForm(
        request.POST or None, teams=teams, leads=selectors.eligible_leads(actor=request.user),
        initial={"team": teams.first()} if teams.count() == 1 else None,
    )
    return _form_page(
        request, form,
        save=lambda data: services.context_open(actor=request.user, **data),
        success_message="Record opened",
        success_url=_detail_url,
        heading="Open a record for a place or peer group", button="Open the record",
        page_title="Open a record for a place or group",
    )


def context_edit(request: HttpRequest, context_id: int) -> HttpResponse:
    context = selectors.context_get_workable(actor=request.user, context_id=context_id)
    # The current team and lead stay choosable even if the editor could not pick them today.
    teams = Team.objects.filter(
        Q(pk__in=selectors.teams_for(actor=request.user).values("pk")) | Q(pk=context.team_id)
    ).order_by("name")
    leads = get_user_model().objects.filter(
        Q(pk__in=selectors.eligible_leads(actor=request.user).values("pk"))
        | Q(pk=context.lead_id or 0)
    ).select_related("agency").order_by("last_name", "first_name", "id")
    form = ContextForm(
        request.POST or None, teams=teams, leads=leads, editing=True,
        initial={f: getattr(context, f) for f in services.EDITABLE},
    )
    return _form_page(
        request, form,
        save=lambda data: services.context_update(actor=request.user, context=context, **data),
        success_message="Details saved",
        record=context, heading="Change the details", button="Save",
        page_title=f"Change the details: {context.name}",
    )


def context_close(request: HttpRequest, context_id: int) -> HttpResponse:
    context = selectors.context_get_workable(actor=request.user, context_id=context_id)
    return _form_page(
        request, CloseForm(request.POST or None),
        save=lambda data: services.context_close(actor=request.user, context=context, **data),
        success_message="Record closed",
        record=context, heading="Close the record",
        intro="Children linked stay on the record's history. Their own cases are not closed.",
        button="Close the record", page_title=f"Close: {context.name}",
    )


# --- People -----------------------------------------------------------------------------------------


def member_add(request: HttpRequest, context_id: int) -> HttpResponse:
    """Search with the people search (GET), then choose, say how and why (POST).

    The search terms travel with the POST as hidden fields so the choice is made among the same
    results; a person outside the actor's scope is never among them.
    """
    context = selectors.context_get_workable(actor=request.user, context_id=context_id)
    current = set(context.members.filter(unlinked_on__isnull=True).values_list("person_id", flat=True))
    picked = search_to_pick(request, audit_action=events.PEOPLE_SEARCHED,
                            audit_detail={"context_id": context.pk}, exclude=current)
    search, results, choosable = picked.search, picked.results, picked.choosable
    form = LinkPersonForm(
        request.POST if request.method == "POST" else None, people=choosable,
        peer_group=context.kind == ContextKind.PEER_GROUP,
    )
    return form_page(
        request,
        form,
        save=lambda data: services.context_link_person(
            actor=request.user, context=context, person=data["person"],
            role=data.get("role") or "child", reason=data["reason"],
        ),
        success_message=lambda _: f"{form.cleaned_data['person'].display_name} linked to {context.name}",
        success_url=_detail_url(context),
        template="contexts/member_add.html",
        context=lambda: {
            "context": context, "search": search, "results": results, "current": current,
            "has_choices": choosable.exists(), "form_has_errors": bool(search.errors),
            "page_title": f"Link a person: {context.name}",
        },
    )


def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get_workable(actor=request.user, member_id=member_id)
    context = member.context

    def shown() -> dict:
        # Audited whenever the page is shown, a refused post included (form_page's own
        # ``audit`` covers GET only).
        audit_record(
            actor=request.user, action=events.MEMBER_VIEWED, subject=member.person,
            detail={"context_id": context.pk, "member_id": member.pk},
        )
        return {"context": context, "heading": f"End the link: {member.person.display_name}",
                "intro": f"Linked on {member.linked_on:%-d %B %Y}: {member.reason}",
                "button": "End the link", "page_title": f"End the link: {context.name}"}

    return form_page(
        request,
        UnlinkPersonForm(request.POST or None),
        save=lambda data: services.context_unlink_person(
            actor=request.user, member=member, reason=data["reason"]
        ),
        success_message=f"{member.person.display_name} is no longer linked to {context.name}",
        success_url=_detail_url(context),
        template="contexts/form_page.html",
        context=shown,
    )


# --- Plan and notes ----------------------------------------------------------------------------------


def action_add(request: HttpRequest, context_id: int) -> HttpResponse:
    context = selectors.context_get_workable(actor=request.user, context_id=context_id)
    return _form_page(
        request, ActionForm(request.POST or None, owners=selectors.eligible_owners(context=context)),
        save=lambda data: services.context_add_action(actor=request.user, context=context, **data),
        success_message="Action added to the plan",
        record=context, heading="Add an action to the plan", button="Add action",
        page_title=f"Add an action: {context.name}",
    )


def action_update(request: HttpRequest, context_action_id: int) -> HttpResponse:
    action = selectors.action_get_workable(actor=request.user, action_id=context_action_id)
    context = action.context
    form = ActionUpdateForm(
        request.POST or None,
        initial={"status": action.status, "not_done_reason": action.not_done_reason},
    )
    return _form_page(
        request, form,
        save=lambda data: services.context_update_action(actor=request.user, action=action, **data),
        success_message="Action updated",
        record=context, heading="Update an action",
        intro=f"{action.get_kind_display()}: {action.description} (due {action.due_date:%-d %B %Y})",
        button="Save", page_title=f"Update an action: {context.name}",
    )


def note_add(request: HttpRequest, context_id: int) -> HttpResponse:
    context = selectors.context_get_workable(actor=request.user, context_id=context_id)
    return _form_page(
        request, NoteForm(request.POST or None),
        save=lambda data: services.context_add_note(actor=request.user, context=context, **data),
        success_message="Note added",
        record=context, heading="Add a note",
        intro="An observation, a visit, or a meeting about the place or group.",
        button="Save note", page_title=f"Add a note: {context.name}",
    )
