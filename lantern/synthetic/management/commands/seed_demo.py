"""``manage.py seed_demo --seed N --scale small|county|national [--as-at YYYY-MM-DD] [--out DIR]``.

* ``small`` loads the synthetic county into the database (safe to re-run: the same seed and
  as-at date are detected and left alone; anything else replaces the synthetic people). It also
  writes the small county's files and ground truth to ``--out`` when given.
* ``county`` streams CSV files and ``ground_truth.json`` (to ``--out``, default
  ``var/synthetic/county-<seed>-<date>/``, reused when already there) and loads them into the
  database in bulk (PostgreSQL ``COPY``; ``lantern.synthetic.county_load``), with a progress
  bar; ``--files-only`` writes the files and stops.
* ``national`` streams CSV files and ``ground_truth.json`` to ``--out`` (default
  ``var/synthetic/national-<seed>/``); nothing touches the database.

``--as-at`` is the synthetic world's today; it defaults to today's date, so a demo seeded today
has work due today, some overdue and some coming up, as a live caseload would. The app judges
what is due against the real clock: reseed (``make seed``) when the demo has aged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantern.synthetic.generator import SCALES, TRUTH_FILE, check_as_at, generate, write_files


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-28") from None


LOADER_COUNTS = {"people", "children", "duplicate_records", "events", "involvements", "restricted"}


class Command(BaseCommand):
    help = "Generate the synthetic county: load the small scale into the database, or write files."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        parser.add_argument("--as-at", dest="as_at", type=_date, default=None, metavar="YYYY-MM-DD",
                            help="the synthetic world's today (default: today's date)")
        parser.add_argument("--out", default="", help="output directory for files")
        parser.add_argument("--force", action="store_true",
                            help="small: reload even if this seed and date are already loaded")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--files-only", action="store_true",
                            help="county: write the files without loading them into the database")

    def handle(self, *args, seed, scale, out, force, no_progress, as_at=None, files_only=False, **options):
        started = time.perf_counter()
        try:
            as_at = check_as_at(as_at or timezone.localdate())
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if scale == "small":
            return self._small(seed, as_at, out, force, started)
        if scale == "county" and not files_only:
            return self._county(seed, as_at, out, force, not no_progress and sys.stderr.isatty(), started)
        out_dir = Path(out) if out else Path(settings.VAR_DIR) / "synthetic" / f"{scale}-{seed}"
        summary = write_files(seed=seed, as_at=as_at, scale=scale, out_dir=out_dir,
                              progress=not no_progress and sys.stderr.isatty())
        rows = summary["rows"]
        self.stdout.write(self.style.SUCCESS(
            f"Wrote the {scale} synthetic data (seed {seed}, as at {as_at:%-d %B %Y}) to {out_dir} in "
            f"{time.perf_counter() - started:.1f}s"))
        self.stdout.write(
            f"  {rows['people']:,} people ({sum(c['known_children'] for c in summary['counties']):,} "
            f"children known to services), {rows['events']:,} events, {rows['records']:,} agency "
            f"records, {rows['networks']:,} networks; ground truth in {TRUTH_FILE}")

    def _county(self, seed: int, as_at: dt.date, out: str, force: bool, progress: bool, started: float) -> None:
        from lantern.synthetic import county_load, loader

        try:
            summary = county_load.load(seed=seed, as_at=as_at, out=out or None, progress=progress, force=force)
        except loader.SeedError as exc:
            raise CommandError(str(exc)) from None
        c = summary.counts
        if not summary.loaded:
            self.stdout.write(f"The county for seed {seed} as at {as_at:%-d %B %Y} is already loaded: "
                              f"nothing to do ({c.get('children', 0):,} children, {c.get('events', 0):,} events).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Loaded the county (seed {seed}, as at {as_at:%-d %B %Y}) in {time.perf_counter() - started:.1f}s"))
        self.stdout.write(
            f"  {c['people']:,} people ({c['children']:,} children), {c['events']:,} chronology events, "
            f"{c['involvements']:,} agency involvements, {c['restricted']} restricted records"
            + (f", {c.get('network_lines', 0)} County Lines" if "network_lines" in c else ""))

    def _small(self, seed: int, as_at: dt.date, out: str, force: bool, started: float) -> None:
        from lantern.synthetic import loader

        world = generate(seed=seed, as_at=as_at, scale="small")
        try:
            summary = loader.load(seed=seed, world=world, force=force)
        except loader.SeedError as exc:
            raise CommandError(str(exc)) from None
        if out:
            out_dir = Path(out)
            write_files(seed=seed, as_at=as_at, scale="small", out_dir=out_dir)
            (out_dir / "database_ids.json").write_text(json.dumps(
                loader.synthetic_to_database_ids(), indent=1, sort_keys=True))
        c = summary.counts
        if not summary.loaded:
            self.stdout.write(f"The synthetic county for seed {seed} as at {as_at:%-d %B %Y} is "
                              f"already loaded: nothing to do ({c.get('children', 0)} children, "
                              f"{c.get('events', 0)} events).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Loaded the synthetic county (seed {seed}, as at {as_at:%-d %B %Y}) in "
            f"{time.perf_counter() - started:.1f}s"))
        self.stdout.write(
            f"  {c['people']} people ({c['children']} children, {c['duplicate_records']} duplicate "
            f"records to find), {c['events']} chronology events, {c['involvements']} agency "
            f"involvements, {c['restricted']} restricted records")
        extra = {k: v for k, v in c.items() if k not in LOADER_COUNTS}
        if extra:  # what LANTERN_SEED_EXTENSIONS added for the apps
            self.stdout.write("  and " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in extra.items()))
