"""AuditEvent: one row per read or write of personal data, chained by SHA-256.

Rows are never updated or deleted (a PostgreSQL trigger enforces it; ``verify_audit_chain``
detects any change on either database).
"""

from __future__ import annotations

from django.db import models


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
