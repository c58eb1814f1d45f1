"""``manage.py link_records``: batch linkage of agency extracts into scored candidate pairs.

    manage.py link_records --input police.csv --input council.csv --id-column urn \\
        --map forename=first_name --map surname=last_name --map dob=date_of_birth \\
        --out pairs.csv

Writes ``left_id,right_id,match_probability`` for every pair at or above the human-review
threshold (``--min-probability`` to change). One input: duplicates within it. Several: links
between them, left from the earlier input (``--dedupe`` adds pairs within each input, which
needs ids unique across the inputs). ``--map`` applies to every input holding that column.

Thin by design: the work is ``lantern.analysis.linkage.link``; this parses arguments, reads
files, writes the result and records an audit event (the extracts are personal data).
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lantern.analysis.linkage import FIELDS, Extract, ExtractError, Thresholds, link
from lantern.audit.services import audit_record
from lantern.identity import events
from lantern.identity.management.commands._linkage_io import (
    atomic_output,
    check_output,
    read_csv,
)


def parse_maps(maps: list[str]) -> dict[str, str]:
    """``["SRC=FIELD", ...]`` to ``{SRC: FIELD}``, with clear errors."""
    mapping: dict[str, str] = {}
    for item in maps:
        source, sep, target = item.partition("=")
        source, target = source.strip(), target.strip()
        if not sep or not source or not target:
            raise CommandError(f"--map {item!r}: expected SRC=FIELD, for example forename=first_name")
        if target not in FIELDS:
            raise CommandError(f"--map {item!r}: unknown field {target!r}; fields are {', '.join(FIELDS)}")
        if source in mapping:
            raise CommandError(f"--map: column {source!r} is mapped twice")
        mapping[source] = target
    targets = list(mapping.values())
    repeated = sorted({t for t in targets if targets.count(t) > 1})
    if repeated:
        raise CommandError(f"--map: field {repeated[0]} is mapped from more than one column")
    return mapping


def configured_thresholds() -> Thresholds:
    chosen = getattr(settings, "LANTERN_LINKAGE_THRESHOLDS", {}) or {}
    try:
        return Thresholds(**chosen)
    except (TypeError, ValueError) as exc:
        raise CommandError(f"settings.LANTERN_LINKAGE_THRESHOLDS is not valid: {exc}") from exc


class Command(BaseCommand):
    help = "Link agency extracts (CSV) and write candidate pairs: left_id,right_id,match_probability."

    def add_arguments(self, parser):
        parser.add_argument("--input", action="append", required=True, metavar="FILE",
                            help="an agency extract (CSV with a header); repeat for several")
        parser.add_argument("--id-column", required=True, metavar="COL",
                            help="the column holding each record's id (in every input)")
        parser.add_argument("--map", action="append", required=True, metavar="SRC=FIELD",
                            help=f"map a column onto a field: {', '.join(FIELDS)}")
        parser.add_argument("--out", required=True, metavar="FILE", help="pairs CSV to write")
        parser.add_argument("--dedupe", action="store_true",
                            help="with several inputs, also find duplicates within each")
        parser.add_argument("--min-probability", type=float, default=None,
                            help="lowest match probability written (default: the review threshold)")
        parser.add_argument("--backend", choices=["duckdb", "spark"], default="duckdb")

    def handle(self, *args, **opts):
        mapping = parse_maps(opts["map"])
        thresholds = configured_thresholds()
        floor = opts["min_probability"]
        if floor is not None and not 0.0 <= floor <= 1.0:
            raise CommandError("--min-probability must be between 0 and 1")
        out = check_output(opts["out"])
        paths = opts["input"]
        if len({str(Path(p).resolve()) for p in paths}) != len(paths):
            raise CommandError("--input: the same file is given twice")
        id_column = opts["id_column"]
        extracts = []
        for i, path in enumerate(paths):
            frame = read_csv(path)
            if id_column not in frame.columns:
                raise CommandError(f"{path}: no id column {id_column!r} "
                                   f"(columns: {', '.join(frame.columns)})")
            own = {s: t for s, t in mapping.items() if s in frame.columns}
            if not own:
                raise CommandError(f"{path}: none of the mapped columns "
                                   f"({', '.join(mapping)}) is in this file")
            extracts.append(Extract(f"{i + 1}:{Path(path).name}", frame, id_column, own))
        missing = [s for s in mapping if not any(s in e.frame.columns for e in extracts)]
        if missing:
            raise CommandError(f"--map: column {missing[0]!r} is in none of the inputs")
        if opts["dedupe"] and len(extracts) > 1:
            seen: dict[str, str] = {}
            for e in extracts:
                for rid in e.frame[id_column].astype(str):
                    if rid in seen and seen[rid] != e.name:
                        raise CommandError(f"--dedupe needs ids unique across inputs; {rid!r} "
                                           f"is in both {seen[rid]} and {e.name}")
                    seen[rid] = e.name
        spark = self._spark() if opts["backend"] == "spark" else None
        try:
            result = link(extracts, thresholds=thresholds, floor=floor, dedupe=opts["dedupe"],
                          backend=opts["backend"], spark=spark)
        except ExtractError as exc:
            raise CommandError(str(exc)) from exc
        pairs = result.pairs
        bands = pairs["band"].value_counts().to_dict() if len(pairs) else {}
        with atomic_output(out) as tmp:
            with open(tmp, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(["left_id", "right_id", "match_probability"])
                w.writerows(zip(pairs["left_id"], pairs["right_id"], pairs["match_probability"],
                                strict=True))
            # Audited before the file appears: no pairs file without its audit event.
            audit_record(actor=None, action=events.BATCH_LINKAGE_RUN, subject_type="linkage",
                         reason="manage.py link_records",
                         detail={"inputs": [Path(p).name for p in paths],
                                 "records": int(sum(len(e.frame) for e in extracts)),
                                 "pairs_written": len(pairs),
                                 "bands": {k: int(v) for k, v in bands.items()},
                                 "output": out.name})
        self.stdout.write(f"Wrote {len(pairs):,} pairs to {out} "
                          f"({bands.get('automatic_link', 0):,} automatic links, "
                          f"{bands.get('human_review', 0):,} for review).")

    def _spark(self):  # pragma: no cover - exercised by the Spark test in the library
        from lantern.analysis.linkage.spark import local_session

        return local_session()
