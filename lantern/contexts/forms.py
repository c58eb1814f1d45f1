"""Forms for places and peer groups, with GOV.UK error messages on the field they are about.

The decision form for a referral about a place or group lives here too (``ContextDecisionForm``):
it is the referrals app's decision form plus one question, "open a new record or join an open
one", so the referrals app needs no knowledge of contexts' fields.
"""

from __future__ import annotations

from django import forms

from lantern.accounts.models import District
from lantern.contexts.choices import (
    ActionKind,
    ClosureOutcome,
    ContextKind,
    MemberRole,
    NoteKind,
)
from lantern.contexts.models import POSTCODE_DISTRICT
from lantern.core.action_forms import (
    ActionStatusForm,
    OwnedActionForm,
    UserWithAgencyField,
    text_field,
)
from lantern.core.forms import GovukDateField, GovukForm
from lantern.referrals.forms import DecisionForm

VICTIM_FIRST = "Describe harm done to children, not choices made by them."


class ContextFilterForm(GovukForm):
    kind = forms.ChoiceField(
        label="Place or group", required=False,
        choices=[("", "Places and peer groups"), *ContextKind.choices],
    )
    status = forms.ChoiceField(
        label="Status", required=False,
        choices=[("open", "Open"), ("closed", "Closed"), ("all", "Open and closed")],
    )


class ContextForm(GovukForm):
    """Open or change a context. ``kind`` is asked only when opening."""

    kind = forms.ChoiceField(
        label="Is it a place or a peer group?", choices=ContextKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it is a place or a peer group",
                        "invalid_choice": "Choose whether it is a place or a peer group"},
    )
    name = forms.CharField(
        label="Name", max_length=200,
        help_text="For example: Marlcombe Park skate area, or the group that meets at the bus station",
        error_messages={"required": "Enter the name of the place or group"},
    )
    description = text_field(
        "What happens there, and what are we worried about?", VICTIM_FIRST, rows=5, max_length=4000
    )
    district = forms.ModelChoiceField(
        label="District (optional)", required=False, queryset=District.objects.order_by("name"),
        empty_label="Not known or not a place",
        error_messages={"invalid_choice": "Choose a district from the list"},
    )
    ward = forms.CharField(label="Ward (optional)", required=False, max_length=100)
    postcode_district = forms.CharField(
        label="First part of the postcode (optional)", required=False, max_length=4,
        help_text="Only the first part, like AS12. Never a full postcode or anyone's home address.",
        error_messages={"max_length": "Enter the first part of the postcode only, like AS12"},
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=None, empty_label="Choose a team",
        error_messages={"required": "Choose the team that will hold the record",
                        "invalid_choice": "Choose a team from the list"},
    )
    lead = UserWithAgencyField(
        label="Lead professional (optional)", queryset=None, required=False,
        empty_label="Not allocated yet",
        error_messages={"invalid_choice": "Choose a lead professional from the list"},
    )

    def __init__(self, *args, teams=None, leads=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["lead"].queryset = leads
        self.fields["postcode_district"].widget.attrs["class"] += " govuk-input--width-5"
        if editing:
            self.fields.pop("kind")

    def clean_postcode_district(self):
        code = "".join((self.cleaned_data.get("postcode_district") or "").split()).upper()
        if code:
            try:
                POSTCODE_DISTRICT(code)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "Enter the first part of the postcode only, like AS12"
                ) from None
        return code


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        dob = f", born {obj.date_of_birth:%-d %B %Y}" if obj.date_of_birth else ""
        return f"{obj.display_name}{dob}"


class LinkPersonForm(GovukForm):
    """Choose a person from the search results, say how they are connected and why."""

    person = PersonChoiceField(
        label="Who are you linking?", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Search for the person, then choose them from the results",
                        "invalid_choice": "Choose a person from the search results"},
    )
    role = forms.ChoiceField(
        label="How are they connected?", choices=MemberRole.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how they are connected",
                        "invalid_choice": "Choose how they are connected"},
    )
    reason = text_field(
        "Why are they linked to this place or group?",
        "What was seen or heard, when, and by whom. " + VICTIM_FIRST, required=True, rows=4,
    )

    def __init__(self, *args, people=None, peer_group: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["reason"].error_messages["required"] = (
            "Enter why they are linked to the place or group"
        )
        if not peer_group:
            self.fields.pop("role")


class UnlinkPersonForm(GovukForm):
    reason = text_field("Why is the link ending?", required=True, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter why the link is ending"


class ActionForm(OwnedActionForm):
    owners_hint = "People in the team and the lead professional's agency"
    partner_hint = "For example: the manager of the shop, or the council's licensing officer"
    field_order = ["kind"]

    kind = forms.ChoiceField(
        label="Kind of action", choices=ActionKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of action",
                        "invalid_choice": "Choose the kind of action"},
    )


class ActionUpdateForm(ActionStatusForm):
    due_date = GovukDateField(label="New due date (optional)", required=False)


class NoteForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of note is it?", choices=NoteKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of note it is",
                        "invalid_choice": "Choose what kind of note it is"},
    )
    occurred_on = GovukDateField(
        label="Date", allow_future=False, help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date"},
    )
    text = text_field("Note", "What was seen, said or agreed. " + VICTIM_FIRST, required=True, rows=6,
                 max_length=4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter the note"


class CloseForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Outcome", choices=ClosureOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome", "invalid_choice": "Choose the outcome"},
    )
    reason = text_field("Why is the record being closed?", required=True, rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter why the record is being closed"


NEW = "new"


class ContextDecisionForm(DecisionForm):
    """The referral decision, plus: open a new place or group record, or join an open one."""

    context_choice = forms.ChoiceField(
        label="Place or group record", required=False, widget=forms.RadioSelect,
        help_text="Only used when opening a case",
        error_messages={"invalid_choice": "Choose a new record or one from the list"},
    )

    def __init__(self, *args, contexts=(), referral=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contexts = {str(c.pk): c for c in contexts}
        name = getattr(referral, "context_name", "") or "this place or group"
        self.fields["context_choice"].choices = [
            (NEW, f"Open a new record for {name}"),
            *[(pk, f"Add to the open record: {c.name} ({c.team.name})")
              for pk, c in self.contexts.items()],
        ]
        self.fields["context_choice"].initial = NEW
        self.order_fields(["decision", "team", "context_choice", "reason"])

    def clean(self):
        data = super().clean()
        choice = data.pop("context_choice", "") or NEW
        data["context"] = self.contexts.get(choice)
        return data
