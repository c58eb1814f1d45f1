"""Education events recorded by the school's safeguarding lead are critical chronology moments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lantern.people import critical
from lantern.people.models import ChronologyEvent
from lantern.schools.models import EducationEvent
from lantern.schools.services import education_event_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorder():
    seen = []

    def handler(*, event, actor):
        seen.append(event.event_type)

    critical.on_critical_event(handler)
    yield seen
    critical._HANDLERS.remove(handler)


def test_exclusion_is_critical_and_on_chronology(personas, casebook, recorder):
    item = education_event_record(
        actor=personas["sarah"], person=casebook["pupil"], kind="suspension",
        start_date=timezone.localdate(), end_date=timezone.localdate() + dt.timedelta(days=3), summary="Suspended for 3 days.",
    )
    event = ChronologyEvent.objects.get(source_type="schools.EducationEvent", source_id=item.pk)
    assert event.event_type == "exclusion" and event.source_agency.name == "Oakfield Academy"
    assert recorder == ["exclusion"]


def test_managed_move_needs_destination(personas, casebook, recorder):
    with pytest.raises(ValidationError, match="moving to"):
        education_event_record(actor=personas["sarah"], person=casebook["pupil"], kind="managed_move", start_date=timezone.localdate(), summary="x")
    education_event_record(actor=personas["sarah"], person=casebook["pupil"], kind="managed_move", start_date=timezone.localdate(), destination="Saltmarsh High", summary="Agreed move")
    assert recorder == ["managed_move"]


def test_only_own_pupils(personas, casebook):
    with pytest.raises(PermissionDenied):
        education_event_record(actor=personas["sarah"], person=casebook["team_child"], kind="suspension", start_date=timezone.localdate(), summary="x")
    with pytest.raises(PermissionDenied):
        education_event_record(actor=personas["priya"], person=casebook["team_child"], kind="suspension", start_date=timezone.localdate(), summary="x")


def test_page_happy_and_bad_input(client, personas, casebook):
    pupil = casebook["pupil"]
    client.force_login(personas["sarah"])
    page = client.get(reverse("people:person_detail", args=[pupil.pk]))
    url = reverse("schools:education_event_add", args=[pupil.pk])
    assert url.encode() in page.content
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    bad = client.post(url, {"kind": "managed_move", "start_date_0": today.day, "start_date_1": today.month, "start_date_2": today.year, "summary": "Move"})
    assert bad.status_code == 200 and b"Enter the school the pupil is moving to" in bad.content
    bad = client.post(url, {"kind": "suspension", "start_date_0": "40", "start_date_1": "1", "start_date_2": "2026", "summary": "x"})
    assert bad.status_code == 200 and b"must be a real date" in bad.content
    assert not EducationEvent.objects.exists()
    ok = client.post(url, {"kind": "alternative_provision", "start_date_0": today.day, "start_date_1": today.month, "start_date_2": today.year, "destination": "Harrowden Learning Centre", "summary": "Three mornings a week"})
    assert ok.status_code == 302 and EducationEvent.objects.count() == 1
    assert client.get(reverse("schools:education_event_add", args=[casebook["team_child"].pk])).status_code == 404
