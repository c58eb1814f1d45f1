"""Links from other apps' pages into intelligence, shown only to those who may follow them.

Why tags: the person page and a missing episode's page belong to other apps; these tags keep
their views unchanged and ask no query of anyone who could not use the links anyway.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from lantern.access.naming import split_named
from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT
from lantern.intelligence import policies

register = template.Library()


@register.inclusion_tag("intelligence/_person_links.html", takes_context=True)
def intelligence_links(context, person):
    user = context["request"].user
    links = []
    if policies.may_view_intelligence(user):
        links.append((reverse("intelligence:entity", args=["person", person.pk]),
                      "Links to people, phones, places and lines"))
        links.append((reverse("networks:view", args=["person", person.pk]),
                      "The network around this person"))
    if policies.may_record_encounter(user) and person_policy.can(user, ADD_EVENT, person):
        links.append((reverse("intelligence:encounter_create", args=[person.pk]),
                      "Record an arrest or stop"))
    if policies.may_submit(user):
        links.append((reverse("intelligence:submission_create") + f"?person={person.pk}",
                      "Send information to the police"))
    return {"links": links}


@register.inclusion_tag("intelligence/_found_with.html", takes_context=True)
def found_with_people(context, episode):
    from lantern.missing import policies as missing_policies

    user = context["request"].user
    named = split_named(user, episode.found_with_people.select_related("person").order_by("id"))
    can_add = (user.role in missing_policies.RECORD_EPISODE_ROLES
               and person_policy.can(user, ADD_EVENT, episode.person))
    return {"named": named, "episode": episode, "can_add": can_add}
