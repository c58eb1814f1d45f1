"""Node ids for the analysis library (``P:12``) from intelligence link ends (``("person", 12)``).

The library reads an entity's kind from its node id's prefix (``lantern.analysis.networks
.model.PREFIXES``); places and groups worked as cases (``context``) are ``PL:`` nodes, which the
library counts as places for the "place linked to a child at high risk" alert.
"""

from __future__ import annotations

PREFIX = {
    "person": "P", "address": "A", "context": "PL", "phone": "PH", "vehicle": "V",
    "handle": "H", "line": "L", "group": "G",
}
KIND = {v: k for k, v in PREFIX.items()}


def node_id(kind: str, pk: int) -> str:
    return f"{PREFIX.get(kind, kind)}:{int(pk)}"


def end_of(node: str) -> tuple[str, int]:
    """``("person", 12)`` for ``"P:12"`` (ValueError for anything else)."""
    prefix, _, pk = node.partition(":")
    if prefix not in KIND or not pk.isdigit():
        raise ValueError(node)
    return KIND[prefix], int(pk)
