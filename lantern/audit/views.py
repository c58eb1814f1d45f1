""""Who has viewed or changed this record": the audit trail for one person, for the people
accountable for the record (lead professional, their team manager, the DPO).

The DPO oversees every record's trail, including restricted records she holds no grant for.
Such a record is not named or linked on the page (issue #10: a person the viewer may not open
is never named anywhere); it is "a record you do not have access to", and the trail is shown.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit import events, selectors
from lantern.audit.services import audit_record

PAGE_SIZE = 50


def record_history(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.history_person_get(actor=request.user, person_id=person_id)
    history = selectors.record_history(actor=request.user, person=person)
    may_open = person.pk in person_policy.visible_ids(request.user, VIEW, [person.pk])
    page = Paginator(history, PAGE_SIZE).get_page(request.GET.get("page"))
    names = selectors.actor_names({e.actor_id for e in page.object_list if e.actor_id})
    for event in page.object_list:
        event.actor_name = names.get(event.actor_id, "")
    audit_record(
        actor=request.user,
        action=events.AUDIT_VIEWED,
        subject=person,
        detail={"page": page.number},
    )
    return render(
        request,
        "audit/record_history.html",
        {
            "person": person,
            "may_open": may_open,
            "page": page,
            "page_title": (
                f"Who has viewed or changed the record of {person.display_name}"
                if may_open
                else "Who has viewed or changed a record you do not have access to"
            ),
        },
    )
