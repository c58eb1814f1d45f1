"""Assessment pages. Thin views: parse input with a form, fetch through a selector that applies
the policy (404 for missing and forbidden alike), call one service, audit what was shown, render.

The form pages pass ``forbidden_as_404=False`` to ``form_page``: each view has already answered
404 to anyone its policy refuses, so a service's ``PermissionDenied`` means the record changed
under them (a draft submitted meanwhile); these pages have always let that through as a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lantern.access import sharing
from lantern.accounts.models import Agency
from lantern.assessments import charts, engine, events, forms, policies, selectors, services
from lantern.assessments.models import Assessment, Kind
from lantern.audit.services import audit_record
from lantern.cases.choices import TaskStatus
from lantern.cases.services import task_complete
from lantern.core.form_pages import add_service_errors, form_page
from lantern.people.selectors import person_get


def _audit_view(request, action: str, assessment: Assessment | None = None, person=None, **detail):
    person = person or assessment.person
    if assessment is not None:
        detail = {"assessment": assessment.pk, **detail}
    audit_record(actor=request.user, action=action, subject=person, detail=detail)


def _posted(request):
    """The POST data on a POST (even an empty one, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


def _url(name: str, assessment: Assessment) -> str:
    return reverse(name, kwargs={"assessment_id": assessment.pk})


def _about(assessment: Assessment, tool) -> dict:
    """What every page about one assessment shows at its top."""
    return {"assessment": assessment, "person": assessment.person, "tool": tool}


def _tool_or_404(assessment: Assessment) -> engine.ToolDefinition:
    try:
        return selectors.tool_for(assessment)
    except engine.EngineError:
        raise Http404 from None


def _draft(request, assessment_id) -> tuple[Assessment, engine.ToolDefinition]:
    """A draft the user may edit; a submitted one sends them to its result (via Http302)."""
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if not policies.can_start(request.user, assessment.person):
        raise Http404
    return assessment, _tool_or_404(assessment)


def _not_draft_redirect(assessment: Assessment):
    if assessment.kind == Kind.OUTCOME:
        return redirect("assessments:measures", assessment_id=assessment.pk)
    if not assessment.is_draft:
        return redirect("assessments:result", assessment_id=assessment.pk)
    return None


def _note_flags(assessment: Assessment, tool) -> list[dict]:
    """Victim-blaming phrases in saved notes, with where to change them (never blocking)."""
    found = []
    for answer in assessment.answers:
        indicator = tool.indicators_by_id.get(answer.get("indicator"))
        if indicator is None:
            continue  # not in this version: submitting will say so
        for obs in answer.get("observed", []):
            note = obs.get("note", "") if isinstance(obs, dict) else ""
            for flag in engine.flag_language(note):
                href = reverse("assessments:section", args=[assessment.pk, indicator.section])
                found.append({"indicator": indicator, "flag": flag, "href": f"{href}#{indicator.id}"})
    return found


# --- dashboard and tools --------------------------------------------------------------------

def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard(actor=request.user)
    audit_record(
        actor=request.user,
        action=events.DASHBOARD_VIEWED,
        subject_type="people.person",
        subject_ids=selectors.dashboard_person_ids(data),
    )
    return render(
        request,
        "assessments/dashboard.html",
        {
            **data,
            "page_title": "Assessments",
            "is_manager": request.user.role in policies.APPROVER_ROLES,
        },
    )


def tool_detail(request: HttpRequest, tool: str, version: int) -> HttpResponse:
    definition = selectors.tool_or_404(tool, version)
    if definition.kind == Kind.OUTCOME:
        indicators_by_section = []
    else:
        indicators_by_section = [
            {"section": s, "indicators": [i for i in definition.indicators if i.section == s.id]}
            for s in definition.sections
        ]
    return render(
        request,
        "assessments/tool_detail.html",
        {
            "tool": definition,
            "sections": indicators_by_section,
            "review": [
                (definition.bands_by_code[code].label, interval.describe())
                for code, interval in definition.review.items()
                if code in definition.bands_by_code
            ],
            "page_title": f"{definition.title} (version {definition.version})",
        },
    )


# --- starting and the task list ------------------------------------------------------------

def start(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    if not policies.can_start(request.user, person):
        raise Http404
    tools = selectors.startable_tools()
    initial = {"as_at": timezone.localdate()} if request.method == "GET" else None
    form = forms.StartForm(_posted(request), tools=tools, initial=initial)

    def save(data) -> Assessment:
        weeks = data.get("weeks")
        return services.assessment_start(
            actor=request.user,
            person=person,
            tool=data["tool_summary"].slug,
            version=data["tool_summary"].version,
            as_at=data["as_at"],
            end_offset_days=weeks * 7 if weeks else None,
        )

    return form_page(
        request,
        form,
        save=save,
        success_message="Assessment started. It saves as you complete each section.",
        success_url=lambda assessment: _url(
            "assessments:measures" if assessment.kind == Kind.OUTCOME else "assessments:task_list", assessment
        ),
        template="assessments/start.html",
        context={"person": person, "tools": tools, "page_title": "Start an assessment"},
        forbidden_as_404=False,
    )


def task_list(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, tool = _draft(request, assessment_id)
    if response := _not_draft_redirect(assessment):
        return response
    _audit_view(request, events.DRAFT_VIEWED, assessment)
    counts = {}
    for answer in assessment.answers:
        indicator = tool.indicators_by_id.get(answer.get("indicator"))
        if indicator:
            counts[indicator.section] = counts.get(indicator.section, 0) + 1
    sections = [
        {
            "section": s,
            "saved": s.id in assessment.sections_saved,
            "count": counts.get(s.id, 0),
        }
        for s in tool.sections
    ]
    all_saved = all(s["saved"] for s in sections)
    return render(
        request,
        "assessments/task_list.html",
        {
            **_about(assessment, tool),
            "sections": sections,
            "all_saved": all_saved,
            "done": sum(1 for s in sections if s["saved"]) + 1,
            "total": len(sections) + 2,
            "flags": _note_flags(assessment, tool),
            "page_title": tool.title,
        },
    )


def details(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, tool = _draft(request, assessment_id)
    if response := _not_draft_redirect(assessment):
        return response
    return form_page(
        request,
        forms.AsAtForm(_posted(request), initial={"as_at": assessment.as_at}),
        save=lambda data: services.assessment_set_as_at(
            actor=request.user, assessment=assessment, as_at=data["as_at"]
        ),
        success_message="Assessment date saved",
        success_url=_url("assessments:task_list", assessment),
        template="assessments/details.html",
        context={**_about(assessment, tool), "page_title": "Assessment date"},
        forbidden_as_404=False,
    )


def _agency_names(actor, assessment: Assessment) -> list[str]:
    """Agencies to say who saw an indicator: those involved with the child now first (the
    likely answer), then every other agency, each group alphabetical (one query). "Involved"
    is only what the record shows ``actor`` (``sharing.involvements_q``): the order must not
    tell a school the police are involved."""
    from django.db.models import Exists, OuterRef, Q

    from lantern.people.models import Involvement

    today = timezone.localdate()
    involved = Involvement.objects.filter(
        person_id=assessment.person_id, agency_id=OuterRef("pk")
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).filter(
        sharing.involvements_q(actor)
    )
    rows = Agency.objects.annotate(involved=Exists(involved)).order_by("-involved", "name")
    return list(rows.values_list("name", flat=True))


def section(request: HttpRequest, assessment_id: int, section_id: str) -> HttpResponse:
    assessment, tool = _draft(request, assessment_id)
    if response := _not_draft_redirect(assessment):
        return response
    if section_id not in tool.sections_by_id:
        raise Http404
    form_kwargs = {
        "tool": tool,
        "section_id": section_id,
        "saved": assessment.answers,
        "agencies": _agency_names(request.user, assessment),
        "as_at": assessment.as_at,
    }
    form = forms.SectionForm(_posted(request), **form_kwargs)
    partly_saved = False
    if request.method == "POST":
        valid = form.is_valid()
        if valid:
            items, complete = form.items(), True
        else:
            # Save what is right now; keep earlier saved answers for indicators with an error.
            keep = form.valid_indicator_ids()
            items = form.valid_items() + [
                a for a in assessment.answers
                if a.get("indicator") not in keep
                and getattr(tool.indicators_by_id.get(a.get("indicator")), "section", None) == section_id
            ]
            complete = False
        try:
            services.assessment_save_section(
                actor=request.user,
                assessment=assessment,
                section_id=section_id,
                items=items,
                complete=complete,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if valid:
                messages.success(request, f"{tool.sections_by_id[section_id].title} saved")
                return redirect("assessments:task_list", assessment_id=assessment.pk)
            partly_saved = True
    else:
        _audit_view(request, events.DRAFT_VIEWED, assessment, section=section_id)
    return render(
        request,
        "assessments/section.html",
        {
            **_about(assessment, tool),
            "section": tool.sections_by_id[section_id],
            "form": form,
            "groups": form.groups(),
            "partly_saved": partly_saved,
            "page_title": tool.sections_by_id[section_id].title,
        },
    )


def _answer_rows(assessment: Assessment, tool) -> list[dict]:
    saved = {a.get("indicator"): a.get("observed", []) for a in assessment.answers}
    rows = []
    for s in tool.sections:
        items = []
        for ind in tool.indicators:
            if ind.section != s.id or ind.id not in saved:
                continue
            observations = []
            for obs in saved[ind.id]:
                obs = obs if isinstance(obs, dict) else {"date": obs}
                observations.append(
                    {
                        **obs,
                        "date_text": _date_text(obs.get("date", "")),
                        "evidence_label": forms.EVIDENCE_LABELS.get(obs.get("evidence_type"), ""),
                        "flags": engine.flag_language(obs.get("note", "")),
                    }
                )
            items.append({"indicator": ind, "observations": observations})
        rows.append({"section": s, "items": items, "saved": s.id in assessment.sections_saved})
    return rows


def _date_text(raw: str) -> str:
    try:
        day, month_only = services.engine_parse_date(raw)
    except ValueError:
        return raw
    return day.strftime("%B %Y") + " (day not known)" if month_only else f"{day.day} {day:%B %Y}"


def check(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, tool = _draft(request, assessment_id)
    if response := _not_draft_redirect(assessment):
        return response
    form = forms.SubmitForm(_posted(request))
    if not form.is_valid():  # the page shows the answers again, so the read is audited
        _audit_view(request, events.DRAFT_VIEWED, assessment, section="check")
    return form_page(
        request,
        form,
        save=lambda data: services.assessment_submit(actor=request.user, assessment=assessment),
        success_message="Assessment submitted and scored",
        success_url=_url("assessments:result", assessment),
        template="assessments/check.html",
        context=lambda: {
            **_about(assessment, tool),
            "rows": _answer_rows(assessment, tool),
            "form_has_errors": bool(form.errors),
            "page_title": "Check your answers",
        },
        forbidden_as_404=False,
    )


# --- the result, re-scoring and professional judgement ---------------------------------------

def result(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if assessment.kind == Kind.OUTCOME:
        return redirect("assessments:measures", assessment_id=assessment.pk)
    if assessment.is_draft:
        if policies.can_edit(request.user, assessment):
            return redirect("assessments:task_list", assessment_id=assessment.pk)
        raise Http404
    tool = _tool_or_404(assessment)
    rescore_form = forms.RescoreForm(request.GET or None)
    rescored = None
    if rescore_form.is_bound and rescore_form.is_valid():
        as_at = rescore_form.cleaned_data["as_at"]
        try:
            outcome = selectors.rescore_as_at(actor=request.user, assessment=assessment, as_at=as_at)
        except engine.EngineError as exc:
            rescore_form.add_error(None, str(exc))
        else:
            rescored = {
                "result": outcome.to_dict(),
                "as_at": as_at,
                "changed": outcome.level.code != assessment.computed_level
                or outcome.score != assessment.score,
            }
            probe = Assessment(final_level=outcome.level.code, result=outcome.to_dict())
            rescored.update(selectors.result_extras(probe, tool))
            _audit_view(request, events.RESCORED_VIEWED, assessment, as_at=as_at.isoformat())
    _audit_view(request, events.RESULT_VIEWED, assessment)
    return render(
        request,
        "assessments/result.html",
        {
            **_about(assessment, tool),
            "stored": assessment.result or {},
            **selectors.result_extras(assessment, tool),
            "actions": selectors.assessment_tasks(assessment),
            "can_override": policies.can_propose_override(request.user, assessment),
            "can_decide": policies.can_decide_override(request.user, assessment),
            "rationale_flags": engine.flag_language(assessment.override_rationale),
            "rescore_form": rescore_form,
            "rescored": rescored,
            "form_has_errors": bool(rescore_form.errors),
            "page_title": f"Result: {assessment.tool_title}",
        },
    )


def override(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if not policies.can_propose_override(request.user, assessment):
        raise Http404
    tool = _tool_or_404(assessment)
    form = forms.OverrideForm(
        _posted(request),
        tool=tool,
        computed_level=assessment.computed_level,
        initial={"final_level": assessment.final_level, "rationale": assessment.override_rationale},
    )
    return form_page(
        request,
        form,
        save=lambda data: services.assessment_override_propose(
            actor=request.user,
            assessment=assessment,
            final_level=data["final_level"],
            rationale=data["rationale"],
        ),
        success_message=lambda updated: (
            "Sent to a team manager to approve the final level"
            if updated.override_pending
            else "The final level is the computed level"
        ),
        success_url=_url("assessments:result", assessment),
        template="assessments/override.html",
        context={
            **_about(assessment, tool),
            "flags": engine.flag_language(str(form["rationale"].value() or "")),
            "page_title": "Use professional judgement",
        },
        forbidden_as_404=False,
        audit={"action": events.OVERRIDE_FORM_VIEWED, "subject": assessment.person,
               "detail": {"assessment": assessment.pk}},
    )


def override_decide(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if not policies.can_decide_override(request.user, assessment):
        raise Http404
    tool = _tool_or_404(assessment)
    form = forms.DecisionForm(_posted(request))
    if not form.is_valid():  # the page shows the result again, so the read is audited
        _audit_view(request, events.RESULT_VIEWED, assessment, view="decide")

    def approving() -> bool:
        return form.cleaned_data["decision"] == "approve"

    return form_page(
        request,
        form,
        save=lambda data: services.assessment_override_decide(
            actor=request.user, assessment=assessment, approve=approving(), note=data["note"]
        ),
        success_message=lambda _: "Proposed level approved" if approving() else "Proposed level declined",
        success_url=reverse("assessments:approvals"),
        template="assessments/decide.html",
        context={**_about(assessment, tool), "page_title": "Decide a proposed level"},
        forbidden_as_404=False,
    )


# --- managers -------------------------------------------------------------------------------

def approvals(request: HttpRequest) -> HttpResponse:
    queue = list(selectors.approval_queue(actor=request.user))
    audit_record(
        actor=request.user,
        action=events.APPROVALS_VIEWED,
        subject_type="people.person",
        subject_ids=sorted({a.person_id for a in queue}),
    )
    return render(
        request,
        "assessments/approvals.html",
        {"queue": queue, "page_title": "Levels waiting for your approval"},
    )


def override_report(request: HttpRequest) -> HttpResponse:
    data = selectors.override_rates(actor=request.user)
    audit_record(actor=request.user, action=events.OVERRIDE_REPORT_VIEWED, subject_type="report")
    return render(
        request,
        "assessments/override_report.html",
        {**data, "page_title": "Professional judgement: override rate"},
    )


def cohort(request: HttpRequest) -> HttpResponse:
    data = selectors.cohort_summary(actor=request.user)
    audit_record(actor=request.user, action=events.COHORT_VIEWED, subject_type="report")
    return render(
        request, "assessments/cohort.html", {**data, "page_title": "Outcomes: distance travelled"}
    )


# --- a child's history and outcome measures ------------------------------------------------

def history(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(actor=request.user, person_id=person_id)
    data = selectors.history(actor=request.user, person=person)
    for n, item in enumerate(data["tools"], 1):
        try:
            tool = selectors.tool_definition(item["slug"], item["rows"][-1]["version"])
        except engine.EngineError:
            continue
        item["chart"] = {"id": f"history-chart-{n}", "spec": charts.history_chart(tool, item["rows"])}
    everything = selectors.person_assessments(actor=request.user, person=person).order_by(
        "-as_at", "-id"
    )
    audit_record(actor=request.user, action=events.HISTORY_VIEWED, subject=person)
    return render(
        request,
        "assessments/history.html",
        {
            **data,
            "person": person,
            "assessments": everything,
            "can_start": policies.can_start(request.user, person),
            "notices": selectors.notices_for(actor=request.user, person=person),
            "page_title": f"Assessments for {person.display_name}",
        },
    )


def measures(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if assessment.kind != Kind.OUTCOME:
        return redirect("assessments:result", assessment_id=assessment.pk)
    tool = _tool_or_404(assessment)
    plan = selectors.measure_plan(assessment, tool)
    progress = selectors.outcome_progress(assessment, tool)
    labels = {p.id: p.label for p in tool.measurement_points}
    rows = [
        {
            "title": d.title,
            "values": [progress.domains[d.id].values.get(p.id) for p in tool.measurement_points],
            "cells": [(progress.domains[d.id].values.get(p.id), p) for p in tool.measurement_points],
            "change": progress.domains[d.id].change,
            "direction": progress.domains[d.id].direction,
            "change_to": labels.get(progress.domains[d.id].change_to or "", ""),
        }
        for d in tool.domains
    ]
    chart = None
    if any(p.measure for p in plan):
        chart = {"id": "progress-chart", "spec": charts.progress_chart(tool, progress)}
    _audit_view(request, events.MEASURES_VIEWED, assessment)
    return render(
        request,
        "assessments/measures.html",
        {
            **_about(assessment, tool),
            "plan": plan,
            "points": tool.measurement_points,
            "rows": rows,
            "chart": chart,
            "can_record": policies.can_record_measure(request.user, assessment),
            "page_title": f"{assessment.tool_title}",
        },
    )


def measure_record(request: HttpRequest, assessment_id: int, point: str) -> HttpResponse:
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if not policies.can_record_measure(request.user, assessment):
        raise Http404
    tool = _tool_or_404(assessment)
    planned = {p.point: p for p in selectors.measure_plan(assessment, tool)}
    if point not in planned:
        raise Http404
    existing = planned[point].measure
    initial = {}
    if existing:
        initial = {
            "taken_on": existing.taken_on,
            "co_completed": "yes" if existing.co_completed else "no",
            **{f"domain-{k}": str(v) for k, v in existing.values.items()},
        }
    form = forms.MeasureForm(_posted(request), tool=tool, initial=initial)
    return form_page(
        request,
        form,
        save=lambda data: services.measure_record(
            actor=request.user,
            assessment=assessment,
            point=point,
            taken_on=data["taken_on"],
            values=form.values(),
            co_completed=data["co_completed"] == "yes",
        ),
        success_message=f"{planned[point].label} measure saved",
        success_url=_url("assessments:measures", assessment),
        template="assessments/measure_form.html",
        context={
            **_about(assessment, tool),
            "planned": planned[point],
            "page_title": f"{planned[point].label} measure",
        },
        forbidden_as_404=False,
    )


def action_complete(request: HttpRequest, task_id: int) -> HttpResponse:
    """Record a mandatory action as done (the cases app's task; it decides who may)."""
    task = selectors.task_get(actor=request.user, task_id=task_id)
    if task.status != TaskStatus.OPEN:
        return redirect("assessments:result", assessment_id=task.source_id)

    def save(data):
        try:
            return task_complete(actor=request.user, task=task)
        except PermissionDenied:
            raise ValidationError(
                "Only the person the action is assigned to, the lead professional or a manager "
                "of the team can record it as done"
            ) from None

    return form_page(
        request,
        forms.ActionDoneForm(_posted(request)),
        save=save,
        success_message="Action recorded as done",
        success_url=reverse("assessments:result", kwargs={"assessment_id": task.source_id}),
        template="assessments/action_complete.html",
        context={"task": task, "person": task.person, "page_title": "Record a mandatory action as done"},
    )
