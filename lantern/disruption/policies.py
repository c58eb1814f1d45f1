"""Who may see and record disruption (docs/adr/0018-panels-and-disruption.md).

* **record** an entry, a breach or its end: police officers, and practitioners and team
  managers (councils use closure orders and injunctions too). Updating an entry: its owner, the
  person who recorded it, or any police officer.
* **see every entry**: police officers and analysts, panel chairs (the panel reviews what is
  being done) and the data protection officer (read only).
* **see some**: practitioners and team managers see entries they own or recorded, that protect
  a child they may open, or that come from a place or group they may see.
* **never**: school safeguarding leads, partnership analysts (counts only, through the
  statistics) and system administrators.

Seeing an entry is not seeing everyone it names: the target and the children it protects are
named only to viewers who may open them.
"""

from __future__ import annotations

from django.db.models import Q

from lantern.accounts.choices import Role

RECORD_ROLES = frozenset({Role.POLICE_OFFICER, Role.PRACTITIONER, Role.TEAM_MANAGER})
SEE_ALL_ROLES = frozenset({Role.POLICE_OFFICER, Role.POLICE_ANALYST, Role.PANEL_CHAIR, Role.DPO})
VIEW_ROLES = SEE_ALL_ROLES | RECORD_ROLES


def _active(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def may_view_register(actor) -> bool:
    return _active(actor) and actor.role in VIEW_ROLES


def may_record(actor) -> bool:
    return _active(actor) and actor.role in RECORD_ROLES


def scope_q(actor) -> Q | None:
    """The entries ``actor`` may see, as a filter on ``DisruptionAction`` (None: none)."""
    if not may_view_register(actor):
        return None
    if actor.role in SEE_ALL_ROLES:
        return Q()
    from lantern.cases.policies import visible_people
    from lantern.contexts import policies as context_policies
    from lantern.contexts.models import Context

    q = Q(owner_id=actor.pk) | Q(created_by_id=actor.pk)
    q |= Q(protects__in=visible_people(actor))
    contexts = context_policies.scope_q(actor)
    if contexts is not None:
        q |= Q(target_context__in=Context.objects.filter(contexts))
    return q


def can_update(actor, action) -> bool:
    if not may_record(actor):
        return False
    return (
        actor.role == Role.POLICE_OFFICER
        or action.owner_id == actor.pk
        or action.created_by_id == actor.pk
    )
