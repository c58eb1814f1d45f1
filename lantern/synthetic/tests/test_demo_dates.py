"""The demo seeded "as at" other days: a live caseload around that day, whatever day it is.

The apps judge what is due against the real clock, so ``seed_demo`` seeds as at today. Here
the small county with every extension is loaded as at two awkward days and checked against
that day (never the clock):

* Monday 4 January 2027, in GMT, after the New Year bank holiday on the Friday;
* Sunday 28 March 2027, the day the clocks go forward, between Good Friday and Easter Monday.

Open work must be spread around the as-at date (some overdue, some due now, some later), and
the rules that hang on weekdays and clock changes must hold: school notices due at the start of
a school day, return home interviews due 72 clock hours after the return, school actions on
school days, nothing dated after the as-at date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from lantern.assessments.models import Assessment
from lantern.cases.choices import ActionStatus, CaseStatus, TaskStatus
from lantern.cases.models import Case, PlanAction, Task
from lantern.missing.models import CLOSED_STATUSES as RHI_CLOSED
from lantern.missing.models import ReturnInterview
from lantern.people.models import ChronologyEvent
from lantern.referrals.models import Referral
from lantern.schools.models import EducationEvent, EncompassNotice
from lantern.schools.schooldays import day_start, is_school_day
from lantern.synthetic import loader, personas
from lantern.synthetic.extensions._base import LONDON
from lantern.synthetic.generator import generate
from lantern.synthetic.models import SeedRun
from lantern.synthetic.tests.conftest import SEED

pytestmark = pytest.mark.django_db

MONDAY_GMT = dt.date(2027, 1, 4)
SUNDAY_CLOCKS_CHANGE = dt.date(2027, 3, 28)


@pytest.fixture(scope="module", params=[MONDAY_GMT, SUNDAY_CLOCKS_CHANGE], ids=str)
def seeded(request, django_db_setup, django_db_blocker):
    """The small county as at the day, loaded once per day and rolled back afterwards."""
    as_at = request.param
    with django_db_blocker.unblock(), transaction.atomic():
        summary = loader.load(seed=SEED, world=generate(seed=SEED, as_at=as_at, scale="small"))
        yield {"as_at": as_at, "summary": summary}
        transaction.set_rollback(True)


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def _open_due_dates(as_at: dt.date) -> dict[str, list[dt.date]]:
    """When each piece of open work the seed made is due, by kind."""
    open_cases = Case.objects.filter(status=CaseStatus.OPEN)
    return {
        "tasks": [_local_date(t) for t in Task.objects.filter(status=TaskStatus.OPEN)
                  .values_list("due_at", flat=True)],
        "plan actions": list(PlanAction.objects.filter(
            case__in=open_cases, status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS])
            .values_list("due_date", flat=True)),
        "reviews": list(open_cases.exclude(next_review_date=None)
                        .values_list("next_review_date", flat=True)),
        "return interviews": [_local_date(d) for d in ReturnInterview.objects.exclude(
            status__in=RHI_CLOSED).values_list("due_at", flat=True)],
        "school notices": [_local_date(d) for d in EncompassNotice.objects.filter(
            acknowledged_at__isnull=True).values_list("due_by", flat=True)],
        "assessment reviews": list(Assessment.objects.exclude(review_due=None)
                                   .exclude(status="draft").values_list("review_due", flat=True)),
    }


def test_the_run_records_its_as_at_date(seeded):
    run = SeedRun.objects.get()
    assert run.as_at == seeded["as_at"] == seeded["summary"].as_at


def test_open_work_is_spread_around_the_as_at_date_not_all_overdue(seeded):
    as_at = seeded["as_at"]
    due = _open_due_dates(as_at)
    every = [d for dates in due.values() for d in dates]
    overdue = [d for d in every if d < as_at]
    this_week = [d for d in every if as_at <= d < as_at + dt.timedelta(days=7)]
    later = [d for d in every if d >= as_at + dt.timedelta(days=7)]
    assert overdue and this_week and later, due
    assert len(overdue) <= len(every) * 0.6, (len(overdue), len(every))
    # Nearly everything falls due within a few months either side of the day, not years.
    assert all(abs((d - as_at).days) <= 200 for d in every), sorted(every)
    # Each kind a practitioner watches has something not yet overdue.
    for kind in ("tasks", "plan actions", "reviews"):
        assert [d for d in due[kind] if d >= as_at], kind
    assert [d for d in due["tasks"] if d < as_at], "an overdue task for the demo"
    assert due["return interviews"] and due["school notices"]


def test_nothing_is_dated_after_the_as_at_date(seeded):
    as_at = seeded["as_at"]
    assert not ChronologyEvent.objects.filter(event_date__gt=as_at).exists()
    assert not Case.objects.filter(opened_on__gt=as_at).exists()
    assert not Referral.objects.filter(received_at__date__gte=as_at + dt.timedelta(days=1)).exists()
    assert Case.objects.filter(opened_on__gte=as_at - dt.timedelta(days=7)).exists()


def test_school_notices_fall_due_at_the_start_of_a_school_day(seeded):
    notices = list(EncompassNotice.objects.all())
    assert notices
    for notice in notices:
        local = notice.due_by.astimezone(LONDON)
        assert is_school_day(local.date()), notice.due_by
        assert local.time() == day_start(), notice.due_by
        assert notice.due_by > notice.created_at
        if notice.acknowledged_at is not None:
            assert notice.acknowledged_at >= notice.due_by
            assert is_school_day(_local_date(notice.acknowledged_at))
    # Oakfield's lead reads each when due, up to the day; the ones due from then on wait.
    as_at = seeded["as_at"]
    for notice in EncompassNotice.objects.filter(school__name=personas.SCHOOL):
        assert (notice.acknowledged_at is None) == (_local_date(notice.due_by) >= as_at)


def test_a_school_acts_on_school_days(seeded):
    events = EducationEvent.objects.all()
    assert events.exists()
    for event in events:
        assert is_school_day(event.start_date), event
        assert event.end_date is None or is_school_day(event.end_date), event
    for referral in Referral.objects.filter(referrer__username="sarah"):
        assert is_school_day(_local_date(referral.received_at)), referral.received_at


def test_return_home_interviews_are_due_72_clock_hours_after_the_return(seeded):
    interviews = ReturnInterview.objects.select_related("episode")
    assert interviews.exists()
    for interview in interviews:
        assert interview.due_at - interview.episode.ended_at == dt.timedelta(hours=72)
