"""Template helpers for the missing app, including the links on a person's page.

``{% missing_person_links person %}`` renders nothing unless the signed-in user's role may
reach the missing pages (asked of the access matrix), so the person page can include it for
every role without leaking links a school or analyst cannot use.
"""

from __future__ import annotations

from django import template

from lantern.access.matrix import allows
from lantern.missing.clock import LONDON

register = template.Library()


@register.inclusion_tag("missing/_person_links.html", takes_context=True)
def missing_person_links(context, person):
    request = context.get("request")
    user = getattr(request, "user", None)
    show = bool(user and allows(user, "missing:person_episodes", "GET"))
    missing_now = show and person.missing_episodes.filter(ended_at__isnull=True).exists()
    return {"show": show, "person": person, "missing_now": missing_now}


@register.filter
def london(value) -> str:
    """"14 March 2026, 21:30" in London time."""
    if not value:
        return ""
    local = value.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}, {local:%H:%M}"
