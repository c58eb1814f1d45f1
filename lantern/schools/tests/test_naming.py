"""Notices name only pupils the safeguarding lead may open (#10, item 1).

A pupil on the school's roll may still be a record the lead may not open (restricted, or held
by another agency only); the notice about them is counted, never named, and cannot be
acknowledged by a lead who may not see who it is about.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.people.models import SchoolEnrolment
from lantern.schools.models import EncompassNotice
from lantern.schools.services import notices_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(personas, casebook):
    """A notice about Maisie (whom Sarah may open) and one about Harriet (restricted)."""
    school = casebook["pupil"].enrolments.get().school
    SchoolEnrolment.objects.create(
        person=casebook["restricted"], school=school, year_group=9, start_date=dt.date(2025, 9, 1)
    )
    made = {}
    for n, key in enumerate(("pupil", "restricted"), start=1):
        made[key] = notices_create(
            actor=personas["olivia"], person=casebook[key], kind="police_incident",
            source_type="people.ChronologyEvent", source_id=1000 + n,
        )[0]
    return made


def test_notices_name_only_pupils_the_lead_may_open(client, personas, notices):
    client.force_login(personas["sarah"])
    page = client.get(reverse("schools:notices")).content.decode()
    assert notices["pupil"].child_display in page
    assert notices["restricted"].child_display not in page
    assert "Harriet" not in page
    assert "1 other notice about a pupil you do not have access to" in page


def test_hidden_notice_cannot_be_acknowledged(client, personas, notices):
    client.force_login(personas["sarah"])
    url = reverse("schools:notice_acknowledge", args=[notices["restricted"].pk])
    assert client.post(url).status_code == 404
    assert EncompassNotice.objects.get(pk=notices["restricted"].pk).acknowledged_at is None


def test_home_counts_only_notices_the_lead_can_act_on(client, personas, notices):
    client.force_login(personas["sarah"])
    page = client.get(reverse("schools:home")).content.decode()
    assert "You have 1 notice to acknowledge" in page
