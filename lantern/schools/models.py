"""Schools: Operation Encompass-style notices and education events.

A notice tells a school's safeguarding lead, before the next school day, that something
happened to a pupil: the pupil's first name and initial and one neutral sentence, nothing
else. The detail stays with the agencies that hold it; the school knows to be ready to support.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.schools.choices import EducationEventKind, NoticeKind


class EncompassNotice(models.Model):
    school = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="notices")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="school_notices")
    child_display = models.CharField(max_length=120, help_text="First name and initial only")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    due_by = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: What caused it ("people.ChronologyEvent" 12, "missing.MissingEpisode" 7), for de-duplication.
    source_type = models.CharField(max_length=64)
    source_id = models.BigIntegerField()

    class Meta:
        ordering = ["acknowledged_at", "due_by", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "source_type", "source_id"], name="unique_notice_per_source"
            )
        ]

    @property
    def message(self) -> str:
        return NoticeKind(self.kind).label

    @property
    def is_late(self) -> bool:
        """Made after it was due (e.g. an arrest recorded days later)."""
        return self.created_at > self.due_by


class EducationEvent(models.Model):
    """An exclusion, managed move or alternative provision placement, recorded by the school."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="education_events")
    school = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=EducationEventKind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    destination = models.CharField(
        max_length=200, blank=True, help_text="Receiving school or provider"
    )
    summary = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
