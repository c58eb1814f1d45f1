"""Factories for NRM referrals and charges, named by state (house rule 11).

The first responder organisation is the personas' children's services when it exists, so the
demo personas can reach what is made; otherwise one made for the purpose.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from lantern.nrm.choices import CourtOutcome, Decision, DecisionMaker, ExploitationType
from lantern.nrm.models import Charge, NrmReferral, NrmReferralType
from lantern.nrm.timescales import conclusive_grounds_earliest, reasonable_grounds_due
from lantern.people.tests.factories import ChildFactory


def _agency(kind: str = "childrens_services", name: str = "Ashdown Children's Services"):
    from lantern.accounts.models import Agency

    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        agency, _ = Agency.objects.get_or_create(name=f"Factory {kind}", defaults={"kind": kind})
    return agency


def _days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


class PendingReferralFactory(factory.django.DjangoModelFactory):
    """Submitted ten days ago, no decision yet (so the reasonable grounds decision is overdue)."""

    class Meta:
        model = NrmReferral
        skip_postgeneration_save = True

    person = factory.SubFactory(ChildFactory)
    first_responder_agency = factory.LazyFunction(_agency)
    submitted_on = factory.LazyFunction(lambda: _days_ago(10))
    county_lines = True
    indicators = "Found carrying drugs for older males in another town."
    account = "Made to travel to another town and hold drugs in a flat."
    decision_maker = DecisionMaker.HOME_OFFICE
    reasonable_grounds_due = factory.LazyAttribute(lambda o: reasonable_grounds_due(o.submitted_on))

    @factory.post_generation
    def kinds(obj, create, extracted, **kwargs):
        if create:
            for kind in extracted or [ExploitationType.CRIMINAL, ExploitationType.COUNTY_LINES]:
                NrmReferralType.objects.get_or_create(referral=obj, kind=kind)


class PositiveReasonableGroundsReferralFactory(PendingReferralFactory):
    submitted_on = factory.LazyFunction(lambda: _days_ago(40))
    rg_decision = Decision.POSITIVE
    rg_decision_on = factory.LazyFunction(lambda: _days_ago(36))
    conclusive_grounds_earliest = factory.LazyAttribute(
        lambda o: conclusive_grounds_earliest(o.rg_decision_on))


class ChargeFactory(factory.django.DjangoModelFactory):
    """Charged last week, first court date next week, no outcome yet."""

    class Meta:
        model = Charge

    person = factory.SubFactory(ChildFactory)
    offence = "Possession of a class A drug with intent to supply"
    charged_on = factory.LazyFunction(lambda: _days_ago(7))
    charging_agency = factory.LazyFunction(lambda: _agency("police", "Ashdown Police"))
    court_name = "Ashdown Youth Court"
    court_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    outcome = CourtOutcome.PENDING
