"""Command line: ``python -m lantern.synthetic.generator --scale county --seed 1 --out DIR``.

Django-free, so benchmarks can run it in a bare subprocess. The management command
``manage.py seed_demo`` wraps it (and loads the small scale into the database).

``--as-at YYYY-MM-DD`` is the world's today (default: today's date). Pass it explicitly when a
national run is split across processes, so every part is generated for the same day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time

from lantern.synthetic.generator.api import SCALES, write_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lantern.synthetic.generator",
                                     description="Write a synthetic county to CSV files.")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--scale", choices=sorted(SCALES), default="county")
    parser.add_argument("--as-at", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the synthetic world's today (default: today's date)")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--counties", type=int, default=None, help="override the number of counties")
    parser.add_argument("--first-county", type=int, default=0,
                        help="start at this county (split a national run across processes)")
    parser.add_argument("--no-progress", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    as_at = args.as_at or dt.date.today()
    summary = write_files(seed=args.seed, as_at=as_at, scale=args.scale, out_dir=args.out,
                          progress=not args.no_progress and sys.stderr.isatty(),
                          counties=args.counties, first_county=args.first_county)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    if args.json:
        print(json.dumps(summary))
    else:
        rows = summary["rows"]
        print(f"{args.scale} seed {args.seed} as at {as_at}: {rows['people']:,} people, {rows['events']:,} events, "
              f"{rows['records']:,} agency records, {rows['networks']} networks "
              f"in {summary['seconds']}s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
