"""Multi-agency panels (MACE / MET): who sits on them, who is referred, meetings, agendas,
decisions, the action register and the packs sent out before a meeting.

A *Panel* meets on a cadence with members from several agencies and a chair. Children, adults
of concern, and places or groups (``lantern.contexts``) are *referred* to it; a referral stays on
the panel's list until the panel exits it with a rationale after a stable period, and then sits
on a watchlist for six months (a new critical event brings it back to the agenda).

A *PanelMeeting* has an agenda built from events (``lantern.panels.agenda``), in VOLT sections.
At the meeting the chair records attendance, then for each item the agreed risk level, route,
rationale, actions and next review. Signing the minutes freezes the meeting: services refuse any
change after that (``services._require_unsigned``), and corrections are added as addenda.

Core facts are columns (house rule 12). Records about a child are visible when the child is
(``person_policy``); a viewer who may not open a child sees the item counted, never named.

Example::

    from lantern.panels.services import panel_create
    panel = panel_create(actor=marcus, name="Ashdown MACE", kind="mace", cadence_days=14)
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lantern.panels.choices import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    Attendance,
    ItemReason,
    MeetingStatus,
    PackAudience,
    PanelKind,
    ReferralStatus,
    RiskLevel,
    Route,
    Section,
    SubjectKind,
)

#: How long an exited referral stays on the watchlist.
WATCHLIST_DAYS = 183


class Panel(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=PanelKind.choices, default=PanelKind.MACE)
    area = models.CharField(max_length=200, blank=True, help_text="The districts it covers.")
    cadence_days = models.PositiveSmallIntegerField(
        default=14, help_text="Days between meetings (7 weekly, 14 fortnightly, 28 monthly)."
    )
    review_weeks = models.PositiveSmallIntegerField(
        default=12, help_text="Weeks until a child is reviewed again, unless the panel says sooner."
    )
    stable_weeks = models.PositiveSmallIntegerField(
        default=12, help_text="Weeks a child must have been stable before the panel exits them."
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_panels"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    """A seat at the panel: a Lantern user, or a named partner not on Lantern, for an agency."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="panel_seats",
    )
    name = models.CharField(max_length=200)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=200, blank=True, help_text="For example: DSL, MET sergeant")
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["agency__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "user"], condition=Q(left_on__isnull=True, user__isnull=False),
                name="one_current_seat_per_user_and_panel",
            )
        ]


class PanelReferral(models.Model):
    """A child, an adult of concern, or a place or group on the panel's list."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="referrals")
    subject_kind = models.CharField(max_length=8, choices=SubjectKind.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # CASCADE: contexts are closed, never deleted, except when the demo seed is cleared.
    context = models.ForeignKey(
        "contexts.Context", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(max_length=2000)
    referred_on = models.DateField(default=timezone.localdate)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=8, choices=ReferralStatus.choices, default=ReferralStatus.OPEN, db_index=True
    )
    risk_level = models.CharField(max_length=12, choices=RiskLevel.choices, blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    first_discussed_on = models.DateField(null=True, blank=True)
    exited_on = models.DateField(null=True, blank=True)
    exited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exit_rationale = models.TextField(max_length=2000, blank=True)
    stable_since = models.DateField(null=True, blank=True)
    watch_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["referred_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "person"], condition=Q(status="open", person__isnull=False),
                name="one_open_panel_referral_per_person",
            ),
            models.UniqueConstraint(
                fields=["panel", "context"], condition=Q(status="open", context__isnull=False),
                name="one_open_panel_referral_per_context",
            ),
            models.CheckConstraint(
                condition=(Q(person__isnull=False, context__isnull=True)
                           | Q(person__isnull=True, context__isnull=False)),
                name="panel_referral_is_about_a_person_or_a_context",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.status == ReferralStatus.OPEN

    def on_watchlist(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == ReferralStatus.EXITED and bool(self.watch_until) and on <= self.watch_until


class PanelMeeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    agenda_built_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.panel.name}, {self.held_on:%-d %B %Y}"

    @property
    def is_signed(self) -> bool:
        return self.status == MeetingStatus.SIGNED


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Attendance.choices)
    declaration = models.TextField(
        max_length=2000, blank=True, help_text="A declared interest in an item, and what was agreed."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")
        ]


class AgendaItem(models.Model):
    """One item on a meeting's agenda, and (once discussed) what the panel agreed."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=12, choices=Section.choices)
    reason = models.CharField(max_length=20, choices=ItemReason.choices)
    reason_detail = models.CharField(max_length=500, blank=True)
    referral = models.ForeignKey(
        PanelReferral, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField(max_length=200, blank=True, help_text="For a theme or a line.")
    minutes = models.PositiveSmallIntegerField(default=10)
    position = models.PositiveIntegerField(default=0)
    # What the panel agreed.
    discussed = models.BooleanField(default=False)
    risk_level = models.CharField(max_length=12, choices=RiskLevel.choices, blank=True)
    route = models.CharField(max_length=16, choices=Route.choices, blank=True)
    rationale = models.TextField(max_length=4000, blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "referral"], condition=Q(referral__isnull=False),
                name="one_item_per_referral_and_meeting",
            )
        ]

    @property
    def person_id(self) -> int | None:
        """The person the item names (for ``split_named``), None for a place, group or theme."""
        return self.referral.person_id if self.referral_id else None


class PanelAction(models.Model):
    """An action agreed at a meeting: it stays on the panel's register, meeting after meeting,
    until it is done or not done."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    referral = models.ForeignKey(
        PanelReferral, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField(max_length=2000)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="panel_actions",
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

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["panel", "status", "due_date"])]

    @property
    def person_id(self) -> int | None:
        return self.referral.person_id if self.referral_id else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()


class MinutesAddendum(models.Model):
    """A correction to signed minutes: the minutes stay as signed; the addendum sits beside them."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField(max_length=4000)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]


class PackIssue(models.Model):
    """Who received which pack: the recipient, the content level it carried, and its digest."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="packs")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(max_length=12, choices=PackAudience.choices)
    children_named = models.PositiveIntegerField(default=0)
    children_hidden = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
