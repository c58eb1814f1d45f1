"""Django-free analysis library: linkage, networks, trends and disclosure control.

Plain data in, plain data out; never imports Django or another Lantern app (an import-linter
contract checks this in ``make test``).
"""

from lantern.analysis.disclosure import (
    TOTAL,
    Published,
    Reason,
    Table,
    protect,
    protect_linked,
    suppress_counts,
)

__all__ = ["TOTAL", "Published", "Reason", "Table", "protect", "protect_linked", "suppress_counts"]
