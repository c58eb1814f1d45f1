"""Reads of places and peer groups. Every function that returns records takes the actor.

People linked to a context go through ``person_policy``: ``members_for`` splits them into those
the viewer may see (named) and those they may not (counted only). Callers audit what they show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.accounts.models import Team
from lantern.contexts import policies
from lantern.contexts.choices import OPEN_ACTION_STATUSES, ContextStatus, MemberRole
from lantern.contexts.models import Context, ContextAction, ContextMember, ContextNote
from lantern.people.models import Person


def _pk(value) -> int:
    """An id from the URL or a form; anything else is a 404, like a record that is not there."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _workable_contexts(*, actor) -> QuerySet[Context]:
    """The contexts the actor may work on (open or not); 404 when they may work on none."""
    q = policies.work_q(actor)
    if q is None:
        raise Http404
    return Context.objects.filter(q)


def context_visible(*, actor) -> QuerySet[Context]:
    q = policies.scope_q(actor)
    if q is None:
        return Context.objects.none()
    return Context.objects.filter(q)


def context_get(*, actor, context_id) -> Context:
    """The context if the actor may see it; 404 otherwise (missing and forbidden look alike)."""
    pk = _pk(context_id)
    context = (
        context_visible(actor=actor)
        .select_related("team", "lead", "district", "referral", "opened_by", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if context is None:
        raise Http404
    return context


def context_get_workable(*, actor, context_id) -> Context:
    """A context the actor may work on and that is still open; 404 otherwise."""
    context = context_get(actor=actor, context_id=context_id)
    if not context.is_open or not policies.can_work(actor, context):
        raise Http404
    return context


def context_list(*, actor, kind: str = "", status: str = ContextStatus.OPEN) -> QuerySet[Context]:
    """The contexts the actor may see, filtered; with counts of current links and open actions."""
    items = context_visible(actor=actor)
    if kind:
        items = items.filter(kind=kind)
    if status:
        items = items.filter(status=status)
    return items.select_related("team", "lead").annotate(
        member_count=Count(
            "members", filter=Q(members__unlinked_on__isnull=True), distinct=True
        ),
        open_actions=Count(
            "actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES), distinct=True
        ),
    ).order_by("name", "id")


@dataclass
class Members:
    """People linked to a context as one viewer may see them."""

    children: list[ContextMember] = field(default_factory=list)
    persons_of_concern: list[ContextMember] = field(default_factory=list)
    hidden_children: int = 0
    hidden_persons_of_concern: int = 0

    @property
    def person_ids(self) -> list[int]:
        return [m.person_id for m in self.children + self.persons_of_concern]

    @property
    def shown(self) -> list[ContextMember]:
        return self.children + self.persons_of_concern


def members_for(*, actor, context: Context) -> Members:
    """Current links, named when the viewer may see the person, otherwise only counted."""
    links = list(
        ContextMember.objects.filter(context=context, unlinked_on__isnull=True)
        .select_related("person", "linked_by")
        .order_by("linked_on", "id")
    )
    visible = set(
        person_policy.visible(
            actor, VIEW, Person.objects.filter(pk__in=[m.person_id for m in links])
        ).values_list("pk", flat=True)
    )
    out = Members()
    for link in links:
        child = link.role == MemberRole.CHILD
        if link.person_id in visible:
            (out.children if child else out.persons_of_concern).append(link)
        elif child:
            out.hidden_children += 1
        else:
            out.hidden_persons_of_concern += 1
    return out


def member_get_workable(*, actor, member_id) -> ContextMember:
    """A current link the actor may remove: the context is theirs to work and open, and they
    may see the person (a hidden person is never shown, so never removed by this viewer)."""
    pk = _pk(member_id)
    member = (
        ContextMember.objects.filter(
            pk=pk, unlinked_on__isnull=True, context__in=_workable_contexts(actor=actor),
            context__status=ContextStatus.OPEN,
        )
        .select_related("context", "person")
        .first()
    )
    if member is None or not person_policy.can(actor, VIEW, member.person):
        raise Http404
    return member


def action_get_workable(*, actor, action_id) -> ContextAction:
    """An action on an open context that the actor works on, or that they own."""
    pk = _pk(action_id)
    action = (
        ContextAction.objects.filter(pk=pk, context__status=ContextStatus.OPEN)
        .select_related("context", "owner_user", "agency")
        .first()
    )
    if action is None or not policies.can_update_action(actor, action):
        raise Http404
    return action


def owned_actions(*, actor) -> list:
    """Open actions on open places and groups that the actor owns ("My actions")."""
    from django.urls import reverse

    from lantern.cases.owned import SOURCE_LIMIT, OwnedAction
    from lantern.contexts.choices import OPEN_ACTION_STATUSES

    if not policies.may_own_actions(actor):
        return []
    actions = (
        ContextAction.objects.filter(
            owner_user_id=actor.pk, status__in=OPEN_ACTION_STATUSES,
            context__status=ContextStatus.OPEN,
        )
        .select_related("context")
        .order_by("due_date", "id")[:SOURCE_LIMIT]
    )
    return [
        OwnedAction(
            due_date=a.due_date,
            description=f"{a.get_kind_display()}: {a.description}",
            status_label=a.get_status_display(),
            plan_kind="Place or group",
            about=a.context.name,
            about_url=reverse("contexts:detail", args=[a.context_id]),
            update_url=reverse("contexts:action_update", args=[a.pk]),
            sort_key=(a.pk,),
        )
        for a in actions
    ]


def actions_for(*, context: Context) -> list[ContextAction]:
    """The plan (the caller has fetched ``context`` through ``context_get``)."""
    return list(context.actions.select_related("owner_user", "agency").order_by("due_date", "id"))


def notes_for(*, context: Context) -> list[ContextNote]:
    return list(context.notes.select_related("recorded_by").order_by("-occurred_on", "-id"))


def open_contexts_to_join(*, actor, kind: str) -> QuerySet[Context]:
    """Open contexts of ``kind`` the actor may work on: what a referral may be joined to."""
    q = policies.work_q(actor)
    if q is None:
        return Context.objects.none()
    return Context.objects.filter(q, kind=kind, status=ContextStatus.OPEN).order_by("name", "id")


def teams_for(*, actor) -> QuerySet[Team]:
    """Teams the actor may open a context for."""
    if not policies.may_work_contexts(actor):
        return Team.objects.none()
    q = Q(pk__in=actor.teams.values("pk"))
    if actor.role == "team_manager" and actor.agency_id:
        q |= Q(agency_id=actor.agency_id)
    return Team.objects.filter(q).order_by("name")


def eligible_leads(*, actor):
    """Practitioners and managers in the teams the actor may hold contexts for."""
    return (
        get_user_model().objects.filter(
            is_active=True, role__in=policies.LEAD_ROLES, teams__in=teams_for(actor=actor)
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def eligible_owners(*, context: Context):
    """Lantern users who may own a plan action: active workers in the context's team or the
    agency of its lead (or team), and police officers and analysts, who read every context and
    do the disruption work. Partners not on Lantern are named in free text instead."""
    agency_id = context.lead.agency_id if context.lead_id else context.team.agency_id
    readers = policies.OWNER_ROLES & policies.READ_EVERYTHING_ROLES
    return (
        get_user_model().objects.filter(is_active=True, role__in=policies.OWNER_ROLES)
        .filter(Q(teams=context.team_id) | Q(agency_id=agency_id) | Q(role__in=readers))
        .select_related("agency")
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


@dataclass
class PersonContexts:
    """The places and groups a person is linked to now, as one viewer may see them."""

    shown: list[ContextMember] = field(default_factory=list)
    hidden: int = 0

    def __bool__(self) -> bool:
        return bool(self.shown) or bool(self.hidden)


def contexts_for_person(*, actor, person: Person) -> PersonContexts:
    """Current links from ``person`` (already opened by the viewer) to places and groups.

    Named and linked when the viewer may see the context, counted otherwise, and nothing at
    all for roles that never see contexts (a school's safeguarding lead must not learn that a
    pupil is linked to a group the police are working). Why counted rather than dropped for
    those who may see contexts: a practitioner should know to ask the team that holds it.
    """
    if not policies.may_view_contexts(actor):
        return PersonContexts()
    links = list(
        ContextMember.objects.filter(person=person, unlinked_on__isnull=True)
        .select_related("context")
        .order_by("context__name", "id")
    )
    visible = set(
        context_visible(actor=actor)
        .filter(pk__in=[m.context_id for m in links])
        .values_list("pk", flat=True)
    )
    out = PersonContexts()
    for link in links:
        if link.context_id in visible:
            out.shown.append(link)
        else:
            out.hidden += 1
    return out
