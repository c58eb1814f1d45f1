"""Factories for the disruption register, named by state (house rule 11). Entries are owned by
the demo's police officer when the personas exist, so the matrix walk and the bad-input sweep
reach their forms as olivia."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from lantern.disruption.choices import Outcome, TargetKind
from lantern.disruption.models import DisruptionAction, DisruptionBreach
from lantern.people.tests.factories import AdultOfConcernFactory


def _olivia():
    from lantern.accounts.models import Agency, User

    user = User.objects.filter(username="olivia").first()
    if user is None:
        agency, _ = Agency.objects.get_or_create(name="Ashdown Police", defaults={"kind": "police"})
        user = User.objects.create(username="olivia", role="police_officer", agency=agency,
                                   first_name="Olivia", last_name="Brennan")
    return user


def _today():
    return timezone.localdate()


class ActiveOrderFactory(factory.django.DjangoModelFactory):
    """A child abduction warning notice against an adult, protecting one child."""

    class Meta:
        model = DisruptionAction
        skip_postgeneration_save = True

    tactic = "cawn"
    legal_basis = "Child Abduction Act 1984 s2"
    target_kind = TargetKind.PERSON
    target_person = factory.SubFactory(AdultOfConcernFactory)
    started_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=30))
    expires_on = factory.LazyFunction(lambda: _today() + dt.timedelta(days=180))
    owner = factory.LazyFunction(_olivia)
    created_by = factory.LazyFunction(_olivia)
    agency = factory.LazyFunction(lambda: _olivia().agency)

    @factory.post_generation
    def child(obj, create, extracted, **kwargs):
        """``child=person``: a child the order protects (the sweep sets it to each casebook child)."""
        if create and extracted is not None:
            obj.protects.add(extracted)


class ExpiringOrderFactory(ActiveOrderFactory):
    expires_on = factory.LazyFunction(lambda: _today() + dt.timedelta(days=10))


class EndedOrderFactory(ActiveOrderFactory):
    ended_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=2))
    outcome = Outcome.COMPLIED


class LineClosureFactory(ActiveOrderFactory):
    tactic = "other"
    target_kind = TargetKind.LINE
    target_person = None
    target_description = "The 'Jay' line, 07700 900123"
    expires_on = None


class BreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisruptionBreach

    action = factory.SubFactory(ActiveOrderFactory)
    occurred_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=3))
    description = "Seen with the child outside school after the notice was served."
