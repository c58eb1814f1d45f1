"""Factories for intelligence, named by state (house rule 11)."""

from __future__ import annotations

import datetime as dt

import factory

from lantern.accounts.models import Agency, Area
from lantern.intelligence.choices import EntityKind, LineStatus, LinkType, PhoneKind, Strength
from lantern.intelligence.models import CountyLine, LineStatusChange, Link, Phone
from lantern.people.choices import SharingLevel


def _police():
    agency, _ = Agency.objects.get_or_create(name="Ashdown Police", defaults={"kind": "police"})
    return agency


def _area(name="North"):
    area, _ = Area.objects.get_or_create(name=name)
    return area


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phone

    number = factory.Sequence(lambda n: f"07700900{n % 1000:03d}")
    kind = PhoneKind.PERSONAL


class LinkFactory(factory.django.DjangoModelFactory):
    """A police-only, confirmed link; between two new phones unless the ends are given."""

    class Meta:
        model = Link

    a_kind = EntityKind.PHONE
    a_id = factory.LazyFunction(lambda: PhoneFactory().pk)
    b_kind = EntityKind.PHONE
    b_id = factory.LazyFunction(lambda: PhoneFactory().pk)
    link_type = LinkType.ASSOCIATES_WITH
    strength = Strength.CONFIRMED
    first_seen = dt.date(2026, 1, 10)
    source_agency = factory.LazyFunction(_police)
    sharing = SharingLevel.POLICE


class StatutoryLinkFactory(LinkFactory):
    sharing = SharingLevel.STATUTORY


class ActiveLineFactory(factory.django.DjangoModelFactory):
    """A line opened on 1 March 2018 in the North, still active."""

    class Meta:
        model = CountyLine
        skip_postgeneration_save = True

    brand = factory.Sequence(lambda n: f"Brand{n}")
    importing_area = factory.LazyFunction(_area)
    exporting_area = "Kingsmere"

    @factory.post_generation
    def opened(obj, create, extracted, **kwargs):
        if create:
            LineStatusChange.objects.create(line=obj, status=LineStatus.ACTIVE,
                                            effective_on=extracted or dt.date(2018, 3, 1),
                                            reason="Opened")
