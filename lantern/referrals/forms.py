"""Referral forms: the full inter-agency referral, the short "raise a concern", and triage steps.

Errors are attached to the field they are about, so the GOV.UK error summary links to it.
"""

from __future__ import annotations

from django import forms

from lantern.core.forms import GovukDateField, GovukForm
from lantern.referrals.choices import (
    ContextKind,
    Decision,
    ExploitationType,
    ReferralAbout,
    ScreeningOutcome,
    SharingBasis,
)


def _text(label, help_text="", required=False, rows=5, max_length=2000):
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class _SharingMixin:
    def _check_sharing(self, data):
        if data.get("sharing_basis") == SharingBasis.SAFEGUARDING and not (
            data.get("sharing_reason") or ""
        ).strip():
            self.add_error("sharing_reason", "Enter why you are sharing without agreement")

    def _check_child_name(self, data):
        if not any((data.get(f) or "").strip() for f in ("child_first_name", "child_last_name", "child_known_as")):
            self.add_error("child_first_name", "Enter the child's name, or a name they are known by")


class _SharingForm(_SharingMixin, GovukForm):
    """The lawful basis for sharing, asked on both referral forms."""

    sharing_basis = forms.ChoiceField(
        label="Did the child or family agree to you sharing this?",
        choices=SharingBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the child or family agreed to you sharing this"},
    )
    sharing_reason = _text(
        "Why are you sharing without agreement?",
        "For example: asking would put the child at greater risk, or could not be done in time.",
        rows=3,
    )


class ReferralForm(_SharingForm):
    """The full inter-agency referral. With ``person`` given the child's details are omitted."""

    about = forms.ChoiceField(
        label="Who or what is the referral about?", choices=ReferralAbout.choices,
        widget=forms.RadioSelect, error_messages={"required": "Choose who or what the referral is about"},
    )
    child_first_name = forms.CharField(label="Child's first name", required=False, max_length=100)
    child_last_name = forms.CharField(label="Child's last name", required=False, max_length=100)
    child_known_as = forms.CharField(
        label="Other names or nicknames", required=False, max_length=100,
        help_text="Include street names or online names if you know them",
    )
    child_date_of_birth = GovukDateField(
        label="Child's date of birth", required=False, allow_future=False,
        help_text="If you do not know it, leave it blank. For example, 27 3 2011",
    )
    child_address = forms.CharField(label="Where the child lives", required=False, max_length=300)
    child_school = forms.CharField(label="School or college", required=False, max_length=200)
    context_kind = forms.ChoiceField(
        label="Is it a place or a group?", choices=ContextKind.choices, required=False,
        widget=forms.RadioSelect,
    )
    context_name = forms.CharField(
        label="Name or description of the place or group", required=False, max_length=200,
        help_text="For example: the underpass by the station, or the group that meets at the skate park",
    )
    context_description = _text("What happens there, and which children are affected", rows=4)
    types = forms.MultipleChoiceField(
        label="What kinds of exploitation are you worried about?",
        choices=ExploitationType.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select the kinds of exploitation you are worried about, or Not sure yet"},
    )
    concerns = _text(
        "What are you worried about?", "What has happened, when, and who was involved. "
        "Describe harm done to the child, not choices made by them.", required=True, rows=8,
        max_length=4000,
    )
    indicators = _text("Signs of exploitation you have seen", "With dates where you know them")
    child_knows = _text("What does the child know about this referral?", rows=3)
    family_knows = _text("What does the family know about this referral?", rows=3)
    referrer_phone = forms.CharField(
        label="Your phone number", required=False, max_length=40,
        help_text="So the team can call you back",
    )

    field_order = [
        "about", "child_first_name", "child_last_name", "child_known_as", "child_date_of_birth",
        "child_address", "child_school", "context_kind", "context_name", "context_description",
        "types", "concerns", "indicators", "child_knows", "family_knows", "sharing_basis",
        "sharing_reason", "referrer_phone",
    ]

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"].error_messages["required"] = "Enter what you are worried about"
        self.person = person
        if person is not None:
            for name in (
                "about", "child_first_name", "child_last_name", "child_date_of_birth",
                "context_kind", "context_name", "context_description",
            ):
                self.fields.pop(name)

    def clean(self):
        data = super().clean()
        about = ReferralAbout.CHILD if self.person is not None else data.get("about")
        if about == ReferralAbout.CHILD and self.person is None:
            self._check_child_name(data)
        if about == ReferralAbout.CONTEXT:
            if not data.get("context_kind"):
                self.add_error("context_kind", "Choose whether it is a place or a group")
            if not (data.get("context_name") or "").strip():
                self.add_error("context_name", "Enter the name or a description of the place or group")
        self._check_sharing(data)
        return data


class ConcernForm(_SharingForm):
    """The short form for schools and partners: enough for the team to act on."""

    child_first_name = forms.CharField(label="Child's first name", required=False, max_length=100)
    child_last_name = forms.CharField(label="Child's last name", required=False, max_length=100)
    child_known_as = forms.CharField(label="Other names or nicknames", required=False, max_length=100)
    child_date_of_birth = GovukDateField(
        label="Child's date of birth", required=False, allow_future=False,
        help_text="If you do not know it, leave it blank. For example, 27 3 2011",
    )
    concerns = _text(
        "What are you worried about?",
        "What you saw or were told, and when. Describe harm done to the child, not choices made by them.",
        required=True, rows=8, max_length=4000,
    )
    types = forms.MultipleChoiceField(
        label="What kind of exploitation might it be?", required=False,
        choices=ExploitationType.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Select any that apply. Leave blank if you are not sure.",
    )

    field_order = [
        "child_first_name", "child_last_name", "child_known_as", "child_date_of_birth",
        "concerns", "types", "sharing_basis", "sharing_reason",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"].error_messages["required"] = "Enter what you are worried about"

    def clean(self):
        data = super().clean()
        self._check_child_name(data)
        self._check_sharing(data)
        return data


class CreatePersonForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=100,
                                 error_messages={"required": "Enter the child's first name"})
    last_name = forms.CharField(label="Last name", max_length=100,
                                error_messages={"required": "Enter the child's last name"})
    preferred_name = forms.CharField(label="Likes to be called", required=False, max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", required=False, allow_future=False)


class ScreeningForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Screening outcome",
        choices=[c for c in ScreeningOutcome.choices if c[0] != ScreeningOutcome.NOT_SCREENED],
        widget=forms.RadioSelect, error_messages={"required": "Choose the screening outcome"},
    )
    notes = _text("Notes", "What the screening found and why", rows=4)
    assessment_id = forms.TypedChoiceField(
        label="Which short screen was it? (optional)", required=False, coerce=int,
        empty_value=None, widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the child's short screens, or none"},
    )

    def __init__(self, *args, screens=(), **kwargs):
        """``screens``: the child's completed short screens, (id, label) newest first. Chosen
        from a list rather than typed, so nobody has to find or copy an assessment number; with
        none to choose the question is left out."""
        super().__init__(*args, **kwargs)
        if screens:
            self.fields["assessment_id"].choices = [*screens, ("", "None of these")]
        else:
            del self.fields["assessment_id"]


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision", choices=Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision"},
    )
    team = forms.ModelChoiceField(
        label="Team to hold the case", required=False, queryset=None,
        help_text="Only needed when opening a case", empty_label="Choose a team",
    )
    reason = _text("Reason for the decision", required=True, rows=5)

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["reason"].error_messages["required"] = "Enter the reason for the decision"

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.OPEN_CASE and not data.get("team"):
            self.add_error("team", "Choose the team that will hold the case")
        return data
