"""Who reviews possible matches, and which items they may see.

Reviewers are the triage team (team managers) and the data protection officer. An item is shown
to a reviewer only when they may open every record in it: resolving "same child or not" needs
both, and an item naming a record the reviewer may not open would itself be a side channel.
A merge is shown by the rule in ``may_see_merge``.
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


def may_see_merge(user, merge, visible: set[int]) -> bool:
    """Whether a reviewer is shown a merge at all (``visible``: ids they may open).

    The survivor decides while the merge is active: the absorbed record is part of it and hidden
    from everyone on its own. Once undone the absorbed record is a record of its own again. A
    reviewer who may open only the survivor still sees the merge (it changed their record), with
    the other record unnamed (``identity.merge_pages``); but if that record is restricted the
    merge is not shown at all, because restricting keeps even a record's existence from people
    not named on it (ADR 0015).
    """
    if not may_review(user) or merge.survivor_id not in visible:
        return False
    return merge.active or merge.absorbed_id in visible or not merge.absorbed.restricted
