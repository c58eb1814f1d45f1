"""Who is involved with a child follows the sharing rule too (``sharing.involvements_q``): a
school may open its pupil, but "the police are involved" tells it what a police-only entry
would, so the police, health and youth justice cards are left out, not counted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.accounts.models import Agency
from lantern.people.tests.factories import ChronologyEventFactory, InvolvementFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db


def _pupil_with_police(casebook):
    pupil = casebook["pupil"]
    police = Agency.objects.get(name=cast.POLICE)
    if not pupil.involvements.filter(agency=police).exists():
        InvolvementFactory(person=pupil, agency=police, role="Missing persons coordinator")
    ChronologyEventFactory(person=pupil, source_agency=police, event_type="arrest",
                           sharing="police", summary="Arrest detail for police only")
    return pupil, police


def test_the_school_is_not_told_the_police_are_involved(client, personas, casebook):
    pupil, police = _pupil_with_police(casebook)
    client.force_login(personas["sarah"])
    page = client.get(reverse("people:person_detail", args=[pupil.pk])).content.decode()
    assert pupil.display_name in page
    assert police.name not in page
    assert "Missing, Exploited and Trafficked Team" not in page


def test_a_statutory_partner_still_sees_every_agency(client, personas, casebook):
    child = casebook["team_child"]  # Priya is the lead professional
    police = Agency.objects.get(name=cast.POLICE)
    InvolvementFactory(person=child, agency=police, role="Missing persons coordinator")
    client.force_login(personas["priya"])
    response = client.get(reverse("people:person_detail", args=[child.pk]))
    assert response.status_code == 200
    assert police.name in response.content.decode()


def test_an_agency_always_sees_its_own_involvement(personas, casebook):
    from lantern.access import sharing
    from lantern.people.models import Involvement

    pupil, police = _pupil_with_police(casebook)
    school = personas["sarah"].agency
    InvolvementFactory(person=pupil, agency=school, role="Designated safeguarding lead")
    seen = Involvement.objects.filter(person=pupil).filter(
        sharing.involvements_q(personas["sarah"])
    )
    kinds = {i.agency.kind for i in seen}
    assert school.pk in {i.agency_id for i in seen}
    assert not kinds & sharing.PRIVATE_INVOLVEMENT_KINDS
