"""Who may work with reports from young people.

* **Triage** (read every report, decide what happens): whoever triages referrals at the front
  door (``lantern.referrals.policies.may_triage``: practitioners and team managers of a
  children's-services agency).
* **Police** (officers and analysts of a police agency): read only the reports passed to the
  police, and may record one as police-only intelligence on a child's record.
* Nobody else: a report may name children who have no record yet, so no record scope covers it.
"""

from __future__ import annotations

from lantern.accounts.choices import AgencyKind, Role
from lantern.referrals.policies import may_triage

POLICE_ROLES = frozenset({Role.POLICE_OFFICER, Role.POLICE_ANALYST})

__all__ = ["may_triage", "may_see_police_reports", "may_see_queue"]


def may_see_police_reports(actor) -> bool:
    return (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.role in POLICE_ROLES
        and actor.agency_id is not None
        and actor.agency.kind == AgencyKind.POLICE
    )


def may_see_queue(actor) -> bool:
    return may_triage(actor) or may_see_police_reports(actor)
