"""Reads of missing episodes, interviews and Philomena profiles. Every function takes the actor.

Records about a child are visible when the child is (``person_policy.visible``). Selectors do
not audit; the views and commands that show or export what they return do.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.missing.choices import CLOSED_STATUSES, EpisodeKind
from lantern.missing.clock import LONDON
from lantern.missing.models import MissingEpisode, PhilomenaProfile, ReturnInterview, RhiMention
from lantern.people.choices import IdentifierType
from lantern.people.models import Identifier, Person

PATTERN_DAYS = 90
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Time-of-day bands (local time, start hour inclusive).
TIME_BANDS = [
    ("Night (midnight to 6am)", 0, 6),
    ("Morning (6am to noon)", 6, 12),
    ("Afternoon (noon to 6pm)", 12, 18),
    ("Evening (6pm to midnight)", 18, 24),
]


def _visible_people(actor) -> QuerySet[Person]:
    return person_policy.visible(actor, VIEW, Person.objects.all())


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def episode_visible(*, actor) -> QuerySet[MissingEpisode]:
    return MissingEpisode.objects.filter(person__in=_visible_people(actor)).select_related(
        "person", "reported_by"
    )


def episode_get(*, actor, episode_id) -> MissingEpisode:
    episode = episode_visible(actor=actor).filter(pk=_pk(episode_id)).first()
    if episode is None:
        raise Http404
    return episode


def episodes_for(*, actor, person: Person) -> QuerySet[MissingEpisode]:
    if not person_policy.can(actor, VIEW, person):
        raise Http404
    return (
        MissingEpisode.objects.filter(person=person)
        .select_related("reported_by", "interview", "philomena_report")
        .order_by("-started_at")
    )


def open_episodes(*, actor) -> QuerySet[MissingEpisode]:
    return episode_visible(actor=actor).filter(ended_at__isnull=True).order_by("started_at")


def interview_get(*, actor, interview_id) -> ReturnInterview:
    interview = (
        ReturnInterview.objects.filter(person__in=_visible_people(actor), pk=_pk(interview_id))
        .select_related("episode", "person", "interviewer")
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def mention_get(*, actor, mention_id) -> RhiMention:
    mention = (
        RhiMention.objects.filter(
            interview__person__in=_visible_people(actor), pk=_pk(mention_id)
        )
        .select_related("interview", "interview__person")
        .first()
    )
    if mention is None:
        raise Http404
    return mention


def interviews_due(*, actor, before: dt.datetime | None = None) -> QuerySet[ReturnInterview]:
    """Return home interviews still to be done for children the actor may see, soonest first.

    The cases app's dashboard can call this for "RHIs due"; ``before`` limits to those due
    before a moment (e.g. ``timezone.now()`` for overdue ones).
    """
    qs = (
        ReturnInterview.objects.filter(person__in=_visible_people(actor))
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("person", "episode")
        .order_by("due_at")
    )
    if before is not None:
        qs = qs.filter(due_at__lt=before)
    return qs


def philomena_for(*, actor, person: Person) -> PhilomenaProfile | None:
    if not person_policy.can(actor, VIEW, person):
        raise Http404
    return PhilomenaProfile.objects.filter(person=person).first()


def philomena_stale(*, actor) -> QuerySet[PhilomenaProfile]:
    """Profiles of visible children not confirmed in the last 90 days (for prompts)."""
    from lantern.missing.models import PHILOMENA_STALE_DAYS

    cutoff = timezone.now() - dt.timedelta(days=PHILOMENA_STALE_DAYS)
    return PhilomenaProfile.objects.filter(
        person__in=_visible_people(actor), confirmed_at__lt=cutoff
    ).select_related("person")


@dataclass
class Patterns:
    """What a child's episodes have in common, for the practitioner and the missing panel."""

    total: int = 0
    last_90_days: int = 0
    missing: int = 0
    absent: int = 0
    by_weekday: list[tuple[str, int]] = field(default_factory=list)
    by_time: list[tuple[str, int]] = field(default_factory=list)
    where_found: list[tuple[str, int]] = field(default_factory=list)
    found_with: list[tuple[str, int]] = field(default_factory=list)
    longest_hours: int | None = None


