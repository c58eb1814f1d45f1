"""Print the demo personas as a table: who to sign in as, and what to try."""

from django.core.management.base import BaseCommand

from lantern.accounts.choices import Role
from lantern.synthetic.personas import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "List the demo personas (username, role, agency, what to try)."

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
        self.stdout.write(f"Every demo password is: {DEMO_PASSWORD}")
        self.stdout.write("Open http://127.0.0.1:8000 and sign in as any of them.")
