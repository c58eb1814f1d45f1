"""Casework pages: caseload and team dashboards, case summary (and print), allocation and bulk
reassignment, other agencies, plan, contacts, reviews, closure, alerts, tasks, re-surfacing.

Views are thin: fetch through a selector that takes the actor (404 for missing and forbidden
alike), call one service, audit what was shown, render. The form pages go through
``lantern.core.form_pages.form_page``: services raising ``PermissionDenied`` become 404;
``ValidationError`` becomes a GOV.UK error on the re-rendered form (status 200).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lantern.access import sharing
from lantern.audit.services import audit_record
from lantern.cases import events, owned, policies, selectors, services, team_figures
from lantern.cases.choices import CaseStatus, PlanSection, ResurfacingState
from lantern.cases.forms import (
    ActionUpdateForm,
    AgencyForm,
    AllocateForm,
    CloseForm,
    ContactForm,
    PickWorkerForm,
    PlanActionForm,
    PlanSectionForm,
    ReassignForm,
    ResurfacingForm,
    ReviewForm,
    TaskAssignForm,
)
from lantern.cases.hooks import assessment_start_url, outcome_assessments
from lantern.cases.models import Alert, Case, PlanAction, PlanSectionNote, Resurfacing, Task
from lantern.core.form_pages import add_service_errors, form_page
from lantern.people.models import Involvement


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _next_or(request, default: str, *args) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default, *args)


def _workable_case(request, case_id) -> Case:
    """A case the actor may work on (404 otherwise, including for closed cases)."""
    case = selectors.case_get(actor=request.user, case_id=case_id)
    if not selectors.can_work_visible_case(request.user, case):
        raise Http404
    return case


def _case_url(case: Case, name: str = "cases:case_detail") -> str:
    return reverse(name, args=[case.pk])


def _case_form_page(request, case: Case, form, *, save, success_message, success_url=None, **shown):
    """A form page about one case, on ``cases/form_page.html`` (caption, heading, button, cancel).

    ``shown`` is the rest of the template's context (heading, button, page title, and ``back``
    or ``intro`` where the page has them); ``case`` and ``person`` are added here. Opening one is
    a read of the child's record (every such page names the child, and most show what is
    already recorded: the plan's worries, an action's words), so it is audited.
    """
    return form_page(
        request,
        form,
        save=save,
        success_message=success_message,
        success_url=success_url or _case_url(case),
        template="cases/form_page.html",
        context={"case": case, "person": case.person, **shown},
        audit={"action": events.CASE_FORM_VIEWED, "subject": case.person,
               "detail": {"case_id": case.pk, "form": shown.get("page_title", "")}},
    )


# --- Dashboards --------------------------------------------------------------------------------


def my_caseload(request: HttpRequest) -> HttpResponse:
    if not policies.may_do_casework(request.user):
        raise Http404
    caseload = selectors.caseload_for(actor=request.user)
    audit_record(
        actor=request.user,
        action=events.CASELOAD_VIEWED,
        subject_type="people.person",
        subject_ids=caseload.person_ids(),
    )
    return render(
        request,
        "cases/my_caseload.html",
        {
            "caseload": caseload,
            "list_limit": selectors.LIST_LIMIT,
            "today": timezone.localdate(),
            "now": timezone.now(),
            "page_title": "My caseload",
        },
    )


def my_actions(request: HttpRequest) -> HttpResponse:
    """Every open plan action the user owns, on children's plans and places' and groups'."""
    if not policies.may_own_actions(request.user):
        raise Http404
    named = owned.owned_actions_named(request.user)
    actions = named.shown
    audit_record(
        actor=request.user,
        action=events.OWNED_ACTIONS_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({a.person_id for a in actions if a.person_id is not None}),
    )
    return render(
        request,
        "cases/my_actions.html",
        {"actions": actions, "hidden": named.hidden,
         "overdue": sum(1 for a in actions if a.is_overdue), "page_title": "My actions"},
    )


