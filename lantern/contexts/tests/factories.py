"""Factories for places and peer groups, named by state (house rule 11).

Contexts are held by the North exploitation team when it exists (the personas' world), so the
personas in ``conftest.personas`` can reach them; otherwise by a team made for the purpose.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from lantern.contexts.choices import (
    ActionKind,
    ActionStatus,
    ClosureOutcome,
    ContextKind,
    ContextStatus,
    MemberRole,
    NoteKind,
)
from lantern.contexts.models import Context, ContextAction, ContextMember, ContextNote
from lantern.people.tests.factories import AdultOfConcernFactory, ChildFactory

NORTH = "Lantern Exploitation Team North"


def _team():
    from lantern.accounts.choices import AgencyKind
    from lantern.accounts.models import Agency, Team

    team = Team.objects.filter(name=NORTH).first()
    if team is None:
        agency, _ = Agency.objects.get_or_create(
            name="Factory Children's Services", defaults={"kind": AgencyKind.CHILDRENS_SERVICES}
        )
        team, _ = Team.objects.get_or_create(name=NORTH, agency=agency)
    return team


def _agency():
    return _team().agency


class OpenPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Context

    kind = ContextKind.LOCATION
    name = factory.Sequence(lambda n: f"Marlcombe Park skate area {n}")
    description = "Older males seen giving younger children lifts and small packages."
    ward = "Harrowden"
    postcode_district = "AS12"
    status = ContextStatus.OPEN
    team = factory.LazyFunction(_team)
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=20))


class OpenPeerGroupFactory(OpenPlaceFactory):
    kind = ContextKind.PEER_GROUP
    name = factory.Sequence(lambda n: f"Group seen at the bus station {n}")
    ward = ""
    postcode_district = ""


class ClosedPlaceFactory(OpenPlaceFactory):
    status = ContextStatus.CLOSED
    closed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=2))
    closure_outcome = ClosureOutcome.PLACE_CHANGED
    closure_reason = "The shop has new management and a guardianship agreement."


class LinkedChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextMember

    context = factory.SubFactory(OpenPlaceFactory)
    person = factory.SubFactory(ChildFactory)
    role = MemberRole.CHILD
    reason = "Seen at the skate area late at night with older males."
    linked_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))


class LinkedPersonOfConcernFactory(LinkedChildFactory):
    context = factory.SubFactory(OpenPeerGroupFactory)
    person = factory.SubFactory(AdultOfConcernFactory)
    role = MemberRole.PERSON_OF_CONCERN
    reason = "Police intelligence: gives the group lifts and money."


class ContextActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextAction

    context = factory.SubFactory(OpenPlaceFactory)
    kind = ActionKind.DETACHED_YOUTH_WORK
    description = "Detached youth work at the skate area on Friday evenings."
    owner_name = "Brightpath detached team"
    agency = factory.LazyFunction(_agency)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    status = ActionStatus.NOT_STARTED


class OverdueContextActionFactory(ContextActionFactory):
    due_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))


class ContextNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextNote

    context = factory.SubFactory(OpenPlaceFactory)
    kind = NoteKind.OBSERVATION
    occurred_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    text = "Visited at 9pm: four young people, two older males in a car by the gate."
