"""Peers: the simplest program doing the same volume of work, timed in the same run.

``csv-rows``: write given numbers of rows of constant tuples (the same widths as the real
tables) with the standard ``csv`` module, one file per table. Whatever the machine, writing
the generator's rows can never be faster than this, so "generator time / peer time" says how
much the generator adds on top of just writing its output.

    python -m bench.peers csv-rows --spec '{"events": [1000000, 10]}' --out DIR
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path


def csv_rows(spec: dict[str, list[int]], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for table, (rows, columns) in spec.items():
        row = tuple(f"value{i}" for i in range(columns))
        with open(out / f"{table}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(tuple(f"column{i}" for i in range(columns)))
            for _ in range(rows):
                w.writerow(row)
        total += rows
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers")
    parser.add_argument("peer", choices=["csv-rows"])
    parser.add_argument("--spec", required=True, help='JSON: {"table": [rows, columns]}')
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    total = csv_rows(json.loads(args.spec), Path(args.out))
    print(json.dumps({"rows": total}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
