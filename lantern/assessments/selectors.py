"""Reads for assessments. Every function that returns personal data takes the actor and filters
through the person policy (a child's assessments are visible exactly when the child is).

Callers audit what they show; selectors stay pure reads. Tool definitions come from the engine's
registry, with the partnership's own folder (``settings.LANTERN_EXTRA_TOOLS_DIR``) added.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.analysis.disclosure import suppress_counts
from lantern.assessments import engine, policies
from lantern.assessments.models import (
    Assessment,
    Kind,
    OverrideDecision,
    ReviewNotice,
    Status,
)
from lantern.cases.choices import TaskStatus
from lantern.cases.models import Task
from lantern.people.models import Person

#: ``source_type`` of the cases app's tasks that hard rules create (``source_id``: assessment).
TASK_SOURCE = "assessments.Assessment"

REVIEW_HORIZON_DAYS = 14
MEASURE_HORIZON_DAYS = 7
NOTICE_DAYS = 30


# --- tool definitions and engine answers ---------------------------------------------------------

def extra_tools_dir() -> str | None:
    return getattr(settings, "LANTERN_EXTRA_TOOLS_DIR", "") or None


def tool_definition(slug: str, version: int | None = None) -> engine.ToolDefinition:
    """Raises ``engine.UnknownTool`` for a tool or version that does not exist."""
    return engine.load_tool(slug, version, extra_dir=extra_tools_dir())


def tool_or_404(slug: str, version: int | None = None) -> engine.ToolDefinition:
    try:
        return tool_definition(slug, version)
    except engine.EngineError:
        raise Http404 from None


def tool_for(assessment: Assessment) -> engine.ToolDefinition:
    """The pinned tool version of ``assessment``."""
    return tool_definition(assessment.tool, assessment.tool_version)


def available_tools() -> list[engine.ToolSummary]:
    """Every loadable tool version, each tool's latest version first.

    Versions of one tool can be alternatives rather than corrections (seraf-style v2 is the 2013
    variation of v1), so a partnership may keep starting an earlier one; whichever is chosen is
    pinned for good.
    """
    tools = engine.list_tools(extra_dir=extra_tools_dir())
    return sorted(tools, key=lambda t: (t.slug, -t.version))


def engine_answers(
    assessment: Assessment, *, answers: list | None = None, as_at: dt.date | None = None
) -> engine.Answers:
    """The stored answers (or ``answers``) as engine ``Answers``, with the child's current facts.

    Raises ``engine.AnswersError`` when stored answers are malformed.
    """
    person = assessment.person
    data = {
        "tool": assessment.tool,
        "version": assessment.tool_version,
        "as_at": (as_at or assessment.as_at).isoformat(),
        "child": {
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "disability": bool(person.disability),
        },
        "answers": assessment.answers if answers is None else answers,
    }
    return engine.parse_answers(data)


# --- single records ----------------------------------------------------------------------------

def assessment_visible(*, actor) -> QuerySet[Assessment]:
    people = person_policy.visible(actor, VIEW, Person.objects.all())
    return Assessment.objects.filter(person__in=people)


def assessment_get(*, actor, assessment_id) -> Assessment:
    """The assessment if the actor may see its child; 404 for missing and forbidden alike."""
    try:
        pk = int(assessment_id)
    except (TypeError, ValueError):
        raise Http404 from None
    found = (
        assessment_visible(actor=actor)
        .select_related("person", "team", "started_by", "override_proposed_by", "override_decided_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def task_get(*, actor, task_id) -> Task:
    """A mandatory-action task made by an assessment, if the actor can see the child."""
    try:
        pk = int(task_id)
    except (TypeError, ValueError):
        raise Http404 from None
    people = person_policy.visible(actor, VIEW, Person.objects.all())
    found = (
        Task.objects.select_related("person", "assigned_to", "case")
        .filter(pk=pk, source_type=TASK_SOURCE, person__in=people)
        .first()
    )
    if found is None:
        raise Http404
    return found


def assessment_tasks(assessment: Assessment) -> QuerySet[Task]:
    """The mandatory actions (cases app tasks) a hard rule created for ``assessment``."""
    return Task.objects.filter(source_type=TASK_SOURCE, source_id=assessment.pk).select_related(
        "assigned_to", "completed_by"
    )


def person_assessments(*, actor, person: Person) -> QuerySet[Assessment]:
    if not person_policy.can(actor, VIEW, person):
        raise Http404
    return Assessment.objects.filter(person=person).select_related("started_by", "team")


def notices_for(*, actor, person: Person) -> QuerySet[ReviewNotice]:
    """Reviews brought forward for this child, newest first."""
    if not person_policy.can(actor, VIEW, person):
        raise Http404
    return ReviewNotice.objects.filter(person=person).select_related("recipient")[:20]


def rescore_as_at(*, actor, assessment: Assessment, as_at: dt.date) -> engine.Result:
    """The stored answers scored as at another date. Nothing is stored (a read, not a write)."""
    if not person_policy.can(actor, VIEW, assessment.person):
        raise Http404
    tool = tool_for(assessment)
    return engine.score(engine_answers(assessment, as_at=as_at), tool)


def result_extras(assessment: Assessment, tool: engine.ToolDefinition) -> dict:
    """Labels the stored result refers to by id: indicators, domains, band actions."""
    result = assessment.result or {}
    domains = result.get("domains", {})
    profile = [
        {
            "id": d.id,
            "title": d.title,
            "points": domains.get("points", {}).get(d.id, 0),
            "level": domains.get("profile", {}).get(d.id, ""),
        }
        for d in tool.domains
    ]
    fired = []
    for f in result.get("fired", []):
        indicator = tool.indicators_by_id.get(f.get("indicator") or "")
        fired.append({**f, "indicator_text": indicator.short if indicator else ""})
    final = tool.bands_by_code.get(assessment.final_level)
    return {
        "fired": fired,
        "profile": profile,
        "profile_counts": domains.get("counts", {}),
        "band_actions": list(final.actions) if final else [],
        "band_description": final.description if final else "",
    }


# --- a child's history -------------------------------------------------------------------------

def history(*, actor, person: Person) -> dict:
    """Completed scored assessments per tool, oldest first, for the chart and its table."""
    rows_by_tool: dict[str, list[dict]] = defaultdict(list)
    titles: dict[str, str] = {}
    for a in person_assessments(actor=actor, person=person).exclude(status=Status.DRAFT).exclude(
        kind=Kind.OUTCOME
    ).order_by("as_at", "id"):
        titles[a.tool] = a.tool_title
        rows_by_tool[a.tool].append(
            {
                "id": a.pk,
                "as_at": a.as_at,
                "version": a.tool_version,
                "score": a.score,
                "computed_level": a.computed_level_label,
                "final_level": a.final_level_label,
                "differs": a.level_differs,
                "pending": a.override_pending,
            }
        )
    return {"tools": [{"slug": s, "title": titles[s], "rows": r} for s, r in rows_by_tool.items()]}


# --- outcome measures ----------------------------------------------------------------------------

@dataclass
class PlannedMeasure:
    point: str
    label: str
    due: dt.date
    measure: object | None

    @property
    def overdue(self) -> bool:
        return self.measure is None and self.due < timezone.localdate()


def measure_plan(assessment: Assessment, tool: engine.ToolDefinition) -> list[PlannedMeasure]:
    due = engine.measure_due_dates(assessment.as_at, tool, end_offset_days=assessment.end_offset_days)
    recorded = {m.point: m for m in assessment.measures.all()}
    return [
        PlannedMeasure(p.id, p.label, due[p.id], recorded.get(p.id)) for p in tool.measurement_points
    ]


def outcome_progress(assessment: Assessment, tool: engine.ToolDefinition) -> engine.Progress:
    measures = [engine.Measure(m.point, m.taken_on, m.values) for m in assessment.measures.all()]
    return engine.progress(measures, tool)


# --- the practitioner's dashboard -------------------------------------------------------------

def _latest_completed_risk() -> Subquery:
    return Subquery(
        Assessment.objects.filter(person=OuterRef("person"), kind=Kind.RISK)
        .exclude(status=Status.DRAFT)
        .order_by("-as_at", "-id")
        .values("id")[:1]
    )


def dashboard(*, actor) -> dict:
    today = timezone.localdate()
    visible = assessment_visible(actor=actor).select_related("person")
    drafts = visible.filter(status=Status.DRAFT, started_by=actor).order_by("-updated_at")[:50]
    reviews = (
        visible.filter(id=_latest_completed_risk())
        .filter(review_due__lte=today + dt.timedelta(days=REVIEW_HORIZON_DAYS))
        .order_by("review_due")[:100]
    )
    due_measures = []
    for a in visible.filter(kind=Kind.OUTCOME, status=Status.DRAFT).prefetch_related("measures"):
        try:
            tool = tool_for(a)
        except engine.EngineError:
            continue
        for planned in measure_plan(a, tool):
            if planned.measure is None and planned.due <= today + dt.timedelta(
                days=MEASURE_HORIZON_DAYS
            ):
                due_measures.append({"assessment": a, "planned": planned})
                break  # the next outstanding point only
    due_measures.sort(key=lambda d: d["planned"].due)
    people = person_policy.visible(actor, VIEW, Person.objects.all())
    actions = (
        Task.objects.filter(source_type=TASK_SOURCE, person__in=people, status=TaskStatus.OPEN)
        .select_related("person")
        .order_by("due_at")[:100]
    )
    notices = (
        ReviewNotice.objects.filter(
            recipient=actor,
            person__in=people,
            created_at__gte=timezone.now() - dt.timedelta(days=NOTICE_DAYS),
        )
        .select_related("person", "assessment")
        .order_by("-created_at")[:50]
    )
    pending = 0
    if actor.role in policies.APPROVER_ROLES:
        pending = approval_queue(actor=actor).count()
    return {
        "drafts": list(drafts),
        "reviews": list(reviews),
        "due_measures": due_measures,
        "actions": list(actions),
        "notices": list(notices),
        "pending_approvals": pending,
        "today": today,
    }


def dashboard_person_ids(data: dict) -> list[int]:
    ids = {a.person_id for a in data["drafts"]} | {a.person_id for a in data["reviews"]}
    ids |= {d["assessment"].person_id for d in data["due_measures"]}
    ids |= {a.person_id for a in data["actions"]} | {n.person_id for n in data["notices"]}
    return sorted(ids)


# --- managers: approvals and the override rate ---------------------------------------------------

def approval_queue(*, actor) -> QuerySet[Assessment]:
    """Proposed levels waiting for a decision, for children the manager can see."""
    return (
        assessment_visible(actor=actor)
        .filter(override_decision=OverrideDecision.PENDING)
        .exclude(override_proposed_by=actor)
        .select_related("person", "override_proposed_by", "team")
        .order_by("override_proposed_at")
    )


def override_rates(*, actor) -> dict:
    """Per team: completed risk assessments, levels proposed by judgement, and the rate.

    "Completed" means scored (not a draft). A proposal counts once it is made, whatever the
    manager then decides; a proposal withdrawn by choosing the computed level again does not.
    """
    rows: dict[str, dict] = {}
    completed = (
        assessment_visible(actor=actor)
        .filter(kind=Kind.RISK)
        .exclude(status=Status.DRAFT)
        .values_list("team__name", "override_decision")
    )
    for team, decision in completed:
        row = rows.setdefault(
            team or "No team recorded",
            {"completed": 0, "proposed": 0, "approved": 0, "declined": 0, "pending": 0},
        )
        row["completed"] += 1
        if decision:
            row["proposed"] += 1
            row[decision] += 1
    total = {"completed": 0, "proposed": 0, "approved": 0, "declined": 0, "pending": 0}
    for row in rows.values():
        for key in total:
            total[key] += row[key]
    for row in [*rows.values(), total]:
        row["rate"] = (100.0 * row["proposed"] / row["completed"]) if row["completed"] else None
    return {"teams": sorted(rows.items()), "total": total}


# --- the cohort view --------------------------------------------------------------------------

def _suppressed_row(domain: str, title: str, row: dict, threshold: int) -> dict:
    counts = {k: row[k] for k in ("improved", "same", "worse", "not_measured")}
    shown = suppress_counts(counts, threshold=threshold)
    measured = row["improved"] + row["same"] + row["worse"]
    median = row.get("median_change")
    return {
        "domain": domain,
        "title": title,
        **shown,
        "median_change": median if measured >= threshold else None,
        "median_suppressed": median is not None and measured < threshold,
    }


def cohort_summary(*, actor, threshold: int | None = None) -> dict:
    """Per outcome tool and domain: improved, same, worse, not yet measured, median change;
    for everyone, by team and by area. Counts from 1 to threshold-1 are suppressed.

    Each child counts once per tool: their latest outcome assessment with its measures.
    """
    threshold = threshold or settings.LANTERN_SUPPRESSION_THRESHOLD
    people = policies.cohort_people(actor)
    latest = Subquery(
        Assessment.objects.filter(person=OuterRef("person"), kind=Kind.OUTCOME, tool=OuterRef("tool"))
        .order_by("-as_at", "-id")
        .values("id")[:1]
    )
    assessments = (
        Assessment.objects.filter(kind=Kind.OUTCOME, person__in=people, id=latest)
        .select_related("team", "team__area")
        .prefetch_related("measures")
    )
    groups: dict[tuple[str, int], dict[str, dict[str, list]]] = {}
    for a in assessments:
        try:
            tool = tool_for(a)
            prog = outcome_progress(a, tool)
        except engine.EngineError:
            continue
        key = (a.tool, a.tool_version)
        by = groups.setdefault(key, {"all": defaultdict(list), "team": defaultdict(list), "area": defaultdict(list)})
        by["all"]["All children"].append(prog)
        by["team"][a.team.name if a.team else "No team recorded"].append(prog)
        area = a.team.area.name if a.team and a.team.area else "No area recorded"
        by["area"][area].append(prog)
    tools = []
    for (slug, version), by in sorted(groups.items()):
        tool = tool_definition(slug, version)
        titles = {d.id: d.title for d in tool.domains}
        sections = []
        for dimension, heading in (("all", "All children"), ("team", "By team"), ("area", "By area")):
            tables = []
            for name, progresses in sorted(by[dimension].items()):
                summary = engine.cohort_change(progresses)
                children = len(progresses)
                tables.append(
                    {
                        "name": name,
                        "children": children if children >= threshold else None,
                        "rows": [
                            _suppressed_row(d.id, titles[d.id], summary[d.id], threshold)
                            for d in tool.domains
                            if d.id in summary
                        ],
                    }
                )
            sections.append({"dimension": dimension, "heading": heading, "tables": tables})
        tools.append({"slug": slug, "version": version, "title": tool.title, "sections": sections})
    return {"tools": tools, "threshold": threshold}
