"""Reads of people and chronology. Every function takes the actor and applies the policy.

Callers audit what they show (views record ``PERSON_VIEWED`` etc.); selectors stay pure reads.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.people import search as name_search
from lantern.people.models import Alias, ChronologyEvent, Involvement, NameKey, Person

MAX_RESULTS = 50


def person_visible(*, actor, action: str = VIEW) -> QuerySet[Person]:
    return person_policy.visible(actor, action, Person.objects.all())


def person_get(*, actor, person_id: int, action: str = VIEW) -> Person:
    """The person if the actor may see them; 404 otherwise (missing and forbidden look alike)."""
    try:
        pk = int(person_id)
    except (TypeError, ValueError):
        raise Http404 from None
    person = person_visible(actor=actor, action=action).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_search(*, actor, query: str = "", date_of_birth: dt.date | None = None) -> list[Person]:
    """Search visible people by name, alias or nickname (typo-tolerant) and date of birth."""
    query = (query or "").strip()
    if not query and date_of_birth is None:
        return []
    visible = person_visible(actor=actor)
    candidates_qs = visible
    if query:
        keys = name_search.keys_for_names([query])
        candidates_qs = visible.filter(
            pk__in=NameKey.objects.filter(key__in=keys).values("person_id")
        )
    elif date_of_birth is not None:
        swapped = None
        try:
            swapped = date_of_birth.replace(day=date_of_birth.month, month=date_of_birth.day)
        except ValueError:
            pass
        dobs = [d for d in (date_of_birth, swapped) if d]
        candidates_qs = visible.filter(date_of_birth__in=dobs)
    people = {
        p.pk: p
        for p in candidates_qs.prefetch_related(
            Prefetch("aliases", queryset=Alias.objects.only("person_id", "name"))
        )[:2000]
    }
    candidates = {
        pk: (
            [p.full_name, f"{p.first_name} {p.last_name}", p.preferred_name]
            + [f"{a.name}" for a in p.aliases.all()]
            + [f"{a.name} {p.last_name}" for a in p.aliases.all()],
            p.date_of_birth,
        )
        for pk, p in people.items()
    }
    ranked = name_search.rank(query, date_of_birth, candidates)
    return [people[r.person_id] for r in ranked[:MAX_RESULTS]]


def chronology_for(
    *, actor, person: Person, agency_ids: list[int] | None = None, types: list[str] | None = None
) -> QuerySet[ChronologyEvent]:
    """A person's chronology (newest first) after the caller has fetched ``person`` via
    ``person_get``; optional filters by source agency and event type."""
    person_get(actor=actor, person_id=person.pk)
    events = ChronologyEvent.objects.filter(person=person).select_related("source_agency")
    if agency_ids:
        events = events.filter(source_agency_id__in=agency_ids)
    if types:
        events = events.filter(event_type__in=types)
    return events.order_by("-event_date", "-id")


def involvements_for(*, actor, person: Person) -> QuerySet[Involvement]:
    person_get(actor=actor, person_id=person.pk)
    return person.involvements.select_related("agency", "team").order_by("-is_lead", "agency__name")
