"""Reads for a school's safeguarding lead: notices, year groups flagged, their referrals.

Year-group flags are the disclosure-sensitive part. A flag says "work with this year group"
and nothing more: no names, no counts. A year group is flagged only when at least
``LANTERN_SCHOOL_FLAG_MINIMUM`` distinct pupils in it are involved (never fewer than 2, whatever
the setting says), because a flag for one pupil tells the school which child it is about as
surely as a name would. This is the same thinking as ``lantern.analysis.disclosure``'s small-
number suppression, applied to a yes/no answer instead of a count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.accounts.choices import AgencyKind
from lantern.people.choices import EventType
from lantern.people.models import ChronologyEvent, Involvement, SchoolEnrolment
from lantern.schools import policies
from lantern.schools.models import EncompassNotice

#: Chronology events that make a pupil "involved" for awareness work when recent.
EXPLOITATION_EVENT_TYPES = frozenset(
    {
        EventType.MISSING,
        EventType.ABSENT,
        EventType.ARREST,
        EventType.CSE_INCIDENT,
        EventType.CCE_INCIDENT,
        EventType.ONLINE_GROOMING,
        EventType.FOUND_OUT_OF_AREA,
        EventType.NRM,
    }
)
FLOOR = 2


def flag_minimum() -> int:
    return max(FLOOR, int(getattr(settings, "LANTERN_SCHOOL_FLAG_MINIMUM", FLOOR)))


def academic_year(day: dt.date) -> int:
    """The calendar year the academic year started in (it starts on 1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def current_year_group(enrolment: SchoolEnrolment, today: dt.date) -> int:
    """Year group now: stored as at the start date, plus academic years since."""
    return enrolment.year_group + academic_year(today) - academic_year(enrolment.start_date)


def notices_for(*, actor) -> QuerySet[EncompassNotice]:
    if not policies.is_school_dsl(actor):
        return EncompassNotice.objects.none()
    return EncompassNotice.objects.filter(school_id=actor.agency_id).order_by(
        "-acknowledged_at", "due_by", "id"
    )


def notice_get(*, actor, notice_id) -> EncompassNotice:
    try:
        pk = int(notice_id)
    except (TypeError, ValueError):
        raise Http404 from None
    notice = notices_for(actor=actor).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def _involved_person_ids(person_ids: set[int], today: dt.date) -> set[int]:
    if not person_ids:
        return set()
    current = Q(end_date__isnull=True) | Q(end_date__gte=today)
    involved = set(
        Involvement.objects.filter(current, person_id__in=person_ids)
        .exclude(agency__kind=AgencyKind.SCHOOL)
        .values_list("person_id", flat=True)
    )
    since = today - dt.timedelta(days=int(getattr(settings, "LANTERN_SCHOOL_FLAG_EVENT_DAYS", 180)))
    involved |= set(
        ChronologyEvent.objects.filter(
            person_id__in=person_ids,
            event_type__in=EXPLOITATION_EVENT_TYPES,
            event_date__gte=since,
        ).values_list("person_id", flat=True)
    )
    if apps.is_installed("lantern.cases"):
        from lantern.cases.models import Case

        involved |= set(
            Case.objects.filter(person_id__in=person_ids, status="open").values_list("person_id", flat=True)
        )
    return involved


@dataclass(frozen=True)
class YearGroupFlag:
    year_group: int

    @property
    def label(self) -> str:
        return "Reception" if self.year_group == 0 else f"Year {self.year_group}"


def year_groups_flagged(*, actor, today: dt.date | None = None, school=None) -> list[YearGroupFlag]:
    """Year groups at the DSL's school to flag for awareness sessions. Never names or counts."""
    if school is None:
        if not policies.is_school_dsl(actor):
            return []
        school_id = actor.agency_id
    else:
        school_id = school.pk
    today = today or timezone.localdate()
    enrolments = list(
        SchoolEnrolment.objects.filter(school_id=school_id, start_date__lte=today).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
    )
    involved = _involved_person_ids({e.person_id for e in enrolments}, today)
    by_group: dict[int, set[int]] = {}
    for e in enrolments:
        if e.person_id in involved:
            by_group.setdefault(current_year_group(e, today), set()).add(e.person_id)
    minimum = flag_minimum()
    return [YearGroupFlag(g) for g, people in sorted(by_group.items()) if len(people) >= minimum]


@dataclass
class ConcernStatus:
    person_id: int
    child: str
    raised_on: dt.date | None
    kind: str
    status: str


def concerns_for(*, actor) -> list[ConcernStatus]:
    """The status of concerns and referrals the DSL's school raised.

    Uses the referrals app's ``referrals_for_referrer(actor=...)`` selector when it is
    installed; otherwise concerns the school put on a child's chronology, with a status read
    from whether a lead professional has since been allocated.
    """
    if not policies.is_school_dsl(actor):
        return []
    if apps.is_installed("lantern.referrals"):
        try:
            from lantern.referrals import selectors as referral_selectors
        except ImportError:
            referral_selectors = None
        finder = getattr(referral_selectors, "referrals_for_referrer", None)
        if finder is not None:
            rows = []
            for r in finder(actor=actor):
                rows.append(
                    ConcernStatus(
                        person_id=getattr(r, "person_id", None) or 0,
                        child=str(getattr(r, "child_display", "") or getattr(r, "child_name", "")),
                        raised_on=getattr(r, "received_at", None) or getattr(r, "created_at", None),
                        kind=r.get_kind_display() if hasattr(r, "get_kind_display") else "Referral",
                        status=r.get_status_display() if hasattr(r, "get_status_display") else str(r.status),
                    )
                )
            return rows
    from lantern.access.policies import person_policy
    from lantern.access.scopes import VIEW
    from lantern.people.models import Person

    visible = person_policy.visible(actor, VIEW, Person.objects.all())
    events = (
        ChronologyEvent.objects.filter(
            source_agency_id=actor.agency_id,
            event_type__in=[EventType.CONCERN, EventType.REFERRAL],
            person__in=visible,
        )
        .select_related("person")
        .order_by("-event_date", "-id")[:100]
    )
    today = timezone.localdate()
    leads = set(
        Involvement.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            is_lead=True,
            person_id__in=[e.person_id for e in events],
        )
        .exclude(agency__kind=AgencyKind.SCHOOL)
        .values_list("person_id", flat=True)
    )
    return [
        ConcernStatus(
            person_id=e.person_id,
            child=e.person.display_name,
            raised_on=e.event_date,
            kind=e.get_event_type_display(),
            status="A lead professional is working with the child"
            if e.person_id in leads
            else "Received: not yet allocated",
        )
        for e in events
    ]
