"""Structured facts on chronology entries, recorded in the browser: offence or concern, method,
arrested, charged, convicted, area; worked out from the type when left blank."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.accounts.models import Area
from lantern.people.models import ChronologyEvent

pytestmark = pytest.mark.django_db


def _post(client, user, person, **fields):
    client.force_login(user)
    data = {"event_type": "cse_incident", "when_0": "2", "when_1": "6", "when_2": "2026",
            "summary": "Structured facts test"}
    data.update(fields)
    return client.post(reverse("people:event_add", args=[person.pk]), data)


def test_the_form_records_the_facts_the_statistics_count(client, personas, casebook):
    child = casebook["team_child"]
    west = Area.objects.get(name="West")
    response = _post(client, personas["priya"], child, method="social_media", area=str(west.pk))
    assert response.status_code == 302
    event = ChronologyEvent.objects.get(summary="Structured facts test")
    assert (event.concern_type, event.method, event.area) == ("cse", "social_media", west)
    body = client.get(reverse("people:chronology", args=[child.pk])).content.decode()
    assert "Child sexual exploitation · Social media" in body


def test_an_arrest_for_drug_supply_charged_and_convicted(client, personas, casebook):
    child = casebook["team_child"]
    response = _post(client, personas["priya"], child, event_type="arrest", concern_type="drug_supply",
                     charged="on", convicted="on", summary="Arrest, charge and conviction")
    assert response.status_code == 302
    event = ChronologyEvent.objects.get(summary="Arrest, charge and conviction")
    assert event.arrested and event.charged and event.convicted and event.concern_type == "drug_supply"


def test_convicted_without_charged_is_an_error_and_nothing_is_saved(client, personas, casebook):
    response = _post(client, personas["priya"], casebook["team_child"], convicted="on",
                     summary="Not saved")
    assert response.status_code == 200
    assert "Select that the child was charged if they were convicted" in response.content.decode()
    assert not ChronologyEvent.objects.filter(summary="Not saved").exists()


def test_an_unknown_method_is_a_form_error_not_a_500(client, personas, casebook):
    response = _post(client, personas["priya"], casebook["team_child"], method="<script>",
                     area="99999", summary="Not saved either")
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not ChronologyEvent.objects.filter(summary="Not saved either").exists()
