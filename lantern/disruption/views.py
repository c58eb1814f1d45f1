"""Pages for the disruption register: the register, one entry, record, link a person, breach,
end. Thin views: selectors fetch what the actor may see (404 otherwise), one service writes,
and pages naming people are audited with the ids of those named."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from lantern.audit.services import audit_record
from lantern.contexts import policies as context_policies
from lantern.contexts.selectors import context_visible
from lantern.core.form_pages import form_page
from lantern.disruption import events, policies, selectors, services
from lantern.disruption.forms import BreachForm, EndForm, FilterForm, LinkPersonForm, RecordForm
from lantern.people.picker import search_to_pick


def _posted(request):
    return request.POST if request.method == "POST" else None


def _detail_url(action) -> str:
    return reverse("disruption:detail", args=[action.pk])


def _page(request, form, *, save, success_message, success_url, back, heading, caption="",
          intro="", button="Save"):
    return form_page(
        request, form, save=save, success_message=success_message, success_url=success_url,
        template="core/form_page.html",
        context={"heading": heading, "caption": caption, "intro": intro, "button": button,
                 "back": back, "page_title": heading},
    )


def register_list(request: HttpRequest) -> HttpResponse:
    if not policies.may_view_register(request.user):
        raise Http404
    form = FilterForm(request.GET or None)
    status = "active"
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"] or "active"
    rows, named = [], set()
    for action in selectors.register(actor=request.user, status=status):
        target, hidden = selectors.target_shown(actor=request.user, action=action)
        protected = selectors.protected_for(actor=request.user, action=action)
        rows.append((action, target, protected))
        named |= {p.pk for p in protected.shown}
        if action.target_person_id and not hidden:
            named.add(action.target_person_id)
    audit_record(actor=request.user, action=events.REGISTER_VIEWED, subject_type="people.person",
                 subject_ids=sorted(named), detail={"status": status, "entries": len(rows)})
    return render(request, "disruption/register.html", {
        "filter_form": form, "rows": rows, "status": status,
        "can_record": policies.may_record(request.user), "page_title": "Disruption",
        "form_has_errors": bool(form.is_bound and form.errors),
    })


def detail(request: HttpRequest, disruption_action_id: int) -> HttpResponse:
    action = selectors.get(actor=request.user, action_id=disruption_action_id)
    target, hidden = selectors.target_shown(actor=request.user, action=action)
    protected = selectors.protected_for(actor=request.user, action=action)
    named = [p.pk for p in protected.shown]
    if action.target_person_id and not hidden:
        named.append(action.target_person_id)
    audit_record(actor=request.user, action=events.VIEWED, subject_type="people.person",
                 subject_ids=named, detail={"disruption_action_id": action.pk})
    return render(request, "disruption/detail.html", {
        "action": action, "target": target, "protected": protected,
        "breaches": list(action.breaches.select_related("recorded_by")),
        "can_update": policies.can_update(request.user, action) and action.ended_on is None,
        "source_context_visible": bool(action.source_context_action_id)
        and context_policies.may_view_contexts(request.user),
        "page_title": action.tactic_name,
    })


def record(request: HttpRequest) -> HttpResponse:
    if not policies.may_record(request.user):
        raise Http404
    contexts = context_visible(actor=request.user).filter(status="open").order_by("name", "id")
    return _page(
        request, RecordForm(_posted(request), contexts=contexts),
        save=lambda data: services.disruption_record(actor=request.user, **data),
        success_message="Recorded in the disruption register", success_url=_detail_url,
        back=reverse("disruption:register"), heading="Record disruption", button="Record",
    )


def link_person(request: HttpRequest, disruption_action_id: int) -> HttpResponse:
    action = selectors.get_updatable(actor=request.user, action_id=disruption_action_id)
    picked = search_to_pick(request, audit_action=events.PEOPLE_SEARCHED,
                            audit_detail={"disruption_action_id": action.pk})
    search, results, choosable = picked.search, picked.results, picked.choosable
    form = LinkPersonForm(_posted(request), people=choosable)
    return form_page(
        request, form,
        save=lambda data: services.disruption_link_person(actor=request.user, action=action,
                                                          **data),
        success_message="Person linked", success_url=_detail_url(action),
        template="disruption/link_person.html",
        context=lambda: {"action": action, "search": search, "results": results,
                         "has_choices": choosable.exists(), "form_has_errors": bool(search.errors),
                         "page_title": f"Link a person: {action.tactic_name}"},
    )


def breach_add(request: HttpRequest, disruption_action_id: int) -> HttpResponse:
    action = selectors.get_updatable(actor=request.user, action_id=disruption_action_id)
    return _page(
        request, BreachForm(_posted(request)),
        save=lambda data: services.disruption_record_breach(actor=request.user, action=action,
                                                            **data),
        success_message="Breach recorded", success_url=_detail_url(action),
        back=_detail_url(action), heading="Record a breach", caption=action.tactic_name,
        button="Record breach",
    )


def end(request: HttpRequest, disruption_action_id: int) -> HttpResponse:
    action = selectors.get_updatable(actor=request.user, action_id=disruption_action_id)
    return _page(
        request, EndForm(_posted(request)),
        save=lambda data: services.disruption_end(actor=request.user, action=action, **data),
        success_message="End and outcome recorded", success_url=_detail_url(action),
        back=_detail_url(action), heading="Record the end and outcome",
        caption=action.tactic_name, button="Save",
    )
