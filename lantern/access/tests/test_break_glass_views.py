"""Break-glass pages: who reaches them, what they show, the reason form, the DPO's queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.access import events
from lantern.access.models import AccessGrant, GrantKind
from lantern.access.services import break_glass
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REASON = "Reported missing tonight; police need the safety plan now"


def test_in_scope_user_sees_only_the_restricted_notice(client, personas, casebook):
    child = casebook["restricted"]
    client.force_login(personas["priya"])  # North team is involved; record is restricted
    assert client.get(reverse("people:person_detail", args=[child.pk])).status_code == 404
    response = client.get(reverse("access:break_glass", args=[child.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "This record is restricted" in body
    assert child.first_name not in body and child.last_name not in body
    assert AuditEvent.objects.filter(
        action=events.RESTRICTED_NOTICE_SHOWN, subject_ids=[child.pk]
    ).exists()


@pytest.mark.parametrize("username", ["sarah", "olivia", "amir", "sam"])
def test_out_of_scope_user_gets_404_not_the_notice(client, personas, casebook, username):
    client.force_login(personas[username])
    response = client.get(reverse("access:break_glass", args=[casebook["restricted"].pk]))
    assert response.status_code == 404
    assert "restricted" not in response.content.decode().lower()


def test_unknown_record_is_404(client, personas):
    client.force_login(personas["priya"])
    assert client.get(reverse("access:break_glass", args=[999999])).status_code == 404


def test_short_reason_is_a_govuk_error_and_grants_nothing(client, personas, casebook):
    child = casebook["restricted"]
    client.force_login(personas["priya"])
    response = client.post(reverse("access:break_glass", args=[child.pk]), {"reason": "urgent"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Reason must be 20 characters or more" in body
    assert "<title>Error:" in body
    assert not AccessGrant.objects.exists()


def test_valid_reason_opens_the_record_for_four_hours(client, personas, casebook):
    child = casebook["restricted"]
    client.force_login(personas["priya"])
    response = client.post(reverse("access:break_glass", args=[child.pk]), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[child.pk])
    assert client.get(response["Location"]).status_code == 200
    grant = AccessGrant.objects.get()
    assert grant.kind == GrantKind.BREAK_GLASS and grant.user == personas["priya"]
    assert grant.expires_at - grant.created_at == dt.timedelta(hours=4)
    event = AuditEvent.objects.get(action=events.BREAK_GLASS)
    assert event.reason == REASON and event.subject_ids == [child.pk]
    assert event.detail["grant_id"] == grant.pk


def test_expired_grant_no_longer_opens_the_record(client, personas, casebook):
    child = casebook["restricted"]
    grant = break_glass(actor=personas["priya"], person=child, reason=REASON)
    AccessGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    client.force_login(personas["priya"])
    assert client.get(reverse("people:person_detail", args=[child.pk])).status_code == 404


def test_user_who_can_already_see_the_record_goes_straight_to_it(client, personas, casebook):
    child = casebook["team_child"]  # not restricted, in Priya's scope
    client.force_login(personas["priya"])
    response = client.get(reverse("access:break_glass", args=[child.pk]))
    assert response.status_code == 302
    assert not AccessGrant.objects.exists()


def test_queue_lists_escalated_first_and_is_dpo_only(client, personas, casebook):
    child = casebook["restricted"]
    old = break_glass(actor=personas["priya"], person=child, reason=REASON)
    new = break_glass(actor=personas["tom"], person=child, reason=REASON + " (manager)")
    AccessGrant.objects.filter(pk=new.pk).update(escalated_at=timezone.now())
    client.force_login(personas["grace"])
    response = client.get(reverse("access:break_glass_queue"))
    assert response.status_code == 200
    assert [g.pk for g in response.context["pending"]] == [new.pk, old.pk]
    body = response.content.decode()
    assert "Escalated" in body
    # The DPO reviews access to a record they are not named on: its number, never the child.
    assert "A restricted record" in body and f"Record {child.pk}" in body
    assert child.first_name not in body and child.last_name not in body
    for username in ("priya", "tom", "dan", "sam"):
        client.force_login(personas[username])
        assert client.get(reverse("access:break_glass_queue")).status_code == 404


def test_dpo_reviews_a_grant(client, personas, casebook):
    grant = break_glass(actor=personas["priya"], person=casebook["restricted"], reason=REASON)
    client.force_login(personas["grace"])
    url = reverse("access:break_glass_review", args=[grant.pk])
    page = client.get(url)
    assert page.status_code == 200 and REASON in page.content.decode()
    child = casebook["restricted"]
    assert child.first_name not in page.content.decode() and child.last_name not in page.content.decode()
    bad = client.post(url, {"outcome": "justified", "note": ""})
    assert bad.status_code == 200 and "Enter a review note" in bad.content.decode()
    done = client.post(url, {"outcome": "justified", "note": "Checked with the duty manager"})
    assert done.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == personas["grace"] and grant.review_outcome == "justified"
    assert AuditEvent.objects.filter(action=events.BREAK_GLASS_REVIEWED).count() == 1
    again = client.post(url, {"outcome": "justified", "note": "twice"})
    assert again.status_code == 200  # already reviewed: page shows the review, nothing changes
    assert AuditEvent.objects.filter(action=events.BREAK_GLASS_REVIEWED).count() == 1


def test_review_of_unknown_grant_is_404(client, personas):
    client.force_login(personas["grace"])
    assert client.get(reverse("access:break_glass_review", args=[424242])).status_code == 404
