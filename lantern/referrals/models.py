"""Referrals into the exploitation team: a full inter-agency referral or a short concern.

A referral may be about a child (an existing record, or details for a new one) or about a
*context*: a place or a peer group, linked to the children it affects (contextual safeguarding).
The referrer sees only the status of their own referrals; the triage team sees the content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.referrals.choices import (
    ContextKind,
    Decision,
    ExploitationType,
    ReferralAbout,
    ReferralKind,
    ReferralStatus,
    ScreeningOutcome,
    SharingBasis,
)

REFERENCE_PREFIX = "LNT"


class Referral(models.Model):
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    kind = models.CharField(max_length=8, choices=ReferralKind.choices, default=ReferralKind.FULL)
    about = models.CharField(max_length=8, choices=ReferralAbout.choices, default=ReferralAbout.CHILD)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="referrals_made"
    )
    referrer_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    referrer_name = models.CharField(max_length=200)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_email = models.EmailField(blank=True)

    # The child as the referrer described them (kept even after a record is linked).
    child_first_name = models.CharField(max_length=100, blank=True)
    child_last_name = models.CharField(max_length=100, blank=True)
    child_known_as = models.CharField(max_length=100, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_address = models.CharField(max_length=300, blank=True)
    child_school = models.CharField(max_length=200, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )

    # A context referral: a place or a peer group.
    context_kind = models.CharField(max_length=12, choices=ContextKind.choices, blank=True)
    context_name = models.CharField(max_length=200, blank=True)
    context_description = models.TextField(max_length=2000, blank=True)

    concerns = models.TextField(max_length=4000)
    indicators = models.TextField(max_length=2000, blank=True)
    child_knows = models.TextField(max_length=2000, blank=True)
    family_knows = models.TextField(max_length=2000, blank=True)
    sharing_basis = models.CharField(max_length=16, choices=SharingBasis.choices)
    sharing_reason = models.TextField(max_length=2000, blank=True)

    status = models.CharField(
        max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED, db_index=True
    )
    screening_outcome = models.CharField(
        max_length=16, choices=ScreeningOutcome.choices, default=ScreeningOutcome.NOT_SCREENED
    )
    screening_notes = models.TextField(max_length=2000, blank=True)
    screening_assessment_id = models.BigIntegerField(
        null=True, blank=True, help_text="A screening completed in the assessments app."
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The involvement that let the triage worker see a record made from this referral.
    triage_involvement = models.ForeignKey(
        "people.Involvement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return self.reference or f"Referral {self.pk}"

    @property
    def subject_display(self) -> str:
        """The child or context as the referrer described them (never the linked record)."""
        if self.about == ReferralAbout.CONTEXT:
            return f"{self.get_context_kind_display()}: {self.context_name}"
        name = " ".join(p for p in (self.child_first_name, self.child_last_name) if p)
        if self.child_known_as:
            name = f"{name} (known as {self.child_known_as})" if name else self.child_known_as
        return name or "Name not given"

    @property
    def child_display(self) -> str:
        return self.subject_display

    @property
    def received_on(self):
        return timezone.localtime(self.received_at).date()

    @property
    def status_for_referrer(self) -> str:
        """What the referrer is told: the status and, once decided, the outcome in brief."""
        from lantern.referrals.choices import DECISION_FOR_REFERRER, ReferralStatus

        if self.status == ReferralStatus.DECIDED and self.decision:
            return DECISION_FOR_REFERRER.get(self.decision, self.get_status_display())
        return self.get_status_display()

    @staticmethod
    def make_reference(year: int, pk: int) -> str:
        return f"{REFERENCE_PREFIX}-{year}-{pk:06d}"


class ReferralExploitationType(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="types")
    type = models.CharField(max_length=16, choices=ExploitationType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "type"], name="unique_referral_type")
        ]


class ReferralChild(models.Model):
    """A child affected by a context referral (a place or a peer group)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="children")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "person"], name="unique_referral_child")
        ]
