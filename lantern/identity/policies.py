"""Who reviews possible matches, and which items they may see.

Reviewers are the triage team (team managers) and the data protection officer. An item is shown
to a reviewer only when they may open every record in it: resolving "same child or not" needs
both, and an item naming a record the reviewer may not open would itself be a side channel.
"""

from __future__ import annotations

from lantern.access.naming import visible_person_ids
from lantern.accounts.choices import Role

REVIEWER_ROLES = frozenset({Role.TEAM_MANAGER, Role.DPO})


def may_review(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role in REVIEWER_ROLES


def may_see_item(user, item) -> bool:
    if not may_review(user):
        return False
    ids = item.person_ids
    return set(ids) <= visible_person_ids(user, ids)
