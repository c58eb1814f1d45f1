"""Forms for break-glass access and its review, with GOV.UK error messages."""

from __future__ import annotations

from django import forms

from lantern.access.models import ReviewOutcome
from lantern.access.services import MIN_REASON_LENGTH, substantial_reason
from lantern.core.forms import GovukForm


class _SubstantialReasonMixin:
    """A ``reason`` that says something, by the services' own check (``substantial_reason``).

    Why not a check of its own: the page and the service must refuse exactly the same
    reasons, with the same message, or a reason the page accepts would fail as a service
    error (and the other way round).
    """

    def clean_reason(self) -> str:
        return substantial_reason(self.cleaned_data["reason"])


class BreakGlassForm(_SubstantialReasonMixin, GovukForm):
    reason = forms.CharField(
        label="Why do you need to see this record now?",
        help_text=(
            f"At least {MIN_REASON_LENGTH} characters, in words. Say what has happened and why it "
            "cannot wait for someone named on the record. The data protection officer reads every "
            "reason."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why you need to see this record"},
    )


class BreakGlassReviewForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Was the access justified?",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the access was justified"},
    )
    note = forms.CharField(
        label="Review note",
        help_text="What you checked and with whom. This is kept in the audit trail.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter a review note"},
    )


class RestrictionReasonForm(_SubstantialReasonMixin, GovukForm):
    """Why a record is being restricted, or why the restriction is lifted (kept in the audit)."""

    reason = forms.CharField(
        label="Why?",
        help_text=(
            f"At least {MIN_REASON_LENGTH} characters, in words. The data protection officer can "
            "read it in the audit trail."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason"},
    )


class NameUserForm(GovukForm):
    """Name one more person on a restricted record, by their Lantern username."""

    username = forms.CharField(
        label="Their Lantern username", max_length=150,
        error_messages={"required": "Enter the username of the person to name"},
    )
    reason = forms.CharField(
        label="Why do they need to see it?", max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this person needs to see the record"},
    )
