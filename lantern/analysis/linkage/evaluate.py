"""How good is a linkage? Pairwise and cluster precision, recall and F1 against known truth.

Truth files (``load_truth``), either:

- the synthetic county's ``ground_truth.json`` (``record_clusters``: each person's record ids),
  as ``lantern.synthetic`` writes it; or
- a CSV with a header naming a record id column (``record_id`` or ``id``) and a cluster
  column (``cluster_id``, ``cluster`` or ``person_id``): records with the same cluster value
  are one person. Records missing from the truth are not judged (counted as ``unjudged``).

Pairwise: the pairs at or above the threshold against every within-cluster pair of the truth.
Cluster: the connected components of those pairs against the truth's clusters, counted over
clusters of two or more records (a county is mostly people with one record, and counting
singletons would flatter any linker that links nothing); a cluster is right only when its
records are exactly a true cluster's.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from lantern.analysis.linkage.clusters import connected_components

__all__ = ["TruthError", "evaluate", "load_truth"]

_ID_COLUMNS = ("record_id", "id")
_CLUSTER_COLUMNS = ("cluster_id", "cluster", "person_id")


class TruthError(ValueError):
    """The truth file cannot be read as either supported format."""


def load_truth(path: str | Path) -> dict[str, str]:
    """``{record id: cluster id}`` (both as text) from a truth file (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise TruthError(f"{path}: no such file")
    with open(path, encoding="utf-8-sig") as f:
        head = f.read(1).lstrip()
        f.seek(0)
        if head in ("{", "["):
            return _truth_json(f, path)
        return _truth_csv(f, path)


def _truth_json(f, path: Path) -> dict[str, str]:
    try:
        data = json.load(f)
    except json.JSONDecodeError as exc:
        raise TruthError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    clusters = data.get("record_clusters") if isinstance(data, dict) else None
    if not isinstance(clusters, list):
        raise TruthError(f"{path}: a JSON truth file needs a 'record_clusters' list")
    truth: dict[str, str] = {}
    for i, cluster in enumerate(clusters):
        try:
            key = str(cluster.get("person_id", f"cluster-{i}"))
            for record in cluster["records"]:
                truth[str(record)] = key
        except (AttributeError, KeyError, TypeError) as exc:
            raise TruthError(f"{path}: record_clusters[{i}] needs a 'records' list") from exc
    return truth


def _truth_csv(f, path: Path) -> dict[str, str]:
    reader = csv.DictReader(f)
    columns = reader.fieldnames or []
    id_col = next((c for c in _ID_COLUMNS if c in columns), None)
    cluster_col = next((c for c in _CLUSTER_COLUMNS if c in columns), None)
    if id_col is None or cluster_col is None:
        raise TruthError(f"{path}: a CSV truth file needs a record id column "
                         f"({' or '.join(_ID_COLUMNS)}) and a cluster column "
                         f"({', '.join(_CLUSTER_COLUMNS)}); found {', '.join(columns) or 'none'}")
    truth = {}
    for row in reader:
        rid, cid = (row.get(id_col) or "").strip(), (row.get(cluster_col) or "").strip()
        if rid and cid:
            truth[rid] = cid
    return truth


def _prf(tp: int, predicted: int, actual: int) -> dict:
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 6), "recall": round(recall, 6), "f1": round(f1, 6),
            "true_positives": tp, "false_positives": predicted - tp, "false_negatives": actual - tp}


def evaluate(pairs: Iterable[tuple[str, str, float]], truth: Mapping[str, str], *,
             threshold: float = 0.5, universe: Iterable[str] | None = None) -> dict:
    """Pairwise and cluster metrics for ``(left_id, right_id, match_probability)`` pairs.

    ``universe``: the record ids that were linked (default: every id in the truth). Give it
    when a sample was linked, or recall is measured against records never offered.

    >>> truth = {"1": "a", "2": "a", "3": "b", "4": "b", "5": "c"}
    >>> r = evaluate([("1", "2", 0.99), ("3", "5", 0.9)], truth)
    >>> r["pairwise"]["precision"], r["pairwise"]["recall"], r["cluster"]["recall"]
    (0.5, 0.5, 0.5)
    """
    ids = set(map(str, universe)) if universe is not None else set(truth)
    known = {i: truth[i] for i in ids if i in truth}
    predicted = set()
    unjudged = 0
    scored = 0
    for left, right, probability in pairs:
        scored += 1
        if probability < threshold:
            continue
        left, right = str(left), str(right)
        if left == right:
            continue
        if left not in known or right not in known:
            unjudged += 1
            continue
        predicted.add((left, right) if left < right else (right, left))
    sizes = Counter(known.values())
    actual_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    tp = sum(1 for a, b in predicted if known[a] == known[b])

    components = connected_components(sorted(known), predicted)
    predicted_groups: dict[int, list[str]] = defaultdict(list)
    for record, number in components.items():
        predicted_groups[number].append(record)
    true_groups: dict[str, list[str]] = defaultdict(list)
    for record, cluster in known.items():
        true_groups[cluster].append(record)
    true_sets = {frozenset(g) for g in true_groups.values() if len(g) > 1}
    predicted_sets = {frozenset(g) for g in predicted_groups.values() if len(g) > 1}
    exact = len(true_sets & predicted_sets)
    return {
        "threshold": threshold,
        "records": len(known),
        "pairs_in_file": scored,
        "pairs_at_threshold": len(predicted) + unjudged,
        "unjudged_pairs": unjudged,
        "pairwise": _prf(tp, len(predicted), actual_pairs),
        "cluster": _prf(exact, len(predicted_sets), len(true_sets)),
    }
