"""``seed_demo --scale county`` into PostgreSQL: wall time, CPU and peak memory, beside a peer
that ``COPY``s the same number of rows of constant values into a table of the same width.

Target (issue #12): the county loads (generated and written to the database) in under 3 minutes
and 2 GB on 2 cores. The database is a fresh one named by ``BENCH_COUNTY_DB`` (default
``postgres://postgres@127.0.0.1:5432/lantern_bench_county``), dropped and migrated first (not
timed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import machine

ROOT = Path(__file__).resolve().parent.parent
SEED = 20260101
AS_AT = "2026-11-30"
TARGET_SECONDS = 180
TARGET_MB = 2048
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/lantern_bench_county"


def _measure(cmd: list[str], env: dict) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.measure", "--", *cmd], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout)
    if result["returncode"] != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result['stderr'][-3000:]}")
    return result


def _fresh_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')


def peer(url: str, rows: int, columns: int) -> None:
    """COPY ``rows`` rows of ``columns`` short text values into a scratch table."""
    import psycopg

    with psycopg.connect(url) as con:
        cols = ", ".join(f"c{i} text" for i in range(columns))
        con.execute(f"CREATE TEMP TABLE peer ({cols})")
        row = tuple(f"value{i}" for i in range(columns))
        with con.cursor().copy(f"COPY peer ({', '.join(f'c{i}' for i in range(columns))}) FROM STDIN") as copy:
            for _ in range(rows):
                copy.write_row(row)


def run() -> dict:
    info = machine.describe()
    url = os.environ.get("BENCH_COUNTY_DB", DEFAULT_DB)
    env = {**os.environ, "DATABASE_URL": url}
    _fresh_database(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    with tempfile.TemporaryDirectory(prefix="lantern-bench-county-") as tmp:
        load = _measure([sys.executable, "manage.py", "seed_demo", "--scale", "county", "--seed", str(SEED),
                         "--as-at", AS_AT, "--out", tmp, "--no-progress"], env)
    import psycopg

    with psycopg.connect(url) as con:
        counts = con.execute("SELECT counts FROM synthetic_seedrun ORDER BY id DESC LIMIT 1").fetchone()[0]
    written = counts["people"] + counts["events"] + counts["involvements"]
    copy = _measure([sys.executable, "-m", "bench.bench_county_load", "peer", url, str(written), "14"], env)
    ratio = load["seconds"] / copy["seconds"]
    cpu_ratio = load["cpu_seconds"] / max(copy["cpu_seconds"], 0.001)
    ok = load["seconds"] < TARGET_SECONDS and load["max_rss_mb"] < TARGET_MB
    busy = ""
    if info["load_average"] > info["cores"]:
        busy = (f" The machine was shared (load average {info['load_average']} on {info['cores']} cores): "
                f"the load itself used {load['cpu_seconds']:.0f} s of CPU in the Python process (the "
                f"database server's work is on top).")
    md = f"""## County scale into PostgreSQL (`seed_demo --scale county`)

Measured {machine.line(info)}.

`manage.py seed_demo --scale county --seed {SEED} --as-at {AS_AT}` into an empty, migrated
PostgreSQL database: generates the county's files (as `bench_synthetic`), then streams them back
and writes the {counts['people']:,} people the partnership holds ({counts['children']:,}
children), their addresses, identifiers, relationships and {counts['involvements']:,}
involvements, {counts['events']:,} chronology events with their structured facts, name keys,
and {counts.get('network_lines', 0)} County Lines with their status history, with `COPY`
(`lantern/synthetic/county_load.py`, `lantern/synthetic/bulk.py`).

| | wall time | CPU time (client) | peak memory (RSS) |
|---|---:|---:|---:|
| `seed_demo --scale county` (generate + load) | {load['seconds']:.1f} s | {load['cpu_seconds']:.1f} s | {load['max_rss_mb']:,.0f} MB |
| peer: `COPY` of {written:,} rows of 14 constant text values | {copy['seconds']:.1f} s | {copy['cpu_seconds']:.1f} s | {copy['max_rss_mb']:,.0f} MB |
| **ratio load / peer** | **{ratio:.1f}x** | {cpu_ratio:.1f}x | |

Target: under {TARGET_SECONDS} s and {TARGET_MB:,} MB on 2 cores: {"met" if ok else "**missed**"}.{busy}
"""
    headline = f"county load {load['seconds']:.1f}s ({ratio:.1f}x peer), {load['max_rss_mb']:.0f} MB peak"
    return {"ok": ok, "markdown": md, "headline": headline, "load": load, "peer": copy, "machine": info}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "peer":
        peer(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        print(json.dumps(run()["headline"]))
