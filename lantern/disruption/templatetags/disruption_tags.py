"""``{% disruption_for_context context %}`` on a place's or group's page: the disruption register
entries aimed at it or moved in from its plan, linked, for people who may see the register.

Why here and not in ``lantern.contexts``: disruption builds on contexts, not the other way round;
the place page only loads this tag, so contexts keeps no import of the register.
"""

from __future__ import annotations

from django import template
from django.db.models import Q

from lantern.disruption import policies, selectors

register = template.Library()


@register.inclusion_tag("disruption/_context_entries.html", takes_context=True)
def disruption_for_context(context, target) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not policies.may_view_register(user):
        return {"show": False}
    entries = list(
        selectors.visible(actor=user)
        .filter(Q(target_context=target) | Q(source_context_action__context=target))
        .order_by("-started_on", "-id")
    )
    return {"show": True, "entries": entries, "can_record": policies.may_record(user)}
