"""The network benchmark's quick mode (the full county run is ``python -m bench networks``, never
part of the suite): it builds the small county's graph, compares with raw igraph and networkx,
recovers the planted networks and writes its report."""

from __future__ import annotations

from bench import bench_networks
from bench.__main__ import discover


def test_network_benchmark_is_discovered():
    assert "networks" in discover()


def test_quick_mode_runs_and_reports():
    result = bench_networks.run(scale="small", pg=False, rounds=1, nx_sample=3000)
    assert result["links"] > 10_000
    assert set(result["ratio"]) == {"build", "components", "pagerank", "leiden", "total"}
    rec = result["recovery"]["intel"]
    # The planted networks' own links give them back exactly.
    assert rec.nmi > 0.95 and rec.whole == rec.networks
    md = result["markdown"]
    assert "Planted networks recovered" in md and "raw igraph" in md and "networkx" in md
    assert result["latency"] is None
