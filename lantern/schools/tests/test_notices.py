"""Encompass-style notices: arrests and returns tell the pupil's school, minimally, in time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.choices import AgencyKind
from lantern.accounts.models import Agency
from lantern.audit.models import AuditEvent
from lantern.missing import services as missing_services
from lantern.people.models import SchoolEnrolment
from lantern.people.services import chronology_event_add
from lantern.schools.models import EncompassNotice
from lantern.schools.schooldays import next_school_day_start
from lantern.schools.services import child_display, notices_create

pytestmark = pytest.mark.django_db


def test_arrest_makes_a_minimal_notice(personas, casebook):
    pupil = casebook["pupil"]
    before = timezone.now()
    event = chronology_event_add(
        actor=personas["olivia"], person=pupil, event_type="arrest", event_date=timezone.localdate(),
        summary="Arrested at a house in Kelbrook with a quantity of drugs; treated as a possible victim.",
    )
    notice = EncompassNotice.objects.get()
    assert notice.school.name == "Oakfield Academy"
    assert notice.child_display == "Maisie F."
    assert notice.message == "A police incident involving the pupil occurred"
    assert "Kelbrook" not in notice.message and "drugs" not in notice.message
    assert notice.source_type == "people.ChronologyEvent" and notice.source_id == event.pk
    assert next_school_day_start(before) <= notice.due_by <= next_school_day_start(timezone.now())
    assert AuditEvent.objects.filter(action="schools.notice_created").exists()


def test_other_events_make_no_notice(personas, casebook):
    chronology_event_add(actor=personas["olivia"], person=casebook["pupil"], event_type="contact", event_date=timezone.localdate(), summary="Visit")
    chronology_event_add(actor=personas["olivia"], person=casebook["pupil"], event_type="missing", event_date=timezone.localdate(), summary="Missing")
    assert not EncompassNotice.objects.exists()


def test_child_not_on_a_roll_makes_no_notice(personas, casebook):
    chronology_event_add(actor=personas["olivia"], person=casebook["police_child"], event_type="arrest", event_date=timezone.localdate(), summary="Arrest")
    assert not EncompassNotice.objects.exists()


def test_left_school_makes_no_notice(personas, casebook):
    SchoolEnrolment.objects.filter(person=casebook["pupil"]).update(end_date=timezone.localdate() - dt.timedelta(days=1))
    chronology_event_add(actor=personas["olivia"], person=casebook["pupil"], event_type="arrest", event_date=timezone.localdate(), summary="Arrest")
    assert not EncompassNotice.objects.exists()


def test_return_from_missing_makes_a_notice_once(personas, casebook):
    pupil = casebook["pupil"]
    episode = missing_services.episode_record(
        actor=personas["olivia"], person=pupil, kind="missing", risk_grade="high",
        started_at=timezone.now() - dt.timedelta(hours=20),
    )
    assert not EncompassNotice.objects.exists()  # still missing: nothing to tell yet
    missing_services.episode_return(actor=personas["olivia"], episode=episode, ended_at=timezone.now() - dt.timedelta(hours=1), where_found="Secret place")
    notice = EncompassNotice.objects.get()
    assert notice.kind == "missing_return" and "Secret" not in notice.message
    notices_create(actor=personas["olivia"], person=pupil, kind="missing_return", source_type="missing.MissingEpisode", source_id=episode.pk)
    assert EncompassNotice.objects.count() == 1


def test_two_schools_both_told(personas, casebook):
    second = Agency.objects.create(name="Kelbrook Pupil Referral Unit", kind=AgencyKind.SCHOOL)
    SchoolEnrolment.objects.create(person=casebook["pupil"], school=second, year_group=9, start_date=dt.date(2026, 1, 5))
    chronology_event_add(actor=personas["olivia"], person=casebook["pupil"], event_type="arrest", event_date=timezone.localdate(), summary="Arrest")
    assert EncompassNotice.objects.count() == 2


def test_child_display_prefers_preferred_name(casebook):
    pupil = casebook["pupil"]
    pupil.preferred_name = "Mai"
    assert child_display(pupil) == "Mai F."


def test_notices_page_and_acknowledge(client, personas, casebook):
    chronology_event_add(actor=personas["olivia"], person=casebook["pupil"], event_type="arrest", event_date=timezone.localdate(), summary="Arrest")
    notice = EncompassNotice.objects.get()
    client.force_login(personas["sarah"])
    page = client.get(reverse("schools:notices"))
    assert page.status_code == 200 and b"Maisie F." in page.content and b"Fairbank" not in page.content
    assert AuditEvent.objects.filter(action="schools.notices_viewed").exists()
    assert client.get(reverse("schools:notice_acknowledge", args=[notice.pk])).status_code == 405
    resp = client.post(reverse("schools:notice_acknowledge", args=[notice.pk]))
    assert resp.status_code == 302
    notice.refresh_from_db()
    assert notice.acknowledged_by == personas["sarah"]
    assert AuditEvent.objects.filter(action="schools.notice_acknowledged").count() == 1
    client.post(reverse("schools:notice_acknowledge", args=[notice.pk]))
    assert AuditEvent.objects.filter(action="schools.notice_acknowledged").count() == 1


def test_other_schools_notices_are_404(client, personas, casebook):
    from lantern.accounts.models import User

    other_school = Agency.objects.create(name="Saltmarsh High", kind=AgencyKind.SCHOOL)
    other_dsl = User.objects.create(username="ola", role="school_dsl", agency=other_school)
    chronology_event_add(actor=personas["olivia"], person=casebook["pupil"], event_type="arrest", event_date=timezone.localdate(), summary="Arrest")
    notice = EncompassNotice.objects.get()
    client.force_login(other_dsl)
    assert b"Maisie" not in client.get(reverse("schools:notices")).content
    assert client.post(reverse("schools:notice_acknowledge", args=[notice.pk])).status_code == 404
    for user in ("priya", "olivia", "amir"):
        client.force_login(personas[user])
        assert client.get(reverse("schools:notices")).status_code == 404
