"""``{% school_person_links person %}``: a link for a school's safeguarding lead to record an
exclusion, managed move or alternative provision, shown only for pupils on their own roll."""

from __future__ import annotations

from django import template

from lantern.schools.policies import on_roll

register = template.Library()


@register.inclusion_tag("schools/_person_links.html", takes_context=True)
def school_person_links(context, person):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": bool(user and on_roll(user, person)), "person": person}
