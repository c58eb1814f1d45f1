"""Account administration: agencies (kind, district) and teams (agency, area)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.accounts import events
from lantern.accounts.choices import AgencyKind
from lantern.accounts.models import Agency, Area, District, Team
from lantern.audit.models import AuditEvent
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, personas):
    client.force_login(personas["sam"])
    return client


def _errors(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "<title>Error:" in body
    return body


def test_agency_list_and_kind_filter(admin, personas):
    body = admin.get(reverse("manage:agency_list")).content.decode()
    assert cast.POLICE in body and cast.SCHOOL in body
    body = admin.get(reverse("manage:agency_list"), {"kind": AgencyKind.SCHOOL}).content.decode()
    assert cast.SCHOOL in body and cast.POLICE not in body
    assert "Select a kind of agency from the list" in _errors(
        admin.get(reverse("manage:agency_list"), {"kind": "castle"})
    )


def test_create_an_agency(admin, personas):
    district = District.objects.first()
    response = admin.post(
        reverse("manage:agency_create"),
        {"name": "Elmbrook Primary School", "kind": AgencyKind.SCHOOL, "district": district.pk,
         "phone": "01632 960 123", "email": "office@elmbrook.example.org"},
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Elmbrook Primary School")
    assert agency.kind == AgencyKind.SCHOOL and agency.district == district
    event = AuditEvent.objects.get(action=events.AGENCY_CREATED)
    assert event.subject_ids == [agency.pk] and event.actor_username == "sam"


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Enter name"),
        ({"name": cast.POLICE.upper(), "kind": AgencyKind.POLICE}, "An agency with this name already exists"),
        ({"name": "x" * 201, "kind": AgencyKind.HEALTH}, "Name must be 200 characters or fewer"),
        ({"name": "Clinic", "kind": "castle"}, "Select a kind of agency from the list"),
        ({"name": "Clinic", "kind": ""}, "Select the kind of agency"),
        ({"name": "Clinic", "kind": AgencyKind.HEALTH, "district": "999999"}, "Select a district from the list"),
        ({"name": "Clinic", "kind": AgencyKind.HEALTH, "email": "nope"}, "Enter an email address in the correct format"),
        ({"name": "Clinic", "kind": AgencyKind.HEALTH, "phone": "9" * 41}, "Phone number must be 40 characters or fewer"),
    ],
)
def test_bad_agency_input_is_a_govuk_error(admin, personas, data, message):
    before = Agency.objects.count()
    assert message in _errors(admin.post(reverse("manage:agency_create"), data))
    assert Agency.objects.count() == before


def test_edit_an_agency_is_audited_with_what_changed(admin, personas):
    agency = Agency.objects.get(name=cast.HEALTH)
    response = admin.post(
        reverse("manage:agency_edit", args=[agency.pk]),
        {"name": "Ashdown Community Health NHS Trust", "kind": AgencyKind.HEALTH},
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Ashdown Community Health NHS Trust"
    event = AuditEvent.objects.get(action=events.AGENCY_UPDATED)
    assert event.detail["name"] == [cast.HEALTH, "Ashdown Community Health NHS Trust"]


def test_agency_kind_cannot_strand_police_users(admin, personas):
    police = Agency.objects.get(name=cast.POLICE)
    body = _errors(
        admin.post(reverse("manage:agency_edit", args=[police.pk]), {"name": cast.POLICE, "kind": AgencyKind.HEALTH})
    )
    assert "Change their role or agency first" in body
    police.refresh_from_db()
    assert police.kind == AgencyKind.POLICE


def test_team_list_and_create(admin, personas):
    assert "Missing, Exploited and Trafficked Team" in admin.get(reverse("manage:team_list")).content.decode()
    police = Agency.objects.get(name=cast.POLICE)
    area = Area.objects.first()
    response = admin.post(
        reverse("manage:team_create"), {"name": "Child Exploitation Unit", "agency": police.pk, "area": area.pk}
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Child Exploitation Unit")
    assert team.agency == police and team.area == area
    assert AuditEvent.objects.get(action=events.TEAM_CREATED).subject_ids == [team.pk]


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Enter team name"),
        ({"name": "lantern exploitation team north", "agency": "CS"}, "already has a team with this name"),
        ({"name": "New team", "agency": "999999"}, "Select an agency from the list"),
        ({"name": "New team", "agency": "abc"}, "Select an agency from the list"),
        ({"name": "New team", "agency": "CS", "area": "999999"}, "Select an area from the list"),
        ({"name": "T" * 201, "agency": "CS"}, "Team name must be 200 characters or fewer"),
    ],
)
def test_bad_team_input_is_a_govuk_error(admin, personas, data, message):
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    data = {k: (cs.pk if v == "CS" else v) for k, v in data.items()}
    before = Team.objects.count()
    assert message in _errors(admin.post(reverse("manage:team_create"), data))
    assert Team.objects.count() == before


def test_edit_a_team_keeps_its_agency(admin, personas):
    team = Team.objects.get(name="Lantern Exploitation Team East")
    police = Agency.objects.get(name=cast.POLICE)
    response = admin.post(
        reverse("manage:team_edit", args=[team.pk]), {"name": "Lantern Exploitation Team East and Coast", "agency": police.pk}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Lantern Exploitation Team East and Coast"
    assert team.agency.name == cast.CHILDRENS_SERVICES  # the posted agency is ignored
    assert AuditEvent.objects.get(action=events.TEAM_UPDATED).detail["name"][1] == team.name


def test_renaming_a_team_onto_another_is_a_govuk_error(admin, personas):
    team = Team.objects.get(name="Lantern Exploitation Team East")
    body = _errors(admin.post(reverse("manage:team_edit", args=[team.pk]), {"name": "Lantern Exploitation Team West"}))
    assert "already has a team with this name" in body


def test_unknown_agency_or_team_is_404(admin, personas):
    assert admin.get(reverse("manage:agency_edit", args=[999999])).status_code == 404
    assert admin.get(reverse("manage:team_edit", args=[999999])).status_code == 404
