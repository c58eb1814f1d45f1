"""Reads for cases, dashboards and the team view. Every function takes the actor.

Why so few queries: the caseload dashboard and the case summary are the pages a worker opens
most, so each lists rows already narrowed to the actor, checks the people on them against the
record policy in **one** query (``_visible_ids``), and counts with correlated subqueries instead
of a query per row (tests hold each page to at most 10 queries).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from lantern.access import scopes, sharing
from lantern.access.naming import Named, split_named
from lantern.access.policies import person_policy
from lantern.accounts.choices import Role
from lantern.cases import policies, rules
from lantern.cases.choices import (
    OPEN_ACTION_STATUSES,
    CaseStatus,
    EngagementOutcome,
    ResurfacingState,
    TaskStatus,
)
from lantern.cases.models import Alert, Case, Contact, PlanAction, Resurfacing, Task
from lantern.people.models import Involvement

DASHBOARD_LIMIT = 100
#: Alerts, tasks and plan actions shown on "My caseload": the soonest first, a page's worth.
LIST_LIMIT = 25


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """A correlated COUNT(*) subquery, grouped by ``group`` (which carries the OuterRef)."""
    sub = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def _person_fields(prefix: str) -> list[str]:
    """The child's fields a dashboard row shows (name and age): loading only these halves the
    cost of building each row's objects, the largest part of a dashboard's time in Python."""
    return [f"{prefix}__{f}" for f in ("id", "first_name", "preferred_name", "last_name", "date_of_birth")]


def _visible_ids(actor, person_ids) -> set[int]:
    """Which of these people the actor may see: one query, however many rows are checked.

    Why not ``person__in=<visible subquery>`` on every list: compiling the policy's subquery
    into each of a dashboard's queries cost more than running them. The lists below are already
    narrowed to the actor (their cases, alerts, tasks), so checking their few people once, with
    the policy's hand-written statement, is cheaper and applies the same rule.
    """
    return person_policy.visible_ids(actor, scopes.VIEW, person_ids)


def case_visible(*, actor) -> QuerySet[Case]:
    """Cases whose child the actor may see, for roles that may see cases at all."""
    if not policies.may_view_cases(actor):
        return Case.objects.none()
    return Case.objects.filter(person__in=policies.visible_people(actor))


def can_work_visible_case(actor, case: Case) -> bool:
    """Whether the actor may work a case they can already see, without another query.

    For the casework roles the CHANGE scope equals the VIEW scope (``lantern.access.scopes``)
    and access grants do not depend on the action, so seeing the child means being able to
    change the record.
    """
    return (
        policies.may_do_casework(actor)
        and case.is_open
        and scopes.scope_for(actor.role, scopes.CHANGE) == scopes.scope_for(actor.role, scopes.VIEW)
    )


def case_get(*, actor, case_id, with_counts: bool = False) -> Case:
    """The case if the actor may see it; 404 for missing and forbidden alike."""
    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not policies.may_view_cases(actor):
        raise Http404
    qs = Case.objects.filter(pk=pk).select_related("person", "team", "lead", "referral")
    if with_counts:
        now = timezone.now()
        qs = qs.annotate(
            open_alerts=_count(
                Alert.objects.filter(case=OuterRef("pk"), acknowledged_at__isnull=True), "case"
            ),
            open_tasks=_count(Task.objects.filter(case=OuterRef("pk"), status=TaskStatus.OPEN), "case"),
            overdue_tasks=_count(
                Task.objects.filter(case=OuterRef("pk"), status=TaskStatus.OPEN, due_at__lt=now),
                "case",
            ),
            last_contact=Subquery(
                Contact.objects.filter(case=OuterRef("pk"))
                .order_by("-occurred_on", "-id")
                .values("occurred_on")[:1]
            ),
            **_nrm_facts(),
        )
    case = qs.first()
    if case is None or case.person_id not in _visible_ids(actor, [case.person_id]):
        raise Http404
    return case


def _nrm_facts() -> dict:
    """The child's NRM referrals and whether a charge prompted a section 45 note, for the NRM
    link on the case summary (``{% nrm_person_links ... facts=case %}``), in the case's own
    query so the page stays within its budget. Looked up by name: cases does not import nrm
    (nrm builds on cases); without the app there is nothing to count."""
    if not django_apps.is_installed("lantern.nrm"):
        return {}
    referral = django_apps.get_model("nrm", "NrmReferral")
    charge = django_apps.get_model("nrm", "Charge")
    return {
        "nrm_referrals": _count(referral.objects.filter(person=OuterRef("person_id")), "person"),
        "s45_prompted": Exists(
            charge.objects.filter(person=OuterRef("person_id"), section45_prompted_at__isnull=False)
        ),
    }


def plan_actions_for(*, case: Case) -> list[PlanAction]:
    """A case's plan actions (the caller fetched ``case`` through ``case_get``)."""
    return list(
        PlanAction.objects.filter(case=case).select_related("agency", "owner_user")
        .order_by("section", "due_date", "id")
    )


