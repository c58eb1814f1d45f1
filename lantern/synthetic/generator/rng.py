"""Seeded randomness: every stream is a ``random.Random`` derived from the seed and a name.

Why named streams: the county's parts (geography, cases, households...) draw from separate
generators, so adding a draw in one part does not reshuffle every other part, and a county in a
national run can be generated on its own. Seeding ``random.Random`` with a string hashes it with
SHA-512, which is stable across runs, platforms and ``PYTHONHASHSEED`` (never ``hash()``).
Never the global ``random`` functions and never the clock.
"""

from __future__ import annotations

import bisect
import itertools
import random


def derive(seed: int, *parts: object) -> random.Random:
    """A generator for one named stream, e.g. ``derive(20260101, "county", 0, "cases")``."""
    return random.Random(":".join(["lantern-synthetic", str(seed), *map(str, parts)]))


def pick(rnd: random.Random, seq):
    """``rnd.choice`` without its rejection sampling: three times faster in the hot loops, and
    the bias (below one part in 2**50) does not matter for synthetic data."""
    return seq[int(rnd.random() * len(seq))]


def between(rnd: random.Random, low: int, high: int) -> int:
    """``rnd.randint(low, high)`` (both ends included), the fast way."""
    return low + int(rnd.random() * (high - low + 1))


class Weighted:
    """Fast repeated weighted choice: precomputed cumulative weights and a bisect per draw."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        pairs = list(pairs)
        self.items = [p[0] for p in pairs]
        self.cum = list(itertools.accumulate(p[1] for p in pairs))
        self.total = self.cum[-1]

    def pick(self, rnd: random.Random):
        return self.items[bisect.bisect(self.cum, rnd.random() * self.total)]


def poisson_table(mean: float, limit: int = 30) -> Weighted:
    """A Poisson(mean) sampler as a cumulative table (cheap in the per-person loop)."""
    import math

    probs = [math.exp(-mean) * mean**k / math.factorial(k) for k in range(limit)]
    return Weighted(zip(range(limit), probs))
