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

from lantern.access import sharing
from lantern.access.naming import Named, split_named, visible_person_ids
from lantern.accounts.choices import AgencyKind
from lantern.people.choices import EventType
from lantern.people.models import ChronologyEvent, Involvement, SchoolEnrolment
from lantern.schools import policies
from lantern.schools.models import EncompassNotice
from lantern.schools.year_groups import academic_year, year_group, year_group_label

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


def current_year_group(enrolment: SchoolEnrolment, today: dt.date) -> int:
    """The pupil's year group on ``today``: from their date of birth (``year_groups``), or,
    when it is not known, the year group recorded at the start date plus the academic years
    since."""
    person = enrolment.person if enrolment.person_id else None
    if person is not None and person.date_of_birth is not None:
        return year_group(person.date_of_birth, today)
    return enrolment.year_group + academic_year(today) - academic_year(enrolment.start_date)


def notices_for(*, actor) -> QuerySet[EncompassNotice]:
    if not policies.is_school_dsl(actor):
        return EncompassNotice.objects.none()
    return EncompassNotice.objects.filter(school_id=actor.agency_id).order_by(
        "-acknowledged_at", "due_by", "id"
    )


def notices_named(*, actor, limit: int = 200) -> Named[EncompassNotice]:
    """The school's notices, named only where the lead may open the pupil; the rest counted.

    Why: a pupil on the roll may still be a record the lead may not open (restricted, or known
    only to another agency). The notice exists, so the school can be ready, but it never says
    who it is about to a lead who may not see that pupil (#10). One policy query.
    """
    return split_named(actor, notices_for(actor=actor)[:limit])


def unacknowledged_count(*, actor) -> int:
    """Notices waiting that the lead can act on (a notice they may not open is not theirs to
    acknowledge, so it does not nag them)."""
    ids = list(
        notices_for(actor=actor).filter(acknowledged_at__isnull=True).values_list("person_id", flat=True)
    )
    allowed = visible_person_ids(actor, set(ids))
    return sum(1 for i in ids if i in allowed)


def notice_get(*, actor, notice_id) -> EncompassNotice:
    """A notice to the lead's school about a pupil the lead may open; 404 otherwise."""
    try:
        pk = int(notice_id)
    except (TypeError, ValueError):
        raise Http404 from None
    notice = notices_for(actor=actor).filter(pk=pk).first()
    if notice is None or not visible_person_ids(actor, [notice.person_id]):
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
        return year_group_label(self.year_group)


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
        SchoolEnrolment.objects.filter(school_id=school_id, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person")
        .only("person_id", "year_group", "start_date", "person__date_of_birth")
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


def lead_contacts(*, actor, person_ids) -> dict[int, dict]:
    """Who a school should call about each pupil: the lead professional's name, team, phone
    and email, from the pupil's current lead involvement (one query).

    Only for pupils the safeguarding lead may open: a notice about anyone else is never named,
    so neither is their worker. A pupil with no lead professional yet is left out (the page then
    points to the exploitation team's front door instead).
    """
    allowed = visible_person_ids(actor, set(person_ids))
    if not allowed:
        return {}
    today = timezone.localdate()
    current = Q(end_date__isnull=True) | Q(end_date__gte=today)
    rows = (
        Involvement.objects.filter(current, person_id__in=allowed, is_lead=True)
        .filter(sharing.involvements_q(actor))
        .select_related("team", "agency", "user")
        .order_by("person_id", "-start_date", "-id")
    )
    out: dict[int, dict] = {}
    for inv in rows:
        if inv.person_id in out:
            continue
        name = inv.contact_name or (inv.user.get_full_name() if inv.user_id else "")
        out[inv.person_id] = {
            "name": name,
            "team": inv.team.name if inv.team_id else inv.agency.name,
            "phone": inv.contact_phone or (getattr(inv.user, "phone", "") if inv.user_id else ""),
            "email": inv.contact_email or (inv.user.email if inv.user_id else ""),
        }
    return out
