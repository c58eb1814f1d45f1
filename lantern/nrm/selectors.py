"""Reads for NRM referrals and charges, through the actor (house rule 3).

A referral or charge is visible when the child is (``person_policy``) and the actor's role and
agency may see NRM work (``lantern.nrm.policies.may_view_nrm``). Missing and not allowed are the
same 404.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.analysis.disclosure import suppress_counts
from lantern.nrm import policies
from lantern.nrm.choices import ExploitationType
from lantern.nrm.models import Charge, NrmReferral
from lantern.people.models import Person
from lantern.people.selectors import person_get


def _visible_people(actor) -> QuerySet:
    return person_policy.visible(actor, VIEW, Person.objects.all())


def nrm_person_get(*, actor, person_id) -> Person:
    """The child, if the actor may see their NRM and court records; 404 otherwise."""
    if not policies.may_view_nrm(actor):
        raise Http404
    return person_get(actor=actor, person_id=person_id)


def referrals_for(*, actor, person: Person) -> list[NrmReferral]:
    if not policies.can_view(actor, person):
        return []
    return list(
        NrmReferral.objects.filter(person=person)
        .select_related("first_responder_agency", "referred_by").prefetch_related("types")
    )


def charges_for(*, actor, person: Person) -> list[Charge]:
    if not policies.can_view(actor, person):
        return []
    return list(Charge.objects.filter(person=person).select_related("charging_agency", "recorded_by"))


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def referral_get(*, actor, nrm_referral_id) -> NrmReferral:
    if not policies.may_view_nrm(actor):
        raise Http404
    referral = (
        NrmReferral.objects.filter(pk=_int(nrm_referral_id), person__in=_visible_people(actor))
        .select_related("person", "first_responder_agency", "referred_by", "case")
        .prefetch_related("types").first()
    )
    if referral is None:
        raise Http404
    return referral


def charge_get(*, actor, charge_id) -> Charge:
    if not policies.may_view_nrm(actor):
        raise Http404
    charge = (
        Charge.objects.filter(pk=_int(charge_id), person__in=_visible_people(actor))
        .select_related("person", "charging_agency", "recorded_by").first()
    )
    if charge is None:
        raise Http404
    return charge


def referral_statistics(*, threshold: int | None = None, since=None, until=None) -> dict:
    """NRM referrals by form of exploitation and by outcome, safe to publish.

    Counts only, no child: for the reporting work and the partnership's committees. Every
    breakdown passes through ``lantern.analysis.disclosure`` (small counts, and whatever would
    reveal them, are ``None``). A referral naming two forms of exploitation counts once in each,
    so the by-type figures may add up to more than the referrals; ``County Lines`` counts the
    referrals marked as County Lines whether or not that was also ticked as a form.
    Outcomes: ``pending``, ``rg_positive``, ``rg_negative``, ``cg_positive``, ``cg_negative``
    (the latest decision reached).

    Returns ``{"referrals": n or None, "by_type": {...}, "by_outcome": {...}, "threshold": t}``.
    """
    threshold = threshold or settings.LANTERN_SUPPRESSION_THRESHOLD
    rows = NrmReferral.objects.all()
    if since is not None:
        rows = rows.filter(submitted_on__gte=since)
    if until is not None:
        rows = rows.filter(submitted_on__lte=until)
    by_type: Counter = Counter({t: 0 for t in ExploitationType.values})
    by_outcome: Counter = Counter(
        {k: 0 for k in ("pending", "rg_positive", "rg_negative", "cg_positive", "cg_negative")}
    )
    total = 0
    for referral in rows.prefetch_related("types"):
        total += 1
        kinds = set(referral.exploitation_types)
        if referral.county_lines:
            kinds.add(ExploitationType.COUNTY_LINES.value)
        for kind in kinds:
            by_type[kind] += 1
        by_outcome[referral.outcome] += 1
    outcome_published = suppress_counts(dict(by_outcome), threshold=threshold)
    # The outcomes add up to the number of referrals, so that number is published only when
    # every outcome is (otherwise it would give a hidden one back by subtraction).
    referrals = total if all(v is not None for v in outcome_published.values()) else None
    return {
        "referrals": referrals,
        "by_type": suppress_counts(dict(by_type), threshold=threshold),
        "by_outcome": outcome_published,
        "threshold": threshold,
    }
