"""Clusters from linked pairs: connected components by union-find.

Why our own and not Splink's clustering: it is the same answer (connected components at a
threshold), runs in memory on pairs already fetched, and is identical whichever backend
scored the pairs, which keeps the DuckDB and Spark runs comparable record for record.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np

__all__ = ["components", "connected_components"]


def connected_components(nodes: Iterable[Hashable],
                         edges: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, int]:
    """Map every node to a cluster number; nodes in no edge are clusters of one.

    Cluster numbers are dense (0..k-1) in order of each cluster's first node as given.

    >>> connected_components("abcd", [("a", "c")])
    {'a': 0, 'b': 1, 'c': 0, 'd': 2}
    """
    parent: dict[Hashable, Hashable] = {}
    order: list[Hashable] = []
    for n in nodes:
        if n not in parent:
            parent[n] = n
            order.append(n)

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        for n in (a, b):
            if n not in parent:
                parent[n] = n
                order.append(n)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    numbers: dict[Hashable, int] = {}
    out: dict[Hashable, int] = {}
    for n in order:
        root = find(n)
        out[n] = numbers.setdefault(root, len(numbers))
    return out


def components(n: int, left, right) -> np.ndarray:
    """Cluster labels (0..k-1) for nodes 0..n-1 joined by edges ``left[i]``-``right[i]``.

    The vectorised form for a county: scipy's sparse-graph components, labels renumbered in
    order of each cluster's first node so the answer matches ``connected_components``.

    >>> components(4, [0], [2]).tolist()
    [0, 1, 0, 2]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components as _scipy_components

    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _count, labels = _scipy_components(graph, directed=False)
    _, first_seen = np.unique(labels, return_index=True)
    order = np.argsort(first_seen)
    renumber = np.empty_like(order)
    renumber[order] = np.arange(len(order))
    return renumber[labels]
