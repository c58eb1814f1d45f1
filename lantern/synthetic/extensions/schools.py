"""Schools for the demo: Oakfield Academy's education events and its notices read.

The Operation Encompass notices themselves were made by the apps' handlers when police
recorded an arrest or a pupil came back from a missing episode (``casework``, ``missing``);
here the safeguarding lead (sarah) acknowledges each one the next school morning, except the
newest, which waits on her notices page. She also records a suspension, a managed move and a
place in alternative provision: critical moments that alert the child's lead professional (or
the team's managers when the case is not yet allocated).

Year groups are flagged from who is involved, with the minimum respected by the schools app;
nothing is stored for them.
"""

from __future__ import annotations

import datetime as dt

from lantern.schools import services
from lantern.schools.choices import EducationEventKind
from lantern.schools.models import EducationEvent, EncompassNotice
from lantern.synthetic.extensions._base import (
    Steps,
    acknowledge_old_alerts,
    at,
    clock,
    extension,
    school_day,
    today,
)
from lantern.synthetic.extensions._cast import cast_for

#: (cast part, kind, start, end, destination attribute of the cast, summary); start and end
#: are days before the seed's today, moved back to a school day (``school_day``).
EDUCATION_EVENTS = (
    ("health_referral", EducationEventKind.SUSPENSION, -10, -8, "",
     "Three-day suspension after a fight on the school field. We are worried the fight was "
     "about money he is said to owe."),
    ("unallocated_north", EducationEventKind.MANAGED_MOVE, -2, None, "destination_school",
     "Managed move agreed with his family to give a fresh start away from older pupils who "
     "have been pressuring him."),
    ("alternative_provision", EducationEventKind.ALTERNATIVE_PROVISION, -20, None,
     "learning_centre", "Two days a week at the learning centre while a support plan is put "
     "in place."),
)


def seed_schools(*, run, world, people, users):
    cast = cast_for(world, people)
    sarah = users["sarah"]
    steps = Steps()
    made = 0
    for part, kind, start, end, destination, summary in EDUCATION_EVENTS:
        child = cast.child(part)
        if child is None or child.school != sarah.agency.name:
            continue
        made += 1
        steps.add(at(school_day(start), 14), lambda child=child, kind=kind, start=start, end=end,
                  destination=destination, summary=summary: services.education_event_record(
                      actor=sarah, person=people[child.sid], kind=kind, start_date=school_day(start),
                      end_date=school_day(end) if end is not None else None,
                      destination=getattr(cast, destination) if destination else "",
                      summary=summary))
    steps.run()
    _read_notices(sarah, people)
    acknowledge_old_alerts(people)
    return {"education_events": made,
            "school_notices": EncompassNotice.objects.filter(school=sarah.agency).count()}


def _read_notices(sarah, people) -> None:
    """Every notice due before the seed's today is read when it was due; the rest wait."""
    seeded = [p.pk for p in people.values()]
    waiting = EncompassNotice.objects.filter(school=sarah.agency, person_id__in=seeded,
                                             acknowledged_at__isnull=True)
    for notice in waiting.order_by("due_by", "pk"):
        if notice.due_by.date() >= today():
            continue
        with clock(notice.due_by + dt.timedelta(minutes=20)):
            services.notice_acknowledge(actor=sarah, notice=notice)


def digest_rows(key, ids):
    yield "school_notices", [(key(r[0]), *r[1:]) for r in EncompassNotice.objects.filter(
        person_id__in=ids).values_list("person_id", "school__name", "child_display", "kind",
                                       "due_by", "created_at", "acknowledged_at", "source_type")]
    yield "education_events", [(key(r[0]), *r[1:]) for r in EducationEvent.objects.filter(
        person_id__in=ids).values_list("person_id", "school__name", "kind", "start_date",
                                       "end_date", "destination", "summary")]


seed = extension(name="schools", digest=digest_rows)(seed_schools)
