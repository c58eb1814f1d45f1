"""Reads of people and chronology. Every function takes the actor and applies the policy.

Callers audit what they show (views record ``PERSON_VIEWED`` etc.); selectors stay pure reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Prefetch,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.http import Http404

from lantern.access import sharing as content_sharing
from lantern.access.naming import Named, split_named
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.accounts.models import Agency
from lantern.people import search as name_search
from lantern.people.models import (
    Alias,
    ChronologyEvent,
    Involvement,
    NameKey,
    Person,
    Relationship,
)

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


def person_search(
    *,
    actor,
    query: str = "",
    date_of_birth: dt.date | None = None,
    kinds: list[str] | None = None,
) -> list[Person]:
    """Search visible people by name, alias or nickname (typo-tolerant) and date of birth;
    ``kinds`` keeps only children, adults of concern or other adults (``PersonKind``)."""
    query = (query or "").strip()
    if not query and date_of_birth is None:
        return []
    visible = person_visible(actor=actor)
    if kinds:
        visible = visible.filter(kind__in=kinds)
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
    *,
    actor,
    person: Person,
    agency_ids: list[int] | None = None,
    types: list[str] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    significant_only: bool = False,
) -> QuerySet[ChronologyEvent]:
    """A person's chronology (newest first) after the caller has fetched ``person`` via
    ``person_get``; optional filters by source agency and event type.

    Only the entries the actor is shown (``lantern.access.sharing``): those they may read, and
    dated placeholders for those they may not read but may learn exist. Each row carries
    ``content_shared`` (False: a placeholder) and ``shown_summary`` (the words, or "" for a
    placeholder), so a template never needs ``summary``; placeholders' words stay in the
    database. Filtering here keeps counts honest: ``.count()`` counts what the actor is shown.
    A date range leaves out entries whose date is not known (they cannot be said to fall in it).
    """
    person_get(actor=actor, person_id=person.pk)
    readable = content_sharing.readable_q(actor)
    events = (
        ChronologyEvent.objects.filter(person=person)
        .filter(content_sharing.listed_q(actor))
        .annotate(
            content_shared=Case(
                When(readable, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            shown_summary=Case(
                When(readable, then=F("summary")), default=Value(""), output_field=TextField()
            ),
        )
        .defer("summary")
        .select_related("source_agency")
    )
    if agency_ids:
        events = events.filter(source_agency_id__in=agency_ids)
    if types:
        events = events.filter(event_type__in=types)
    if date_from is not None:
        events = events.filter(event_date__gte=date_from)
    if date_to is not None:
        events = events.filter(event_date__lte=date_to)
    if significant_only:
        events = events.filter(significant=True)
    return events.order_by("-event_date", "-id")


def chronology_withheld(
    *,
    actor,
    person: Person,
    agency_ids: list[int] | None = None,
    types: list[str] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    significant_only: bool = False,
) -> list[tuple[str, int, str]]:
    """Entries the actor may learn exist but whose date and type are withheld (intelligence,
    disruption): ``(level, count, sentence)`` per level, to show as one line each, never listed.

    None under a type, date or "significant only" filter: their type, date and weight are
    withheld, so they cannot be said to match one, and counting them under such a filter would
    reveal the withheld detail.
    """
    person_get(actor=actor, person_id=person.pk)
    if types or date_from or date_to or significant_only:
        return []
    rows = ChronologyEvent.objects.filter(person=person).filter(
        content_sharing.placeholder_q(actor, dated=False)
    )
    if agency_ids:
        rows = rows.filter(source_agency_id__in=agency_ids)
    counts = rows.values("sharing").annotate(n=Count("id")).order_by("sharing")
    return [
        (c["sharing"], c["n"], content_sharing.withheld_text(c["sharing"], c["n"])) for c in counts
    ]


def chronology_agencies(*, actor, person: Person) -> QuerySet[Agency]:
    """Agencies of the entries listed for the actor, for the filter form: the filter must not
    name an agency whose entries the actor may not see (a school must not learn from it that
    the police have written about the pupil)."""
    person_get(actor=actor, person_id=person.pk)
    listed = ChronologyEvent.objects.filter(person=person).filter(content_sharing.listed_q(actor))
    return Agency.objects.filter(pk__in=listed.values("source_agency_id")).order_by("name")


def chronology_types(*, actor, person: Person) -> list[tuple[str, str]]:
    """Types of the entries listed for the actor, for the filter form: a short list that fits a
    phone, and one that never names a type of entry the viewer may not see."""
    from lantern.people.choices import EventType

    person_get(actor=actor, person_id=person.pk)
    listed = set(
        ChronologyEvent.objects.filter(person=person)
        .filter(content_sharing.listed_q(actor))
        .values_list("event_type", flat=True)
        .distinct()
    )
    return [(value, label) for value, label in EventType.choices if value in listed]


def involvements_for(*, actor, person: Person) -> QuerySet[Involvement]:
    """The agencies involved with the child, less those ``actor`` may not learn of
    (``sharing.involvements_q``: a school is not told the police are involved)."""
    person_get(actor=actor, person_id=person.pk)
    return (
        person.involvements.filter(content_sharing.involvements_q(actor))
        .select_related("agency", "team")
        .order_by("-is_lead", "agency__name")
    )


@dataclass(frozen=True)
class RelationshipRow:
    """A relationship seen from ``person``'s side, whichever record it was recorded on."""

    kind_label: str
    other: Person
    description: str
    start_date: dt.date | None
    end_date: dt.date | None
    pk: int = 0
    kind: str = ""


