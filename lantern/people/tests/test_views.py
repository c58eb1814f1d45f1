"""People pages: search, record, chronology, add event; scope and audit on each."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.people import events
from lantern.people.models import ChronologyEvent

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_search_finds_misspelt_name_in_scope(client, personas, casebook):
    login(client, personas["priya"])
    response = client.get(reverse("people:search"), {"q": "Kaila Brightwatter"})
    assert response.status_code == 200
    assert "Kayla" in response.content.decode()
    assert AuditEvent.objects.filter(action=events.PERSON_SEARCHED, actor_id=personas["priya"].pk).exists()


def test_search_hides_children_outside_scope(client, personas, casebook):
    login(client, personas["priya"])
    response = client.get(reverse("people:search"), {"q": "Reece Tamberlane"})
    assert list(response.context["results"]) == []
    assert "0 results" in response.content.decode()


def test_detail_outside_scope_is_404(client, personas, casebook):
    login(client, personas["priya"])
    url = reverse("people:person_detail", args=[casebook["police_child"].pk])
    assert client.get(url).status_code == 404


def test_detail_in_scope_is_audited(client, personas, casebook):
    login(client, personas["priya"])
    child = casebook["team_child"]
    response = client.get(reverse("people:person_detail", args=[child.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action=events.PERSON_VIEWED, subject_ids=[child.pk]).count() == 1


def test_chronology_filter_by_type(client, personas, casebook):
    login(client, personas["priya"])
    child = casebook["team_child"]
    url = reverse("people:chronology", args=[child.pk])
    assert "Missing episode" in client.get(url).content.decode()
    filtered = client.get(url, {"type": "arrest"}).content.decode()
    assert "0 events matching your filters" in filtered


def test_add_event_with_impossible_date_keeps_input(client, personas, casebook):
    login(client, personas["priya"])
    child = casebook["team_child"]
    url = reverse("people:event_add", args=[child.pk])
    response = client.post(
        url,
        {"event_type": "arrest", "when_0": "31", "when_1": "2", "when_2": "2026", "summary": "Kept text"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Date of the event must be a real date" in body
    assert "Kept text" in body
    assert "<title>Error:" in body


def test_add_event_month_only(client, personas, casebook):
    login(client, personas["priya"])
    child = casebook["team_child"]
    url = reverse("people:event_add", args=[child.pk])
    response = client.post(
        url, {"event_type": "arrest", "when_0": "", "when_1": "2", "when_2": "2026", "summary": "Arrested"}
    )
    assert response.status_code == 302
    event = ChronologyEvent.objects.get(person=child, event_type="arrest")
    assert event.date_precision == "month"
    assert event.date_display == "February 2026"


def test_create_person_records_involvement_and_shows_matches(client, personas, casebook):
    login(client, personas["priya"])
    url = reverse("people:person_create")
    data = {
        "kind": "child", "first_name": "Kayla", "last_name": "Brightwater",
        "date_of_birth_0": "9", "date_of_birth_1": "4", "date_of_birth_2": "2011",
        "sex": "F", "sen_status": "unknown",
    }
    first = client.post(url, data)
    assert first.status_code == 200
    assert "possible match" in first.content.decode()
    second = client.post(url, {**data, "confirm_new": "on"})
    assert second.status_code == 302
    from lantern.people.models import Person

    created = Person.objects.filter(first_name="Kayla").order_by("-pk").first()
    assert created.pk != casebook["team_child"].pk
    assert created.involvements.filter(user=personas["priya"]).exists()
    assert client.get(second["Location"]).status_code == 200


def test_identifier_rejects_bad_nhs_number(client, personas, casebook):
    login(client, personas["priya"])
    url = reverse("people:identifier_add", args=[casebook["team_child"].pk])
    response = client.post(url, {"type": "nhs", "value": "123 456 7890"})
    assert response.status_code == 200
    assert "Enter a valid NHS number" in response.content.decode()
    assert client.post(url, {"type": "nhs", "value": "943 476 5919"}).status_code == 302


def test_future_date_of_birth_is_refused(client, personas, casebook):
    login(client, personas["priya"])
    response = client.post(
        reverse("people:person_edit", args=[casebook["team_child"].pk]),
        {"kind": "child", "first_name": "Kayla", "last_name": "Brightwater",
         "date_of_birth_0": "1", "date_of_birth_1": "1", "date_of_birth_2": "2099",
         "sex": "F", "sen_status": "unknown"},
    )
    assert response.status_code == 200
    assert "Date of birth must be today or in the past" in response.content.decode()
    casebook["team_child"].refresh_from_db()
    assert casebook["team_child"].date_of_birth.year == 2011
