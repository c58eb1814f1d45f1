"""Fixtures for panels: a MACE chaired by marcus with children's services and the police on it,
a child on its list whom priya (North) and olivia (police) may both open, and a helper that
records a chronology event on a given day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def panel(personas):
    from lantern.panels import services

    panel = services.panel_create(actor=personas["marcus"], name="Ashdown MACE", cadence_days=14)
    for who in ("priya", "olivia"):
        services.panel_add_member(actor=personas["marcus"], panel=panel, user=personas[who])
    return panel


@pytest.fixture
def shared_child(personas):
    """A North child the police also know: priya and olivia may both open them."""
    from lantern.accounts.models import Team
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory

    north = Team.objects.get(name="Lantern Exploitation Team North")
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    child = ChildFactory(first_name="Callum", last_name="Ridgeway")
    InvolvementFactory(person=child, agency=north.agency, team=north, user=personas["priya"],
                       is_lead=True)
    InvolvementFactory(person=child, agency=met.agency, team=met)
    return child


@pytest.fixture
def event_on(personas):
    """``event_on(child, days_ago, type, sharing=None, summary=...)``: a chronology entry."""
    from lantern.people.tests.factories import ChronologyEventFactory

    def make(child, days_ago: int, event_type: str = "missing", *, agency=None, **extra):
        agency = agency or personas["olivia"].agency
        return ChronologyEventFactory(
            person=child, event_type=event_type, source_agency=agency,
            event_date=timezone.localdate() - dt.timedelta(days=days_ago), **extra,
        )

    return make
