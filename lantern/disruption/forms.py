"""Forms for the disruption register, with GOV.UK error messages."""

from __future__ import annotations

from django import forms

from lantern.core.forms import GovukDateField, GovukForm
from lantern.disruption import tactics
from lantern.disruption.choices import LinkRole, Outcome, TargetKind


class FilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Show", required=False,
        choices=[("active", "Active"), ("expiring", "Expiring within 28 days"),
                 ("ended", "Ended or expired"), ("all", "All")],
    )


class ContextChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class RecordForm(GovukForm):
    tactic = forms.ChoiceField(
        label="Tactic", choices=(), error_messages={
            "required": "Choose the tactic", "invalid_choice": "Choose the tactic"},
    )
    legal_basis = forms.CharField(
        label="Legal basis (optional)", required=False, max_length=300,
        help_text="Leave blank for the tactic's usual basis",
    )
    target_kind = forms.ChoiceField(
        label="What is it against?", choices=TargetKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what it is against",
                        "invalid_choice": "Choose what it is against"},
    )
    target_context = ContextChoiceField(
        label="Place or group (optional)", queryset=None, required=False,
        empty_label="Not recorded as a place or group",
        error_messages={"invalid_choice": "Choose a place or group from the list"},
    )
    target_description = forms.CharField(
        label="Line number or name, or a description of the target (optional)", required=False,
        max_length=300, help_text="A person is linked from their record after saving",
    )
    summary = forms.CharField(label="What it does (optional)", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    started_on = GovukDateField(label="Start date", allow_future=False,
                                help_text="For example, 27 3 2026",
                                error_messages={"required": "Enter the date it started"})
    expires_on = GovukDateField(label="Expiry date (optional)", required=False,
                                help_text="The owner is reminded 28 days before")

    def __init__(self, *args, contexts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tactic"].choices = [("", "Choose a tactic"), *tactics.choices()]
        self.fields["target_context"].queryset = contexts


class LinkPersonForm(GovukForm):
    person = forms.ModelChoiceField(
        label="Who?", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Search for the person, then choose them",
                        "invalid_choice": "Choose a person from the search results"},
    )
    role = forms.ChoiceField(
        label="How are they connected?", choices=LinkRole.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how they are connected",
                        "invalid_choice": "Choose how they are connected"},
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.display_name


class BreachForm(GovukForm):
    occurred_on = GovukDateField(label="Date of the breach", allow_future=False,
                                 error_messages={"required": "Enter the date of the breach"})
    description = forms.CharField(
        label="What happened", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what happened"},
    )


class EndForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome", "invalid_choice": "Choose the outcome"},
    )
    ended_on = GovukDateField(label="Date it ended", allow_future=False,
                              error_messages={"required": "Enter the date it ended"})
    outcome_notes = forms.CharField(label="Notes (optional)", required=False, max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
