"""The data protection officer's audit view: filters, noise hidden, reasons, paging, the CSV
export (audited, with a reason), and never naming a record she may not open."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit import events
from lantern.audit.log_views import PAGE_SIZE
from lantern.audit.models import AuditEvent
from lantern.audit.services import audit_record

pytestmark = pytest.mark.django_db

LOG = reverse("audit:log")


@pytest.fixture
def trail(personas, casebook):
    dan, tom = personas["dan"], personas["tom"]
    audit_record(actor=dan, action="people.person_viewed", subject=casebook["team_child"])
    audit_record(actor=dan, action="cases.team_viewed", subject_type="people.person",
                 subject_ids=[casebook["team_child"].pk])
    audit_record(actor=tom, action="access.break_glass", subject=casebook["restricted"],
                 reason="Arrested in Leeds tonight; custody need her plan")
    audit_record(actor=tom, action="people.person_updated", subject=casebook["west_child"])
    return casebook


def get(client, viewer, **params):
    client.force_login(viewer)
    return client.get(LOG, params)


@pytest.mark.parametrize("username", ["priya", "tom", "dan", "olivia", "sarah", "marcus", "amir", "sam"])
def test_only_the_dpo_may_open_it(client, personas, username):
    assert get(client, personas[username]).status_code == 404
    client.force_login(personas[username])
    assert client.get(reverse("audit:export")).status_code == 404


def test_noise_is_hidden_until_asked_for_and_reasons_show(client, personas, trail):
    body = get(client, personas["grace"]).content.decode()
    assert "Opened the record" in body
    assert "Arrested in Leeds tonight; custody need her plan" in body
    assert "cases.team_viewed" not in [e.action for e in _listed(client, personas["grace"])]
    shown = _listed(client, personas["grace"], include_noise="on")
    assert "cases.team_viewed" in [e.action for e in shown]


def _listed(client, viewer, **params):
    return list(get(client, viewer, **params).context["page"].object_list)


def test_filters_by_user_action_record_and_dates(client, personas, trail):
    grace, dan, tom = personas["grace"], personas["dan"], personas["tom"]
    assert {e.actor_id for e in _listed(client, grace, user=dan.pk)} == {dan.pk}
    assert {e.action for e in _listed(client, grace, action="people.person_updated")} == {
        "people.person_updated"}
    west = trail["west_child"].pk
    assert [e.action for e in _listed(client, grace, record=west)] == ["people.person_updated"]
    today = timezone.localdate()
    future = today + dt.timedelta(days=3)
    assert _listed(client, grace, date_from_0=future.day, date_from_1=future.month,
                   date_from_2=future.year) == []
    assert {e.actor_id for e in _listed(client, grace, user=tom.pk, date_from_0=today.day,
                                        date_from_1=today.month, date_from_2=today.year,
                                        date_to_0=today.day, date_to_1=today.month,
                                        date_to_2=today.year)} == {tom.pk}


def test_everything_a_user_looked_at_leaves_out_their_changes(client, personas, trail):
    actions = {e.action for e in _listed(client, personas["grace"], user=personas["tom"].pk,
                                          looked_at="on")}
    assert "people.person_updated" not in actions
    dan_reads = {e.action for e in _listed(client, personas["grace"], user=personas["dan"].pk,
                                            looked_at="on", include_noise="on")}
    assert dan_reads == {"people.person_viewed", "cases.team_viewed"}


def test_bad_filters_get_a_govuk_error_not_a_500(client, personas, trail):
    response = get(client, personas["grace"], record="forty-two", date_from_0="31",
                   date_from_1="2", date_from_2="2026")
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Record number must be a whole number" in body
    assert "must be a real date" in body


def test_a_record_she_may_not_open_is_never_named(client, personas, trail):
    restricted = trail["restricted"]
    body = get(client, personas["grace"], include_noise="on").content.decode()
    assert restricted.first_name not in body and restricted.last_name not in body
    assert "A restricted record" in body and f"(record {restricted.pk})" in body
    assert trail["team_child"].display_name in body  # one she may open is named


def test_pages_of_fifty_and_looking_is_audited(client, personas, casebook):
    for _ in range(PAGE_SIZE + 5):
        audit_record(actor=personas["dan"], action="people.person_viewed",
                     subject=casebook["team_child"])
    grace = personas["grace"]
    first = get(client, grace, user=personas["dan"].pk)
    assert len(first.context["page"].object_list) == PAGE_SIZE
    body = first.content.decode()
    assert f"user={personas['dan'].pk}&amp;page=2" in body
    second = get(client, grace, user=personas["dan"].pk, page=2)
    assert len(second.context["page"].object_list) == 5
    viewed = AuditEvent.objects.filter(action=events.AUDIT_LOG_VIEWED, actor_id=grace.pk)
    assert viewed.count() == 2
    assert viewed.last().detail["filters"] == {"user_id": personas["dan"].pk}


def test_export_needs_a_reason_is_audited_and_names_no_hidden_record(client, personas, trail):
    grace = personas["grace"]
    client.force_login(grace)
    url = reverse("audit:export") + "?include_noise=on"
    assert "Why are you exporting" in client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    assert "Enter why you are exporting these events" in refused.content.decode()
    assert not AuditEvent.objects.filter(action=events.AUDIT_LOG_EXPORTED).exists()

    response = client.post(url, {"reason": "Subject access request from a parent, ref 2026-14"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["When", "Username", "Name"]
    text = response.content.decode()
    restricted = trail["restricted"]
    assert restricted.last_name not in text
    assert f"A restricted record (record {restricted.pk})" in text
    assert "cases.team_viewed" in text
    exported = AuditEvent.objects.get(action=events.AUDIT_LOG_EXPORTED)
    assert exported.reason == "Subject access request from a parent, ref 2026-14"
    assert exported.detail["rows"] == len(rows) - 1
