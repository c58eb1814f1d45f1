"""Template helpers for the audit trail.

``{% if request.user|can_see_history:person %}`` shows the "who has viewed or changed this
record" link only to people who may open it; ``{{ event|audit_action }}`` describes an event in
plain English.
"""

from __future__ import annotations

from django import template

from lantern.audit.describe import describe
from lantern.audit.policies import can_see_history as _can_see_history

register = template.Library()


@register.filter
def can_see_history(user, person) -> bool:
    return _can_see_history(user, person)


@register.filter
def audit_action(event) -> str:
    text = describe(event.action)
    if event.outcome == "denied" and "refused" not in text.lower():
        text += " (refused)"
    return text


@register.filter
def role_label(code: str) -> str:
    from lantern.accounts.choices import Role

    return Role(code).label if code in Role.values else (code or "")
