"""Who sees emerging threats (docs/adr/0020-emerging-threats.md).

The page shows counts per area, never a person: the partnership analyst (who watches the
figures), team managers (who move staff to where a rise is), panel chairs (who put a rise on a
panel's Themes) and police analysts. Practitioners, officers, school leads, the DPO and system
administrators do not: it is a management view, and its counts pass disclosure control anyway.
"""

from __future__ import annotations

from lantern.accounts.choices import Role

VIEW_ROLES = frozenset({Role.PARTNERSHIP_ANALYST, Role.TEAM_MANAGER, Role.PANEL_CHAIR,
                        Role.POLICE_ANALYST})


def may_view(actor) -> bool:
    return (actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active
            and actor.role in VIEW_ROLES)
