"""``manage.py seed_demo --seed N --scale small|county|national [--out DIR]``.

* ``small`` loads the synthetic county into the database (safe to re-run: the same seed is
  detected and left alone; another seed replaces the synthetic people). It also writes the
  small county's files and ground truth to ``--out`` when given.
* ``county`` and ``national`` stream CSV files and ``ground_truth.json`` to ``--out``
  (default ``var/synthetic/<scale>-<seed>/``); nothing touches the database.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lantern.synthetic.generator import SCALES, TRUTH_FILE, generate, write_files

LOADER_COUNTS = {"people", "children", "duplicate_records", "events", "involvements", "restricted"}


class Command(BaseCommand):
    help = "Generate the synthetic county: load the small scale into the database, or write files."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        parser.add_argument("--out", default="", help="output directory for files")
        parser.add_argument("--force", action="store_true",
                            help="small: reload even if this seed is already loaded")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, seed, scale, out, force, no_progress, **options):
        started = time.perf_counter()
        if scale == "small":
            return self._small(seed, out, force, started)
        out_dir = Path(out) if out else Path(settings.VAR_DIR) / "synthetic" / f"{scale}-{seed}"
        summary = write_files(seed=seed, scale=scale, out_dir=out_dir,
                              progress=not no_progress and sys.stderr.isatty())
        rows = summary["rows"]
        self.stdout.write(self.style.SUCCESS(
            f"Wrote the {scale} synthetic data (seed {seed}) to {out_dir} in "
            f"{time.perf_counter() - started:.1f}s"))
        self.stdout.write(
            f"  {rows['people']:,} people ({sum(c['known_children'] for c in summary['counties']):,} "
            f"children known to services), {rows['events']:,} events, {rows['records']:,} agency "
            f"records, {rows['networks']:,} networks; ground truth in {TRUTH_FILE}")

    def _small(self, seed: int, out: str, force: bool, started: float) -> None:
        from lantern.synthetic import loader

        world = generate(seed=seed, scale="small")
        try:
            summary = loader.load(seed=seed, world=world, force=force)
        except loader.SeedError as exc:
            raise CommandError(str(exc)) from None
        if out:
            out_dir = Path(out)
            write_files(seed=seed, scale="small", out_dir=out_dir)
            (out_dir / "database_ids.json").write_text(json.dumps(
                loader.synthetic_to_database_ids(), indent=1, sort_keys=True))
        c = summary.counts
        if not summary.loaded:
            self.stdout.write(f"The synthetic county for seed {seed} is already loaded: nothing to do "
                              f"({c.get('children', 0)} children, {c.get('events', 0)} events).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Loaded the synthetic county (seed {seed}) in {time.perf_counter() - started:.1f}s"))
        self.stdout.write(
            f"  {c['people']} people ({c['children']} children, {c['duplicate_records']} duplicate "
            f"records to find), {c['events']} chronology events, {c['involvements']} agency "
            f"involvements, {c['restricted']} restricted records")
        extra = {k: v for k, v in c.items() if k not in LOADER_COUNTS}
        if extra:  # what LANTERN_SEED_EXTENSIONS added for the apps
            self.stdout.write("  and " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in extra.items()))
