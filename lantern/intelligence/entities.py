"""Resolve link ends (kind, id) to what a viewer may be shown.

Why one place: a link end can be a person, an address, a place or group, a phone, a vehicle, a
handle, a line or a group of concern. Whether the viewer may see it, and in what words, is decided
here once for every page, export and selector:

* a **person** only if the viewer may open them (``visible_person_ids``);
* an **address** only if the viewer may open the person it belongs to (an address names a home);
* a **place or group** (``lantern.contexts``) only if the viewer may see that context;
* phones, vehicles, handles, lines and groups of concern to anyone who may see intelligence.

An end the viewer may not see is never labelled: callers drop the link (``selectors``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from lantern.access.naming import visible_person_ids
from lantern.intelligence import policies
from lantern.intelligence.choices import EntityKind
from lantern.intelligence.roles import is_child

End = tuple[str, int]


@dataclass(frozen=True)
class EntityView:
    kind: str
    id: int
    label: str
    url: str = ""
    child: bool = False

    @property
    def kind_label(self) -> str:
        return dict(EntityKind.choices).get(self.kind, self.kind)


def _url(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _group(ends: Iterable[End]) -> dict[str, set[int]]:
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, pk in ends:
        by_kind[kind].add(int(pk))
    return by_kind


def visible_ends(actor, ends: Iterable[End]) -> set[End]:
    """Which of ``ends`` the actor may see (the module doc's rules), in a few queries."""
    from lantern.contexts import policies as context_policies
    from lantern.contexts.models import Context
    from lantern.people.models import Address

    if not policies.may_view_intelligence(actor):
        return set()
    by_kind = _group(ends)
    out: set[End] = set()
    address_people = dict(
        Address.objects.filter(pk__in=by_kind.get(EntityKind.ADDRESS, ())).values_list("pk",
                                                                                     "person_id")
    ) if by_kind.get(EntityKind.ADDRESS) else {}
    person_ids = set(by_kind.get(EntityKind.PERSON, ())) | set(address_people.values())
    people = visible_person_ids(actor, person_ids) if person_ids else set()
    for kind, ids in by_kind.items():
        if kind == EntityKind.PERSON:
            out |= {(kind, i) for i in ids if i in people}
        elif kind == EntityKind.ADDRESS:
            out |= {(kind, i) for i in ids if address_people.get(i) in people}
        elif kind == EntityKind.CONTEXT:
            q = context_policies.scope_q(actor)
            if q is not None:
                seen = Context.objects.filter(q).filter(pk__in=ids).values_list("pk", flat=True)
                out |= {(kind, i) for i in seen}
        elif kind in EntityKind.values:
            out |= {(kind, i) for i in ids}
    return out


def people_named(ends: Iterable[End]) -> list[int]:
    """The ids of the people whose data showing ``ends`` reads, for the audit.

    Why addresses count: an address (line 1, town, postcode) is shown only to someone who may
    open its resident (``visible_ends``), so labelling it is a read of that person's record just
    as naming them is. A person end is that person; an address end is its resident; other kinds
    name nobody. Pass only ends that were shown: this does not check access.
    """
    from lantern.people.models import Address

    by_kind = _group(ends)
    ids = set(by_kind.get(EntityKind.PERSON, ()))
    if by_kind.get(EntityKind.ADDRESS):
        ids |= set(Address.objects.filter(pk__in=by_kind[EntityKind.ADDRESS])
                   .values_list("person_id", flat=True))
    return sorted(ids)


def describe(actor, ends: Iterable[End], *, on: dt.date | None = None) -> dict[End, EntityView]:
    """Labels and links for the ends the actor may see (ends they may not see are left out)."""
    from lantern.contexts.models import Context
    from lantern.intelligence.models import CountyLine, Group, OnlineHandle, Phone, Vehicle
    from lantern.people.models import Address, Person

    shown = visible_ends(actor, ends)
    by_kind = _group(shown)
    out: dict[End, EntityView] = {}
    for p in Person.objects.filter(pk__in=by_kind.get(EntityKind.PERSON, ())):
        out[(EntityKind.PERSON, p.pk)] = EntityView(
            EntityKind.PERSON, p.pk, p.display_name, reverse("people:person_detail", args=[p.pk]),
            child=is_child(p.kind, p.date_of_birth, on),
        )
    for a in Address.objects.filter(pk__in=by_kind.get(EntityKind.ADDRESS, ())):
        label = ", ".join(x for x in (a.line1, a.town, a.postcode) if x)
        out[(EntityKind.ADDRESS, a.pk)] = EntityView(
            EntityKind.ADDRESS, a.pk, label, reverse("people:person_detail", args=[a.person_id]))
    for c in Context.objects.filter(pk__in=by_kind.get(EntityKind.CONTEXT, ())):
        out[(EntityKind.CONTEXT, c.pk)] = EntityView(
            EntityKind.CONTEXT, c.pk, c.name, reverse("contexts:detail", args=[c.pk]))
    simple = [
        (EntityKind.PHONE, Phone, lambda o: o.display),
        (EntityKind.VEHICLE, Vehicle, str),
        (EntityKind.HANDLE, OnlineHandle, str),
        (EntityKind.GROUP, Group, str),
    ]
    for kind, model, label in simple:
        for o in model.objects.filter(pk__in=by_kind.get(kind, ())):
            out[(kind, o.pk)] = EntityView(kind, o.pk, label(o))
    for line in CountyLine.objects.filter(pk__in=by_kind.get(EntityKind.LINE, ())):
        out[(EntityKind.LINE, line.pk)] = EntityView(
            EntityKind.LINE, line.pk, f"'{line.brand}' line", _url("intelligence:line_detail",
                                                                     line.pk))
    return out
