"""School notices name the lead professional to contact (#14), for pupils the school's
safeguarding lead may open; never for anyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Agency, Team
from lantern.people.models import Involvement
from lantern.schools import services
from lantern.schools.choices import NoticeKind
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db


def _notice(personas, pupil):
    return services.notices_create(actor=personas["olivia"], person=pupil,
                                   kind=NoticeKind.MISSING_RETURN,
                                   source_type="missing.MissingEpisode", source_id=1)


def test_a_notice_names_the_lead_professional_and_how_to_reach_them(client, personas, casebook):
    pupil = casebook["pupil"]
    Involvement.objects.create(
        person=pupil, agency=Agency.objects.get(name=cast.CHILDRENS_SERVICES),
        team=Team.objects.get(name="Lantern Exploitation Team North"), user=personas["priya"],
        is_lead=True, role="Lead professional", contact_name="Priya Okafor",
        contact_phone="01632 960 555", contact_email="priya.okafor@example.org",
        start_date=timezone.localdate())
    _notice(personas, pupil)
    client.force_login(personas["sarah"])
    page = client.get(reverse("schools:notices")).content.decode()
    assert "Priya Okafor" in page and "Lantern Exploitation Team North" in page
    assert "01632 960 555" in page and "mailto:priya.okafor@example.org" in page


def test_without_a_lead_the_notice_says_whom_to_contact_instead(client, personas, casebook):
    _notice(personas, casebook["pupil"])
    client.force_login(personas["sarah"])
    page = client.get(reverse("schools:notices")).content.decode()
    assert "No lead professional yet: contact the exploitation team" in page


def test_no_contact_is_given_for_a_pupil_the_lead_may_not_open(personas, casebook):
    from lantern.schools.selectors import lead_contacts

    restricted = casebook["restricted"]
    Involvement.objects.filter(person=restricted).update(is_lead=True, contact_name="Hidden Worker")
    assert lead_contacts(actor=personas["sarah"], person_ids={restricted.pk}) == {}
