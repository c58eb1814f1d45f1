"""Assessment pages. Thin views: parse input with a form, fetch through a selector that applies
the policy (404 for missing and forbidden alike), call one service, audit what was shown, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lantern.accounts.models import Agency
from lantern.assessments import charts, engine, events, forms, policies, selectors, services
from lantern.assessments.models import Assessment, Kind
from lantern.audit.services import audit_record
from lantern.cases.choices import TaskStatus
from lantern.cases.services import task_complete
from lantern.people.selectors import person_get


def _audit_view(request, action: str, assessment: Assessment | None = None, person=None, **detail):
    person = person or assessment.person
    if assessment is not None:
        detail = {"assessment": assessment.pk, **detail}
    audit_record(actor=request.user, action=action, subject=person, detail=detail)


def _posted(request):
    """The POST data on a POST (even an empty one, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


def _errors_to_form(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


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
    tools = selectors.available_tools()
    form = forms.StartForm(_posted(request), tools=tools)
    if request.method == "GET":
        from django.utils import timezone

        form = forms.StartForm(initial={"as_at": timezone.localdate()}, tools=tools)
    if request.method == "POST" and form.is_valid():
        weeks = form.cleaned_data.get("weeks")
        try:
            assessment = services.assessment_start(
                actor=request.user,
                person=person,
                tool=form.cleaned_data["tool_summary"].slug,
                version=form.cleaned_data["tool_summary"].version,
                as_at=form.cleaned_data["as_at"],
                end_offset_days=weeks * 7 if weeks else None,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Assessment started. It saves as you complete each section.")
            if assessment.kind == Kind.OUTCOME:
                return redirect("assessments:measures", assessment_id=assessment.pk)
            return redirect("assessments:task_list", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/start.html",
        {"person": person, "form": form, "tools": tools, "page_title": "Start an assessment"},
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
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
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
    form = forms.AsAtForm(_posted(request), initial={"as_at": assessment.as_at})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_set_as_at(
                actor=request.user, assessment=assessment, as_at=form.cleaned_data["as_at"]
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Assessment date saved")
            return redirect("assessments:task_list", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/details.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
            "form": form,
            "page_title": "Assessment date",
        },
    )


def _agency_names(assessment: Assessment) -> list[str]:
    return list(Agency.objects.order_by("name").values_list("name", flat=True))


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
        "agencies": _agency_names(assessment),
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
            _errors_to_form(form, exc)
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
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
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
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_submit(actor=request.user, assessment=assessment)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Assessment submitted and scored")
            return redirect("assessments:result", assessment_id=assessment.pk)
    else:
        _audit_view(request, events.DRAFT_VIEWED, assessment, section="check")
    return render(
        request,
        "assessments/check.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
            "rows": _answer_rows(assessment, tool),
            "form": form,
            "form_has_errors": bool(form.errors),
            "page_title": "Check your answers",
        },
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
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
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
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.assessment_override_propose(
                actor=request.user,
                assessment=assessment,
                final_level=form.cleaned_data["final_level"],
                rationale=form.cleaned_data["rationale"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            if updated.override_pending:
                messages.success(request, "Sent to a team manager to approve the final level")
            else:
                messages.success(request, "The final level is the computed level")
            return redirect("assessments:result", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/override.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
            "form": form,
            "flags": engine.flag_language(str(form["rationale"].value() or "")),
            "page_title": "Use professional judgement",
        },
    )


def override_decide(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if not policies.can_decide_override(request.user, assessment):
        raise Http404
    tool = _tool_or_404(assessment)
    form = forms.DecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.assessment_override_decide(
                actor=request.user, assessment=assessment, approve=approve,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(
                request, "Proposed level approved" if approve else "Proposed level declined"
            )
            return redirect("assessments:approvals")
    else:
        _audit_view(request, events.RESULT_VIEWED, assessment, view="decide")
    return render(
        request,
        "assessments/decide.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
            "form": form,
            "page_title": "Decide a proposed level",
        },
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
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
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
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_record(
                actor=request.user,
                assessment=assessment,
                point=point,
                taken_on=form.cleaned_data["taken_on"],
                values=form.values(),
                co_completed=form.cleaned_data["co_completed"] == "yes",
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, f"{planned[point].label} measure saved")
            return redirect("assessments:measures", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/measure_form.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "tool": tool,
            "planned": planned[point],
            "form": form,
            "page_title": f"{planned[point].label} measure",
        },
    )


def action_complete(request: HttpRequest, task_id: int) -> HttpResponse:
    """Record a mandatory action as done (the cases app's task; it decides who may)."""
    task = selectors.task_get(actor=request.user, task_id=task_id)
    if task.status != TaskStatus.OPEN:
        return redirect("assessments:result", assessment_id=task.source_id)
    form = forms.ActionDoneForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            task_complete(actor=request.user, task=task)
        except PermissionDenied:
            form.add_error(
                None,
                "Only the person the action is assigned to, the lead professional or a manager "
                "of the team can record it as done",
            )
        else:
            messages.success(request, "Action recorded as done")
            return redirect("assessments:result", assessment_id=task.source_id)
    return render(
        request,
        "assessments/action_complete.html",
        {
            "task": task,
            "person": task.person,
            "form": form,
            "page_title": "Record a mandatory action as done",
        },
    )
