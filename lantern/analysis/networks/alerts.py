"""Contextual alerts: patterns in the network that a lead professional or a panel should hear
about, each with the path of links that explains it.

Every alert is worked out from the network as at a date. ``alerts_since(since, on)`` gives the
alerts that hold on ``on`` and did not hold on ``since`` ("newly"), so a nightly run raises each
one once. The rules (ADR 0021):

``near_active_line``
    a child is within two links of a County Line that is active on the date.
``place_linked``
    a place, address or group is linked directly to a child at high risk or to an adult of
    concern.
``school_year_group``
    two or more children in the same school and year group are each within two links of the
    same line or group.
``shared_adult`` / ``shared_phone`` / ``shared_missing``
    two or more children are each linked directly to the same adult, phone or missing episode,
    or two children are linked to each other as missing together.

Family links (parent, sibling ...) are left out of the "shared adult" rule: brothers and sisters
share a mother, which is not a concern. Who receives an alert, and what each recipient may read
of it, is decided outside this library (the naming rule lives with the access policy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lantern.analysis.networks.graph import NetworkGraph
from lantern.analysis.networks.model import kind_of

NEAR_ACTIVE_LINE = "near_active_line"
PLACE_LINKED = "place_linked"
SCHOOL_YEAR_GROUP = "school_year_group"
SHARED_ADULT = "shared_adult"
SHARED_PHONE = "shared_phone"
SHARED_MISSING = "shared_missing"
KINDS = (NEAR_ACTIVE_LINE, PLACE_LINKED, SCHOOL_YEAR_GROUP, SHARED_ADULT, SHARED_PHONE, SHARED_MISSING)

FAMILY_KINDS = frozenset({"parent", "parent_of", "child_of", "sibling", "sibling_of", "family",
                          "carer", "relative", "lives_with", "step_parent", "guardian"})
PLACE_KINDS = frozenset({"address", "place", "group"})
NETWORK_KINDS = frozenset({"line", "group"})
MISSING_LINK_KINDS = frozenset({"missing_with", "found_with"})


@dataclass(frozen=True)
class Facts:
    """What the caller knows about a node, as at the date of the run."""

    child: bool = False
    high_risk: bool = False
    of_concern: bool = False
    school: object = None
    year_group: object = None
    active_line: bool = False  # a County Line active on the date
    kind: str | None = None  # overrides the kind from the node id prefix


NO_FACTS = Facts()


@dataclass(frozen=True)
class Alert:
    """One alert: its rule, what it is about, the children concerned and the explaining paths.

    ``paths`` are lists of ``(node, link)`` steps as ``NetworkGraph.path`` gives them.
    ``key`` identifies the alert across runs (the same situation gives the same key).
    """

    kind: str
    about: str
    subjects: tuple[str, ...]
    paths: tuple = field(compare=False)
    detail: tuple = ()

    @property
    def key(self) -> tuple:
        return (self.kind, self.about, self.subjects, self.detail)

    def nodes(self) -> set[str]:
        """Every node the alert mentions (to check each against what a recipient may see)."""
        out = {self.about, *self.subjects}
        for p in self.paths:
            out.update(n for n, _ in p)
        return out


def _kind(node: str, facts: Mapping[str, Facts]) -> str:
    f = facts.get(node)
    return f.kind if f is not None and f.kind else kind_of(node)


def _children(g: NetworkGraph, facts: Mapping[str, Facts]) -> list[str]:
    return sorted(n for n in g.names if facts.get(n, NO_FACTS).child)


def near_active_line(g: NetworkGraph, facts: Mapping[str, Facts]) -> list[Alert]:
    out = []
    for line in sorted(n for n in g.names if facts.get(n, NO_FACTS).active_line):
        for node, d in sorted(g.within(line, 2).items()):
            if d and facts.get(node, NO_FACTS).child:
                out.append(Alert(NEAR_ACTIVE_LINE, line, (node,), (g.path(node, line),)))
    return out


def place_linked(g: NetworkGraph, facts: Mapping[str, Facts]) -> list[Alert]:
    out = []
    for place in sorted(n for n in g.names if _kind(n, facts) in PLACE_KINDS):
        for other in g.neighbours(place):
            f = facts.get(other, NO_FACTS)
            if (f.child and f.high_risk) or (not f.child and f.of_concern):
                detail = ("high_risk_child",) if f.child else ("adult_of_concern",)
                subjects = (other,) if f.child else ()
                out.append(Alert(PLACE_LINKED, place, subjects, (g.path(other, place),),
                                 detail + (other,) if not f.child else detail))
    return out


def school_year_group(g: NetworkGraph, facts: Mapping[str, Facts]) -> list[Alert]:
    out = []
    for net in sorted(n for n in g.names if _kind(n, facts) in NETWORK_KINDS):
        groups: dict[tuple, list[str]] = {}
        for node, d in g.within(net, 2).items():
            f = facts.get(node, NO_FACTS)
            if d and f.child and f.school is not None and f.year_group is not None:
                groups.setdefault((f.school, f.year_group), []).append(node)
        for (school, year), kids in sorted(groups.items(), key=lambda kv: str(kv[0])):
            if len(kids) >= 2:
                kids = sorted(kids)
                out.append(Alert(SCHOOL_YEAR_GROUP, net, tuple(kids),
                                 tuple(g.path(k, net) for k in kids), (school, year)))
    return out


def shared(g: NetworkGraph, facts: Mapping[str, Facts], *,
           family_kinds: Iterable[str] = FAMILY_KINDS) -> list[Alert]:
    family = set(family_kinds)
    out = []
    children = set(_children(g, facts))
    # Children linked to each other as missing together.
    seen_pairs = set()
    for row in g.rows:
        if row[2] in MISSING_LINK_KINDS and row[0] in children and row[1] in children and row[0] != row[1]:
            pair = tuple(sorted((row[0], row[1])))
            if pair not in seen_pairs:
                seen_pairs.add(pair)
                out.append(Alert(SHARED_MISSING, pair[0], pair, (g.path(pair[0], pair[1]),)))
    # Children linked directly to the same adult, phone or missing episode.
    hubs: dict[str, set[str]] = {}
    for row in g.rows:
        if row[2] in family:
            continue
        a, b = row[0], row[1]
        for child, hub in ((a, b), (b, a)):
            if child in children and hub not in children:
                hubs.setdefault(hub, set()).add(child)
    for hub, kids in sorted(hubs.items()):
        if len(kids) < 2:
            continue
        kind = _kind(hub, facts)
        rule = {"person": SHARED_ADULT, "phone": SHARED_PHONE, "missing_episode": SHARED_MISSING}.get(kind)
        if rule is None:
            continue
        kids_t = tuple(sorted(kids))
        out.append(Alert(rule, hub, kids_t, tuple(g.path(k, hub, max_links=1) for k in kids_t)))
    return out


def alerts_at(links: Iterable, facts: Mapping[str, Facts], on: dt.date, *,
              graph: NetworkGraph | None = None, rules: Iterable[str] = KINDS) -> list[Alert]:
    """Every alert that holds on the network as at ``on``."""
    g = graph if graph is not None else NetworkGraph.from_links(links, on)
    rules = set(rules)
    out: list[Alert] = []
    if NEAR_ACTIVE_LINE in rules:
        out += near_active_line(g, facts)
    if PLACE_LINKED in rules:
        out += place_linked(g, facts)
    if SCHOOL_YEAR_GROUP in rules:
        out += school_year_group(g, facts)
    if rules & {SHARED_ADULT, SHARED_PHONE, SHARED_MISSING}:
        out += [a for a in shared(g, facts) if a.kind in rules]
    return out


def alerts_since(links: Iterable, facts: Mapping[str, Facts], *, since: dt.date, on: dt.date,
                 facts_since: Mapping[str, Facts] | None = None,
                 rules: Iterable[str] = KINDS) -> list[Alert]:
    """Alerts that hold on ``on`` and did not hold on ``since`` (same key), in a stable order.

    ``facts_since`` is what was known about the nodes on ``since`` (which lines were active,
    who was at high risk); without it ``facts`` is used for both dates, so only the links decide
    what is new.
    """
    links = list(links)
    rules = tuple(rules)
    before = {a.key for a in alerts_at(links, facts_since or facts, since, rules=rules)}
    now = alerts_at(links, facts, on, rules=rules)
    return [a for a in now if a.key not in before]
