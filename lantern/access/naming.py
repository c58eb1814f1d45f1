"""Naming people on pages: one rule for every list that mentions a person.

Why: the record policy decides which records a viewer may *open*; a page the viewer may open can
still mention other people (a relationship, a referral's children, "found with", a school notice,
an audit row). A person the viewer may not open is never named, linked, or described there: the
page says only how many others there are ("1 other person you do not have access to"), the same
words places and groups already use. Every page that lists people splits its list with
``split_named`` and renders the hidden count with ``core/_hidden_people.html``.

Example::

    named = split_named(request.user, person.relationships.select_related("other"),
                        person_of=lambda r: r.other_id)
    # named.shown: relationships whose other person the viewer may open
    # named.hidden: how many were left out (never who)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW

T = TypeVar("T")


@dataclass
class Named(Generic[T]):
    """Items whose person the viewer may open (``shown``) and how many were left out."""

    shown: list[T] = field(default_factory=list)
    hidden: int = 0

    def __iter__(self):
        return iter(self.shown)

    def __len__(self) -> int:
        return len(self.shown)

    def __bool__(self) -> bool:
        return bool(self.shown) or bool(self.hidden)

    @property
    def total(self) -> int:
        return len(self.shown) + self.hidden


def _person_id(item: Any) -> int | None:
    """An item's person id: a Person, or anything with ``person_id``."""
    if hasattr(item, "person_id"):
        return item.person_id
    return getattr(item, "pk", None)


def visible_person_ids(actor, person_ids: Iterable[int | None]) -> set[int]:
    """Which of ``person_ids`` the actor may open: the record policy's one answer."""
    return person_policy.visible_ids(actor, VIEW, [i for i in person_ids if i is not None])


def split_named(
    actor, items: Iterable[T], *, person_of: Callable[[T], int | None] = _person_id
) -> Named[T]:
    """Split ``items`` into those naming a person the actor may open, and a count of the rest.

    One query for the whole list. An item with no person (``person_of`` gives None) is kept: it
    names nobody.
    """
    items = list(items)
    ids = {person_of(i) for i in items}
    allowed = visible_person_ids(actor, ids)
    out: Named[T] = Named()
    for item in items:
        pid = person_of(item)
        if pid is None or pid in allowed:
            out.shown.append(item)
        else:
            out.hidden += 1
    return out


def hidden_phrase(count: int, *, others: bool = True, noun: str = "person") -> str:
    """Words for people left out: "1 other person you do not have access to"."""
    plural = {"person": "people", "child": "children"}.get(noun, f"{noun}s")
    word = noun if count == 1 else plural
    prefix = "other " if others else ""
    return f"{count} {prefix}{word} you do not have access to"


def record_label(person, visible: set[int]) -> str:
    """How an oversight page (break-glass review, a restriction) names a record it must point at.

    The data protection officer reviews access to restricted records without being named on
    them: they judge who opened a record, when and why, which needs the record number, not the
    child. So the name is shown only to a viewer who may open the record (``visible``, from
    ``visible_person_ids``); anyone else reads "A restricted record" and the number.
    """
    if person.pk in visible:
        return person.display_name
    return "A restricted record" if person.restricted else "A record you do not have access to"


__all__ = ["Named", "hidden_phrase", "record_label", "split_named", "visible_person_ids"]
