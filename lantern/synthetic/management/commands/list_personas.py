"""Print the demo personas as a table: who to sign in as, and what to try; and which day the
loaded demo data was generated "as at" (the synthetic world's today)."""

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils import timezone

from lantern.accounts.choices import Role
from lantern.synthetic.personas import DEMO_PASSWORD, PERSONAS


def as_at_line() -> str:
    """One line about the loaded demo data: seed and as-at date, and whether it has aged.

    The app judges what is due against the real clock, so data seeded as at an earlier day shows
    more overdue every day; the line says so and how to refresh it.
    """
    from lantern.synthetic.loader import current_run

    try:
        run = current_run()
    except DatabaseError:  # not migrated yet
        run = None
    if run is None:
        return "No demo data is loaded: run `make seed` (or manage.py seed_demo)."
    line = f"Demo data: seed {run.seed}, as at {run.as_at:%A %-d %B %Y}"
    behind = (timezone.localdate() - run.as_at).days
    if behind > 0:
        line += (f" ({behind} day{'s' if behind != 1 else ''} ago: more is overdue than in a live "
                 "caseload; reseed with `make seed` to bring it up to today)")
    elif behind < 0:
        line += f" ({-behind} day{'s' if behind != -1 else ''} ahead of today)"
    else:
        line += " (today)"
    return line + "."


class Command(BaseCommand):
    help = "List the demo personas (username, role, agency, what to try) and the demo data's as-at date."

    def handle(self, *args, **options):
        rows = [("Username", "Role", "Agency", "Try this")]
        rows += [(p.username, Role(p.role).label, p.agency, p.try_this) for p in PERSONAS]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        self.stdout.write("")
        for i, row in enumerate(rows):
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(row[:3], widths)) + "  " + row[3])
            if i == 0:
                self.stdout.write("  ".join("-" * w for w in widths) + "  " + "-" * 20)
        self.stdout.write("")
        self.stdout.write(as_at_line())
        self.stdout.write(f"Every demo password is: {DEMO_PASSWORD}")
        self.stdout.write("Open http://127.0.0.1:8000 and sign in as any of them.")
