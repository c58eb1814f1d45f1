"""Who may do what in the schools area.

Only a school's designated safeguarding lead (role ``school_dsl``, agency of kind ``school``)
uses these pages, and only for their own school: notices go to the school the pupil is on the
roll of now; education events are recorded for pupils on the DSL's own roll.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from lantern.accounts.choices import AgencyKind, Role


def is_school_dsl(actor) -> bool:
    return bool(
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.role == Role.SCHOOL_DSL
        and actor.agency_id is not None
        and actor.agency.kind == AgencyKind.SCHOOL
    )


def current_enrolments(person, today: dt.date | None = None):
    today = today or timezone.localdate()
    return person.enrolments.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        start_date__lte=today,
        school__kind=AgencyKind.SCHOOL,
    ).select_related("school")


def on_roll(actor, person, today: dt.date | None = None) -> bool:
    """The person is on the roll of the actor's school now."""
    return is_school_dsl(actor) and current_enrolments(person, today).filter(
        school_id=actor.agency_id
    ).exists()
