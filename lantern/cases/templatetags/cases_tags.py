"""The "Case" panel on a child's page (people/person_detail.html).

Guarded here rather than in the people template: only roles that may see cases get the panel
(a school safeguarding lead sees the status of their referrals, never the case), and only roles
that may refer see "make a referral".
"""

from __future__ import annotations

from django import template

from lantern.cases import policies, selectors
from lantern.referrals.policies import may_refer

register = template.Library()


@register.inclusion_tag("cases/_person_panel.html", takes_context=True)
def case_panel(context, person):
    request = context.get("request")
    user = getattr(request, "user", None)
    show_cases = policies.may_view_cases(user)
    cases = selectors.cases_for_person(actor=user, person=person) if show_cases else []
    open_case = next((c for c in cases if c.is_open), None)
    return {
        "person": person,
        "show_cases": show_cases,
        "open_case": open_case,
        "closed_cases": [c for c in cases if not c.is_open],
        "can_refer": may_refer(user),
    }