def team(request: HttpRequest) -> HttpResponse:
    if not policies.may_allocate(request.user):
        raise Http404
    collected = team_figures.collect(actor=request.user)
    view = selectors.team_view_for(actor=request.user, also_check=collected.behind)
    figures = team_figures.publish(collected, view.also_visible)
    audit_record(
        actor=request.user,
        action=events.TEAM_VIEWED,
        subject_type="people.person",
        subject_ids=view.person_ids(),
    )
    return render(
        request,
        "cases/team.html",
        {"view": view, "now": timezone.now(), "page_title": "Team caseload",
         "figures": figures, "weeks": team_figures.WEEKS},
    )


# --- Case summary ----------------------------------------------------------------------------


def _summary_context(request, case_id) -> dict:
    case = selectors.case_get(actor=request.user, case_id=case_id, with_counts=True)
    today = timezone.localdate()
    actions = selectors.plan_actions_for(case=case)
    contacts = selectors.recent_contacts(case=case, since=selectors.engagement_weeks_start(today))
    involvements = selectors.involvements_for_case(actor=request.user, case=case)
    trend = selectors.engagement_trend(contacts, today)
    sections = []
    for value, label in PlanSection.choices:
        items = [a for a in actions if a.section == value]
        sections.append({"value": value, "label": label, "actions": items})
    return {
        "case": case,
        "person": case.person,
        "today": today,
        "sections": sections,
        "overdue_actions": sum(1 for a in actions if a.is_overdue),
        "contacts": contacts[:10],
        "involvements": involvements,
        "trend": trend,
        "trend_summary": selectors.engagement_summary(trend),
        "can_work": selectors.can_work_visible_case(request.user, case),
        "can_allocate": policies.may_allocate(request.user) and case.is_open,
        "page_title": f"Case: {case.person.display_name}",
    }


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    context = _summary_context(request, case_id)
    case = context["case"]
    audit_record(
        actor=request.user, action=events.CASE_VIEWED, subject=case.person, detail={"case_id": case.pk}
    )
    return render(request, "cases/case_detail.html", context)


def case_print(request: HttpRequest, case_id: int) -> HttpResponse:
    context = _summary_context(request, case_id)
    case = context["case"]
    audit_record(
        actor=request.user, action=events.CASE_PRINTED, subject=case.person, detail={"case_id": case.pk}
    )
    return render(request, "cases/case_print.html", context)


