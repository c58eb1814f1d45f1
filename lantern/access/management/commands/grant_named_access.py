"""``manage.py grant_named_access``: name a user on a restricted record, from a script.

The same rules as the service (``lantern.access.services.grant_named``): ``--by`` must be the
data protection officer, or a team manager who can already see the record; the named user's
role must already reach the child. Audited as ``access.grant_named`` with the reason.

Example::

    manage.py grant_named_access --record 42 --user priya --by grace --reason "Allocated worker"
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from lantern.access.services import grant_named


class Command(BaseCommand):
    help = "Name a user on a restricted record (lifts the restriction for them)."

    def add_arguments(self, parser):
        parser.add_argument("--record", type=int, required=True, help="The person's record number.")
        parser.add_argument("--user", required=True, help="Username of the person to name.")
        parser.add_argument("--by", required=True, help="Username of the DPO or team manager.")
        parser.add_argument("--reason", required=True, help="Why they need to see the record.")

    def handle(self, *args, **options):
        from lantern.people.models import Person

        users = get_user_model().objects
        try:
            actor = users.get(username=options["by"])
            user = users.get(username=options["user"])
        except users.model.DoesNotExist:
            raise CommandError("No such user") from None
        person = Person.objects.filter(pk=options["record"]).first()
        if person is None:
            raise CommandError("No such record")
        try:
            grant = grant_named(actor=actor, person=person, user=user, reason=options["reason"])
        except PermissionDenied:
            raise CommandError(f"{actor.username} may not name people on this record") from None
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        self.stdout.write(f"{user.username} is named on record {person.pk} (grant {grant.pk}).")
