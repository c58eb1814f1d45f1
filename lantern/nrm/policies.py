"""Who may see and record NRM referrals, charges, court outcomes and section 45 notes.

On top of the record policy (``lantern.access.policies.person_policy``: records follow the
child), by role and agency:

* **make an NRM referral and record its decisions** (first responders): practitioners and team
  managers of the local authority's children's services, and police officers, who may change
  the child's record. The referral names their agency as the first responder organisation.
  Schools, health, youth justice and voluntary organisations are not first responders here;
  they ask the lead professional.
* **record a charge and the court date and outcome**: police officers, and practitioners and
  team managers in children's services or youth justice, who may change the child's record.
* **view** referrals, charges and the section 45 note: children's services and youth justice
  practitioners and managers, police officers and analysts, the multi-agency panel chair and
  the data protection officer, for children they may open. Youth justice sees them because the
  note is written for them and the defence. **Never schools**, voluntary organisations, health
  or the partnership analyst (who gets counts, ``lantern.nrm.selectors.referral_statistics``,
  never a child), and never the system administrator.

Example::

    if not can_view(actor, person): raise Http404
"""

from __future__ import annotations

from lantern.access.policies import person_policy
from lantern.access.scopes import CHANGE, VIEW
from lantern.accounts.choices import AgencyKind, Role

#: First responder organisations in Lantern: the local authority and the police.
FIRST_RESPONDER_AGENCY_KINDS = frozenset({AgencyKind.CHILDRENS_SERVICES, AgencyKind.POLICE})
FIRST_RESPONDER_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER})

CHARGE_AGENCY_KINDS = frozenset(
    {AgencyKind.CHILDRENS_SERVICES, AgencyKind.YOUTH_JUSTICE, AgencyKind.POLICE}
)
CHARGE_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER})

#: Roles that view whatever their agency (the panel and the DPO sit in the partnership).
VIEW_ANY_AGENCY_ROLES = frozenset({Role.PANEL_CHAIR, Role.DPO})
#: Roles that view when their agency is one of ``VIEW_AGENCY_KINDS``.
VIEW_BY_AGENCY_ROLES = frozenset(
    {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.POLICE_OFFICER, Role.POLICE_ANALYST}
)
VIEW_AGENCY_KINDS = frozenset(
    {AgencyKind.CHILDRENS_SERVICES, AgencyKind.YOUTH_JUSTICE, AgencyKind.POLICE}
)
#: Who sees the counts (no child): the panel, the partnership analyst and the DPO.
STATISTICS_ROLES = frozenset({Role.PANEL_CHAIR, Role.PARTNERSHIP_ANALYST, Role.DPO})


def _active(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def _agency_kind(actor) -> str | None:
    return actor.agency.kind if getattr(actor, "agency_id", None) else None


def may_view_nrm(actor) -> bool:
    """The role-and-agency half of viewing (the child's record is the other half)."""
    if not _active(actor):
        return False
    if actor.role in VIEW_ANY_AGENCY_ROLES:
        return True
    return actor.role in VIEW_BY_AGENCY_ROLES and _agency_kind(actor) in VIEW_AGENCY_KINDS


def is_first_responder(actor) -> bool:
    return (
        _active(actor)
        and actor.role in FIRST_RESPONDER_ROLES
        and _agency_kind(actor) in FIRST_RESPONDER_AGENCY_KINDS
    )


def may_record_charges(actor) -> bool:
    return _active(actor) and actor.role in CHARGE_ROLES and _agency_kind(actor) in CHARGE_AGENCY_KINDS


def may_see_statistics(actor) -> bool:
    return _active(actor) and actor.role in STATISTICS_ROLES


def can_view(actor, person) -> bool:
    return may_view_nrm(actor) and person_policy.can(actor, VIEW, person)


def can_refer(actor, person) -> bool:
    return is_first_responder(actor) and person_policy.can(actor, CHANGE, person)


def can_record_charge(actor, person) -> bool:
    return may_record_charges(actor) and person_policy.can(actor, CHANGE, person)
