"""The disruption register: orders, notices and other tactics used against the people, places,
lines and groups that exploit children, when prosecution is hard.

Each entry has a tactic (``tactics.py``), a legal basis, a target (a person's record, a place or
group from ``lantern.contexts``, or a line described in words until the lines register lands),
dates and an expiry, breaches, an outcome, and the children it protects. Context plan actions
of kind "disruption" are linked in (``source_context_action``): the place's plan keeps its
action, the register holds the disruption.

People named by an entry (its target, the children it protects) are shown only to viewers who
may open them (``person_policy``), counted for the rest.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.disruption.choices import REMIND_DAYS, Outcome, TargetKind


class DisruptionAction(models.Model):
    tactic = models.CharField(max_length=40)
    legal_basis = models.CharField(max_length=300, blank=True)
    target_kind = models.CharField(max_length=8, choices=TargetKind.choices)
    target_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # CASCADE: contexts are closed, never deleted, except when the demo seed is cleared.
    target_context = models.ForeignKey(
        "contexts.Context", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_description = models.CharField(
        max_length=300, blank=True, help_text="A line's number or name, or what the target is."
    )
    summary = models.TextField(max_length=2000, blank=True)
    started_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(max_length=2000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="disruption_actions",
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    protects = models.ManyToManyField("people.Person", blank=True, related_name="+")
    source_context_action = models.OneToOneField(
        "contexts.ContextAction", null=True, blank=True, on_delete=models.CASCADE,
        related_name="disruption",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["owner", "ended_on", "expires_on"])]

    @property
    def tactic_name(self) -> str:
        from lantern.disruption.tactics import name_of

        return name_of(self.tactic)

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.ended_on is None and (self.expires_on is None or self.expires_on >= today)

    @property
    def is_expired(self) -> bool:
        return self.ended_on is None and self.expires_on is not None and (
            self.expires_on < timezone.localdate()
        )

    @property
    def expires_soon(self) -> bool:
        if self.ended_on is not None or self.expires_on is None:
            return False
        return self.expires_on <= timezone.localdate() + dt.timedelta(days=REMIND_DAYS)

    @property
    def status_label(self) -> str:
        if self.ended_on is not None:
            return "Ended"
        if self.is_expired:
            return "Expired"
        return "Expires soon" if self.expires_soon else "Active"


class DisruptionBreach(models.Model):
    action = models.ForeignKey(DisruptionAction, on_delete=models.CASCADE, related_name="breaches")
    occurred_on = models.DateField()
    description = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
