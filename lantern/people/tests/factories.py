"""Factories for people, named by state (house rule 11)."""

from __future__ import annotations

import datetime as dt

import factory

from lantern.access.sharing import default_level
from lantern.people.choices import EventType, PersonKind, Sex
from lantern.people.models import (
    Address,
    ChronologyEvent,
    Involvement,
    Person,
    Relationship,
    SchoolEnrolment,
)
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
    #: The default rule, as the recording service would set it (lantern.access.sharing).
    sharing = factory.LazyAttribute(
        lambda o: default_level(o.event_type, getattr(o.source_agency, "kind", None))
    )


def _school():
    from lantern.accounts.choices import AgencyKind
    from lantern.accounts.models import Agency

    school = Agency.objects.filter(kind=AgencyKind.SCHOOL).order_by("pk").first()
    if school is None:
        school = Agency.objects.create(name="Factory Academy", kind=AgencyKind.SCHOOL)
    return school


class CurrentEnrolmentFactory(factory.django.DjangoModelFactory):
    """On a school's roll now (no end date)."""

    class Meta:
        model = SchoolEnrolment

    person = factory.SubFactory(ChildFactory)
    school = factory.LazyFunction(_school)
    year_group = 9
    start_date = dt.date(2025, 9, 3)


class CurrentAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    person = factory.SubFactory(ChildFactory)
    line1 = factory.Sequence(lambda n: f"{n + 1} Orchard Row")
    town = "Ashdown"
    postcode = "AS1 4QT"
    kind = "home"
    start_date = dt.date(2024, 4, 1)


class CurrentRelationshipFactory(factory.django.DjangoModelFactory):
    """A current relationship to another child known to the same agencies as ``person`` (so
    whoever may open ``person`` may open the other record too, and the end page opens)."""

    class Meta:
        model = Relationship
        skip_postgeneration_save = True

    person = factory.SubFactory(ChildFactory)
    other = factory.SubFactory(ChildFactory)
    kind = "sibling"
    description = "Older brother"

    @factory.post_generation
    def same_scope(obj, create, extracted, **kwargs):
        if not create:
            return
        for inv in Involvement.objects.filter(person=obj.person):
            Involvement.objects.create(
                person=obj.other, agency=inv.agency, team=inv.team, user=inv.user, role=inv.role,
                contact_name=inv.contact_name, start_date=inv.start_date,
            )
