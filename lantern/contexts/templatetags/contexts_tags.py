"""``{% person_contexts person %}``: the places and groups a child is linked to, on their page.

A tag in this app so the people app never imports contexts; the rule is in
``selectors.contexts_for_person`` (named when the viewer may see the place or group, counted
otherwise, nothing for roles that never see them).
"""

from __future__ import annotations

from django import template

from lantern.contexts.selectors import contexts_for_person

register = template.Library()


@register.inclusion_tag("contexts/_person_contexts.html", takes_context=True)
def person_contexts(context, person):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"linked": contexts_for_person(actor=user, person=person), "person": person}
