"""Benchmarks, each measured beside a peer in the same run (see docs/performance.md).

Every ``bench/bench_<name>.py`` exposes ``run() -> dict`` returning at least ``markdown`` (its
section of docs/performance.md) and ``ok`` (whether its targets were met). ``python -m bench``
runs them all; ``python -m bench <name>`` runs one.
"""
