"""Search first, then choose: the first half of every page that links a record the viewer may
see to something (a line, a place, a panel, a disruption, a missing episode).

Why one function: four apps had the same dozen lines, and a person picker is where a leak or a
missing audit event would hurt most. The search runs only over records the viewer may open
(``selectors.person_search``); the terms travel with the POST as hidden fields, so the choice is
made among the same results; every search is audited under the calling app's event name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest

from lantern.audit.services import audit_record
from lantern.people import selectors
from lantern.people.forms import PersonSearchForm
from lantern.people.models import Person

SEARCH_KEYS = ("q", "dob_0", "dob_1", "dob_2")


@dataclass
class Picked:
    search: PersonSearchForm  # bound only when the user searched
    results: list[Person] | None  # None until a search was made
    choosable: QuerySet  # the results, as the choice field's queryset


def search_to_pick(request: HttpRequest, *, audit_action: str, audit_detail: dict,
                   exclude: set[int] | frozenset[int] = frozenset()) -> Picked:
    """The search form from the GET (or the POST's hidden copy), its results and the people who
    may be chosen (``exclude``: those already linked)."""
    source = request.POST if request.method == "POST" else request.GET
    searched = any(k in source for k in SEARCH_KEYS)
    search = PersonSearchForm({k: source.get(k, "") for k in SEARCH_KEYS} if searched else None)
    results = None
    if search.is_bound and search.is_valid():
        results = selectors.person_search(actor=request.user, query=search.cleaned_data["q"],
                                          date_of_birth=search.cleaned_data["dob"])
        audit_record(actor=request.user, action=audit_action, subject_type="people.person",
                     subject_ids=[p.pk for p in results], detail=audit_detail)
    choosable = Person.objects.filter(pk__in=[p.pk for p in results or [] if p.pk not in exclude])
    return Picked(search, results, choosable)
