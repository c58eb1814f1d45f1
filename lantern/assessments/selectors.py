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

from lantern.access import sharing
from lantern.access.naming import visible_person_ids
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.analysis import disclosure
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


def startable_tools() -> list[engine.ToolSummary]:
    """The tool versions offered for a *new* assessment: each tool's current (latest) version,
    plus any earlier version the partnership still starts
    (``settings.LANTERN_ASSESSMENT_EARLIER_VERSIONS_OFFERED``, e.g. ``["seraf-style:1"]``).

    Why not every version: offering SERAF-style v1 beside v2 asked every practitioner to choose
    between scoring rules they cannot tell apart, and split a cohort across two versions. An
    assessment already started or completed on an earlier version keeps it and still opens.
    """
    from django.conf import settings

    tools = available_tools()
    latest: dict[str, int] = {}
    for t in tools:
        latest[t.slug] = max(latest.get(t.slug, 0), t.version)
    extra = set(getattr(settings, "LANTERN_ASSESSMENT_EARLIER_VERSIONS_OFFERED", []) or [])
    return [t for t in tools if t.version == latest[t.slug] or f"{t.slug}:{t.version}" in extra]


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


def notices_for(*, actor, person: Person) -> list[ReviewNotice]:
    """Reviews brought forward for this child, newest first, each saying what happened only as
    far as ``actor`` may know it (``what``): a school lead opening the pupil's assessments must
    not read "arrest" here when the chronology hides that police entry from her."""
    if not person_policy.can(actor, VIEW, person):
        raise Http404
    notices = list(
        ReviewNotice.objects.filter(person=person).select_related("recipient", "event")[:20]
    )
    return _described(actor, notices)


