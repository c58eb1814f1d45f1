"""Reads of referrals. The referrer's view and the triage view are separate functions so a
referrer can never be handed the content of a referral through the triage path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.access.naming import Named, visible_person_ids
from lantern.cases import policies as case_policies
from lantern.cases.workdays import working_hours_between
from lantern.referrals import policies
from lantern.referrals.choices import ReferralStatus
from lantern.referrals.models import Referral

#: Working Together 2023: a decision within one working day of a referral being received.
TRIAGE_TARGET_WORKING_HOURS = 8
WORKING_DAY_HOURS = 8


@dataclass(frozen=True)
class Clock:
    hours: float

    @property
    def overdue(self) -> bool:
        return self.hours >= TRIAGE_TARGET_WORKING_HOURS

    @property
    def label(self) -> str:
        whole = int(self.hours)
        if whole < WORKING_DAY_HOURS:
            if whole == 0:
                return "Less than 1 working hour"
            return f"{whole} working hour{'s' if whole != 1 else ''}"
        days, hours = divmod(whole, WORKING_DAY_HOURS)
        text = f"{days} working day{'s' if days != 1 else ''}"
        if hours:
            text += f" {hours} hour{'s' if hours != 1 else ''}"
        return text


def clock_for(received_at: dt.datetime, now: dt.datetime | None = None) -> Clock:
    now = now or timezone.now()
    start = timezone.localtime(received_at).replace(tzinfo=None)
    end = timezone.localtime(now).replace(tzinfo=None)
    return Clock(working_hours_between(start, end))


def referral_triage_visible(*, actor) -> QuerySet[Referral]:
    if not policies.may_triage(actor):
        return Referral.objects.none()
    visible = case_policies.visible_people(actor)
    return Referral.objects.filter(Q(person__isnull=True) | Q(person__in=visible))


def referral_get_for_triage(*, actor, referral_id) -> Referral:
    try:
        pk = int(referral_id)
    except (TypeError, ValueError):
        raise Http404 from None
    referral = (
        referral_triage_visible(actor=actor)
        .select_related("person", "referrer_agency", "screened_by", "decided_by")
        .prefetch_related("types", "children__person", "cases__person")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404
    return referral


@dataclass
class ReferralPeople:
    """The children linked to a referral and the cases opened from it, as one viewer may see
    them: named when the viewer may open the child, otherwise only counted."""

    children: Named
    cases: Named


def referral_people(*, actor, referral: Referral) -> ReferralPeople:
    """Split a referral's linked children and its cases by whether the actor may open the child.

    Why: a context referral links several children, each perhaps held by another team or
    restricted; the triage worker may open the referral without being allowed to open every
    child on it. One policy query covers both lists (``referral`` came through
    ``referral_get_for_triage``, which prefetched them).
    """
    links = list(referral.children.all())
    cases = list(referral.cases.all())
    allowed = visible_person_ids(actor, [c.person_id for c in links] + [c.person_id for c in cases])

    def split(items) -> Named:
        shown = [i for i in items if i.person_id in allowed]
        return Named(shown=shown, hidden=len(items) - len(shown))

    return ReferralPeople(children=split(links), cases=split(cases))


def referral_queue(*, actor, decided: bool = False) -> list[Referral]:
    """Waiting referrals, oldest first, each with its working-time clock; or the last 30 days
    of decisions."""
    qs = referral_triage_visible(actor=actor).select_related("person", "referrer_agency")
    if decided:
        since = timezone.now() - dt.timedelta(days=30)
        items = list(
            qs.filter(status=ReferralStatus.DECIDED, decided_at__gte=since).order_by("-decided_at")[:200]
        )
    else:
        items = list(qs.exclude(status=ReferralStatus.DECIDED).order_by("received_at", "id")[:200])
    now = timezone.now()
    for r in items:
        r.clock = clock_for(r.received_at, now)
    return items


def referral_mine(*, actor) -> list[Referral]:
    """The actor's own referrals: status fields only (never the linked record)."""
    return list(
        Referral.objects.filter(referrer=actor)
        .only(
            "id", "reference", "kind", "about", "received_at", "status", "decision",
            "child_first_name", "child_last_name", "child_known_as", "context_kind",
            "context_name", "decided_at", "person_id",
        )
        .order_by("-received_at", "-id")[:200]
    )


#: The name the schools app looks for (``lantern.schools.selectors.concerns_for``).
referrals_for_referrer = referral_mine


def referral_get_own(*, actor, referral_id) -> Referral:
    try:
        pk = int(referral_id)
    except (TypeError, ValueError):
        raise Http404 from None
    referral = Referral.objects.filter(pk=pk, referrer=actor).first() if actor.is_authenticated else None
    if referral is None:
        raise Http404
    return referral
