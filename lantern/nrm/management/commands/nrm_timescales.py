"""``manage.py nrm_timescales --referred YYYY-MM-DD --dob YYYY-MM-DD [--rg-decision YYYY-MM-DD]``

Prints, as JSON, what ``lantern.nrm.timescales`` says for one referral (the screens use the same
functions)::

    {"reasonable_grounds_due": "2027-01-05", "conclusive_grounds_earliest": null,
     "devolved_eligible": true, "days_to_18": 412}

``devolved_eligible`` uses the partnership's pilot setting (``LANTERN_NRM_DEVOLVED_PILOT``)
unless ``--pilot yes`` or ``--pilot no`` says otherwise. A date that is not a real date, a date
of birth after the referral, or a reasonable grounds decision before the referral is refused
with a message and exit status 1.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lantern.nrm import timescales


def _date(name: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{name} must be a real date written YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = "Print an NRM referral's timescales as JSON (reasonable grounds due, conclusive "\
           "grounds earliest, devolved panel eligibility, days to 18)."

    def add_arguments(self, parser):
        parser.add_argument("--referred", required=True, help="Date submitted, YYYY-MM-DD")
        parser.add_argument("--dob", required=True, help="The child's date of birth, YYYY-MM-DD")
        parser.add_argument("--rg-decision", help="Date of the reasonable grounds decision, YYYY-MM-DD")
        parser.add_argument("--pilot", choices=["yes", "no"],
                            help="Answer as if the partnership is (or is not) in the devolved pilot")

    def handle(self, *args, **options):
        referred = _date("--referred", options["referred"])
        dob = _date("--dob", options["dob"])
        rg = _date("--rg-decision", options.get("rg_decision"))
        if dob > referred:
            raise CommandError("--dob must be on or before --referred")
        if rg is not None and rg < referred:
            raise CommandError("--rg-decision must be on or after --referred")
        pilot = options.get("pilot")
        in_pilot = (pilot == "yes") if pilot else bool(getattr(settings, "LANTERN_NRM_DEVOLVED_PILOT", False))
        result = timescales.timescales(referred=referred, dob=dob, rg_decision=rg, pilot=in_pilot)
        self.stdout.write(json.dumps(result.to_dict()))