def plan_owner_choices(*, case: Case) -> list:
    """Lantern users an action on this plan can be given to: the case team and the people
    involved with the child who do the work (``policies.OWNER_ROLES``), *and* only those who
    may see the child, so an action never lands on a list whose owner cannot open it."""
    from lantern.access.scopes import VIEW

    today = timezone.localdate()
    involved = Involvement.objects.filter(person_id=case.person_id, user__isnull=False).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    ).values("user_id")
    users = (
        get_user_model().objects.filter(is_active=True)
        .filter(Q(teams=case.team_id) | Q(pk__in=involved))
        .select_related("agency").distinct().order_by("last_name", "first_name", "id")
    )
    return [
        u for u in users
        if policies.may_own_actions(u) and policies.may_view_cases(u)
        and person_policy.can(u, VIEW, case.person)
    ]


def involvements_for_case(*, actor, case: Case) -> list[Involvement]:
    """The agencies on the case, as the record page shows them to ``actor``
    (``sharing.involvements_q``: a voluntary organisation on the case is not told the police
    are involved)."""
    return list(
        Involvement.objects.filter(person_id=case.person_id)
        .filter(sharing.involvements_q(actor))
        .select_related("agency", "team")
        .order_by(F("end_date").desc(nulls_first=True), "-is_lead", "agency__name")
    )


def recent_contacts(*, case: Case, since: dt.date) -> list[Contact]:
    return list(
        Contact.objects.filter(case=case, occurred_on__gte=since)
        .select_related("agency")
        .order_by("-occurred_on", "-id")
    )


@dataclass(frozen=True)
class WeekRow:
    week_start: dt.date
    seen: int
    declined: int
    no_show: int
    not_located: int

    @property
    def total(self) -> int:
        return self.seen + self.declined + self.no_show + self.not_located

    @property
    def seen_percent(self) -> int | None:
        return round(100 * self.seen / self.total) if self.total else None

    @property
    def bar_step(self) -> int:
        """The seen share rounded to a tenth, for a CSS width class (no inline styles)."""
        return 0 if not self.total else round(10 * self.seen / self.total)


def engagement_weeks_start(today: dt.date) -> dt.date:
    return rules.week_start(today) - dt.timedelta(weeks=rules.ENGAGEMENT_WEEKS - 1)


def engagement_trend(contacts, today: dt.date) -> list[WeekRow]:
    """Contacts per week for the last 8 weeks (oldest first), by how the child engaged."""
    first = engagement_weeks_start(today)
    weeks = [first + dt.timedelta(weeks=i) for i in range(rules.ENGAGEMENT_WEEKS)]
    tally = {w: dict.fromkeys(EngagementOutcome.values, 0) for w in weeks}
    for c in contacts:
        start = rules.week_start(c.occurred_on)
        if start in tally:
            tally[start][c.outcome] += 1
    return [
        WeekRow(
            w,
            tally[w][EngagementOutcome.SEEN],
            tally[w][EngagementOutcome.DECLINED],
            tally[w][EngagementOutcome.NO_SHOW],
            tally[w][EngagementOutcome.NOT_LOCATED],
        )
        for w in weeks
    ]


