"""Forms for schools (GOV.UK error messages)."""

from __future__ import annotations

from django import forms

from lantern.core.forms import GovukDateField, GovukForm
from lantern.schools.choices import EducationEventKind


class EducationEventForm(GovukForm):
    kind = forms.ChoiceField(
        label="What happened",
        choices=EducationEventKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    start_date = GovukDateField(
        label="Start date", allow_future=False, help_text="For example, 14 3 2026",
        error_messages={"required": "Enter the start date"},
    )
    end_date = GovukDateField(label="End date", required=False, help_text="If known (for a suspension, its last day)")
    destination = forms.CharField(
        label="Receiving school or provider", required=False, max_length=200,
        help_text="Needed for a managed move",
    )
    summary = forms.CharField(
        label="What the partnership should know",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Reason and support in place. Describe what happened to the pupil, not choices made by them.",
        error_messages={"required": "Enter what the partnership should know"},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        if data.get("kind") == EducationEventKind.MANAGED_MOVE and not (data.get("destination") or "").strip():
            self.add_error("destination", "Enter the school the pupil is moving to")
        return data
