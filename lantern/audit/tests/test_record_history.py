""""Who has viewed or changed this record": who may see it, what it lists, and that looking is
itself recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.access.services import grant_named
from lantern.audit import events
from lantern.audit.models import AuditEvent
from lantern.audit.services import audit_record
from lantern.audit.views import PAGE_SIZE
from lantern.people import events as people_events

pytestmark = pytest.mark.django_db


def history(client, user, person):
    client.force_login(user)
    return client.get(reverse("audit:record_history", args=[person.pk]))


@pytest.mark.parametrize("username", ["priya", "tom", "grace"])
def test_lead_their_manager_and_the_dpo_see_it(client, personas, casebook, username):
    child = casebook["team_child"]  # Priya is the lead professional; Tom manages in her agency
    client.force_login(personas["dan"])
    client.get(reverse("people:person_detail", args=[child.pk]))
    response = history(client, personas[username], child)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Who has viewed or changed this record" in body
    assert "Dan Whitlock" in body and "Opened the record" in body
    assert "Police analyst" in body and "Ashdown Police" in body
    assert AuditEvent.objects.filter(
        action=events.AUDIT_VIEWED, actor_id=personas[username].pk, subject_ids=[child.pk]
    ).exists()


@pytest.mark.parametrize("username", ["dan", "olivia", "sarah", "marcus", "amir", "sam"])
def test_everyone_else_gets_404(client, personas, casebook, username):
    assert history(client, personas[username], casebook["team_child"]).status_code == 404


def test_a_manager_in_another_agency_or_without_a_lead_gets_404(client, personas, casebook):
    # West child: Tom's agency is involved but nobody is lead professional.
    assert history(client, personas["tom"], casebook["west_child"]).status_code == 404


def test_restriction_applies_to_the_lead_but_not_the_dpo(client, personas, casebook):
    child = casebook["restricted"]
    child.involvements.update(user=personas["priya"], is_lead=True)
    assert history(client, personas["priya"], child).status_code == 404
    assert history(client, personas["grace"], child).status_code == 200
    grant_named(actor=personas["grace"], person=child, user=personas["priya"], reason="Allocated worker")
    assert history(client, personas["priya"], child).status_code == 200


def test_unknown_record_is_404_even_for_the_dpo(client, personas):
    client.force_login(personas["grace"])
    assert client.get(reverse("audit:record_history", args=[987654])).status_code == 404


def test_reason_and_refusals_are_listed(client, personas, casebook):
    child = casebook["team_child"]
    audit_record(actor=personas["olivia"], action=people_events.CHRONOLOGY_PRINTED, subject=child, reason="Strategy meeting")
    client.force_login(personas["sarah"])
    assert client.get(reverse("people:person_detail", args=[child.pk])).status_code == 404
    body = history(client, personas["grace"], child).content.decode()
    assert "Printed the chronology" in body and "Strategy meeting" in body
    assert "Asked for a page about the record and got &quot;Page not found&quot;" in body and "Sarah Lindqvist" in body


def test_paginated_newest_first(client, personas, casebook):
    child = casebook["team_child"]
    for i in range(PAGE_SIZE + 5):
        audit_record(actor=personas["priya"], action=people_events.PERSON_VIEWED, subject=child, reason=f"visit {i}")
    client.force_login(personas["grace"])
    url = reverse("audit:record_history", args=[child.pk])
    first = client.get(url)
    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert f"visit {PAGE_SIZE + 4}" in first.content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "visit 0<" in second and "Newer" in second
    assert client.get(url, {"page": "nonsense"}).status_code == 200


def test_person_page_links_to_history_only_for_those_who_may_see_it(client, personas, casebook):
    child = casebook["team_child"]
    link = reverse("audit:record_history", args=[child.pk])
    for username, shown in (("priya", True), ("tom", True), ("grace", True), ("dan", False), ("marcus", False)):
        client.force_login(personas[username])
        body = client.get(reverse("people:person_detail", args=[child.pk])).content.decode()
        assert (link in body) is shown, username


def test_the_dpo_sees_a_restricted_records_history_without_its_name(client, personas, casebook):
    """Issue #10 item 1: a person the viewer may not open is never named. The DPO oversees
    every record's trail, but holds no grant on this restricted one, so the page neither names
    the child nor links to a record that would answer "Page not found"."""
    child = casebook["restricted"]
    audit_record(actor=personas["tom"], action=people_events.PERSON_VIEWED, subject=child)
    response = history(client, personas["grace"], child)
    body = response.content.decode()
    assert response.status_code == 200 and "Opened the record" in body
    assert child.first_name not in body and child.last_name not in body
    assert child.display_name not in response.context["page_title"]
    assert reverse("people:person_detail", args=[child.pk]) not in body
    assert "a record you do not have access to" in body.lower()

    grant_named(actor=personas["grace"], person=child, user=personas["grace"], reason="Reviewing access to this record")
    body = history(client, personas["grace"], child).content.decode()
    assert child.display_name in body
    assert reverse("people:person_detail", args=[child.pk]) in body


def _police_intelligence(personas, child):
    import datetime as dt

    from django.utils import timezone

    from lantern.accounts.models import Agency, Team
    from lantern.people.services import chronology_event_add
    from lantern.people.tests.factories import InvolvementFactory
    from lantern.synthetic import personas as cast

    InvolvementFactory(
        person=child, agency=Agency.objects.get(name=cast.POLICE),
        team=Team.objects.get(name="Missing, Exploited and Trafficked Team"),
    )
    return chronology_event_add(
        actor=personas["olivia"], person=child, event_type="intelligence",
        event_date=timezone.localdate() - dt.timedelta(days=3), summary="Graded report on a line.",
    )


def test_a_row_that_would_date_withheld_intelligence_is_left_out(client, personas, casebook):
    """The chronology gives Priya "1 more police entry" with no date; her record history must
    not give the date and the officer instead (#10, side channels)."""
    child = casebook["team_child"]
    entry = _police_intelligence(personas, child)
    client.force_login(personas["priya"])
    chronology = client.get(reverse("people:chronology", args=[child.pk])).content.decode()
    assert "more police entry" in chronology
    body = history(client, personas["priya"], child).content.decode()
    assert "Added an event to the chronology" not in body
    assert "Olivia Brennan" not in body
    # The data protection officer routes requests to the entry's owner: she sees the row.
    dpo = history(client, personas["grace"], child).content.decode()
    assert "Olivia Brennan" in dpo
    assert AuditEvent.objects.filter(subject_ids=[child.pk], detail__event_id=entry.pk).exists()


def test_rows_about_entries_the_reader_may_read_stay(client, personas, casebook):
    from django.utils import timezone

    from lantern.people.services import chronology_event_add

    child = casebook["team_child"]
    chronology_event_add(
        actor=personas["olivia"], person=child, event_type="missing",
        event_date=timezone.localdate(), summary="Reported missing by carer.", check_access=False,
    )
    body = history(client, personas["priya"], child).content.decode()
    assert "Olivia Brennan" in body
