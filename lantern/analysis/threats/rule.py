"""The threat rule: a week is unusual when a count that high would rarely happen by chance.

Why Poisson exceedance (docs/adr/0020-emerging-threats.md): weekly counts of missing episodes or
arrests in one area are small whole numbers, often zero, which is exactly what a Poisson count
describes; the test needs one figure from the past (the trailing mean), and its answer can be
said in a sentence ("9 this week against a 12-week mean of 3.1: a week this high would come by
chance about once in 600 weeks"). An EWMA chart needs a variance and a smoothing weight that
readers cannot check by hand, and it misbehaves at zero.

The parameters are settings (``LANTERN_THREAT_RULE`` in the Django settings; ``Rule(**...)``
here) so a partnership can tune them; every alert records the rule it was raised under.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class Rule:
    """Parameters of the weekly Poisson exceedance rule.

    ``baseline_weeks``: how many ordinary weeks before the week tested make its baseline.
    ``min_history_weeks``: fewer ordinary weeks than this and the week is not tested (a short
    history says nothing about what is usual).
    ``alpha``: a week is unusual when the chance of a count at least this high, given the
    baseline mean, is below ``alpha`` (0.01: a false alarm about once in 100 quiet weeks per
    series).
    ``min_count``: never alert on fewer events than this in a week, however quiet the past
    (one missing episode in an area that had none is not a threat).
    ``baseline_floor``: the mean is taken as at least this, so a zero baseline cannot make any
    single event "infinitely unlikely".
    ``end_after_quiet_weeks``: a surge stays one alert until this many weeks in a row are back
    to normal; a one-week dip does not end it and raise it again.
    ``max_surge_weeks``: a rise that lasts longer than this is a new level, not a surge: the
    alert closes and those weeks become the baseline.
    """

    baseline_weeks: int = 12
    min_history_weeks: int = 6
    alpha: float = 0.01
    min_count: int = 3
    baseline_floor: float = 0.5
    end_after_quiet_weeks: int = 2
    max_surge_weeks: int = 12

    def __post_init__(self) -> None:
        if not 1 <= self.min_history_weeks <= self.baseline_weeks:
            raise ValueError("min_history_weeks must be from 1 to baseline_weeks")
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must be between 0 and 1")
        if self.min_count < 1 or self.baseline_floor <= 0:
            raise ValueError("min_count must be at least 1 and baseline_floor above 0")
        if self.end_after_quiet_weeks < 1 or self.max_surge_weeks < 1:
            raise ValueError("end_after_quiet_weeks and max_surge_weeks must be at least 1")

    @classmethod
    def from_settings(cls, values: dict | None) -> Rule:
        """A rule from a settings dict; unknown keys are an error (a typo must not pass)."""
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"Unknown threat rule settings: {', '.join(unknown)}")
        return cls(**values)

    def as_dict(self) -> dict:
        return asdict(self)

    def effective_mean(self, mean: float) -> float:
        return max(mean, self.baseline_floor)

    def unusual(self, count: int, mean: float) -> tuple[bool, float]:
        """(is the week unusual, the chance of a count at least this high)."""
        p = poisson_tail(count, self.effective_mean(mean))
        return count >= self.min_count and p < self.alpha, p


def poisson_tail(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean), summed from the upper side so tiny chances stay exact.

    >>> round(poisson_tail(9, 3.1), 4)
    0.0047
    >>> poisson_tail(0, 2.0)
    1.0
    """
    if k <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    term = math.exp(-mean + k * math.log(mean) - math.lgamma(k + 1))
    total = 0.0
    j = k
    while True:
        total += term
        j += 1
        term *= mean / j
        if term < 1e-17 * total and j > mean:
            break
    return min(1.0, total)


def one_in(p: float) -> str:
    """A chance as "about once in 210 weeks" (rounded to two significant figures)."""
    if p <= 0:
        return "practically never"
    n = 1 / p
    if n >= 1_000_000:
        return "less than once in a million weeks"
    digits = max(0, int(math.floor(math.log10(n))) - 1)
    rounded = int(round(n, -digits))
    return f"about once in {rounded:,} weeks"
