from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lantern.contexts.choices import ActionStatus
from lantern.contexts.tests.factories import (
    ContextActionFactory,
    LinkedChildFactory,
    OpenPlaceFactory,
    OverdueContextActionFactory,
)

pytestmark = pytest.mark.django_db


def test_where_reads_as_words(personas):
    place = OpenPlaceFactory(ward="Harrowden", postcode_district="AS12")
    assert place.where == "Harrowden ward, AS12"
    assert place.is_open


def test_only_one_current_link_per_person(personas):
    link = LinkedChildFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LinkedChildFactory(context=link.context, person=link.person)
    # An ended link does not block a new one (the history keeps both).
    link.unlinked_on = timezone.localdate()
    link.save()
    LinkedChildFactory(context=link.context, person=link.person)


def test_overdue_only_while_the_action_is_open(personas):
    overdue = OverdueContextActionFactory()
    assert overdue.is_overdue
    overdue.status = ActionStatus.DONE
    assert not overdue.is_overdue
    assert not ContextActionFactory(due_date=timezone.localdate() + dt.timedelta(days=1)).is_overdue
