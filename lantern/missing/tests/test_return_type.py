"""A return from missing is typed "Return from missing", never "Other"; old rows are migrated."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from lantern.missing import services
from lantern.people.choices import EventType
from lantern.people.models import ChronologyEvent
from lantern.people.tests.factories import ChronologyEventFactory

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("lantern.people.migrations.0005_event_type_missing_return")


def _episode(actor, person, **kw):
    return services.episode_record(
        actor=actor, person=person, kind="missing", risk_grade="medium",
        started_at=timezone.now() - dt.timedelta(hours=30), **kw,
    )


def test_a_return_is_typed_return_from_missing(personas, casebook):
    episode = _episode(personas["olivia"], casebook["pupil"])
    services.episode_return(
        actor=personas["olivia"], episode=episode, ended_at=timezone.now() - dt.timedelta(hours=2)
    )
    event = ChronologyEvent.objects.get(
        source_type="missing.MissingEpisode", source_id=episode.pk, summary__startswith="Returned"
    )
    assert event.event_type == EventType.MISSING_RETURN
    assert event.get_event_type_display() == "Return from missing"


def test_migration_retypes_old_returns_and_nothing_else(personas, casebook):
    from lantern.accounts.models import Agency
    from lantern.synthetic import personas as cast

    child = casebook["team_child"]
    police = Agency.objects.get(name=cast.POLICE)
    old_return = ChronologyEventFactory(
        person=child, source_agency=police, event_type="other",
        source_type="missing.MissingEpisode", source_id=9,
        summary="Returned from missing episode on 1 May 2026 after 5 hours.",
    )
    other = ChronologyEventFactory(
        person=child, source_agency=police, event_type="other", summary="Returned a phone."
    )
    MIGRATION.forwards(apps, None)
    old_return.refresh_from_db()
    other.refresh_from_db()
    assert old_return.event_type == "missing_return"
    assert other.event_type == "other"
    MIGRATION.backwards(apps, None)
    old_return.refresh_from_db()
    assert old_return.event_type == "other"
