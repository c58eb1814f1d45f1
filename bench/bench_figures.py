"""The Figures: the committee statistics over the national synthetic events, through DuckDB
over Parquet, beside PostgreSQL (COPY-loaded) and pandas in the same run.

Targets (issue 12): every statistic of ``lantern.analysis.statistics.compute_all`` (one SQL
definition each, unchanged on every engine) over at least 3e7 events in under 3 s on 2 cores
with DuckDB over Parquet, and at least 5 times faster than the same queries on PostgreSQL.

Data: ``bench/national.py`` writes the generator's counties straight to Parquet and
``bench/national_facts.py`` derives the fact tables. ``LANTERN_FIGURES_FACTS`` may name a folder
of fact tables made earlier (``python -m bench.national_facts``); otherwise the benchmark
generates ``LANTERN_FIGURES_COUNTIES`` counties (default 40) and repeats them
``LANTERN_FIGURES_TILES`` times (default 1) with shifted ids, then deletes the files.

PostgreSQL: ``LANTERN_FIGURES_PG`` is a database URL (default
``postgres://postgres@127.0.0.1:5432/threats_db``); the tables are COPY-loaded from CSV written by
DuckDB, then ANALYZEd, with no indexes beyond what the queries would find by scanning (the same
as the Parquet files). ``LANTERN_FIGURES_PG_TILES`` loads only that many tiles when a full load is
too slow; DuckDB is then timed on the same tiles too, so the ratio is like for like, and the
table says so.

pandas: the event statistics (incidents, methods, arrests, ages, missing episodes, return home
interviews, NRM, County Lines) written with pandas over the same Parquet files, against DuckDB on
the same subset.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench import machine

TARGET_SECONDS = 3.0
TARGET_RATIO = 5.0
PERIOD = (dt.date(2015, 1, 1), dt.date(2026, 11, 29))
SUBSET = ("cse_incidents", "cse_methods", "drug_supply_arrests", "age_profile", "missing_episodes",
          "return_interviews", "nrm_referrals", "county_lines")


def _filters():
    from lantern.analysis.statistics import Filters

    return Filters(start=PERIOD[0], end=PERIOD[1])


def _time(fn, rounds: int = 3) -> tuple[float, float, object]:
    """(first run, median of ``rounds`` later runs, result)."""
    started = time.perf_counter()
    result = fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return first, statistics.median(times), result


def _duckdb(folder: Path, ids=None):
    from lantern.analysis.statistics import compute_all, duckdb_over_parquet

    db = duckdb_over_parquet(folder, threads=2)
    return lambda: compute_all(db, _filters(), ids)


def _subset_folder(facts: Path, tiles: int, work: Path) -> Path:
    """A folder of links to the first ``tiles`` tiles of each fact table."""
    out = work / f"first-{tiles}-tiles"
    for table in facts.iterdir():
        if not table.is_dir():
            continue
        (out / table.name).mkdir(parents=True, exist_ok=True)
        for part in sorted(table.glob("*.parquet"))[:tiles]:
            target = out / table.name / part.name
            if not target.exists():
                target.symlink_to(part)
    return out


def _pg_load(facts: Path, url: str, work: Path) -> tuple[float, int]:
    import duckdb
    import psycopg

    from lantern.analysis.statistics.schema import FACT_TABLES, ddl

    started = time.perf_counter()
    rows = 0
    con = duckdb.connect()
    con.execute("SET threads = 2")
    with psycopg.connect(url, autocommit=True) as pg:
        for table in FACT_TABLES:
            pg.execute(f"DROP TABLE IF EXISTS {table}")  # noqa: S608  # nosec B608
            pg.execute(ddl(table))
            folder = facts / table
            if not folder.is_dir() or not any(folder.glob("*.parquet")):
                continue
            csv_path = work / f"{table}.csv"
            source = str(folder / "*.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT * FROM read_parquet('{source}')) TO '{csv_path}' (HEADER false)")  # noqa: S608  # nosec B608
            with pg.cursor() as cur, cur.copy(f"COPY {table} FROM STDIN (FORMAT csv)") as copy, \
                    open(csv_path, "rb") as f:  # noqa: S608  # nosec B608
                while chunk := f.read(1 << 22):
                    copy.write(chunk)
            csv_path.unlink()
            rows += pg.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608  # nosec B608
        pg.execute("ANALYZE")
    return time.perf_counter() - started, rows


def _pg(url: str, ids=None):
    import psycopg

    from lantern.analysis.statistics import DBAPIEngine, compute_all

    conn = psycopg.connect(url, autocommit=True)
    db = DBAPIEngine(conn, paramstyle="format", name="postgresql")
    return lambda: compute_all(db, _filters(), ids), conn


def _pandas(folder: Path):
    """The event statistics in pandas, from the Parquet files (read once, then grouped)."""
    import pandas as pd

    started = time.perf_counter()
    ev = pd.read_parquet(folder / "facts_events", columns=[
        "person_id", "event_date", "event_year", "event_type", "method", "concern_type",
        "age_at_event", "arrested"])
    missing = pd.read_parquet(folder / "facts_missing")
    nrm = pd.read_parquet(folder / "facts_nrm")
    lines = pd.read_parquet(folder / "facts_lines")
    read = time.perf_counter() - started
    start, end = pd.Timestamp(PERIOD[0]), pd.Timestamp(PERIOD[1])

    def run():
        dates = pd.to_datetime(ev["event_date"])
        in_period = ev[(dates >= start) & (dates <= end)]
        cse = in_period[in_period["event_type"] == "cse_incident"]
        out = {"cse_incidents": cse.groupby("event_year").size(),
               "cse_methods": cse.groupby(["event_year", "method"]).size()}
        drugs = in_period[(in_period["arrested"] == 1) & (in_period["concern_type"] == "drug_supply")]
        out["drug_supply_arrests"] = drugs.groupby("event_year")["person_id"].nunique()
        firsts = drugs.groupby(["person_id", "event_year"])["age_at_event"].min().reset_index()
        out["age_profile"] = firsts.groupby(["event_year", "age_at_event"]).size()
        m = missing[(pd.to_datetime(missing["started_on"]) >= start) & (pd.to_datetime(missing["started_on"]) <= end)]
        out["missing_episodes"] = m.groupby(["area", "start_year"]).size()
        out["return_interviews"] = m.groupby(["area", "rhi"]).size()
        n = nrm[(pd.to_datetime(nrm["referred_on"]) >= start) & (pd.to_datetime(nrm["referred_on"]) <= end)]
        out["nrm_referrals"] = n.groupby(["referral_year", "exploitation_type"])["referral_id"].nunique()
        as_at = pd.Timestamp(PERIOD[1])
        vf, vt = pd.to_datetime(lines["valid_from"]), pd.to_datetime(lines["valid_to"])
        live = lines[(vf <= as_at) & (vt.isna() | (vt > as_at))]
        out["county_lines"] = live.groupby(["area", "status"])["line_id"].nunique()
        return out

    return run, read, len(ev)


def _ensure_facts(work: Path) -> tuple[Path, str]:
    given = os.environ.get("LANTERN_FIGURES_FACTS")
    if given:
        about = Path(given) / "about.json"  # written beside facts made earlier: how they were made
        if about.exists():
            return Path(given), json.loads(about.read_text())["how"]
        return Path(given), f"fact tables from {given}"
    from bench import national, national_facts

    counties = int(os.environ.get("LANTERN_FIGURES_COUNTIES", "40"))
    tiles = int(os.environ.get("LANTERN_FIGURES_TILES", "1"))
    summary = national.generate(work, counties, 2)
    national_facts.build(work / "raw", work / "facts", tiles=tiles)
    shutil.rmtree(work / "raw", ignore_errors=True)
    how = f"{counties} counties generated in {summary['seconds']:.0f} s"
    if tiles > 1:
        how += f", repeated {tiles} times with shifted ids"
    return work / "facts", how


def run() -> dict:
    import duckdb

    info = machine.describe()
    work = Path(tempfile.mkdtemp(prefix="lantern-figures-", dir=os.environ.get("LANTERN_FIGURES_TMP")))
    try:
        facts, how = _ensure_facts(work)
        tiles = len(list((facts / "facts_events").glob("*.parquet")))
        con = duckdb.connect()
        n_events = con.execute(
            f"SELECT count(*) FROM read_parquet('{facts / 'facts_events' / '*.parquet'}')").fetchone()[0]  # noqa: S608  # nosec B608
        duck_first, duck_median, _ = _time(_duckdb(facts))
        duck_sub_first, duck_sub, _ = _time(_duckdb(facts, SUBSET))
        pandas_run, pandas_read, _ = _pandas(facts)
        pandas_first, pandas_median, _ = _time(pandas_run, rounds=1)

        url = os.environ.get("LANTERN_FIGURES_PG", "postgres://postgres@127.0.0.1:5432/threats_db")
        pg_tiles = int(os.environ.get("LANTERN_FIGURES_PG_TILES", str(tiles)))
        pg_facts = facts if pg_tiles >= tiles else _subset_folder(facts, pg_tiles, work)
        load_seconds, pg_rows = _pg_load(pg_facts, url, work)
        pg_run, conn = _pg(url)
        pg_first, pg_median, _ = _time(pg_run, rounds=1)
        conn.close()
        if pg_facts is facts:
            duck_same = duck_median
        else:
            _, duck_same, _ = _time(_duckdb(pg_facts))
        pg_events = pg_rows  # every fact table's rows
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ratio = pg_median / duck_same if duck_same else float("inf")
    ok = n_events >= 30_000_000 and duck_median < TARGET_SECONDS and ratio >= TARGET_RATIO
    fraction = "" if pg_facts is facts else f" ({pg_tiles} of {tiles} tiles: a stated fraction, see below)"
    lines = [
        "## Figures: committee statistics at national scale (DuckDB over Parquet, PostgreSQL, pandas)",
        "",
        f"Machine: {machine.line(info)}.",
        "",
        f"Data: {n_events:,} events in `facts_events` ({how}); every statistic of "
        "`lantern.analysis.statistics.compute_all`, the same SQL definitions on each engine, "
        f"over {PERIOD[0]} to {PERIOD[1]}. Times are the median of repeated runs after a first "
        "(cold) run; 2 threads for DuckDB.",
        "",
        "| engine | data | first run | median | target |",
        "|---|---|---:|---:|---|",
        f"| DuckDB over Parquet | all | {duck_first:.2f} s | {duck_median:.2f} s | under {TARGET_SECONDS:.0f} s: "
        f"{'met' if duck_median < TARGET_SECONDS else 'MISSED'} |",
        f"| PostgreSQL 15 (COPY-loaded, ANALYZEd; load {load_seconds:.0f} s for {pg_events:,} rows) | "
        f"{'all' if not fraction else f'{pg_tiles}/{tiles} tiles'} | {pg_first:.2f} s | {pg_median:.2f} s | |",
        f"| DuckDB over Parquet, same data as PostgreSQL | {'all' if not fraction else f'{pg_tiles}/{tiles} tiles'} | | "
        f"{duck_same:.2f} s | PostgreSQL / DuckDB = {ratio:.1f}x (at least {TARGET_RATIO:.0f}x: "
        f"{'met' if ratio >= TARGET_RATIO else 'MISSED'}) |",
        f"| DuckDB, event statistics only ({len(SUBSET)}) | all | {duck_sub_first:.2f} s | {duck_sub:.2f} s | |",
        f"| pandas, the same event statistics (after reading Parquet in {pandas_read:.1f} s) | all | "
        f"{pandas_first:.2f} s | | pandas / DuckDB = {pandas_first / duck_sub if duck_sub else 0:.1f}x "
        f"({(pandas_first + pandas_read) / duck_sub if duck_sub else 0:.1f}x with the read) |",
        "",
    ]
    if fraction:
        lines.append(f"PostgreSQL was loaded with {pg_tiles} of the {tiles} tiles (a stated fraction): "
                     "a full COPY load did not fit the time the run had; DuckDB is timed on exactly "
                     "the same files, so the ratio compares like with like.")
    lines.append("")
    lines.append("The machine is shared: with the load average far above its 2 cores, single timings "
                 "move by tens of per cent from run to run (the 8 event statistics alone can time "
                 "slower than all of them); the ratios, measured in the same run, are the figures "
                 "to watch.")
    return {"markdown": "\n".join(lines), "ok": ok,
            "headline": f"DuckDB {duck_median:.2f} s over {n_events:,} events; PostgreSQL {ratio:.1f}x slower"}
