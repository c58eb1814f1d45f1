"""Factories for people, named by state (house rule 11)."""

from __future__ import annotations

import datetime as dt

import factory

from lantern.people.choices import EventType, PersonKind, Sex
from lantern.people.models import ChronologyEvent, Involvement, Person
from lantern.people.services import person_refresh_name_keys


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    kind = PersonKind.CHILD
    first_name = factory.Sequence(lambda n: f"Ember{n}")
    last_name = factory.Sequence(lambda n: f"Hollis{n}")
    # Cycles through 2008-2014 so long test runs never produce a future date of birth.
    date_of_birth = factory.Sequence(lambda n: dt.date(2008, 1, 1) + dt.timedelta(days=(n * 37) % 2555))
    sex = Sex.FEMALE

    @factory.post_generation
    def keys(obj, create, extracted, **kwargs):
        if create:
            person_refresh_name_keys(person=obj)


class RestrictedChildFactory(ChildFactory):
    class Meta:
        skip_postgeneration_save = True

    restricted = True


class AdultOfConcernFactory(ChildFactory):
    kind = PersonKind.ADULT_OF_CONCERN
    date_of_birth = dt.date(1990, 5, 5)
    sex = Sex.MALE


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    person = factory.SubFactory(ChildFactory)
    role = "Lead professional"
    contact_name = "Jo Example"
    contact_phone = "01632 960000"
    start_date = dt.date(2025, 1, 1)


class ChronologyEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChronologyEvent

    person = factory.SubFactory(ChildFactory)
    event_type = EventType.MISSING
    event_date = dt.date(2026, 3, 14)
    summary = "Reported missing after school; found the next morning in another town."
