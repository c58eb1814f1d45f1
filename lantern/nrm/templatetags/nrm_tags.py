"""``{% nrm_person_links person %}`` on ``people/person_detail.html``: a link to the child's NRM
and court page, shown only to people the NRM policy lets see it (never schools)."""

from __future__ import annotations

from django import template

from lantern.access.matrix import allows
from lantern.nrm import policies

register = template.Library()


@register.inclusion_tag("nrm/_person_links.html", takes_context=True)
def nrm_person_links(context, person, record_checked: bool = False, facts=None) -> dict:
    """``record_checked``: the page has already established that the viewer may open the child
    (the case summary: a case is shown only to those who may open its child), so only the role
    is checked here. ``facts``: an object already carrying ``nrm_referrals`` and
    ``s45_prompted`` (the case from ``cases.selectors.case_get(with_counts=True)``), so the page
    asks no query of its own and keeps within its budget."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not allows(user, "nrm:person", "GET"):
        return {"show": False}
    allowed = policies.may_view_nrm(user) if record_checked else policies.can_view(user, person)
    if not allowed:
        return {"show": False}
    if facts is not None and hasattr(facts, "nrm_referrals"):
        referrals = facts.nrm_referrals
        return {"show": True, "person": person, "referrals": referrals,
                "needs_referral": bool(facts.s45_prompted) and not referrals}
    from django.db.models import Count, Exists, OuterRef

    from lantern.nrm.models import Charge
    from lantern.people.models import Person

    # One query for both facts: the tag sits on the case summary, which has a query budget.
    facts = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            nrm_count=Count("nrm_referrals"),
            s45_prompted=Exists(Charge.objects.filter(person=OuterRef("pk"),
                                                  section45_prompted_at__isnull=False)),
        )
        .values("nrm_count", "s45_prompted")
        .first()
    ) or {"nrm_count": 0, "s45_prompted": False}
    referrals = facts["nrm_count"]
    return {"show": True, "person": person, "referrals": referrals,
            "needs_referral": facts["s45_prompted"] and not referrals}
