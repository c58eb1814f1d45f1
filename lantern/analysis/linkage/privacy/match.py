"""The linkage unit's side: candidate pairs from shared blocking keys, scored by Dice.

It holds only what the agencies sent (``EncodedExtract``): record ids, CLKs, keyed blocking
keys. Candidate pairs are the pairs sharing at least one blocking key (an equi-join in
DuckDB); each is scored by the Dice coefficient of its two CLKs (numpy popcounts, about ten
million pairs a second on one core), and a pair at or above the threshold is a link.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lantern.analysis.linkage.privacy.clk import dice, popcount
from lantern.analysis.linkage.privacy.encode import EncodedExtract

__all__ = ["EncodedLinkResult", "link_encoded"]

#: Dice at or above which two CLKs are taken for one person (tuned on the synthetic county:
#: see docs/performance.md; a deployment tunes it on its own reviewed sample).
DEFAULT_THRESHOLD = 0.80


@dataclass
class EncodedLinkResult:
    pairs: pd.DataFrame  # left_source, left_id, right_source, right_id, dice
    candidates: int
    seconds_comparing: float
    cpu_seconds_comparing: float = 0.0
    match_rates: dict = field(default_factory=dict)  # share of each extract's records linked
    timings: dict = field(default_factory=dict)

    @property
    def comparisons_per_second(self) -> float:
        """Wall-clock rate (all cores the process used)."""
        return self.candidates / self.seconds_comparing if self.seconds_comparing else 0.0

    @property
    def comparisons_per_cpu_second(self) -> float:
        """Per core: comparisons per second of CPU time (numpy's Dice runs on one core), which
        a shared machine's load does not stretch as it stretches wall time."""
        return self.candidates / self.cpu_seconds_comparing if self.cpu_seconds_comparing else 0.0


_ACROSS_ONLY = """
    SELECT DISTINCT l.row AS a, r.row AS b
    FROM keys l JOIN keys r ON l.k = r.k AND l.row < r.row
    WHERE l.part <> r.part
"""
_WITHIN_AND_ACROSS = """
    SELECT DISTINCT l.row AS a, r.row AS b
    FROM keys l JOIN keys r ON l.k = r.k AND l.row < r.row
"""


def _candidate_pairs(extracts: Sequence[EncodedExtract], offsets: list[int],
                     dedupe: bool) -> np.ndarray:
    import duckdb

    keys = pd.DataFrame({
        "row": np.concatenate([e.block_rows + off for e, off in zip(extracts, offsets, strict=True)]),
        "part": np.concatenate([np.full(len(e.block_rows), i, dtype=np.int32)
                                for i, e in enumerate(extracts)]),
        "k": np.concatenate([e.block_keys for e in extracts]).view(np.int64),
    })
    con = duckdb.connect(":memory:", config={"threads": 2})
    try:
        con.register("keys", keys)
        # Across extracts always; within one when deduplicating (or when there is only one).
        query = _WITHIN_AND_ACROSS if (dedupe or len(extracts) == 1) else _ACROSS_ONLY
        pairs = con.sql(query).fetchnumpy()
    finally:
        con.close()
    return np.stack([pairs["a"], pairs["b"]], axis=1).astype(np.int64) if len(pairs["a"]) else \
        np.zeros((0, 2), dtype=np.int64)


#: Share of bits set above which a CLK cannot be an honest encoding (an honest one sets well
#: under half): a party sending every bit set would "match" every record of the other's.
MAX_FILL = 0.75


def _check_plausible(e: EncodedExtract) -> None:
    if len(e.clks) == 0:
        return
    fill = popcount(e.clks).max() / (e.clks.shape[1] * 64)
    if fill > MAX_FILL:
        raise ValueError(f"encodings from {e.name!r} set {fill:.0%} of bits in some record: "
                         "not an honest encoding; refused")


def link_encoded(extracts: Sequence[EncodedExtract], *, threshold: float = DEFAULT_THRESHOLD,
                 dedupe: bool = False, chunk: int = 2_000_000) -> EncodedLinkResult:
    """Link encoded extracts (one: duplicates within it; several: links between them)."""
    if not extracts:
        raise ValueError("give at least one encoded extract")
    words = {e.clks.shape[1] for e in extracts}
    if len(words) != 1:
        raise ValueError("the extracts were encoded with different CLK lengths")
    for e in extracts:
        _check_plausible(e)
    started = time.perf_counter()
    offsets = list(np.cumsum([0] + [len(e.ids) for e in extracts[:-1]]))
    clks = np.concatenate([e.clks for e in extracts])
    ids = np.concatenate([e.ids for e in extracts]).astype(object)
    sources = np.concatenate([np.full(len(e.ids), e.name, dtype=object) for e in extracts])
    candidates = _candidate_pairs(extracts, offsets, dedupe)
    blocked = time.perf_counter()
    cpu_started = time.process_time()
    scores = np.empty(len(candidates), dtype=np.float64)
    for start in range(0, len(candidates), chunk):
        part = candidates[start:start + chunk]
        scores[start:start + chunk] = dice(clks[part[:, 0]], clks[part[:, 1]])
    compared = time.perf_counter()
    cpu_comparing = time.process_time() - cpu_started
    keep = scores >= threshold
    a, b = candidates[keep, 0], candidates[keep, 1]
    pairs = pd.DataFrame({"left_source": sources[a], "left_id": ids[a],
                          "right_source": sources[b], "right_id": ids[b],
                          "dice": np.round(scores[keep], 6)})
    pairs = pairs.sort_values("dice", ascending=False, kind="stable").reset_index(drop=True)
    linked = np.zeros(len(ids), dtype=bool)
    linked[a] = True
    linked[b] = True
    # Reported so an owner can see an implausible rate (a crafted list "matching" everything).
    rates = {e.name: float(linked[off:off + len(e.ids)].mean()) if len(e.ids) else 0.0
             for e, off in zip(extracts, offsets, strict=True)}
    return EncodedLinkResult(pairs=pairs, candidates=len(candidates), match_rates=rates,
                             seconds_comparing=compared - blocked, cpu_seconds_comparing=cpu_comparing,
                             timings={"blocking": blocked - started, "comparing": compared - blocked})
