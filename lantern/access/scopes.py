"""Record scopes per role: the documented heart of the access policy.

Scopes, narrowest first:

* ``allocated``   the user is named on the record's involvement (lead or otherwise)
* ``school``      the child is on the roll of the user's school now (school safeguarding leads)
* ``team``        one of the user's teams is involved, or ``allocated``
* ``agency``      the user's agency is involved, or ``team``
* ``partnership`` every record, except restricted ones
* ``none``        no personal data at all (partnership analysts see aggregates only;
  system administrators manage accounts, not children)

Restricted records are outside every scope unless the user holds an unexpired grant
(``lantern.access.models.AccessGrant``): named, or break-glass with a written reason.
"""

from __future__ import annotations

from lantern.accounts.choices import Role

ALLOCATED = "allocated"
SCHOOL = "school"
TEAM = "team"
AGENCY = "agency"
PARTNERSHIP = "partnership"
NONE = "none"

VIEW = "view"
CHANGE = "change"
ADD_EVENT = "add_event"
ACTIONS = (VIEW, CHANGE, ADD_EVENT)

#: Which records each role may act on, per action. A role missing from an action has ``none``.
PERSON_SCOPES: dict[str, dict[str, str]] = {
    VIEW: {
        Role.PRACTITIONER: TEAM,
        Role.TEAM_MANAGER: AGENCY,
        Role.POLICE_OFFICER: AGENCY,
        Role.POLICE_ANALYST: PARTNERSHIP,
        Role.SCHOOL_DSL: SCHOOL,
        Role.PANEL_CHAIR: PARTNERSHIP,
        Role.DPO: PARTNERSHIP,
    },
    CHANGE: {
        Role.PRACTITIONER: TEAM,
        Role.TEAM_MANAGER: AGENCY,
        Role.POLICE_OFFICER: AGENCY,
    },
    ADD_EVENT: {
        Role.PRACTITIONER: TEAM,
        Role.TEAM_MANAGER: AGENCY,
        Role.POLICE_OFFICER: AGENCY,
        Role.POLICE_ANALYST: PARTNERSHIP,
        Role.SCHOOL_DSL: SCHOOL,
    },
}


def scope_for(role: str, action: str) -> str:
    return PERSON_SCOPES.get(action, {}).get(role, NONE)
