"""Assessments of a child against a versioned tool, with the engine's explained result.

Core facts are columns (house rule 12): who, which tool and version, as at which date, the score,
the computed and the final level, the override and who decided it, the review date. The answers
themselves are JSON because they are versioned questionnaire answers: their shape is the engine's
documented answers format (``docs/reference/assessment-answers.md``) for the pinned tool version,
so they can be scored again, exported or imported without a translation layer. The stored
``result`` is the engine's ``Result.to_dict()``, kept as the engine produced it on submission
(which rules fired and why) and never recomputed in place. See docs/adr/0008.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    """Mirrors the engine's tool kinds (``engine.definition.KINDS``)."""

    RISK = "risk", "Risk assessment"
    OUTCOME = "outcome", "Outcome measure"
    SCREEN = "screen", "Short screen"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    #: Scored, with a professional-judgement level waiting for a team manager's decision.
    SUBMITTED = "submitted", "Waiting for manager approval"
    #: Complete: the final level stands (agreed with the computed level, or a manager decided).
    APPROVED = "approved", "Complete"


class OverrideDecision(models.TextChoices):
    NONE = "", "No different level proposed"
    PENDING = "pending", "Waiting for a team manager"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class Assessment(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="assessments"
    )
    tool = models.CharField(max_length=64, help_text="Tool slug, e.g. seraf-style")
    tool_version = models.PositiveSmallIntegerField(
        help_text="Pinned when the assessment is started; never changes afterwards."
    )
    tool_title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    as_at = models.DateField(
        help_text="The date the assessment describes (for outcome measures, the start date)."
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments_started"
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    #: Versioned questionnaire answers in the engine's format:
    #: ``[{"indicator": id, "observed": [{"date": "2026-01-12" | "2026-01", "source_agency",
    #: "evidence_type", "note"}]}]``. Only indicators recorded as seen appear.
    answers = models.JSONField(default=list, blank=True)
    #: Section ids the practitioner has saved at least once (the task list's "Completed").
    sections_saved = models.JSONField(default=list, blank=True)

    score = models.IntegerField(null=True, blank=True)
    computed_level = models.CharField(max_length=64, blank=True)
    computed_level_label = models.CharField(max_length=200, blank=True)
    final_level = models.CharField(max_length=64, blank=True)
    final_level_label = models.CharField(max_length=200, blank=True)
    #: The engine's ``Result.to_dict()`` as stored on submission (fired rules with their why).
    result = models.JSONField(null=True, blank=True)

    override_level = models.CharField(
        max_length=64, blank=True, help_text="Level proposed by professional judgement."
    )
    override_level_label = models.CharField(max_length=200, blank=True)
    override_rationale = models.TextField(blank=True)
    override_decision = models.CharField(
        max_length=10, choices=OverrideDecision.choices, default=OverrideDecision.NONE, blank=True
    )
    override_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_proposed_at = models.DateTimeField(null=True, blank=True)
    override_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_decided_at = models.DateTimeField(null=True, blank=True)
    override_decision_note = models.TextField(blank=True)

    review_due = models.DateField(null=True, blank=True, db_index=True)
    #: Outcome measures: days from the start to the configurable end point (None = tool default).
    end_offset_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-as_at", "-id"]
        indexes = [
            models.Index(fields=["person", "kind", "status"]),
            models.Index(fields=["tool", "tool_version"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="assessment_override_needs_rationale",
                condition=Q(override_level="") | ~Q(override_rationale=""),
            ),
            models.CheckConstraint(
                name="assessment_scored_unless_draft",
                condition=Q(status="draft") | Q(kind="outcome") | Q(score__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool} v{self.tool_version} as at {self.as_at:%Y-%m-%d} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def override_pending(self) -> bool:
        return self.override_decision == OverrideDecision.PENDING

    @property
    def level_differs(self) -> bool:
        return bool(self.final_level and self.computed_level and self.final_level != self.computed_level)


class Measure(models.Model):
    """One outcome measurement (baseline, six weeks, end) for an outcome assessment.

    ``values`` holds the domain scores (questionnaire answers of the pinned tool version);
    the point, the date and whether the child took part are columns.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="measures")
    point = models.CharField(max_length=32)
    taken_on = models.DateField()
    values = models.JSONField(default=dict)
    co_completed = models.BooleanField(help_text="Completed together with the child.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["taken_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "point"], name="measure_once_per_point")
        ]

    def __str__(self) -> str:
        return f"{self.point} on {self.taken_on:%Y-%m-%d}"


class ReviewNotice(models.Model):
    """A review brought forward by a critical event, and who was told (the lead professional)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="notices")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(
        "people.ChronologyEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event_type = models.CharField(max_length=32)
    previous_due = models.DateField(null=True, blank=True)
    new_due = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Review brought forward to {self.new_due:%Y-%m-%d}"
