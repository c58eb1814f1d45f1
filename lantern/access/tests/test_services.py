"""Services for restricted records: naming, break-glass, review and escalation."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from lantern.access import events, services
from lantern.access.models import AccessGrant, GrantKind
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REASON = "Found with an adult of concern at 2am; need the plan"
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


class TestBreakGlass:
    def test_reason_must_be_twenty_characters(self, personas, casebook):
        with pytest.raises(ValidationError, match="20 characters"):
            services.break_glass(actor=personas["priya"], person=casebook["restricted"], reason="  too   short  reason ")
        assert not AccessGrant.objects.exists()

    def test_refused_outside_role_scope(self, personas, casebook):
        for username in ("sarah", "olivia", "amir"):
            with pytest.raises(PermissionDenied):
                services.break_glass(actor=personas[username], person=casebook["restricted"], reason=REASON)
        assert not AccessGrant.objects.exists()

    def test_unrestricted_record_needs_no_break_glass(self, personas, casebook):
        with pytest.raises(ValidationError, match="not restricted"):
            services.break_glass(actor=personas["priya"], person=casebook["team_child"], reason=REASON)

    def test_hours_come_from_settings(self, personas, casebook, settings):
        settings.LANTERN_BREAK_GLASS_HOURS = 2
        grant = services.break_glass(actor=personas["priya"], person=casebook["restricted"], reason=REASON)
        assert grant.expires_at - grant.created_at == dt.timedelta(hours=2)
        assert person_policy.can(personas["priya"], VIEW, casebook["restricted"])
        assert not person_policy.can(personas["tom"], VIEW, casebook["restricted"])

    def test_grant_and_audit_event_commit_together(self, personas, casebook):
        with mock.patch("lantern.access.services.audit_record", side_effect=RuntimeError("disk full")):
            with pytest.raises(RuntimeError):
                services.break_glass(actor=personas["priya"], person=casebook["restricted"], reason=REASON)
        assert not AccessGrant.objects.exists()
        grant = services.break_glass(actor=personas["priya"], person=casebook["restricted"], reason=REASON)
        event = AuditEvent.objects.get(action=events.BREAK_GLASS)
        assert event.detail["grant_id"] == grant.pk and event.actor_id == personas["priya"].pk


class TestNamed:
    def test_dpo_names_a_user_in_scope(self, personas, casebook):
        child = casebook["restricted"]
        grant = services.grant_named(actor=personas["grace"], person=child, user=personas["priya"], reason="Allocated worker")
        assert grant.kind == GrantKind.NAMED and grant.expires_at is None
        assert person_policy.can(personas["priya"], VIEW, child)
        again = services.grant_named(actor=personas["grace"], person=child, user=personas["priya"], reason="Again")
        assert again.pk == grant.pk
        assert AuditEvent.objects.filter(action=events.GRANT_NAMED).count() == 1

    def test_naming_does_not_widen_scope(self, personas, casebook):
        with pytest.raises(ValidationError, match="do not include this child"):
            services.grant_named(actor=personas["grace"], person=casebook["restricted"], user=personas["sarah"], reason="School")

    def test_only_dpo_or_a_manager_who_can_see_it_may_name(self, personas, casebook):
        child = casebook["restricted"]
        with pytest.raises(PermissionDenied):
            services.grant_named(actor=personas["tom"], person=child, user=personas["priya"], reason="x")
        services.grant_named(actor=personas["grace"], person=child, user=personas["tom"], reason="Manager")
        services.grant_named(actor=personas["tom"], person=child, user=personas["priya"], reason="Worker")
        with pytest.raises(PermissionDenied):
            services.grant_named(actor=personas["priya"], person=child, user=personas["dan"], reason="x")

    def test_reason_required(self, personas, casebook):
        with pytest.raises(ValidationError):
            services.grant_named(actor=personas["grace"], person=casebook["restricted"], user=personas["priya"], reason="   ")


class TestReview:
    def test_only_the_dpo_reviews(self, personas, casebook):
        grant = services.break_glass(actor=personas["priya"], person=casebook["restricted"], reason=REASON)
        for username in ("tom", "dan", "sam"):
            with pytest.raises(PermissionDenied):
                services.break_glass_review(actor=personas[username], grant=grant, note="ok")
        services.break_glass_review(actor=personas["grace"], grant=grant, note="ok", outcome="not_justified")
        grant.refresh_from_db()
        assert grant.reviewed_at and grant.review_outcome == "not_justified"
        with pytest.raises(ValidationError, match="already been reviewed"):
            services.break_glass_review(actor=personas["grace"], grant=grant, note="again")

    def test_dpo_cannot_review_their_own(self, personas, casebook):
        grant = services.break_glass(actor=personas["grace"], person=casebook["restricted"], reason=REASON)
        with pytest.raises(ValidationError, match="your own"):
            services.break_glass_review(actor=personas["grace"], grant=grant, note="fine")

    def test_named_grants_are_not_reviewed(self, personas, casebook):
        grant = services.grant_named(actor=personas["grace"], person=casebook["restricted"], user=personas["priya"], reason="Worker")
        with pytest.raises(ValidationError):
            services.break_glass_review(actor=personas["grace"], grant=grant, note="n/a")


class TestEscalation:
    def _grant(self, personas, casebook, created):
        grant = services.break_glass(actor=personas["priya"], person=casebook["restricted"], reason=REASON)
        AccessGrant.objects.filter(pk=grant.pk).update(created_at=created, expires_at=created + dt.timedelta(hours=4))
        return AccessGrant.objects.get(pk=grant.pk)

    def test_escalates_after_five_working_days_not_before(self, personas, casebook):
        # Opened Thursday 24 December 2026. Christmas (Fri 25), Boxing Day (moved to Mon 28)
        # and New Year's Day (Fri 1) do not count: the five working days are 29, 30, 31
        # December, 4 and 5 January, so it escalates on 6 January and not before.
        grant = self._grant(personas, casebook, at(2026, 12, 24, 23, 0))
        assert services.break_glass_escalate(now=at(2027, 1, 5, 18, 0)) == []
        escalated = services.break_glass_escalate(now=at(2027, 1, 6, 8, 0))
        assert [g.pk for g in escalated] == [grant.pk]
        grant.refresh_from_db()
        assert grant.escalated_at is not None
        assert AuditEvent.objects.filter(action=events.BREAK_GLASS_ESCALATED).count() == 1
        # Idempotent: a second run escalates nothing new and writes no event.
        assert services.break_glass_escalate(now=at(2027, 1, 7, 8, 0)) == []
        assert AuditEvent.objects.filter(action=events.BREAK_GLASS_ESCALATED).count() == 1

    def test_reviewed_grants_never_escalate(self, personas, casebook):
        grant = self._grant(personas, casebook, at(2026, 3, 2, 9, 0))
        services.break_glass_review(actor=personas["grace"], grant=grant, note="Checked")
        assert services.break_glass_escalate(now=at(2026, 4, 30, 9, 0)) == []

    def test_command_reports_and_can_fail(self, personas, casebook):
        self._grant(personas, casebook, at(2020, 3, 2, 9, 0))
        out = io.StringIO()
        call_command("escalate_break_glass", stdout=out)
        text = out.getvalue()
        assert "1 break-glass access escalated now; 1 not reviewed after 5 working days." in text
        assert "priya opened record" in text and "new" in text
        out = io.StringIO()
        with pytest.raises(CommandError, match="1 break-glass access overdue"):
            call_command("escalate_break_glass", "--fail-if-any", stdout=out)
        assert "escalated before" in out.getvalue()


def test_grant_named_access_command(personas, casebook):
    out = io.StringIO()
    child = casebook["restricted"]
    call_command("grant_named_access", "--record", str(child.pk), "--user", "priya", "--by", "grace", "--reason", "Allocated worker", stdout=out)
    assert "priya is named on record" in out.getvalue()
    assert person_policy.can(personas["priya"], VIEW, child)
    with pytest.raises(CommandError, match="may not name"):
        call_command("grant_named_access", "--record", str(child.pk), "--user", "tom", "--by", "dan", "--reason", "x", stdout=io.StringIO())
    with pytest.raises(CommandError, match="do not include this child"):
        call_command("grant_named_access", "--record", str(child.pk), "--user", "sarah", "--by", "grace", "--reason", "x", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such record"):
        call_command("grant_named_access", "--record", "999999", "--user", "priya", "--by", "grace", "--reason", "x", stdout=io.StringIO())