def _described(actor, notices: list[ReviewNotice]) -> list[ReviewNotice]:
    for notice in notices:
        notice.what = sharing.describe_for(actor, notice.event)[0]
    return notices


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
    """The worker's assessments page. Their own drafts and the reviews brought forward for
    them are theirs whoever may open the child now, so those two lists are split with the
    naming rule: a child the worker may no longer open (restricted since) is counted, never
    named (#10). The other lists are drawn from the children the worker may open."""
    today = timezone.localdate()
    visible = assessment_visible(actor=actor).select_related("person")
    own_drafts = list(
        Assessment.objects.filter(status=Status.DRAFT, started_by=actor)
        .select_related("person").order_by("-updated_at")[:50]
    )
    own_notices = list(
        ReviewNotice.objects.filter(
            recipient=actor, created_at__gte=timezone.now() - dt.timedelta(days=NOTICE_DAYS),
        )
        .select_related("person", "assessment", "event")
        .order_by("-created_at")[:50]
    )
    allowed = visible_person_ids(actor, [a.person_id for a in own_drafts + own_notices])
    drafts = [a for a in own_drafts if a.person_id in allowed]
    notices = _described(actor, [n for n in own_notices if n.person_id in allowed])
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
    pending = 0
    if actor.role in policies.APPROVER_ROLES:
        pending = approval_queue(actor=actor).count()
    return {
        "drafts": drafts,
        "hidden_drafts": len(own_drafts) - len(drafts),
        "reviews": list(reviews),
        "due_measures": due_measures,
        "actions": list(actions),
        "notices": notices,
        "hidden_notices": len(own_notices) - len(notices),
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

#: The counts each area of life splits a group's children into, in the page's column order.
COHORT_CATEGORIES = ("improved", "same", "worse", "not_measured")
#: Names of the cohort's figures for ``lantern.analysis.disclosure``: a group is a row,
#: ``("team", id)``, ``("area", name)`` or everyone; a column is (domain, category) or children.
EVERYONE = ("everyone",)
CHILDREN = "children"


def cohort_tables(counts: dict, area_of: dict, domains: list[str]) -> list[disclosure.Table]:
    """Every table the cohort page shows for one tool version, linked for disclosure control.

    ``counts[team][domain][category]`` is the number of children (team keys are the rows'
    names, e.g. ``("team", 3)``); ``area_of[team]`` names the team's area row. Per domain: teams
    by category, areas by category (both adding up to everyone), and each area's teams (adding
    up to the area). Each team's row in every domain adds up to the same children figure, so
    hiding a team's total reaches every domain: the page is protected as a whole.
    """
    tables = []
    areas = list(dict.fromkeys(area_of[t] for t in counts))
    for domain in domains:
        columns = [(domain, c) for c in COHORT_CATEGORIES]
        by_team = {t: {(domain, c): counts[t][domain][c] for c in COHORT_CATEGORIES} for t in counts}
        by_area = {
            a: {col: sum(by_team[t][col] for t in counts if area_of[t] == a) for col in columns}
            for a in areas
        }
        for rows, total_row in [(by_team, EVERYONE), (by_area, EVERYONE)] + [
            ({t: v for t, v in by_team.items() if area_of[t] == a}, a) for a in areas
        ]:
            tables.append(
                disclosure.Table.from_rows(
                    rows, columns=columns, total_row=total_row, total_column=CHILDREN
                )
            )
    return tables


def _cohort_row(domain, group, figures: dict, summary: dict, threshold: int) -> dict:
    """One area of life for one group, as published. The median change is shown only when the
    improved, same and worse counts it is drawn from are all shown and add up to at least the
    threshold: drawn from hidden counts, it would give them away (a median of 0 with nobody the
    same says exactly half improved)."""
    shown = {c: figures[(group, (domain.id, c))] for c in COHORT_CATEGORIES}
    measured = [shown[c] for c in ("improved", "same", "worse")]
    median = summary["median_change"]
    publish = None not in measured and sum(measured) >= threshold
    return {
        "domain": domain.id,
        "title": domain.title,
        **shown,
        "median_change": median if publish else None,
        "median_suppressed": median is not None and not publish,
    }


def cohort_summary(*, actor, threshold: int | None = None) -> dict:
    """Per outcome tool and domain: improved, same, worse, not yet measured, median change;
    for everyone, by team and by area, published through ``lantern.analysis.disclosure``.

    Each child counts once per tool: their latest outcome assessment with its measures. Counts
    from 1 to threshold-1 are hidden, and so is whatever would let them be worked out from the
    rest of the page (everyone less North is East; a row's total less its shown counts).
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
        .select_related("team", "team__area", "team__agency")
        .prefetch_related("measures")
    )
    groups: dict[tuple[str, int], dict[tuple, list]] = {}
    teams: dict[tuple, object] = {}
    for a in assessments:
        try:
            prog = outcome_progress(a, tool_for(a))
        except engine.EngineError:
            continue
        team = ("team", a.team_id)
        teams[team] = a.team
        groups.setdefault((a.tool, a.tool_version), {}).setdefault(team, []).append(prog)
    labels = _team_labels(teams)
    area_of = {
        t: ("area", team.area.name if team and team.area else "No area recorded")
        for t, team in teams.items()
    }
    tools = [
        _cohort_tool(tool_definition(slug, version), by_team, labels, area_of, threshold)
        for (slug, version), by_team in sorted(groups.items())
    ]
    return {"tools": tools, "threshold": threshold}


def _cohort_tool(tool, by_team: dict, labels: dict, area_of: dict, threshold: int) -> dict:
    """One tool version's part of the page: everyone, each team and each area, as published."""
    ordered = sorted(by_team, key=lambda t: labels[t])
    summaries = {t: engine.cohort_change(by_team[t]) for t in ordered}
    domains = [d for d in tool.domains if all(d.id in summaries[t] for t in ordered)]
    figures: dict = {}
    for shown in disclosure.protect_linked(
        cohort_tables(summaries, {t: area_of[t] for t in ordered}, [d.id for d in domains]),
        threshold=threshold,
    ):
        figures.update(shown.figures())
    by_area: dict[tuple, list] = {}
    for t in ordered:
        by_area.setdefault(area_of[t], []).extend(by_team[t])
    summaries |= {a: engine.cohort_change(ps) for a, ps in by_area.items()}
    summaries[EVERYONE] = engine.cohort_change([p for t in ordered for p in by_team[t]])
    names = {**labels, **{a: a[1] for a in by_area}, EVERYONE: "All children"}

    def table(group) -> dict:
        return {
            "name": names[group],
            "children": figures[(group, CHILDREN)],
            "rows": [
                _cohort_row(d, group, figures, summaries[group][d.id], threshold) for d in domains
            ],
        }

    areas = sorted(by_area, key=lambda a: a[1])
    sections = [
        {"dimension": "all", "heading": "All children", "tables": [table(EVERYONE)]},
        {"dimension": "team", "heading": "By team", "tables": [table(t) for t in ordered]},
        {"dimension": "area", "heading": "By area", "tables": [table(a) for a in areas]},
    ]
    return {"slug": tool.slug, "version": tool.version, "title": tool.title, "sections": sections}


def _team_labels(teams: dict) -> dict:
    """Each team's name, with its agency where two teams in the cohort share a name."""
    names = [team.name for team in teams.values() if team is not None]
    return {
        key: (
            "No team recorded"
            if team is None
            else f"{team.name} ({team.agency.name})"
            if names.count(team.name) > 1
            else team.name
        )
        for key, team in teams.items()
    }
