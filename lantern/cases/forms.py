"""Casework forms with GOV.UK error messages attached to the field they are about."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from lantern.accounts.models import Agency
from lantern.cases.choices import (
    ClosureOutcome,
    ContactKind,
    EngagementOutcome,
    PlanSection,
)
from lantern.core.action_forms import ActionStatusForm, user_with_agency
from lantern.core.forms import GovukDateField, GovukForm


def _text(label, help_text="", required=False, rows=4):
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=2000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _user_label(obj)


class TaskAssignForm(GovukForm):
    assignee = UserChoiceField(
        label="Who should do it?", queryset=None, empty_label="Choose a worker",
        error_messages={"required": "Choose who should do the task",
                        "invalid_choice": "Choose who should do the task"},
    )

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = workers


class AllocateForm(GovukForm):
    lead = UserChoiceField(
        label="Lead professional", queryset=None, empty_label="Choose a worker",
        error_messages={"required": "Choose the lead professional"},
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=None, required=False, empty_label="Keep the current team",
    )

    def __init__(self, *args, leads=None, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads
        self.fields["team"].queryset = teams


class PickWorkerForm(GovukForm):
    worker = UserChoiceField(
        label="Whose cases are moving?", queryset=None, empty_label="Choose a worker",
        help_text="For example, someone leaving the team or on long-term leave",
        error_messages={"required": "Choose the worker whose cases are moving",
                        "invalid_choice": "Choose a worker from the list"},
    )

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers


class ReassignForm(GovukForm):
    """One "new lead" choice per case, plus "move them all to" for the simple case."""

    all_to = UserChoiceField(
        label="Move every case to", queryset=None, required=False,
        empty_label="Choose for each case below",
    )

    def __init__(self, *args, cases=(), leads=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = list(cases)
        self.fields["all_to"].queryset = leads
        for case in self.cases:
            self.fields[f"case_{case.pk}"] = UserChoiceField(
                label=f"New lead for {case.person.display_name}", queryset=leads, required=False,
                empty_label="Leave with the current worker",
            )
            # Added after the GOV.UK mixin styled the declared fields, so style them here.
            self.fields[f"case_{case.pk}"].widget.attrs["class"] = "govuk-select"

    def moves(self) -> list:
        data = self.cleaned_data
        everyone = data.get("all_to")
        moves = []
        for case in self.cases:
            new = data.get(f"case_{case.pk}") or everyone
            if new is not None:
                moves.append((case, new))
        return moves

    def clean(self):
        data = super().clean()
        if not self.errors and not self.moves():
            raise forms.ValidationError("Choose a new lead professional for at least one case")
        return data


class AgencyForm(GovukForm):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.order_by("name"), empty_label="Choose an agency",
        error_messages={"required": "Choose the agency"},
    )
    role = forms.CharField(
        label="Their role", max_length=100, help_text="For example: school nurse, youth justice worker",
        error_messages={"required": "Enter their role"},
    )
    contact_name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter their name"})
    contact_phone = forms.CharField(label="Phone", max_length=40, required=False)
    contact_email = forms.EmailField(
        label="Email", required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )


class PlanSectionForm(GovukForm):
    worries = _text("What are we worried about?")
    aims = _text("What do we want to happen?")


class PlanActionForm(GovukForm):
    """An action with an owner: someone on Lantern (it then reaches their caseload), or a
    partner who is not, by name and agency."""

    section = forms.ChoiceField(
        label="Part of the plan", choices=PlanSection.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the part of the plan"},
    )
    description = _text("What will be done", required=True, rows=3)
    owner_user = forms.ModelChoiceField(
        label="Who will do it, if they use Lantern", required=False, queryset=None,
        empty_label="Someone not on Lantern",
        help_text="The action will appear on their caseload. Only people who can see this "
                  "child's record are listed.",
        error_messages={"invalid_choice": "Choose someone from the list"},
    )
    owner_name = forms.CharField(
        label="Or their name, if they do not use Lantern", max_length=200, required=False,
    )
    agency = forms.ModelChoiceField(
        label="Their agency", queryset=Agency.objects.order_by("name"), empty_label="Choose an agency",
        required=False, help_text="Not needed for someone on Lantern: their own agency is used.",
        error_messages={"invalid_choice": "Choose their agency"},
    )
    due_date = GovukDateField(label="Due date", help_text="For example, 27 3 2026",
                              error_messages={"required": "Enter the due date"})

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].error_messages["required"] = "Enter what will be done"
        ids = [u.pk for u in owners]
        self.fields["owner_user"].queryset = (
            get_user_model().objects.filter(pk__in=ids).select_related("agency")
            .order_by("last_name", "first_name", "id")
        )
        self.fields["owner_user"].label_from_instance = user_with_agency

    def clean(self):
        data = super().clean()
        user = data.get("owner_user")
        name = (data.get("owner_name") or "").strip()
        if user is None and not name and "owner_user" not in self.errors:
            self.add_error("owner_name", "Choose who will do it, or enter their name")
        if user is None and name and not data.get("agency") and "agency" not in self.errors:
            self.add_error("agency", "Choose their agency")
        if user is not None:
            data["owner_name"] = user.get_full_name() or user.get_username()
            data["agency"] = data.get("agency") or user.agency
            if data["agency"] is None:
                self.add_error("agency", "Choose their agency")
        else:
            data["owner_name"] = name
        return data


class ActionUpdateForm(ActionStatusForm):
    due_date = GovukDateField(label="New due date (optional)", required=False)


class ContactForm(GovukForm):
    occurred_on = GovukDateField(
        label="Date of the contact", allow_future=False, help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of the contact"},
    )
    kind = forms.ChoiceField(
        label="Kind of contact", choices=ContactKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of contact"},
    )
    outcome = forms.ChoiceField(
        label="What happened", choices=EngagementOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened"},
    )
    notes = _text(
        "Notes", "What you did and what the child said. Describe harm done to the child, not choices made by them.",
        rows=6,
    )


class ReviewForm(GovukForm):
    held_on = GovukDateField(
        label="Date of the review", allow_future=False, error_messages={"required": "Enter the date of the review"},
    )
    summary = _text("Summary of the review", required=True, rows=6)
    next_review_date = GovukDateField(
        label="Date of the next review", required=False,
        help_text="Leave blank for 12 weeks from this review. At least every 3 months.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].error_messages["required"] = "Enter a summary of the review"

    def clean(self):
        data = super().clean()
        held, nxt = data.get("held_on"), data.get("next_review_date")
        if held and nxt and nxt <= held:
            self.add_error("next_review_date", "Date of the next review must be after the review")
        return data


class CloseForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Outcome", choices=ClosureOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome"},
    )
    reason = _text("Reason for closing", required=True, rows=5)
    end_measure_assessment_id = forms.TypedChoiceField(
        label="Distance-travelled end measure", required=False, coerce=int, empty_value=None,
    )
    end_measure_not_taken_reason = _text(
        "If the end measure was not taken, why not?",
        "For example: the child moved away before the last session", rows=3,
    )

    def __init__(self, *args, assessments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter the reason for closing the case"
        if assessments:
            self.fields["end_measure_assessment_id"].choices = [("", "Not taken")] + list(assessments)
        else:
            # Without the assessments app: the number of the completed measure.
            self.fields["end_measure_assessment_id"] = forms.IntegerField(
                label="Distance-travelled end measure: assessment number", required=False,
                min_value=1, help_text="Leave blank if it was not taken",
                error_messages={"invalid": "Assessment number must be a number, like 123",
                                "min_value": "Assessment number must be a number, like 123"},
            )
            self.fields["end_measure_assessment_id"].widget.attrs["class"] = "govuk-input govuk-input--width-10"
            self.order_fields(["outcome", "reason", "end_measure_assessment_id", "end_measure_not_taken_reason"])

    def clean(self):
        data = super().clean()
        if (
            "end_measure_assessment_id" not in self.errors
            and not data.get("end_measure_assessment_id")
            and not (data.get("end_measure_not_taken_reason") or "").strip()
        ):
            self.add_error(
                "end_measure_not_taken_reason",
                "Record the distance-travelled end measure, or say why it was not taken",
            )
        return data


class ResurfacingForm(GovukForm):
    answer = forms.ChoiceField(
        label="What will happen?", widget=forms.RadioSelect,
        choices=[("reopen", "Open a new case with the same team"), ("review", "No new case needed")],
        error_messages={"required": "Choose what will happen"},
    )
    note = _text("Reason", "Needed when no new case is opened", rows=3)

    def clean(self):
        data = super().clean()
        if data.get("answer") == "review" and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why no new case is needed")
        return data