def _tally(values: list[str]) -> list[tuple[str, int]]:
    """Count free-text answers case- and space-insensitively, showing the first spelling."""
    shown: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for v in values:
        key = " ".join(v.lower().split())
        if not key:
            continue
        shown.setdefault(key, " ".join(v.split()))
        counts[key] += 1
    return [(shown[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def patterns_for(*, actor, person: Person, now: dt.datetime | None = None) -> Patterns:
    episodes = list(episodes_for(actor=actor, person=person))
    now = now or timezone.now()
    since = now - dt.timedelta(days=PATTERN_DAYS)
    p = Patterns(total=len(episodes))
    p.last_90_days = sum(1 for e in episodes if e.started_at >= since)
    p.missing = sum(1 for e in episodes if e.kind == EpisodeKind.MISSING)
    p.absent = p.total - p.missing
    local_starts = [e.started_at.astimezone(LONDON) for e in episodes]
    days = Counter(s.weekday() for s in local_starts)
    p.by_weekday = [(WEEKDAYS[i], days.get(i, 0)) for i in range(7)]
    p.by_time = [
        (label, sum(1 for s in local_starts if lo <= s.hour < hi)) for label, lo, hi in TIME_BANDS
    ]
    p.where_found = _tally([e.where_found for e in episodes if e.ended_at])
    p.found_with = _tally([e.found_with for e in episodes if e.ended_at])
    durations = [e.duration for e in episodes if e.duration is not None]
    if durations:
        p.longest_hours = int(max(durations).total_seconds() // 3600)
    return p


# --- SSDA903 missing table ----------------------------------------------------------------------

COLUMNS_903 = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]


@dataclass
class Export903:
    rows: list[dict[str, str]]
    warnings: list[str]
    person_ids: list[int] = field(default_factory=list)


def _d(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def placeholder_child_id(person_id: int) -> str:
    """Stable stand-in when a child has no local authority child ID (never a name)."""
    return f"LANTERN{person_id:07d}"


def missing_903(*, people: QuerySet[Person], date_from: dt.date, date_to: dt.date) -> Export903:
    """The SSDA903 missing table for episodes that *started* between the dates (inclusive).

    MIS_END is blank while the child is still missing at the end of the period. Internal: the
    caller has chosen ``people`` (a visible set for a user, or everyone for the data team's
    management command) and audits the export.
    """
    if date_to < date_from:
        raise ValueError("The end date must be the same as or after the start date")
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=LONDON)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=LONDON)
    episodes = (
        MissingEpisode.objects.filter(person__in=people, started_at__gte=start, started_at__lt=end)
        .select_related("person")
        .order_by("person_id", "started_at")
    )
    la_ids = dict(
        Identifier.objects.filter(type=IdentifierType.LA_CHILD_ID, person__in=people).values_list(
            "person_id", "value"
        )
    )
    rows, warnings, missing_ids = [], [], set()
    for e in episodes:
        child = la_ids.get(e.person_id)
        if not child:
            child = placeholder_child_id(e.person_id)
            missing_ids.add(child)
        ended = e.ended_at.astimezone(LONDON).date() if e.ended_at and e.ended_at < end else None
        rows.append(
            {
                "CHILD": child,
                "DOB": _d(e.person.date_of_birth),
                "MISSING": "M" if e.kind == EpisodeKind.MISSING else "A",
                "MIS_START": _d(e.started_at.astimezone(LONDON).date()),
                "MIS_END": _d(ended),
            }
        )
    if missing_ids:
        warnings.append(
            f"{len(missing_ids)} child{'ren' if len(missing_ids) != 1 else ''} had no local "
            f"authority child ID; placeholder IDs were used ({', '.join(sorted(missing_ids))}). "
            "Add the ID to each child's record before submitting the return."
        )
    no_dob = {r["CHILD"] for r in rows if not r["DOB"]}
    if no_dob:
        warnings.append(f"{len(no_dob)} child{'ren' if len(no_dob) != 1 else ''} had no date of birth.")
    person_ids = sorted({e.person_id for e in episodes})
    return Export903(rows=rows, warnings=warnings, person_ids=person_ids)


def missing_903_for(*, actor, date_from: dt.date, date_to: dt.date) -> Export903:
    return missing_903(people=_visible_people(actor), date_from=date_from, date_to=date_to)
