"""Who may see "who has viewed or changed this record".

* the record's **lead professional** (a current involvement naming them with ``is_lead``),
* a **team manager in the lead professional's agency**,
  both only while they can see the record itself (a restriction applies to them too);
* the **data protection officer**, for any record, restricted or not: oversight is their job.

Everyone else gets 404, the same as for a record that does not exist.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.accounts.choices import Role


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def can_see_history(actor, person) -> bool:
    if person is None or person.pk is None or not _active(actor):
        return False
    if actor.role == Role.DPO:
        return True
    today = timezone.localdate()
    leads = person.involvements.filter(is_lead=True, user__isnull=False).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    if leads.filter(user=actor).exists():
        return person_policy.can(actor, VIEW, person)
    if actor.role == Role.TEAM_MANAGER and actor.agency_id is not None:
        if leads.filter(user__agency_id=actor.agency_id).exists():
            return person_policy.can(actor, VIEW, person)
    return False


def may_see_log(actor) -> bool:
    """The audit view across every record and user is the data protection officer's alone:
    it shows who looked at what across the partnership, itself sensitive."""
    return _active(actor) and actor.role == Role.DPO
