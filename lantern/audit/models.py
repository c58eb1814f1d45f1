"""AuditEvent: one row per read or write of personal data, chained by SHA-256.

Rows are never updated or deleted (a PostgreSQL trigger enforces it; ``verify_audit_chain``
detects any change on either database).
"""

from __future__ import annotations

from django.db import models

from lantern.audit.chain import GENESIS


class Outcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    DENIED = "denied", "Denied"
    FAILED = "failed", "Failed"


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    actor_agency = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    subject_type = models.CharField(max_length=64, blank=True)
    subject_ids = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.ALLOWED)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["subject_type", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action}"


class SubjectLink(models.Model):
    """Index from a subject (e.g. person 42) to the events about it, for the
    "who has viewed or changed this record" page without scanning JSON."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="subject_links")
    subject_type = models.CharField(max_length=64)
    subject_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id"])]


class ChainHead(models.Model):
    """The newest link of the chain, kept in one row (``id`` is always 1).

    Why a row of its own: appending an event locks and advances this one row
    (``UPDATE ... RETURNING``) instead of locking the newest event found by ``ORDER BY id DESC``.
    The lock is taken in the same statement that inserts the event, so it is held only for the
    rest of the writing transaction, and two writers can never chain onto the same predecessor.
    ``count`` and ``hash`` also let ``verify_audit_chain`` notice events cut from the end of the
    chain, which no hash inside the chain could reveal; ``audit_chain_head`` exports them nightly
    so the head itself can be checked against a copy held elsewhere (docs/adr/0003).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    count = models.BigIntegerField(default=0)
    prev_hash = models.CharField(max_length=64, default=GENESIS)
    hash = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return f"{self.count} events, head {self.hash[:12]}"
