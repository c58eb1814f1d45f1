"""Critical chronology events reach registered handlers inside the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.people import critical
from lantern.people.services import chronology_event_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorder():
    seen = []

    def handler(*, event, actor):
        seen.append((event.event_type, actor.username))

    critical.on_critical_event(handler)
    yield seen
    critical._HANDLERS.remove(handler)


def test_arrest_notifies_handlers(personas, casebook, recorder):
    chronology_event_add(
        actor=personas["priya"], person=casebook["team_child"], event_type="arrest",
        event_date=dt.date(2026, 5, 1), summary="Arrested in a drug-supply operation; treated as a possible victim.",
    )
    assert recorder == [("arrest", "priya")]


def test_ordinary_event_does_not_notify(personas, casebook, recorder):
    chronology_event_add(
        actor=personas["priya"], person=casebook["team_child"], event_type="contact",
        event_date=dt.date(2026, 5, 1), summary="Home visit.",
    )
    assert recorder == []
