"""Small-number suppression for published counts.

Why: a committee report that says "2 children in Year 8 at Oakfield" can identify them. Counts
between 1 and ``threshold - 1`` are hidden, and where exactly one cell in a group is hidden the
next smallest is hidden too (secondary suppression), so the total cannot reveal it.

Example::

    >>> suppress_counts({"North": 12, "West": 3, "East": 9}, threshold=5)
    {'North': 12, 'West': None, 'East': None}
"""

from __future__ import annotations

from collections.abc import Mapping


def suppress_counts(counts: Mapping[str, int], *, threshold: int = 5) -> dict[str, int | None]:
    """Return counts with small ones replaced by None (primary and secondary suppression)."""
    result: dict[str, int | None] = {
        k: (None if 0 < v < threshold else v) for k, v in counts.items()
    }
    hidden = [k for k, v in result.items() if v is None]
    if len(hidden) == 1:
        visible = sorted((v, k) for k, v in result.items() if v not in (None, 0))
        if visible:
            result[visible[0][1]] = None
    return result
