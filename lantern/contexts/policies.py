"""Who may see and work places and peer groups (docs/adr/0010-contexts-as-cases.md).

A context's own details (a place name, what happens there, the plan) are not personal data, but
they are sensitive partnership work (police disruption, intelligence about a place), so they are
not for everyone:

* **work** (open, edit, link people, plan, notes, close): exploitation practitioners and team
  managers. A practitioner works the contexts held by their own teams (or that they lead); a
  team manager those of their agency's teams.
* **read**: police officers and analysts (disruption partners; the matrix keeps them read-only),
  multi-agency panel chairs (the "Locations" of the VOLT agenda) and the data protection officer.
  They see every context, because a place is a partnership concern, not one team's.
* **never**: school safeguarding leads (they see their own referrals' status, never casework),
  partnership analysts (aggregates only) and system administrators.

People linked to a context are a separate question, answered per person by ``person_policy``:
a viewer who may see the context but not a child linked to it sees a count, never the name.

Example::

    if not can_work(actor, context): raise Http404
"""

from __future__ import annotations

from django.db.models import Q

from lantern.accounts.choices import Role
from lantern.cases.policies import OWNER_ROLES as CASE_OWNER_ROLES

WORK_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
READ_EVERYTHING_ROLES = frozenset(
    {Role.POLICE_OFFICER, Role.POLICE_ANALYST, Role.PANEL_CHAIR, Role.DPO}
)
VIEW_ROLES = WORK_ROLES | READ_EVERYTHING_ROLES
#: Who may be a context's lead professional.
LEAD_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
#: Who may own a plan action (people who do the work, not auditors or administrators): the
#: same people as on children's plans.
OWNER_ROLES = CASE_OWNER_ROLES


def _active(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def may_view_contexts(actor) -> bool:
    return _active(actor) and actor.role in VIEW_ROLES


def may_work_contexts(actor) -> bool:
    return _active(actor) and actor.role in WORK_ROLES


def _held_q(actor) -> Q:
    """Contexts held by the actor's teams or led by them (a manager: their agency's too)."""
    team_ids = list(actor.teams.values_list("id", flat=True))
    q = Q(team_id__in=team_ids) | Q(lead_id=actor.pk)
    if actor.role == Role.TEAM_MANAGER and actor.agency_id is not None:
        q |= Q(team__agency_id=actor.agency_id)
    return q


def scope_q(actor) -> Q | None:
    """The contexts ``actor`` may see, as a filter on ``Context`` (None: none at all).

    A practitioner or manager also sees a context where they own a plan action, though another
    team holds it: they were given the work, so they may read what it is for.
    """
    if not may_view_contexts(actor):
        return None
    if actor.role in READ_EVERYTHING_ROLES:
        return Q()
    from lantern.contexts.models import ContextAction

    owned = ContextAction.objects.filter(owner_user_id=actor.pk).values("context_id")
    return _held_q(actor) | Q(pk__in=owned)


def work_q(actor) -> Q | None:
    """The contexts ``actor`` may work on (open or closed; services refuse closed ones)."""
    if not may_work_contexts(actor):
        return None
    return _held_q(actor)


def may_own_actions(actor) -> bool:
    """Whether ``actor`` may own (and so update) actions on the contexts they can see."""
    return may_view_contexts(actor) and actor.role in OWNER_ROLES


def is_action_owner(actor, action) -> bool:
    """Whether ``actor`` owns this action and may still see contexts: owners update their own
    actions (a police officer's disruption visit) without working the rest of the record."""
    return may_own_actions(actor) and action.owner_user_id == actor.pk


def can_update_action(actor, action) -> bool:
    """The context's workers, or the action's owner (``action.context`` is loaded)."""
    return is_action_owner(actor, action) or can_work(actor, action.context)


def can_view(actor, context) -> bool:
    from lantern.contexts.models import Context

    q = scope_q(actor)
    return q is not None and Context.objects.filter(q, pk=context.pk).exists()


def can_work(actor, context) -> bool:
    from lantern.contexts.models import Context

    q = work_q(actor)
    return q is not None and Context.objects.filter(q, pk=context.pk).exists()


def may_hold(actor, team) -> bool:
    """Whether ``actor`` may open a context for ``team`` (their own team; a manager: any team
    of their agency)."""
    if not may_work_contexts(actor) or team is None:
        return False
    if actor.teams.filter(pk=team.pk).exists():
        return True
    return actor.role == Role.TEAM_MANAGER and team.agency_id == actor.agency_id
