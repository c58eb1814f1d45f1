"""Who may refer, and who triages.

* **Refer**: any member of staff with an agency, except roles that hold no casework
  (partnership analysts, system administrators, the data protection officer). A referrer sees
  the *status* of their own referrals and nothing else of the record.
* **Triage** (the front door): practitioners and team managers of a children's-services agency.
  They see every referral not yet tied to a child and referrals about children in their scope;
  a referral tied to a child outside their scope (e.g. a restricted record) answers 404.
"""

from __future__ import annotations

from lantern.accounts.choices import AgencyKind, Role

NO_REFERRAL_ROLES = frozenset({Role.PARTNERSHIP_ANALYST, Role.SYSADMIN, Role.DPO})
TRIAGE_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})


def _active(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def may_refer(actor) -> bool:
    return _active(actor) and actor.agency_id is not None and actor.role not in NO_REFERRAL_ROLES


def may_triage(actor) -> bool:
    return (
        _active(actor)
        and actor.role in TRIAGE_ROLES
        and actor.agency_id is not None
        and actor.agency.kind == AgencyKind.CHILDRENS_SERVICES
    )
