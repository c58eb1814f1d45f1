"""Record restrictions and time-limited access grants.

A *restricted* person record (a staff member's relative, a high-profile case) is visible only to
users named in a ``NAMED`` grant. Anyone else with a legitimate need uses *break-glass*: a
written reason, four hours of access, an audit event, and a review by the data protection
officer (escalated when unreviewed after five working days).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class GrantKind(models.TextChoices):
    NAMED = "named", "Named user"
    BREAK_GLASS = "break_glass", "Break-glass"


class ReviewOutcome(models.TextChoices):
    JUSTIFIED = "justified", "Justified: the reason supports the access"
    NOT_JUSTIFIED = "not_justified", "Not justified: follow up with the user and their manager"


class AccessGrant(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grants"
    )
    kind = models.CharField(max_length=16, choices=GrantKind.choices)
    reason = models.TextField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_grants_given",
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_grants_reviewed",
    )
    review_outcome = models.CharField(max_length=16, choices=ReviewOutcome.choices, blank=True)
    review_note = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "person", "expires_at"]),
            models.Index(fields=["kind", "reviewed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} grant {self.pk}"

    @property
    def is_break_glass(self) -> bool:
        return self.kind == GrantKind.BREAK_GLASS

    def active_at(self, when) -> bool:
        return self.expires_at is None or self.expires_at > when
