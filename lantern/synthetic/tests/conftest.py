"""Generated worlds shared by the synthetic tests (generation is pure, so module scope is safe)."""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.synthetic.generator import Scale, generate

SEED = 20260101
#: The tests' pinned as-at date (the world's today), so expectations never depend on the clock.
AS_AT = dt.date(2026, 10, 31)
#: Bigger than ``small`` so yearly trends have enough events to test, still about a second.
TREND = Scale("trend", 1, 1500, 2500, 2)
#: Tiny, for database round trips that run several loads.
TINY = Scale("tiny", 1, 30, 200, 2)


@pytest.fixture(scope="session")
def small_world():
    return generate(seed=SEED, as_at=AS_AT, scale="small")


@pytest.fixture(scope="session")
def trend_world():
    return generate(seed=SEED, as_at=AS_AT, scale=TREND)
