"""``manage.py nrm_transition_reminders [--date YYYY-MM-DD]``: run daily (cron or the scheduler).

Gives the lead professional of every child with an open case a task to plan the move to adult
services, 100 days before the child's 18th birthday (catching up on any day missed; one task
per child). Prints how many were made. See ``lantern.nrm.services.transition_reminders``.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from lantern.nrm.services import transition_reminders


class Command(BaseCommand):
    help = "Remind lead professionals 100 days before a child's 18th birthday (transition planning)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        today = None
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a real date written YYYY-MM-DD") from None
        made = transition_reminders(today=today)
        self.stdout.write(f"{len(made)} transition planning reminder{'s' if len(made) != 1 else ''} made.")
        for task in made:
            self.stdout.write(f"  task {task.pk} for record {task.person_id}")
