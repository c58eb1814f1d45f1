"""The dashboard benchmark's measuring half, on the test database (the county run is
``python -m bench dashboard``, never part of the suite): every filter it asks for is one the
page accepts, the peer's filter is one it refuses, and the timings come back for each view."""

from __future__ import annotations

import pytest

from bench import bench_dashboard
from bench.__main__ import discover

pytestmark = pytest.mark.django_db


def test_the_dashboard_benchmark_is_discovered_after_the_county_load():
    names = discover()
    assert "dashboard" in names and names.index("county_load") < names.index("dashboard")


def test_measure_times_every_filter_and_the_peer(personas, monkeypatch):
    monkeypatch.setattr(bench_dashboard, "ROUNDS", 1)
    result = bench_dashboard.measure()
    assert result["filters"] >= 5
    assert len(result["views_ms"]) == len(result["peer_ms"]) == result["filters"]
    assert all(ms > 0 for ms in result["views_ms"] + result["peer_ms"]) and result["first_ms"] > 0


def test_percentile_picks_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert bench_dashboard._percentile(values, 0.95) == 95.0
    assert bench_dashboard._percentile(values, 0.5) in (50.0, 51.0)