#: How a child's relationships are grouped on their page (kinds in ``RelationshipKind``).
RELATIONSHIP_GROUPS = [
    ("Family", ("parent", "sibling", "family")),
    ("Friends and peers", ("peer", "partner")),
    ("Adults of concern and associates", ("concern", "associate")),
]


@dataclass
class RelationshipGroup:
    label: str
    current: list[RelationshipRow]
    ended: list[RelationshipRow]


def relationship_groups(rows: list[RelationshipRow]) -> list[RelationshipGroup]:
    """Shown relationships by group, current first, ended ones apart (kept, not deleted)."""
    groups = []
    for label, kinds in RELATIONSHIP_GROUPS:
        members = [r for r in rows if r.kind in kinds]
        if members:
            groups.append(
                RelationshipGroup(
                    label=label,
                    current=[r for r in members if r.end_date is None],
                    ended=[r for r in members if r.end_date is not None],
                )
            )
    return groups


@dataclass(frozen=True)
class EnrolmentRow:
    """One school in a child's history, with the year group worked out for the day shown."""

    pk: int
    school: str
    start_date: dt.date
    end_date: dt.date | None
    year_label: str

    @property
    def current(self) -> bool:
        return self.end_date is None


def school_history(*, actor, person: Person, today: dt.date) -> list[EnrolmentRow]:
    """Schools newest first. A current school shows the year group now; a past one the year
    group they were in when they left (``lantern.schools.year_groups``)."""
    from lantern.schools.selectors import current_year_group
    from lantern.schools.year_groups import year_group_label

    person_get(actor=actor, person_id=person.pk)
    rows = []
    for e in person.enrolments.select_related("school").order_by("-start_date", "-id"):
        e.person = person
        on = today if e.end_date is None or e.end_date > today else e.end_date
        rows.append(
            EnrolmentRow(
                pk=e.pk,
                school=e.school.name,
                start_date=e.start_date,
                end_date=e.end_date,
                year_label=year_group_label(current_year_group(e, on)),
            )
        )
    return rows


def relationships_for(*, actor, person: Person) -> Named[RelationshipRow]:
    """The person's relationships, naming only people the actor may open.

    Why both directions: a relationship recorded on the other person's record ("Kayla is
    Jordan's sister", recorded on Jordan) is as true from Kayla's page. Why the split: the other
    person may be a child held by another team or a restricted record; they are counted, never
    named, and their relationship's kind and description are not shown either (issue 10 item 1).
    """
    person_get(actor=actor, person_id=person.pk)
    rows: list[RelationshipRow] = []
    seen: set[tuple] = set()
    outgoing = Relationship.objects.filter(person=person).select_related("other")
    incoming = Relationship.objects.filter(other=person).select_related("person")
    for rel, other in [(r, r.other) for r in outgoing] + [(r, r.person) for r in incoming]:
        key = (other.pk, rel.kind, rel.end_date)
        if other.pk == person.pk or key in seen:
            continue
        seen.add(key)
        rows.append(
            RelationshipRow(
                kind_label=rel.get_kind_display(),
                other=other,
                description=rel.description,
                start_date=rel.start_date,
                end_date=rel.end_date,
                pk=rel.pk,
                kind=rel.kind,
            )
        )
    named = split_named(actor, rows, person_of=lambda row: row.other.pk)
    hidden_people = {row.other.pk for row in rows} - {row.other.pk for row in named.shown}
    named.hidden = len(hidden_people)
    named.shown.sort(key=lambda row: (row.end_date is not None, row.kind_label, row.other.last_name))
    return named
