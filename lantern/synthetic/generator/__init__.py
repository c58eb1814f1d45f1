"""Deterministic synthetic county generator (Django-free; import-linter keeps it so).

Same seed and as-at date, same county: every random draw comes from ``random.Random`` streams
derived from the seed (``rng.derive``), and "today" is the ``as_at`` date passed in, never the
clock (``dates``).

Example::

    import datetime as dt
    from lantern.synthetic.generator import generate, write_files

    world = generate(seed=20260101, as_at=dt.date(2026, 10, 31), scale="small")  # in memory
    world.tables["people"][:3], world.truth["networks"][0]["nodes"]

    write_files(seed=20260101, as_at=dt.date(2026, 10, 31), scale="county",
                out_dir="var/synthetic/county-20260101")

Scales (see ``SCALES``): ``small`` (~200 children known to services; the demo and tests),
``county`` (5,000 known children, 300,000 identities, about a million events; streamed to CSV)
and ``national`` (forty counties; streamed to CSV).
"""

from __future__ import annotations

from lantern.synthetic.generator.api import (
    SCALES,
    GeneratedWorld,
    Scale,
    generate,
    write_files,
)
from lantern.synthetic.generator.dates import EARLIEST_AS_AT, START, check_as_at
from lantern.synthetic.generator.schema import TABLES
from lantern.synthetic.generator.sinks import TRUTH_FILE, digest_files, digest_tables

__all__ = [
    "EARLIEST_AS_AT",
    "SCALES",
    "START",
    "TABLES",
    "TRUTH_FILE",
    "GeneratedWorld",
    "check_as_at",
    "Scale",
    "digest_files",
    "digest_tables",
    "generate",
    "write_files",
]