def engagement_summary(rows: list[WeekRow]) -> str:
    """One sentence: is the child being seen more or less than a month ago?"""
    earlier = rows[: len(rows) // 2]
    later = rows[len(rows) // 2 :]

    def rate(part):
        total = sum(r.total for r in part)
        return (sum(r.seen for r in part) / total) if total else None

    before, after = rate(earlier), rate(later)
    if before is None and after is None:
        return "No contacts recorded in the last 8 weeks."
    if before is None:
        return "Contacts started in the last 4 weeks."
    if after is None:
        return "No contacts in the last 4 weeks."
    if after > before + 0.1:
        return "The child is being seen more often than in the 4 weeks before."
    if after < before - 0.1:
        return "The child is being seen less often than in the 4 weeks before."
    return "Engagement is about the same as in the 4 weeks before."


# --- Dashboards -------------------------------------------------------------------------------


@dataclass
class Caseload:
    cases: list
    alerts: list
    tasks: list
    actions: list
    #: Children on these lists the actor may no longer open (restricted, or access ended):
    #: their rows are left out and only this count is shown (#10).
    hidden: int = 0

    def person_ids(self) -> list[int]:
        ids = {c.person_id for c in self.cases}
        ids |= {a.person_id for a in self.alerts}
        ids |= {t.person_id for t in self.tasks}
        ids |= {a.case.person_id for a in self.actions}
        return sorted(ids)


def caseload_for(*, actor) -> Caseload:
    """"My caseload": the actor's open cases, alerts, tasks and plan actions due or overdue."""
    today = timezone.localdate()
    cases = list(
        Case.objects.filter(lead=actor, status=CaseStatus.OPEN)
        .select_related("person")
        .only("id", "person_id", "next_review_date", *_person_fields("person"))
        .annotate(
            overdue_actions=_count(
                PlanAction.objects.filter(
                    case=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES, due_date__lt=today
                ),
                "case",
            ),
            last_contact=Subquery(
                Contact.objects.filter(case=OuterRef("pk"))
                .order_by("-occurred_on", "-id")
                .values("occurred_on")[:1]
            ),
        )
        .order_by(F("next_review_date").asc(nulls_last=True), "person__last_name", "id")[
            :DASHBOARD_LIMIT
        ]
    )
    alerts = list(
        Alert.objects.filter(recipient=actor, acknowledged_at__isnull=True)
        .select_related("person")
        .only("id", "kind", "created_at", "message", "case_id", "person_id", *_person_fields("person"))
        .order_by("-created_at", "-id")[:LIST_LIMIT]
    )
    tasks = list(
        Task.objects.filter(status=TaskStatus.OPEN)
        .filter(
            Q(assigned_to=actor)
            | Q(assigned_to__isnull=True, case__lead=actor, case__status=CaseStatus.OPEN)
        )
        .select_related("person")
        .only(
            "id", "kind", "title", "due_at", "assigned_to_id", "case_id", "person_id",
            *_person_fields("person"),
        )
        .order_by("due_at", "id")[:LIST_LIMIT]
    )
    due_soon = (
        PlanAction.objects.filter(
            status__in=OPEN_ACTION_STATUSES,
            due_date__lte=today + dt.timedelta(days=14),
            case__status=CaseStatus.OPEN,
        )
        .select_related("case__person", "agency")
        .only(
            "id", "due_date", "description", "owner_name", "case_id", "agency_id", "agency__name",
            "case__id", "case__person_id", *_person_fields("case__person"),
        )
        .order_by("due_date", "id")
    )
    # "Cases I lead OR actions I own" by the case ids already fetched, not through the join: an
    # OR across the join made PostgreSQL scan every plan action (14 ms a page at county scale);
    # this way both sides use an index. A caseload at the dashboard's limit may be longer than
    # the list, so it falls back to the join.
    led = (
        Q(case_id__in=[c.pk for c in cases]) if len(cases) < DASHBOARD_LIMIT else Q(case__lead=actor)
    )
    actions = list(due_soon.filter(led | Q(owner_user=actor))[:LIST_LIMIT])
    listed = (
        [c.person_id for c in cases] + [a.person_id for a in alerts] + [t.person_id for t in tasks]
        + [a.case.person_id for a in actions]
    )
    seen = _visible_ids(actor, listed)
    return Caseload(
        cases=[c for c in cases if c.person_id in seen],
        alerts=[a for a in alerts if a.person_id in seen],
        tasks=[t for t in tasks if t.person_id in seen],
        actions=[a for a in actions if a.case.person_id in seen],
        hidden=len(set(listed) - seen),
    )


@dataclass
class TeamView:
    workers: list
    unallocated: list
    resurfaced: list
    unassigned_tasks: list
    #: Children on these lists the manager may not open: counted, never named (#10).
    hidden: int = 0
    #: Open tasks someone in the teams holds that are past due: the manager may reassign them.
    overdue_tasks: list = field(default_factory=list)
    #: Which of the ids passed as ``also_check`` the manager may open (checked in one query
    #: with the lists' own children, e.g. the children behind the team's weekly figures).
    also_visible: set = field(default_factory=set)

    def person_ids(self) -> list[int]:
        ids = {c.person_id for c in self.unallocated}
        ids |= {r.case.person_id for r in self.resurfaced}
        ids |= {t.person_id for t in self.unassigned_tasks}
        ids |= {t.person_id for t in self.overdue_tasks}
        return sorted(ids)


def team_view_for(*, actor, also_check=()) -> TeamView:
    """The manager's view: per worker caseload, overdue reviews, overdue actions and tasks;
    unallocated cases, re-surfaced closed cases and tasks waiting for someone."""
    today = timezone.localdate()
    now = timezone.now()
    my_teams = actor.teams.all()
    workers = list(
        get_user_model()
        .objects.filter(
            is_active=True, role__in=[Role.PRACTITIONER, Role.TEAM_MANAGER], teams__in=my_teams
        )
        .distinct()
        .annotate(
            caseload=_count(Case.objects.filter(lead=OuterRef("pk"), status=CaseStatus.OPEN), "lead"),
            overdue_reviews=_count(
                Case.objects.filter(
                    lead=OuterRef("pk"), status=CaseStatus.OPEN, next_review_date__lt=today
                ),
                "lead",
            ),
            overdue_actions=_count(
                PlanAction.objects.filter(
                    case__lead=OuterRef("pk"),
                    case__status=CaseStatus.OPEN,
                    status__in=OPEN_ACTION_STATUSES,
                    due_date__lt=today,
                ),
                "case__lead",
            ),
            overdue_tasks=_count(
                Task.objects.filter(
                    assigned_to=OuterRef("pk"), status=TaskStatus.OPEN, due_at__lt=now
                ),
                "assigned_to",
            ),
        )
        .order_by("last_name", "first_name", "id")
    )
    unallocated = list(
        Case.objects.filter(status=CaseStatus.OPEN, lead__isnull=True, team__in=my_teams)
        .select_related("person", "team")
        .order_by("opened_on", "id")[:DASHBOARD_LIMIT]
    )
    resurfaced = list(
        Resurfacing.objects.filter(state=ResurfacingState.WAITING, team__in=my_teams)
        .select_related("case__person", "event", "team")
        .order_by("-created_at", "-id")[:DASHBOARD_LIMIT]
    )
    # One query for both task lists: waiting for someone, and overdue with someone.
    tasks = list(
        Task.objects.filter(status=TaskStatus.OPEN, team__in=my_teams)
        .filter(Q(assigned_to__isnull=True) | Q(due_at__lt=now))
        .select_related("person", "case__lead", "assigned_to")
        .order_by("due_at", "id")[: 2 * DASHBOARD_LIMIT]
    )
    unassigned_tasks = [t for t in tasks if t.assigned_to_id is None][:DASHBOARD_LIMIT]
    overdue_tasks = [t for t in tasks if t.assigned_to_id is not None][:DASHBOARD_LIMIT]
    listed = (
        [c.person_id for c in unallocated] + [r.case.person_id for r in resurfaced]
        + [t.person_id for t in unassigned_tasks] + [t.person_id for t in overdue_tasks]
    )
    extra = set(also_check)
    seen = _visible_ids(actor, listed + sorted(extra))
    return TeamView(
        workers,
        [c for c in unallocated if c.person_id in seen],
        [_described(actor, r) for r in resurfaced if r.case.person_id in seen],
        [t for t in unassigned_tasks if t.person_id in seen],
        hidden=len(set(listed) - seen),
        overdue_tasks=[t for t in overdue_tasks if t.person_id in seen],
        also_visible=seen & extra,
    )


def open_cases_led_by(*, actor, worker) -> Named[Case]:
    """A worker's open cases, for bulk reassignment: those whose child the manager may open
    (``shown``), and how many others stay with the worker (``hidden``: never named, #10)."""
    return split_named(
        actor,
        Case.objects.filter(lead=worker, status=CaseStatus.OPEN)
        .select_related("person", "team")
        .order_by("person__last_name", "id"),
    )


def lead_professional_ids_for(person) -> set[int]:
    """User ids leading the child's open cases (used by the missing app's independence check)."""
    return set(
        Case.objects.filter(person=person, status=CaseStatus.OPEN, lead__isnull=False)
        .values_list("lead_id", flat=True)
    )


def cases_for_person(*, actor, person) -> list[Case]:
    """A child's cases, newest first (for the person page), if the actor may see cases."""
    if not policies.may_view_cases(actor):
        return []
    return list(
        Case.objects.filter(person=person).select_related("lead", "team").order_by("-opened_on", "-id")[:5]
    )


def owned_case_actions(*, actor) -> list:
    """Open plan actions on open cases that the actor owns, for children they may still see
    ("My actions"; registered with ``lantern.cases.owned``)."""
    from django.urls import reverse

    from lantern.cases.owned import SOURCE_LIMIT, OwnedAction

    if not (policies.may_own_actions(actor) and policies.may_view_cases(actor)):
        return []
    actions = list(
        PlanAction.objects.filter(
            owner_user=actor, status__in=OPEN_ACTION_STATUSES, case__status=CaseStatus.OPEN
        )
        .select_related("case__person")
        .order_by("due_date", "id")[:SOURCE_LIMIT]
    )
    seen = _visible_ids(actor, [a.case.person_id for a in actions])
    return [
        OwnedAction(
            due_date=a.due_date,
            description=a.description,
            status_label=a.get_status_display(),
            plan_kind="Child's plan",
            about=a.case.person.display_name,
            about_url=reverse("cases:plan", args=[a.case_id]),
            update_url=reverse("cases:action_update", args=[a.case_id, a.pk]),
            person_id=a.case.person_id,
            sort_key=(a.pk,),
        )
        if a.case.person_id in seen
        # The owner may no longer open the child: a row that says nothing but that it exists,
        # so "My actions" can count it (``OwnedAction.hidden``) without naming anyone.
        else OwnedAction.hidden_row(due_date=a.due_date, plan_kind="Child's plan")
        for a in actions
    ]


def _described(actor, item: Resurfacing) -> Resurfacing:
    """What brought a closed case back, as far as ``actor`` may know it (``what``, ``when``)."""
    item.what, item.when = sharing.describe_for(actor, item.event)
    return item
