"""Networks around children: a Django-free library over igraph.

Plain link rows in (``Link``: source, target, kind, strength, first seen, last seen, key), node
ids with their kind as a prefix (``P:12`` a person, ``L:3`` a line, ``PH:07700900187`` a
phone, ``A:5`` an address ...), plain answers out. The Django side (``lantern.networks``)
decides what a viewer may see and passes only that here; this library never names anyone.

* ``NetworkGraph.from_links(rows, on=date)``: the network as at a date (``model.as_at``);
  components, Leiden communities, PageRank, sampled betweenness, neighbourhoods, paths.
* ``changes_since(rows, since, on)``: new entities and links, ended links, merged groups.
* ``alerts_since(rows, facts, since=, on=)``: contextual alerts, each with explaining paths.
* ``recovery(found, known)``: NMI and networks found whole (benchmarks, tuning).
"""

from lantern.analysis.networks.alerts import (
    FAMILY_KINDS,
    KINDS,
    NEAR_ACTIVE_LINE,
    PLACE_LINKED,
    SCHOOL_YEAR_GROUP,
    SHARED_ADULT,
    SHARED_MISSING,
    SHARED_PHONE,
    Alert,
    Facts,
    alerts_at,
    alerts_since,
)
from lantern.analysis.networks.changes import Changes, changes_since
from lantern.analysis.networks.graph import ByNode, KeyNode, Neighbourhood, NetworkGraph
from lantern.analysis.networks.model import (
    PREFIXES,
    STRENGTH_ORDER,
    STRENGTH_WEIGHT,
    Link,
    as_at,
    is_current,
    kind_of,
    strength_at_least,
)
from lantern.analysis.networks.recovery import Recovery, recovery

__all__ = [
    "ByNode",
    "FAMILY_KINDS", "KINDS", "NEAR_ACTIVE_LINE", "PLACE_LINKED", "PREFIXES", "SCHOOL_YEAR_GROUP",
    "SHARED_ADULT", "SHARED_MISSING", "SHARED_PHONE", "STRENGTH_ORDER", "STRENGTH_WEIGHT", "Alert",
    "Changes", "Facts", "KeyNode", "Link", "NetworkGraph", "Neighbourhood", "Recovery", "alerts_at",
    "alerts_since", "as_at", "changes_since", "is_current", "kind_of", "recovery",
    "strength_at_least",
]
