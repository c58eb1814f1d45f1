"""National synthetic events as Parquet, fast: the generator's streams written straight to
Parquet (no CSV), then the statistics' fact tables derived with DuckDB.

    python -m bench.national --out /tmp/national --counties 40 --jobs 2

Counties are independent (own id block and random streams), so ``--jobs`` processes each
generate a share of them, exactly as a full run would. Only the tables the facts need are kept
(events, people, addresses, involvements, teams, districts, areas, networks); the rest of the
generator's output (records, identifiers...) is dropped as it is made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import time
from pathlib import Path

KEEP = ("counties", "areas", "districts", "teams", "people", "addresses", "involvements",
        "events", "networks")
AS_AT = dt.date(2026, 11, 30)
SEED = 20260101


class ParquetSink:
    """A generator sink that keeps a few tables in memory for one county and writes each to
    ``out/<table>/county-<k>.parquet`` (every column as text; DuckDB types them later)."""

    def __init__(self, out: Path) -> None:
        from lantern.synthetic.generator.schema import TABLES

        self.out = out
        self.tables = {name: [] for name in TABLES if name in KEEP}
        self.columns = TABLES
        self.rows: dict[str, int] = {}

    def writer(self, table: str):
        if table in self.tables:
            return self.tables[table].append
        return lambda row: None

    def flush(self, tag: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name, rows in self.tables.items():
            cols = self.columns[name]
            arrays = [pa.array(["" if v is None else str(v) for v in col], type=pa.string())
                      for col in (zip(*rows) if rows else [() for _ in cols])]
            folder = self.out / name
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_arrays(arrays, names=list(cols)), folder / f"{tag}.parquet",
                           compression="zstd")
            self.rows[name] = self.rows.get(name, 0) + len(rows)
            rows.clear()

    def close(self) -> None:
        pass

    def counts(self) -> dict[str, int]:
        return dict(self.rows)


def _generate(args) -> dict:
    out, indices, population, known = args
    from lantern.synthetic.generator.api import SCALES
    from lantern.synthetic.generator.engine import generate_county
    from lantern.synthetic.generator.sinks import Truth

    sc = SCALES["national"]
    sink = ParquetSink(Path(out))
    for index in indices:
        truth = Truth({})
        generate_county(seed=SEED, index=index, population=population or sc.population,
                        known=known or sc.known_children, sink=sink, truth=truth, as_at=AS_AT,
                        restricted=sc.restricted)
        sink.flush(f"county-{index:02d}")
    return sink.counts()


def generate(out: Path, counties: int, jobs: int, population: int | None = None,
             known: int | None = None) -> dict:
    raw = out / "raw"
    shares = [list(range(j, counties, jobs)) for j in range(jobs)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        results = pool.map(_generate, [(str(raw), s, population, known) for s in shares if s])
    rows: dict[str, int] = {}
    for r in results:
        for k, v in r.items():
            rows[k] = rows.get(k, 0) + v
    return {"rows": rows, "seconds": round(time.perf_counter() - started, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.national")
    parser.add_argument("--out", required=True)
    parser.add_argument("--counties", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--population", type=int, default=None)
    parser.add_argument("--known", type=int, default=None)
    args = parser.parse_args(argv)
    out = Path(args.out)
    summary = generate(out, args.counties, args.jobs, args.population, args.known)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
