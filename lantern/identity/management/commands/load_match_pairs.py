"""``manage.py load_match_pairs --pairs pairs.csv``: batch linkage pairs into the review queue.

The file is the ``link_records`` output (``left_id,right_id,match_probability``). Ids are
mapped to Lantern person ids with ``--id-map`` (a CSV of ``source_id,person_id``), or through an
identifier type (``--identifier nhs``), or taken as person ids. Pairs below the review
threshold are dropped, pairs between the thresholds are queued for reviewers, and pairs at or
above the automatic-link threshold are merged only with ``--auto-merge`` (never a restricted
record). Prints what happened as JSON.
"""

from __future__ import annotations

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from lantern.identity.pairs import Thresholds, id_resolver, load_pairs, read_pairs
from lantern.people.choices import IdentifierType


class Command(BaseCommand):
    help = "Load batch linkage pairs (left_id,right_id,match_probability) into the possible-match queue."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", required=True, help="pairs.csv from link_records")
        parser.add_argument("--id-map", help="CSV with columns source_id,person_id")
        parser.add_argument("--identifier", choices=IdentifierType.values, help="ids are this identifier")
        parser.add_argument("--review-threshold", type=float, help="queue pairs at or above this")
        parser.add_argument("--auto-threshold", type=float, help="automatic link at or above this")
        parser.add_argument("--auto-merge", action="store_true", help="merge pairs above the automatic-link threshold")

    def handle(self, *args, **opts):
        if opts["id_map"] and opts["identifier"]:
            raise CommandError("Give --id-map or --identifier, not both")
        try:
            thresholds = Thresholds.configured(opts["review_threshold"], opts["auto_threshold"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        id_map = None
        if opts["id_map"]:
            try:
                with open(opts["id_map"], newline="", encoding="utf-8") as f:
                    reader = csv.DictReader(f)
                    if not {"source_id", "person_id"} <= set(reader.fieldnames or []):
                        raise CommandError("--id-map needs columns source_id,person_id")
                    id_map = {}
                    for row in reader:
                        try:
                            id_map[row["source_id"].strip()] = int(row["person_id"])
                        except ValueError:
                            continue
            except OSError as exc:
                raise CommandError(f"Cannot read {opts['id_map']}: {exc}") from exc
        try:
            counts = load_pairs(
                read_pairs(opts["pairs"]),
                resolve=id_resolver(id_map=id_map, identifier_type=opts["identifier"] or ""),
                thresholds=thresholds,
                auto_merge=opts["auto_merge"],
            )
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps({**counts, "review": thresholds.review, "auto": thresholds.auto}, sort_keys=True))