def case_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case summary as a tagged PDF, marked and signed on every page; audited."""
    from lantern.core.pdf import pdf_response

    context = _summary_context(request, case_id)
    case = context["case"]
    audit_record(
        actor=request.user, action=events.CASE_PDF, subject=case.person,
        detail={"case_id": case.pk, "format": "pdf"},
    )
    return pdf_response(
        template="cases/case_pdf.html", context=context, user=request.user,
        filename=f"case-summary-{case.pk}.pdf",
    )


# --- Allocation -------------------------------------------------------------------------------


def allocate(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get(actor=request.user, case_id=case_id)
    if not policies.may_allocate(request.user) or not case.is_open:
        raise Http404
    form = AllocateForm(
        request.POST or None,
        leads=services.eligible_leads(request.user),
        teams=request.user.teams.order_by("name"),
        initial={"lead": case.lead_id},
    )

    def allocated(_) -> str:
        lead = form.cleaned_data["lead"]
        return f"{lead.get_full_name() or lead.username} is now the lead professional"

    return form_page(
        request,
        form,
        save=lambda data: services.case_allocate(
            actor=request.user, case=case, lead=data["lead"], team=data["team"]
        ),
        success_message=allocated,
        success_url=_case_url(case),
        template="cases/allocate.html",
        context={"case": case, "person": case.person, "page_title": "Allocate the case"},
    )


def reassign(request: HttpRequest) -> HttpResponse:
    """Bulk reassignment: pick the worker, pick new worker(s), confirm. No JavaScript needed."""
    if not policies.may_allocate(request.user):
        raise Http404
    leads = services.eligible_leads(request.user)
    workers = leads.filter(lead_cases__status=CaseStatus.OPEN).distinct()
    source = request.POST if request.method == "POST" else request.GET
    pick = PickWorkerForm(source if "worker" in source else None, workers=workers)
    context = {"pick": pick, "page_title": "Move a worker's cases"}
    if not pick.is_bound or not pick.is_valid():
        context["form"] = pick  # for the error summary and the "Error:" title
        return render(request, "cases/reassign.html", context)
    worker = pick.cleaned_data["worker"]
    named = selectors.open_cases_led_by(actor=request.user, worker=worker)
    cases = named.shown
    new_leads = leads.exclude(pk=worker.pk)
    form = ReassignForm(request.POST if request.method == "POST" else None, cases=cases, leads=new_leads)
    context.update({"worker": worker, "cases": cases, "hidden": named.hidden, "form": form})
    # The page names each child the worker leads: a read of their records, like the team view.
    audit_record(
        actor=request.user,
        action=events.REASSIGN_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({case.person_id for case in cases}),
        detail={"worker_id": worker.pk},
    )
    if request.method == "POST" and form.is_valid():
        moves = form.moves()
        if request.POST.get("confirm") != "yes":
            context.update({"moves": moves, "confirming": True})
            return render(request, "cases/reassign.html", context)
        try:
            services.case_bulk_reassign(actor=request.user, from_user=worker, moves=moves)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                f"{len(moves)} case{'s' if len(moves) != 1 else ''} moved from "
                f"{worker.get_full_name() or worker.username}",
            )
            return redirect("cases:team")
    return render(request, "cases/reassign.html", context)


# --- Other agencies --------------------------------------------------------------------------------


def agency_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _workable_case(request, case_id)
    form = AgencyForm(request.POST or None)
    return _case_form_page(
        request, case, form,
        save=lambda data: services.case_agency_add(actor=request.user, case=case, **data),
        success_message=lambda _: f"{form.cleaned_data['agency'].name} added",
        heading="Add another agency", button="Add agency", page_title="Add another agency",
    )


def agency_end(request: HttpRequest, case_id: int, involvement_id: int) -> HttpResponse:
    """Confirm, then record that an agency is no longer involved (undone by ``agency_restore``)."""
    case = _workable_case(request, case_id)
    involvement = (
        Involvement.objects.filter(pk=involvement_id, person_id=case.person_id)
        .select_related("agency").first()
    )
    if involvement is None:
        raise Http404
    if request.method != "POST":
        return render(request, "cases/agency_end_confirm.html", {
            "case": case, "person": case.person, "involvement": involvement,
            "page_title": f"Is {involvement.agency.name} no longer involved?",
        })
    try:
        services.case_agency_end(actor=request.user, case=case, involvement=involvement)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(
            request,
            f"{involvement.agency.name} is no longer recorded as involved. If that was a "
            "mistake, choose \"Still involved\" on their card under Who else is involved.",
        )
    return redirect(f"{_case_url(case)}#involvement-{involvement.pk}")


@require_POST
def agency_restore(request: HttpRequest, case_id: int, involvement_id: int) -> HttpResponse:
    """Undo "no longer involved"."""
    case = _workable_case(request, case_id)
    involvement = (
        Involvement.objects.filter(pk=involvement_id, person_id=case.person_id)
        .select_related("agency").first()
    )
    if involvement is None:
        raise Http404
    try:
        services.case_agency_restore(actor=request.user, case=case, involvement=involvement)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, f"{involvement.agency.name} is recorded as involved again")
    return redirect(f"{_case_url(case)}#involvement-{involvement.pk}")


# --- Plan ---------------------------------------------------------------------------------------


def plan(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get(actor=request.user, case_id=case_id)
    notes = {n.section: n for n in PlanSectionNote.objects.filter(case=case)}
    actions = selectors.plan_actions_for(case=case)
    sections = [
        {
            "value": value,
            "label": label,
            "note": notes.get(value),
            "actions": [a for a in actions if a.section == value],
        }
        for value, label in PlanSection.choices
    ]
    audit_record(
        actor=request.user, action=events.PLAN_VIEWED, subject=case.person, detail={"case_id": case.pk}
    )
    return render(
        request, "cases/plan.html",
        {"case": case, "person": case.person, "sections": sections,
         "can_work": selectors.can_work_visible_case(request.user, case),
         "page_title": f"Plan: {case.person.display_name}"},
    )


def plan_section(request: HttpRequest, case_id: int, section: str) -> HttpResponse:
    case = _workable_case(request, case_id)
    if section not in PlanSection.values:
        raise Http404
    note = PlanSectionNote.objects.filter(case=case, section=section).first()
    form = PlanSectionForm(
        request.POST or None,
        initial={"worries": getattr(note, "worries", ""), "aims": getattr(note, "aims", "")},
    )
    label = PlanSection(section).label
    return _case_form_page(
        request, case, form,
        save=lambda data: services.plan_section_update(
            actor=request.user, case=case, section=section, **data
        ),
        success_message=f"Plan updated: {label.lower()}",
        success_url=_case_url(case, "cases:plan"),
        heading=f"Plan: {label.lower()}", button="Save", back="cases:plan",
        page_title=f"Plan: {label}",
    )


def action_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _workable_case(request, case_id)
    initial = {"section": request.GET.get("section")} if request.GET.get("section") in PlanSection.values else {}
    form = PlanActionForm(
        request.POST or None, initial=initial, owners=selectors.plan_owner_choices(case=case)
    )
    return _case_form_page(
        request, case, form,
        save=lambda data: services.plan_action_add(actor=request.user, case=case, **data),
        success_message="Action added to the plan",
        success_url=_case_url(case, "cases:plan"),
        heading="Add an action to the plan", button="Add action", back="cases:plan",
        page_title="Add an action",
    )


def action_update(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    """The case's workers, or the action's owner (a partner may own an action), update it."""
    case = selectors.case_get(actor=request.user, case_id=case_id)
    action = PlanAction.objects.filter(pk=action_id, case=case).first()
    if action is None:
        raise Http404
    action.case = case
    if not policies.can_update_action(request.user, action):
        raise Http404
    form = ActionUpdateForm(
        request.POST or None,
        initial={"status": action.status, "not_done_reason": action.not_done_reason},
    )
    worker = selectors.can_work_visible_case(request.user, case)
    return _case_form_page(
        request, case, form,
        save=lambda data: services.plan_action_update(actor=request.user, action=action, **data),
        success_message="Action updated",
        success_url=_case_url(case, "cases:plan") if worker else reverse("cases:my_actions"),
        heading="Update an action", intro=action.description, button="Save", back="cases:plan",
        page_title="Update an action",
    )


# --- Contacts, reviews, closure ----------------------------------------------------------------


def contact_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _workable_case(request, case_id)
    return _case_form_page(
        request, case, ContactForm(request.POST or None),
        save=lambda data: services.contact_record(actor=request.user, case=case, **data),
        success_message="Contact recorded",
        heading="Record a contact or session", button="Save contact", page_title="Record a contact",
    )


def review_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _workable_case(request, case_id)
    intro = ""
    if case.next_review_date:
        intro = f"This review was due by {case.next_review_date:%-d %B %Y}. {case.review_note}".strip()
    return _case_form_page(
        request, case, ReviewForm(request.POST or None),
        save=lambda data: services.case_review_record(actor=request.user, case=case, **data),
        success_message="Review recorded",
        heading="Record a review", intro=intro, button="Save review", page_title="Record a review",
    )


def close(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _workable_case(request, case_id)
    return form_page(
        request,
        CloseForm(request.POST or None, assessments=outcome_assessments(case.person)),
        save=lambda data: services.case_close(actor=request.user, case=case, **data),
        success_message="Case closed",
        success_url=_case_url(case),
        template="cases/close.html",
        context={"case": case, "person": case.person,
                 "start_url": assessment_start_url(case.person_id, "distance-travelled"),
                 "page_title": "Close the case"},
    )


# --- Alerts, tasks, re-surfaced cases ----------------------------------------------------------


@require_POST
def alert_acknowledge(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = Alert.objects.filter(pk=alert_id, recipient_id=request.user.pk).select_related("person").first()
    if alert is None:
        raise Http404
    services.alert_acknowledge(actor=request.user, alert=alert)
    messages.success(request, "Alert acknowledged")
    return _next_or(request, "cases:my_caseload")


def task_assign(request: HttpRequest, task_id: int) -> HttpResponse:
    """A manager assigns or reassigns a task from the team view (a GOV.UK form, no JavaScript)."""
    task = (
        Task.objects.filter(pk=task_id, person__in=policies.visible_people(request.user))
        .select_related("case", "person", "assigned_to")
        .first()
    )
    if task is None or not services.may_assign_task(request.user, task):
        raise Http404
    workers = services.eligible_leads(request.user)
    form = TaskAssignForm(request.POST if request.method == "POST" else None, workers=workers,
                          initial={"assignee": task.assigned_to_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_assign(actor=request.user, task=task,
                                 assignee=form.cleaned_data["assignee"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            who = form.cleaned_data["assignee"]
            messages.success(request, f"{task.title}: assigned to {who.get_full_name() or who.username}")
            return redirect("cases:team")
    audit_record(actor=request.user, action=events.TASK_ASSIGN_VIEWED, subject=task.person,
                 detail={"task_id": task.pk})
    return render(request, "cases/task_assign.html", {
        "task": task, "form": form, "now": timezone.now(),
        "page_title": "Reassign a task" if task.assigned_to_id else "Assign a task",
    })


@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = (
        Task.objects.filter(pk=task_id, person__in=policies.visible_people(request.user))
        .select_related("case", "person")
        .first()
    )
    if task is None:
        raise Http404
    try:
        services.task_complete(actor=request.user, task=task)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, f"Task done: {task.title}")
    return _next_or(request, "cases:my_caseload")


def resurfacing(request: HttpRequest, resurfacing_id: int) -> HttpResponse:
    if not policies.may_allocate(request.user):
        raise Http404
    item = (
        Resurfacing.objects.filter(
            pk=resurfacing_id,
            state=ResurfacingState.WAITING,
            team__in=request.user.teams.all(),
            case__person__in=policies.visible_people(request.user),
        )
        .select_related("case__person", "event", "team")
        .first()
    )
    if item is None:
        raise Http404

    def shown() -> dict:
        # Audited whenever the page is shown, a refused answer included (form_page's own
        # ``audit`` covers GET only).
        audit_record(
            actor=request.user, action=events.CASE_VIEWED, subject=item.case.person,
            detail={"case_id": item.case_id, "resurfacing_id": item.pk},
        )
        event = item.event
        return {"item": item, "case": item.case, "person": item.case.person,
                "page_title": "Re-surfaced case",
                # The event's words only for those who may read them (lantern.access.sharing).
                "event_shared": event is not None and sharing.may_read(request.user, event),
                "event_placeholder": event and sharing.placeholder_for(request.user, event)}

    return form_page(
        request,
        ResurfacingForm(request.POST or None),
        save=lambda data: services.resurfacing_resolve(
            actor=request.user, resurfacing=item, reopen=data["answer"] == "reopen", note=data["note"]
        ),
        success_message="Recorded",
        success_url=reverse("cases:team"),
        template="cases/resurfacing.html",
        context=shown,
    )
