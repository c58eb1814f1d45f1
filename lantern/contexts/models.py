"""Places and peer groups worked as cases in their own right (contextual safeguarding).

A *Context* is a place (a park, a takeaway, a stairwell) or a peer group that a team works with:
it has a lead professional, a team, a plan of actions, a log of observations and meetings, and a
history (opened, closed with an outcome). The context's own details are not personal data; the
people linked to it are (``ContextMember``), so they are shown only to viewers who may see each
person (``lantern.access.policies.person_policy``) and counted, not named, for everyone else.

Where a place is: a district, a ward and at most a *postcode district* (the outward code, e.g.
``AS12``), never a full postcode or a house: a child's home is never a context.

Example::

    from lantern.contexts.services import context_open
    context = context_open(actor=tom, kind="location", name="Marlcombe Park skate area", team=north)
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lantern.contexts.choices import (
    OPEN_ACTION_STATUSES,
    ActionKind,
    ActionStatus,
    ClosureOutcome,
    ContextKind,
    ContextStatus,
    MemberRole,
    NoteKind,
)

#: The outward part of a UK postcode only ("AS12", "W1A"): enough to place a park, too coarse to
#: find a house.
POSTCODE_DISTRICT = RegexValidator(
    r"^[A-Z]{1,2}[0-9][A-Z0-9]?$",
    "Enter the first part of the postcode only, like AS12",
)


class Context(models.Model):
    kind = models.CharField(max_length=12, choices=ContextKind.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=4000, blank=True)
    district = models.ForeignKey(
        "accounts.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ward = models.CharField(max_length=100, blank=True)
    postcode_district = models.CharField(
        max_length=4, blank=True, validators=[POSTCODE_DISTRICT],
        help_text="Outward code only; never a full postcode or a home address.",
    )
    status = models.CharField(
        max_length=8, choices=ContextStatus.choices, default=ContextStatus.OPEN, db_index=True
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="contexts")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="lead_contexts", help_text="The lead professional for the place or group.",
    )
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contexts",
    )
    opened_on = models.DateField(default=timezone.localdate)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closure_outcome = models.CharField(max_length=20, choices=ClosureOutcome.choices, blank=True)
    closure_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["team", "status"]), models.Index(fields=["lead", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == ContextStatus.OPEN

    @property
    def where(self) -> str:
        """The place's area in words ("Harrowden ward, Northgate district, AS12")."""
        parts = []
        if self.ward:
            parts.append(f"{self.ward} ward")
        if self.district_id:
            parts.append(f"{self.district.name} district")
        if self.postcode_district:
            parts.append(self.postcode_district)
        return ", ".join(parts)


class ContextMember(models.Model):
    """A person linked to a place or group: a child affected, or (peer groups) a person of
    concern. Unlinking ends the link (kept for the history), it never deletes it."""

    context = models.ForeignKey(Context, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.CHILD)
    reason = models.TextField(max_length=2000)
    linked_on = models.DateField(default=timezone.localdate)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlinked_on = models.DateField(null=True, blank=True)
    unlinked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlink_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["linked_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["context", "person"], condition=Q(unlinked_on__isnull=True),
                name="one_current_link_per_person_and_context",
            )
        ]

    @property
    def is_current(self) -> bool:
        return self.unlinked_on is None


class ContextAction(models.Model):
    """An action in the plan for a place or group, owned by a Lantern user or a named partner."""

    context = models.ForeignKey(Context, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=24, choices=ActionKind.choices)
    description = models.TextField(max_length=2000)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="context_actions",
    )
    owner_name = models.CharField(max_length=200)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField()
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    not_done_reason = models.TextField(max_length=2000, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["context", "status", "due_date"])]

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES and self.due_date < timezone.localdate()


class ContextNote(models.Model):
    """A dated observation, visit or meeting about the place or group."""

    context = models.ForeignKey(Context, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=16, choices=NoteKind.choices)
    occurred_on = models.DateField()
    text = models.TextField(max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
