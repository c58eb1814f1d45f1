"""What changed in the network between two dates: new entities, new and ended links, and
groups that were apart and are now joined (components merged).

Why "merged" matters: two groups around different children that become one (a shared phone,
an adult seen with both) is often the first sign that two concerns are one network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from lantern.analysis.networks.graph import NetworkGraph
from lantern.analysis.networks.model import is_current


@dataclass
class Changes:
    since: dt.date
    on: dt.date
    new_nodes: list[str] = field(default_factory=list)
    new_links: list = field(default_factory=list)
    ended_links: list = field(default_factory=list)
    #: Each merge: the separate groups (as sorted node lists) as at ``since`` that are one group
    #: as at ``on``, largest first; each part lists only the members in the joined group.
    merged: list[list[list[str]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_nodes or self.new_links or self.ended_links or self.merged)


def changes_since(links: Iterable, since: dt.date, on: dt.date, **filters) -> Changes:
    """How the network as at ``on`` differs from the network as at ``since`` (``since <= on``).

    ``filters`` are those of ``NetworkGraph.from_links`` (kinds, min_strength, node_kinds).
    """
    if since > on:
        raise ValueError("since must be on or before on")
    links = list(links)
    before = NetworkGraph.from_links(links, since, **filters)
    after = NetworkGraph.from_links(links, on, **filters)
    out = Changes(since=since, on=on)
    out.new_nodes = sorted(n for n in after.names if n not in before.index)
    before_rows = {id(r) for r in before.rows}
    out.new_links = [r for r in after.rows if id(r) not in before_rows]
    out.ended_links = [r for r in before.rows if not is_current(r, on)]
    old = before.component_membership()
    old_of = {before.names[v]: c for v, c in enumerate(old)}
    groups_before: dict[int, list[str]] = {}
    for name, c in old_of.items():
        groups_before.setdefault(c, []).append(name)
    for members in after.graph.connected_components():
        names = {after.names[v] for v in members}
        old_parts = {old_of[n] for n in names if n in old_of}
        if len(old_parts) > 1:
            # Only the members still in this group: a link that ended may have taken some of
            # an old group elsewhere, and they did not join this one.
            parts = [sorted(n for n in groups_before[c] if n in names) for c in old_parts]
            parts.sort(key=lambda p: (-len(p), p[0]))
            out.merged.append(parts)
    out.merged.sort(key=lambda m: (-sum(len(p) for p in m), m[0][0]))
    return out
