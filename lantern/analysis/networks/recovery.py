"""How well communities found in a graph recover networks known to be there (planted ones in
the synthetic county, or networks an analyst has confirmed).

Two measures: normalised mutual information between the found communities and the known
networks over the nodes of the known networks (1 means the same partition), and how many known
networks are *found whole*: every one of their nodes in one community. A node that belongs to
several known networks (an adult in two lines) is counted with the first (lowest id) only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import igraph as ig


@dataclass(frozen=True)
class Recovery:
    nmi: float
    whole: int
    networks: int
    nodes: int

    @property
    def whole_share(self) -> float:
        return self.whole / self.networks if self.networks else 0.0


def recovery(found: Mapping[str, int], known: Mapping[object, Iterable[str]]) -> Recovery:
    """Compare ``found`` (node -> community) with ``known`` (network id -> its nodes)."""
    truth: dict[str, object] = {}
    for net in sorted(known, key=str):
        for node in known[net]:
            truth.setdefault(node, net)
    nodes = sorted(n for n in truth if n in found)
    whole = 0
    for members in known.values():
        comms = {found.get(n) for n in members}
        if None not in comms and len(comms) == 1:
            whole += 1
    if not nodes:
        return Recovery(0.0, whole, len(known), 0)
    labels = {}
    truth_m = [labels.setdefault(truth[n], len(labels)) for n in nodes]
    found_labels: dict[int, int] = {}
    found_m = [found_labels.setdefault(found[n], len(found_labels)) for n in nodes]
    if len(labels) == 1 and len(found_labels) == 1:
        nmi = 1.0
    else:
        nmi = ig.compare_communities(truth_m, found_m, method="nmi")
    return Recovery(float(nmi), whole, len(known), len(nodes))
