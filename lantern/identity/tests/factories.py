"""Factories for possible matches, named by state (house rule 11)."""

from __future__ import annotations

import factory

from lantern.identity.choices import MatchKind
from lantern.identity.models import PossibleMatch
from lantern.people.models import Involvement
from lantern.people.tests.factories import ChildFactory


def _twin_of(person):
    """A second record for ``person``'s child, known to the same teams (so whoever may open
    one may open both, as a reviewer must)."""
    twin = ChildFactory(
        first_name=person.first_name, last_name=person.last_name, date_of_birth=person.date_of_birth
    )
    for inv in Involvement.objects.filter(person=person):
        inv.pk = None
        inv.person = twin
        inv.save()
    return twin


class OpenIdentifierMatchFactory(factory.django.DjangoModelFactory):
    """The same NHS number on two records of one child, not yet checked."""

    class Meta:
        model = PossibleMatch

    kind = MatchKind.IDENTIFIER
    identifier_type = "nhs"
    person = factory.SubFactory(ChildFactory)
    other = factory.LazyAttribute(lambda o: _twin_of(o.person))
