"""The network a viewer may see around a person, line or place, as at a date.

One rule decides what is drawn, listed, counted and exported: the links come only from
``lantern.intelligence.selectors.visible_links`` (which drops every link with an end the viewer
may not see, and every link at a sharing level they do not read), and every entity is labelled
only through ``lantern.intelligence.entities.describe``. The graph, the table, the exports, the
counts and the key-entity scores are all worked out from that one set, so none of them can
reveal a person the viewer may not open: there is no "hidden" node to collapse or count, because
a hidden person's links never reach this module.

Walking out: one ``visible_links`` query per link out (1 to 3), each around the entities found
at the step before; then one more step around any entity the viewer asked to expand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404

from lantern.analysis.networks import STRENGTH_ORDER, NetworkGraph, strength_at_least
from lantern.intelligence.entities import EntityView, describe, people_named, visible_ends
from lantern.intelligence.selectors import visible_links
from lantern.networks.nodes import end_of, node_id

MAX_DEPTH = 3
MAX_LINKS = 2000  # a view larger than this is cut at the last whole step, and says so


@dataclass
class Filters:
    depth: int = 2
    as_at: dt.date | None = None
    include_ended: bool = False
    entity_kinds: frozenset[str] = frozenset()  # empty: every kind
    link_types: frozenset[str] = frozenset()  # empty: every type
    min_strength: str | None = None
    expand: tuple[str, ...] = ()
    since: dt.date | None = None  # also say what changed between this date and ``as_at``


@dataclass
class Node:
    id: str
    view: EntityView
    distance: int
    degree: int = 0
    pagerank: float = 0.0
    community: int = 0

    @property
    def kind(self) -> str:
        return self.view.kind


@dataclass
class Edge:
    id: int
    source: str
    target: str
    type: str
    type_label: str
    strength: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    source_roles: list[str]
    target_roles: list[str]
    sharing: str
    row: dict = field(repr=False, default_factory=dict)


@dataclass
class Changed:
    """What changed in the view between ``since`` and its as-at date, as labelled entities."""

    since: dt.date
    new_nodes: list[EntityView]
    new_links: list[tuple[EntityView, str, EntityView, dt.date | None]]
    ended_links: list[tuple[EntityView, str, EntityView, dt.date | None]]
    joined: list[list[list[EntityView]]]

    @property
    def empty(self) -> bool:
        return not (self.new_nodes or self.new_links or self.ended_links or self.joined)

    @property
    def person_ids(self) -> list[int]:
        """Everyone this section names (an ended link may name someone the view no longer
        shows), including the residents of the addresses it labels, for the audit."""
        views = [*self.new_nodes, *(v for a, _, b, _ in self.new_links + self.ended_links
                                    for v in (a, b)),
                 *(v for merge in self.joined for part in merge for v in part)]
        return people_named((v.kind, v.id) for v in views)


@dataclass
class NetworkView:
    centre: Node
    nodes: list[Node]
    edges: list[Edge]
    filters: Filters
    truncated: bool = False
    components: int = 0
    #: The entities that hold the view together: (node, betweenness), by PageRank.
    key_nodes: list[tuple[Node, float]] = field(default_factory=list)
    changes: Changed | None = None

    def by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    @property
    def person_ids(self) -> list[int]:
        """Everyone the page or export names, for the audit: the view's people, the residents
        of its addresses (``people_named``), and those its changes name."""
        ids = set(people_named((n.kind, n.view.id) for n in self.nodes))
        if self.changes is not None:
            ids.update(self.changes.person_ids)
        return sorted(ids)


def centre_for(*, actor, kind: str, pk) -> tuple[str, int]:
    """The centre entity, if the actor may see it (404 otherwise: not found and not allowed
    look the same)."""
    try:
        end = (str(kind), int(pk))
    except (TypeError, ValueError):
        raise Http404 from None
    if end not in visible_ends(actor, [end]):
        raise Http404
    return end


def _keep(row: dict, f: Filters, centre: tuple[str, int]) -> bool:
    """Whether a link passes the filters: its type, its strength, and each end either of a
    wanted kind of entity or the centre itself."""
    if f.link_types and row["type"] not in f.link_types:
        return False
    if f.min_strength and not strength_at_least(row["strength"], f.min_strength):
        return False
    if f.entity_kinds:
        for e in "ab":
            end = (row[f"{e}_kind"], row[f"{e}_id"])
            if end != centre and end[0] not in f.entity_kinds:
                return False
    return True


def _walk(actor, start: Iterable[tuple[str, int]], steps: int, f: Filters,
          rows: dict[int, dict], dist: dict[tuple[str, int], int], base: int,
          centre: tuple[str, int]) -> bool:
    frontier = [e for e in start]
    for step in range(1, steps + 1):
        if not frontier:
            break
        got = visible_links(actor=actor, as_at=f.as_at, current_only=not f.include_ended,
                            around=frontier)
        new_rows = {r["id"]: r for r in got if r["id"] not in rows and _keep(r, f, centre)}
        if len(rows) + len(new_rows) > MAX_LINKS:
            return True
        rows.update(new_rows)
        nxt = []
        for r in new_rows.values():
            for end in ((r["a_kind"], r["a_id"]), (r["b_kind"], r["b_id"])):
                if end not in dist:
                    dist[end] = base + step
                    nxt.append(end)
        frontier = nxt
    return False


def network_around(*, actor, centre: tuple[str, int], filters: Filters) -> NetworkView:
    """The network ``filters.depth`` links out from ``centre`` that ``actor`` may see."""
    f = filters
    f.depth = max(1, min(MAX_DEPTH, f.depth))
    rows: dict[int, dict] = {}
    dist: dict[tuple[str, int], int] = {centre: 0}
    truncated = _walk(actor, [centre], f.depth, f, rows, dist, 0, centre)
    expand = []
    for n in f.expand:
        try:
            end = end_of(n)
        except ValueError:
            continue
        if end in dist:
            expand.append(end)
    if expand and not truncated:
        truncated = _walk(actor, expand, 1, f, rows, dist, f.depth, centre)
    labels = describe(actor, list(dist), on=f.as_at)
    # An end with no label is one the viewer may not see: ``visible_links`` has already dropped
    # its links, so this only guards against a change between the two reads.
    rows = {k: r for k, r in rows.items()
            if (r["a_kind"], r["a_id"]) in labels and (r["b_kind"], r["b_id"]) in labels}
    link_rows = [(node_id(r["a_kind"], r["a_id"]), node_id(r["b_kind"], r["b_id"]), r["type"],
                  r["strength"], r["first_seen"], r["last_seen"], r["id"]) for r in rows.values()]
    centre_id = node_id(*centre)
    graph = NetworkGraph.from_links(link_rows, nodes=[centre_id])
    pr = graph.pagerank()
    comm = graph.communities(seed=1) if len(graph) > 1 else {centre_id: 0}
    degree = dict(zip(graph.names, graph.graph.degree(), strict=True))
    nodes = []
    for end, d in dist.items():
        nid = node_id(*end)
        if end not in labels or (nid not in graph and nid != centre_id):
            continue
        nodes.append(Node(nid, labels[end], d, degree.get(nid, 0), pr.get(nid, 0.0), comm.get(nid, 0)))
    nodes.sort(key=lambda n: (n.distance, n.kind, n.view.label.lower(), n.id))
    from lantern.intelligence.choices import LinkType

    type_labels = dict(LinkType.choices)
    edges = [
        Edge(r["id"], node_id(r["a_kind"], r["a_id"]), node_id(r["b_kind"], r["b_id"]), r["type"],
             type_labels.get(r["type"], r["type"]), r["strength"], r["first_seen"], r["last_seen"],
             r["a_roles_shown"], r["b_roles_shown"], r["sharing"], r)
        for r in sorted(rows.values(), key=lambda r: r["id"])
    ]
    by_id = {n.id: n for n in nodes}
    key = [(by_id[k.node], k.betweenness)
           for k in graph.key_nodes(top=5, sample=None if len(graph) <= 500 else 256)
           if k.node in by_id] if len(graph) > 2 else []
    changes = _changed(actor, centre, f) if f.since and f.since <= f.as_at else None
    return NetworkView(by_id[centre_id], nodes, edges, f, truncated,
                       len(graph.components()) if len(graph) else 0, key, changes)


def _changed(actor, centre: tuple[str, int], f: Filters) -> Changed:
    """The same walk with ended links kept, compared between ``f.since`` and ``f.as_at``
    (``lantern.analysis.networks.changes_since``): only links the viewer may see, so a change
    they may not see is not a change here either."""
    from lantern.analysis.networks import changes_since
    from lantern.intelligence.choices import LinkType

    walk = Filters(depth=f.depth, as_at=f.as_at, include_ended=True, entity_kinds=f.entity_kinds,
                   link_types=f.link_types, min_strength=f.min_strength)
    rows: dict[int, dict] = {}
    dist: dict[tuple[str, int], int] = {centre: 0}
    _walk(actor, [centre], walk.depth, walk, rows, dist, 0, centre)
    labels = describe(actor, list(dist), on=f.as_at)
    link_rows = [(node_id(r["a_kind"], r["a_id"]), node_id(r["b_kind"], r["b_id"]), r["type"],
                  r["strength"], r["first_seen"], r["last_seen"], r["id"]) for r in rows.values()
                 if (r["a_kind"], r["a_id"]) in labels and (r["b_kind"], r["b_id"]) in labels]
    ch = changes_since(link_rows, f.since, f.as_at)
    view = {node_id(*end): v for end, v in labels.items()}
    type_labels = dict(LinkType.choices)

    def described(row, when):
        return (view[row[0]], type_labels.get(row[2], row[2]), view[row[1]], when)

    return Changed(
        since=f.since,
        new_nodes=[view[n] for n in ch.new_nodes if n in view],
        new_links=[described(r, r[4]) for r in ch.new_links],
        ended_links=[described(r, r[5]) for r in ch.ended_links],
        joined=[[[view[n] for n in part if n in view] for part in merge] for merge in ch.merged],
    )


def strengths() -> tuple[str, ...]:
    return STRENGTH_ORDER
