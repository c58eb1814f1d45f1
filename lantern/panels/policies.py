"""Who may see and run multi-agency panels (docs/adr/0018-panels-and-disruption.md).

* **run** (create panels, add members, schedule meetings, build agendas, record attendance and
  decisions, sign minutes, exit referrals): panel chairs. The chair's record scope is the whole
  partnership, so they may open every child a panel discusses.
* **see** a panel: panel chairs; practitioners and team managers whose agency has a seat on it;
  police officers and analysts (every panel: police sit on them all); the data protection
  officer (read only); anyone with a seat (a school's safeguarding lead who attends). Never
  schools otherwise, partnership analysts (aggregates only) or system administrators.
* **refer** a child, adult or place to a panel: anyone who may see the panel and works cases
  (practitioners, managers, police officers) or chairs it, for a person they may open.

Seeing a panel is not seeing its children: each item about a person is shown only to viewers
who may open that person (``person_policy``); the rest are counted ("2 other children you do
not have access to"), never named. Places and groups are shown to those who may see contexts.

Example::

    if not can_view(actor, panel): raise Http404
"""

from __future__ import annotations

from django.db.models import Q

from lantern.accounts.choices import Role
from lantern.cases.policies import OWNER_ROLES  # who may own a panel action, as on plans

RUN_ROLES = frozenset({Role.PANEL_CHAIR})
POLICE_ROLES = frozenset({Role.POLICE_OFFICER, Role.POLICE_ANALYST})
EVERY_PANEL_ROLES = RUN_ROLES | POLICE_ROLES | {Role.DPO}
MEMBER_AGENCY_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
#: Roles that may ever see a panel (a school lead only with a seat).
VIEW_ROLES = EVERY_PANEL_ROLES | MEMBER_AGENCY_ROLES | {Role.SCHOOL_DSL}
REFER_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER}) | RUN_ROLES


def _active(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def may_view_panels(actor) -> bool:
    """Whether the "Panels" area is open to ``actor``: a school lead only with a seat.

    Practitioners and managers always get the area (it lists the panels their agency sits on,
    perhaps none) so that the navigation, which asks this on every page, costs them no query.
    """
    if not _active(actor) or actor.role not in VIEW_ROLES:
        return False
    if actor.role in EVERY_PANEL_ROLES | MEMBER_AGENCY_ROLES:
        return True
    from lantern.panels.models import Panel

    return Panel.objects.filter(scope_q(actor)).exists()


def may_run_panels(actor) -> bool:
    return _active(actor) and actor.role in RUN_ROLES


def scope_q(actor) -> Q | None:
    """The panels ``actor`` may see, as a filter on ``Panel`` (None: none)."""
    if not _active(actor) or actor.role not in VIEW_ROLES:
        return None
    if actor.role in EVERY_PANEL_ROLES:
        return Q()
    seat = Q(members__user_id=actor.pk, members__left_on__isnull=True)
    if actor.role in MEMBER_AGENCY_ROLES and actor.agency_id:
        return seat | Q(members__agency_id=actor.agency_id, members__left_on__isnull=True)
    return seat


def can_view(actor, panel) -> bool:
    from lantern.panels.models import Panel

    q = scope_q(actor)
    return q is not None and Panel.objects.filter(q, pk=panel.pk).exists()


def can_run(actor, panel) -> bool:
    """Panel chairs run panels (any panel chair may stand in for another)."""
    return may_run_panels(actor)


def can_refer(actor, panel) -> bool:
    return _active(actor) and actor.role in REFER_ROLES and can_view(actor, panel)


def may_own_actions(actor) -> bool:
    return _active(actor) and actor.role in OWNER_ROLES


def can_update_action(actor, action) -> bool:
    """The chair, or the action's owner (who updates it from "My actions")."""
    if may_run_panels(actor):
        return True
    return may_own_actions(actor) and action.owner_user_id == actor.pk
