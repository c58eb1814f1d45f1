"""Who may do what with cases. Records follow the child: a case is visible when its child is.

Roles on top of the record policy (``lantern.access.policies.person_policy``):

* view a case summary: practitioners, team managers, police, panel chairs and the DPO, for
  children in their scope. School safeguarding leads see the status of their own referrals,
  never the case (``lantern.referrals``).
* work a case (plan, contacts, reviews, other agencies, closure): practitioners and team
  managers who may change the child's record.
* allocate and reassign: team managers only.
* update a plan action's status: whoever may work the case, and the action's own **owner**
  (a police officer given "disrupt the address", say) while the case is open and they may still
  see the child. Owners are people who do the work (``OWNER_ROLES``), never auditors.

Example::

    if not can_work(actor, case): raise Http404
"""

from __future__ import annotations

from django.db.models import QuerySet

from lantern.access.policies import person_policy
from lantern.access.scopes import CHANGE, VIEW
from lantern.accounts.choices import Role

CASE_VIEW_ROLES = frozenset(
    {
        Role.PRACTITIONER,
        Role.TEAM_MANAGER,
        Role.POLICE_OFFICER,
        Role.POLICE_ANALYST,
        Role.PANEL_CHAIR,
        Role.DPO,
    }
)
CASEWORK_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
ALLOCATE_ROLES = frozenset({Role.TEAM_MANAGER})
#: Who may own a plan action (and so update it): people who do the work, not panel chairs,
#: the DPO or administrators (the same set as for places and groups).
OWNER_ROLES = frozenset(
    {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER, Role.POLICE_ANALYST}
)


def _active(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def may_view_cases(actor) -> bool:
    return _active(actor) and actor.role in CASE_VIEW_ROLES


def may_do_casework(actor) -> bool:
    return _active(actor) and actor.role in CASEWORK_ROLES


def may_allocate(actor) -> bool:
    return _active(actor) and actor.role in ALLOCATE_ROLES


def may_own_actions(actor) -> bool:
    return _active(actor) and actor.role in OWNER_ROLES


def visible_people(actor, action: str = VIEW) -> QuerySet:
    """The people the actor may see, as a lazy queryset to use as a subquery."""
    from lantern.people.models import Person

    return person_policy.visible(actor, action, Person.objects.all())


def can_view(actor, case) -> bool:
    return may_view_cases(actor) and person_policy.can(actor, VIEW, case.person)


def can_work(actor, case) -> bool:
    return may_do_casework(actor) and person_policy.can(actor, CHANGE, case.person)


def can_allocate(actor, case) -> bool:
    return may_allocate(actor) and person_policy.can(actor, CHANGE, case.person)


def can_update_action(actor, action) -> bool:
    """Whether the actor may change this plan action's status (``action.case`` is loaded)."""
    case = action.case
    if not case.is_open:
        return False
    if can_work(actor, case):
        return True
    return (
        may_own_actions(actor)
        and may_view_cases(actor)
        and action.owner_user_id == actor.pk
        and person_policy.can(actor, VIEW, case.person)
    )
