"""``manage.py score_assessment``: score answers files with the assessment engine, print JSON.

A thin wrapper (house rule 1 applies to commands too): parse options, call one engine function,
print. It never touches the database, so it can re-score exported answers on a machine with no
data, and an analyst can check what a tool would say before anything is saved.

Examples::

    manage.py score_assessment --answers child.json
    manage.py score_assessment --answers child.json --tool seraf-style --version 1 --as-at 2019-06-30
    manage.py score_assessment --list-indicators --tool short-screen
    manage.py score_assessment --bulk exports/ --as-at 2024-03-31
    manage.py score_assessment --list-tools
    manage.py score_assessment --check-definitions
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lantern.assessments.engine import (
    EngineError,
    list_indicators,
    list_tools,
    score_file,
    score_many,
    validate_all,
)


class Command(BaseCommand):
    help = "Score assessment answers files (JSON) against a tool definition; prints JSON."
    requires_system_checks: list[str] = []  # pure scoring: no models, no database

    def add_base_argument(self, parser, *args, **kwargs):
        # Django's own --version (print Django's version) would clash with our --version N.
        if "--version" in args:
            return
        super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--answers", metavar="FILE", help="An answers file (JSON) to score.")
        what.add_argument(
            "--bulk",
            nargs="+",
            metavar="DIR_OR_GLOB",
            help="Score many files: folders (their *.json files), glob patterns or files.",
        )
        what.add_argument(
            "--list-indicators",
            action="store_true",
            help="List a tool's indicators (needs --tool).",
        )
        what.add_argument("--list-tools", action="store_true", help="List every tool version.")
        what.add_argument(
            "--check-definitions",
            action="store_true",
            help="Check every tool definition file; non-zero exit if any is broken.",
        )
        parser.add_argument("--tool", metavar="SLUG", help="Tool slug (overrides the file).")
        parser.add_argument(
            "--version", type=int, metavar="N", help="Tool version (overrides the file)."
        )
        parser.add_argument(
            "--as-at", dest="as_at", metavar="YYYY-MM-DD", help="Score as at this date."
        )
        parser.add_argument(
            "--extra-tools-dir",
            metavar="DIR",
            help="Folder of local tool definitions (default: LANTERN_EXTRA_TOOLS_DIR).",
        )

    def _print(self, data) -> None:
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    def handle(self, *args, **options):
        extra_dir = options.get("extra_tools_dir") or _setting_extra_dir()
        try:
            if options["list_indicators"]:
                if not options.get("tool"):
                    raise CommandError("--list-indicators needs --tool SLUG")
                self._print(
                    list_indicators(options["tool"], options.get("version"), extra_dir=extra_dir)
                )
            elif options["list_tools"]:
                self._print([asdict(t) for t in list_tools(extra_dir=extra_dir)])
            elif options["check_definitions"]:
                self._check(extra_dir)
            elif options.get("bulk"):
                self._bulk(options, extra_dir)
            else:
                self._print(
                    score_file(
                        options["answers"],
                        options.get("tool"),
                        options.get("version"),
                        options.get("as_at"),
                        extra_dir=extra_dir,
                    )
                )
        except EngineError as exc:
            raise CommandError(str(exc)) from exc

    def _bulk(self, options, extra_dir) -> None:
        results = score_many(
            options["bulk"],
            options.get("tool"),
            options.get("version"),
            options.get("as_at"),
            extra_dir=extra_dir,
        )
        self._print(results)
        if not results:
            raise CommandError(f"no answers files found in {' '.join(options['bulk'])}")
        failed = sum(1 for r in results if not r["ok"])
        if failed:
            raise CommandError(f"{failed} of {len(results)} files could not be scored")

    def _check(self, extra_dir) -> None:
        errors = validate_all(extra_dir=extra_dir)
        self._print([str(e) for e in errors])
        if errors:
            raise CommandError(f"{len(errors)} tool definition file(s) have problems")


def _setting_extra_dir() -> str | None:
    if settings.configured:
        return getattr(settings, "LANTERN_EXTRA_TOOLS_DIR", "") or None
    return os.environ.get("LANTERN_EXTRA_TOOLS_DIR") or None
