"""Forms for NRM referrals, decisions, charges and court outcomes (GOV.UK error messages).

The referral form has no consent question: a child's referral needs no consent.
"""

from __future__ import annotations

from django import forms

from lantern.core.forms import GovukDateField, GovukForm
from lantern.nrm.choices import CourtOutcome, Decision, ExploitationType, Reconsideration

VICTIM_FIRST = "Describe what was done to the child, not choices made by them."


def _text(label, help_text="", required=False, rows=5, max_length=4000, required_message=""):
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message or f"Enter {label.lower()}"},
    )


class ReferralForm(GovukForm):
    submitted_on = GovukDateField(
        label="Date submitted", allow_future=False,
        help_text="The day the referral was sent. For example, 27 3 2026",
        error_messages={"required": "Enter the date the referral was submitted"},
    )
    exploitation_types = forms.MultipleChoiceField(
        label="Forms of exploitation", choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
        error_messages={"required": "Select at least one form of exploitation",
                        "invalid_choice": "Select forms of exploitation from the list"},
    )
    county_lines = forms.BooleanField(
        label="The child was exploited to move or sell drugs across areas (County Lines)",
        required=False,
    )
    indicators = _text(
        "Indicators of exploitation seen", "Pre-filled from the child's latest risk assessments; "
        "change it to say what you saw.", required=True,
        required_message="Enter the indicators of exploitation seen",
    )
    account = _text(
        "What happened to the child", VICTIM_FIRST, required=True, rows=7,
        required_message="Enter what happened to the child",
    )
    ictg_referred_on = GovukDateField(
        label="Date referred to the Independent Child Trafficking Guardian service (optional)",
        required=False, allow_future=False,
    )


def _date(label):
    return GovukDateField(label=label, required=False, allow_future=False)


class DecisionForm(GovukForm):
    rg_decision = forms.ChoiceField(
        label="Reasonable grounds decision", choices=Decision.choices, required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a reasonable grounds decision from the list"},
    )
    rg_decision_on = _date("Date of the reasonable grounds decision")
    cg_decision = forms.ChoiceField(
        label="Conclusive grounds decision", choices=Decision.choices, required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a conclusive grounds decision from the list"},
    )
    cg_decision_on = _date("Date of the conclusive grounds decision")
    reconsideration = forms.ChoiceField(
        label="Reconsideration", choices=Reconsideration.choices, required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a reconsideration answer from the list"},
    )
    reconsideration_requested_on = _date("Date reconsideration was asked for")
    reconsideration_decided_on = _date("Date of the reconsideration decision")
    ictg_referred_on = _date("Date referred to the Independent Child Trafficking Guardian service")


class ChargeForm(GovukForm):
    offence = forms.CharField(
        label="Offence charged", max_length=300,
        help_text="For example, possession of a class A drug with intent to supply",
        error_messages={"required": "Enter the offence the child is charged with"},
    )
    charged_on = GovukDateField(
        label="Date charged", allow_future=False,
        error_messages={"required": "Enter the date the child was charged"},
    )
    court_name = forms.CharField(label="Court (optional)", max_length=200, required=False)
    court_date = GovukDateField(label="First court date (optional)", required=False)


class CourtForm(GovukForm):
    court_name = forms.CharField(label="Court", max_length=200, required=False)
    court_date = GovukDateField(label="Next or last court date", required=False)
    outcome = forms.ChoiceField(
        label="Outcome", choices=CourtOutcome.choices, required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select an outcome from the list"},
    )
    outcome_on = GovukDateField(label="Date of the outcome", required=False, allow_future=False)
    outcome_note = _text("Notes on the outcome (optional)", rows=3, max_length=2000)
