"""``manage.py evaluate_linkage --pairs pairs.csv --truth FILE``: precision, recall and F1.

Prints JSON: pairwise and cluster precision, recall and F1 (definitions and the truth file
formats in ``lantern.analysis.linkage.evaluate``). ``--threshold`` counts only pairs at or
above a match probability; ``--input FILE --id-column COL`` limits the truth to the records
that were linked (when a sample of the county was linked).
"""

from __future__ import annotations

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from lantern.analysis.linkage.evaluate import TruthError, evaluate, load_truth
from lantern.identity.management.commands._linkage_io import read_csv

PAIR_HEADER = ["left_id", "right_id", "match_probability"]


def read_pairs(path: str) -> list[tuple[str, str, float]]:
    try:
        f = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CommandError(f"--pairs {path}: cannot be read ({exc.strerror})") from exc
    with f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:3]] != PAIR_HEADER:
            raise CommandError(f"--pairs {path}: the header must be {','.join(PAIR_HEADER)}")
        pairs = []
        for n, row in enumerate(reader, start=2):
            if not row:
                continue
            try:
                probability = float(row[2])
            except (IndexError, ValueError) as exc:
                raise CommandError(f"--pairs {path}, line {n}: match_probability must be a number") from exc
            if not 0.0 <= probability <= 1.0:
                raise CommandError(f"--pairs {path}, line {n}: match_probability must be between 0 and 1")
            pairs.append((row[0].strip(), row[1].strip(), probability))
    return pairs


class Command(BaseCommand):
    help = "Evaluate linked pairs against known truth; prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", required=True, help="CSV: left_id,right_id,match_probability")
        parser.add_argument("--truth", required=True,
                            help="ground_truth.json (record_clusters) or CSV record_id,cluster_id")
        parser.add_argument("--threshold", type=float, default=0.5,
                            help="count pairs at or above this match probability (default 0.5)")
        parser.add_argument("--input", default=None, help="the linked extract, to limit the truth")
        parser.add_argument("--id-column", default=None, help="id column of --input")

    def handle(self, *args, **opts):
        if not 0.0 <= opts["threshold"] <= 1.0:
            raise CommandError("--threshold must be between 0 and 1")
        if bool(opts["input"]) != bool(opts["id_column"]):
            raise CommandError("--input and --id-column go together")
        pairs = read_pairs(opts["pairs"])
        try:
            truth = load_truth(opts["truth"])
        except TruthError as exc:
            raise CommandError(f"--truth {exc}") from exc
        if not truth:
            raise CommandError(f"--truth {opts['truth']}: no records in the truth file")
        universe = None
        if opts["input"]:
            frame = read_csv(opts["input"])
            if opts["id_column"] not in frame.columns:
                raise CommandError(f"{opts['input']}: no id column {opts['id_column']!r}")
            universe = frame[opts["id_column"]].astype(str).str.strip()
        result = evaluate(pairs, truth, threshold=opts["threshold"], universe=universe)
        self.stdout.write(json.dumps(result, indent=2))
