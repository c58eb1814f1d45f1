"""Plain data for networks: a link row, node kinds from node ids, and the as-at rule.

Why plain tuples: the same rows come from the database (the Django side), from CSV files (the
synthetic county) and from tests; a ``Link`` is a ``NamedTuple`` so any 6-tuple in this order
works too, and building a million of them costs no more than building the tuples.

Node ids carry their kind as a prefix, the synthetic county's convention:
``P:<person>``, ``L:<line or group>``, ``PH:<phone>``, ``A:<address>``, and for the partnership's
own entities ``V:`` vehicle, ``H:`` online handle, ``B:`` line brand, ``G:`` group, ``PL:`` place,
``M:`` missing episode.

**As at a date** (ADR 0021): a link is *known* on day D when it was first seen on or before D
(an unknown first-seen date counts as always known); it is *current* on D when it is known and
was not last seen before D (no last-seen date means still current). The network as at D is the
current links by default: a link that ended in 2019 does not put a child near a line in 2026.
``include_ended=True`` gives the whole history known on D instead (an analyst's view).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import NamedTuple

#: Node id prefix -> kind of entity.
PREFIXES: dict[str, str] = {
    "P": "person", "L": "line", "PH": "phone", "A": "address", "V": "vehicle", "H": "handle",
    "B": "brand", "G": "group", "PL": "place", "M": "missing_episode",
}
#: How much a link of each strength weighs in PageRank and communities.
STRENGTH_WEIGHT: dict[str, float] = {"confirmed": 1.0, "tentative": 0.6, "unconfirmed": 0.3}
STRENGTH_ORDER: tuple[str, ...] = ("unconfirmed", "tentative", "confirmed")


class Link(NamedTuple):
    """One link between two entities, in either direction (the graph is undirected)."""

    source: str
    target: str
    kind: str = "associates_with"
    strength: str = "confirmed"
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    key: object = None  # the caller's id for the link (a database primary key), passed through


def kind_of(node: str) -> str:
    """The kind of entity a node id names: ``kind_of("PH:07700900187") == "phone"``."""
    prefix = node.split(":", 1)[0]
    return PREFIXES.get(prefix, "other")


def strength_at_least(strength: str, minimum: str | None) -> bool:
    """Whether ``strength`` is ``minimum`` or stronger (an unknown strength is weakest)."""
    if minimum is None:
        return True
    rank = {s: i for i, s in enumerate(STRENGTH_ORDER)}
    return rank.get(strength, -1) >= rank.get(minimum, 0)


def is_current(link, on: dt.date | None, *, include_ended: bool = False) -> bool:
    """The as-at rule for one link (see the module docstring). ``on=None`` keeps everything."""
    if on is None:
        return True
    first, last = link[4], link[5]
    if first is not None and first > on:
        return False
    if include_ended:
        return True
    return last is None or last >= on


def as_at(links: Iterable, on: dt.date | None, *, include_ended: bool = False,
          kinds: Iterable[str] | None = None, min_strength: str | None = None,
          node_kinds: Iterable[str] | None = None) -> Iterator:
    """The links of the network as at ``on``, optionally only some link kinds, strengths and
    entity kinds (a link is kept when both its ends are of a wanted kind)."""
    kinds = set(kinds) if kinds else None
    node_kinds = set(node_kinds) if node_kinds else None
    for link in links:
        if not is_current(link, on, include_ended=include_ended):
            continue
        if kinds is not None and link[2] not in kinds:
            continue
        if min_strength is not None and not strength_at_least(link[3], min_strength):
            continue
        if node_kinds is not None and (kind_of(link[0]) not in node_kinds
                                       or kind_of(link[1]) not in node_kinds):
            continue
        yield link
