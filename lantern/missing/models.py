"""Missing and absent episodes, return home interviews and the Philomena Protocol profile.

An episode belongs to the child. So does the Philomena profile: it is kept with the person,
not the placement, so it follows the child when they move (a new placement picks up the same
profile and sees at once whether it is out of date).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.missing.choices import (
    CLOSED_STATUSES,
    EpisodeKind,
    FactorDirection,
    HowReturned,
    InterviewStatus,
    MentionKind,
    RiskGrade,
)

#: Part 1 of the Philomena profile should be confirmed at least this often.
PHILOMENA_STALE_DAYS = 90


class MissingEpisode(models.Model):
    """One missing or absent episode: from when the child was last seen to their return."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="missing_episodes"
    )
    kind = models.CharField(max_length=8, choices=EpisodeKind.choices)
    police_reference = models.CharField(max_length=40, blank=True)
    risk_grade = models.CharField(max_length=8, choices=RiskGrade.choices)
    started_at = models.DateTimeField(db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    where_found = models.CharField(max_length=200, blank=True)
    found_with = models.CharField(max_length=200, blank=True)
    how_returned = models.CharField(max_length=20, choices=HowReturned.choices, blank=True)
    found_out_of_area = models.BooleanField(default=False)
    reported_by = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["person", "started_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def duration(self) -> dt.timedelta | None:
        if self.ended_at is None:
            return None
        return self.ended_at - self.started_at

    @property
    def duration_display(self) -> str:
        d = self.duration
        if d is None:
            return "Still missing"
        hours = int(d.total_seconds() // 3600)
        if hours < 48:
            return f"{hours} hour{'s' if hours != 1 else ''}"
        return f"{hours // 24} days {hours % 24} hours"


class ReturnInterview(models.Model):
    """The return home interview owed after an episode ends: due 72 clock hours after return.

    Carried out by someone independent of the child's lead professional (enforced in
    ``lantern.missing.services.interview_update``). When the cases app provides tasks, ``task_id``
    points at the task made for it; the interview keeps its own due time and status either way.
    """

    episode = models.OneToOneField(MissingEpisode, on_delete=models.CASCADE, related_name="interview")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="return_interviews"
    )
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=12, choices=InterviewStatus.choices, default=InterviewStatus.DUE
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="return_interviews_held",
    )
    interviewer_name = models.CharField(max_length=200, blank=True)
    interviewer_organisation = models.CharField(max_length=200, blank=True)
    reason_not_held = models.TextField(max_length=2000, blank=True)
    push_notes = models.TextField(max_length=2000, blank=True)
    pull_notes = models.TextField(max_length=2000, blank=True)
    harm_experienced = models.TextField(max_length=2000, blank=True)
    child_views = models.TextField(max_length=2000, blank=True)
    task_id = models.BigIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at"]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return not self.is_closed and timezone.now() > self.due_at

    @property
    def offered_in_time(self) -> bool | None:
        """Offered (or held) within the 72 hours; None while nothing has happened."""
        first = self.offered_at or self.held_at
        if first is None:
            return None
        return first <= self.due_at

    @property
    def interviewer_display(self) -> str:
        if self.interviewer_id:
            u = self.interviewer
            return u.get_full_name() or u.get_username()
        return self.interviewer_name


class RhiFactor(models.Model):
    """One push or pull factor found in an interview (a structured choice, not free text)."""

    interview = models.ForeignKey(ReturnInterview, on_delete=models.CASCADE, related_name="factors")
    direction = models.CharField(max_length=4, choices=FactorDirection.choices)
    code = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "direction", "code"], name="unique_rhi_factor"
            )
        ]

    @property
    def label(self) -> str:
        from lantern.missing.choices import PullFactor, PushFactor

        choices = PushFactor if self.direction == FactorDirection.PUSH else PullFactor
        return dict(choices.choices).get(self.code, self.code)


class RhiMention(models.Model):
    """A person, place, phone, vehicle or online handle mentioned in an interview.

    Kept as structured items so the intelligence capability can link them to its entities.
    """

    interview = models.ForeignKey(ReturnInterview, on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=16, choices=MentionKind.choices)
    value = models.CharField(max_length=200)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["kind", "value"])]


def philomena_photo_path(instance: PhilomenaProfile, filename: str) -> str:
    """Random file names: the child's name never appears on disk or in a URL."""
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"philomena/{uuid.uuid4().hex}.{ext}"


class PhilomenaProfile(models.Model):
    """Part 1 of the Philomena Protocol: kept current in advance, handed to police at once.

    Belongs to the person (not a placement) so it follows the child between placements.
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="philomena_profile"
    )
    height = models.CharField(max_length=40, blank=True)
    build = models.CharField(max_length=100, blank=True)
    hair = models.CharField(max_length=100, blank=True)
    eyes = models.CharField(max_length=100, blank=True)
    distinguishing_features = models.TextField(
        max_length=2000, blank=True, help_text="Scars, tattoos, piercings, glasses, accent"
    )
    physical_description = models.TextField(max_length=2000, blank=True)
    photo = models.FileField(upload_to=philomena_photo_path, blank=True)
    photo_content_type = models.CharField(max_length=40, blank=True)
    photo_taken_on = models.DateField(null=True, blank=True)
    associates = models.TextField(max_length=2000, blank=True)
    places_frequented = models.TextField(max_length=2000, blank=True)
    phones = models.TextField(max_length=2000, blank=True)
    social_media = models.TextField(max_length=2000, blank=True)
    transport = models.TextField(max_length=2000, blank=True)
    medical_needs = models.TextField(max_length=2000, blank=True)
    other_information = models.TextField(max_length=2000, blank=True)
    confirmed_at = models.DateTimeField(
        help_text="When someone last confirmed part 1 is current (editing confirms it too)."
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def stale_since(self, now: dt.datetime | None = None) -> dt.datetime | None:
        """When the profile became out of date, or None while it is current."""
        limit = self.confirmed_at + dt.timedelta(days=PHILOMENA_STALE_DAYS)
        return limit if (now or timezone.now()) > limit else None

    @property
    def is_stale(self) -> bool:
        return self.stale_since() is not None

    @property
    def days_since_confirmed(self) -> int:
        return (timezone.now() - self.confirmed_at).days


class PhilomenaReport(models.Model):
    """Part 2 of the Philomena Protocol: completed at the time of a missing report."""

    episode = models.OneToOneField(
        MissingEpisode, on_delete=models.CASCADE, related_name="philomena_report"
    )
    clothing = models.TextField(max_length=2000, help_text="What they were wearing")
    circumstances = models.TextField(max_length=2000)
    last_seen = models.CharField(max_length=300, blank=True)
    belongings = models.CharField(max_length=500, blank=True)
    concerns = models.TextField(max_length=2000, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(auto_now=True)
