"""Forms for panels, with GOV.UK error messages on the field they are about."""

from __future__ import annotations

from django import forms

from lantern.accounts.models import Agency
from lantern.core.action_forms import (
    ActionStatusForm,
    OwnedActionForm,
    UserWithAgencyField,
    text_field,
)
from lantern.core.forms import GovukDateField, GovukForm
from lantern.panels.choices import Attendance, PanelKind, RiskLevel, Route

VICTIM_FIRST = "Describe harm done to children, not choices made by them."


def _int(label, low, high, initial, message, help_text=""):
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, initial=initial, help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": message, "invalid": message, "min_value": message,
                        "max_value": message},
    )


class PanelForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200,
                           error_messages={"required": "Enter the panel's name"})
    kind = forms.ChoiceField(
        label="Kind of panel", choices=PanelKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of panel",
                        "invalid_choice": "Choose the kind of panel"},
    )
    area = forms.CharField(label="Area covered (optional)", max_length=200, required=False)
    cadence_days = _int("How often it meets, in days", 7, 56, 14,
                        "Enter how often it meets, from 7 to 56 days",
                        "14 for fortnightly, 28 for monthly")
    review_weeks = _int("Weeks between reviews", 2, 26, 12,
                        "Enter the review interval, from 2 to 26 weeks")
    stable_weeks = _int("Weeks stable before a child can be exited", 4, 52, 12,
                        "Enter the stable period, from 4 to 52 weeks")


class MemberForm(GovukForm):
    user = UserWithAgencyField(
        label="Person on Lantern", queryset=None, required=False,
        empty_label="Someone not on Lantern (enter their name below)",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    name = forms.CharField(label="Name of a partner not on Lantern", required=False, max_length=200)
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.order_by("name"), required=False,
        empty_label="The agency of the person chosen above",
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )
    role = forms.CharField(label="Role on the panel (optional)", required=False, max_length=200,
                           help_text="For example: designated safeguarding lead, MET sergeant")

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users

    def clean(self):
        data = super().clean()
        if "user" in self.errors:
            return data
        if data.get("user") is None and not (data.get("name") or "").strip():
            self.add_error("user", "Choose a person, or enter the name of a partner not on Lantern")
        elif data.get("user") is None and not data.get("agency") and "agency" not in self.errors:
            self.add_error("agency", "Choose the partner's agency")
        return data


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        dob = f", born {obj.date_of_birth:%-d %B %Y}" if obj.date_of_birth else ""
        return f"{obj.display_name}{dob}"


class ReferPersonForm(GovukForm):
    person = PersonChoiceField(
        label="Who are you referring?", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Search for the child or person, then choose them",
                        "invalid_choice": "Choose a person from the search results"},
    )
    reason = text_field("Why should the panel discuss them?", VICTIM_FIRST, required=True)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["reason"].error_messages["required"] = "Enter why the panel should discuss them"


class ContextChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class ReferContextForm(GovukForm):
    context = ContextChoiceField(
        label="Place or group", queryset=None, empty_label="Choose a place or group",
        error_messages={"required": "Choose a place or group",
                        "invalid_choice": "Choose a place or group from the list"},
    )
    reason = text_field("Why should the panel discuss it?", VICTIM_FIRST, required=True)

    def __init__(self, *args, contexts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["context"].queryset = contexts
        self.fields["reason"].error_messages["required"] = "Enter why the panel should discuss it"


class ExitForm(GovukForm):
    stable_since = GovukDateField(
        label="Stable since", allow_future=False,
        help_text="The date since when there have been no new concerns. For example, 27 3 2026",
        error_messages={"required": "Enter the date since when things have been stable"},
    )
    rationale = text_field("Why is the panel ending its oversight?", required=True, rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rationale"].error_messages["required"] = (
            "Enter why the panel is ending its oversight"
        )


class MeetingForm(GovukForm):
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2026",
                             error_messages={"required": "Enter the date of the meeting"})
    location = forms.CharField(label="Where (optional)", required=False, max_length=200)


class ThemeForm(GovukForm):
    title = forms.CharField(label="Theme", max_length=200,
                            help_text="For example: older males offering lifts near schools",
                            error_messages={"required": "Enter the theme"})
    detail = text_field("What the panel should know (optional)", max_length=500, rows=3)
    minutes = _int("Minutes for the item", 1, 120, 10,
                   "Enter the time for the item, from 1 to 120 minutes")


class AttendanceForm(GovukForm):
    """One question (present, apologies, absent) and a declaration box per seat. Built per
    meeting by ``attendance_form`` so the shared form base sees (and guards) every field."""

    members: list = []

    def entries(self):
        return [(m, self.cleaned_data[f"status_{m.pk}"], self.cleaned_data[f"declaration_{m.pk}"])
                for m in self.members]


def attendance_form(members, current=None):
    """A form class with a status and a declaration field for each member."""
    current = current or {}
    fields: dict = {"members": list(members)}
    for m in members:
        was = current.get(m.pk)
        fields[f"status_{m.pk}"] = forms.ChoiceField(
            label=f"{m.name} ({m.agency.name})", choices=Attendance.choices,
            widget=forms.RadioSelect, initial=was.status if was else None,
            error_messages={"required": f"Choose whether {m.name} was present",
                            "invalid_choice": f"Choose whether {m.name} was present"},
        )
        fields[f"declaration_{m.pk}"] = forms.CharField(
            label=f"Declarations of interest: {m.name} (optional)", required=False,
            max_length=2000, initial=was.declaration if was else "",
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    return type("MeetingAttendanceForm", (AttendanceForm,), fields)


class OutcomeForm(GovukForm):
    risk_level = forms.ChoiceField(
        label="Agreed risk level", choices=RiskLevel.choices, widget=forms.RadioSelect,
        required=False, error_messages={"invalid_choice": "Choose the agreed risk level"},
    )
    route = forms.ChoiceField(
        label="Route", choices=Route.choices, widget=forms.RadioSelect, required=False,
        error_messages={"invalid_choice": "Choose the route"},
    )
    rationale = text_field("Rationale", "What the panel weighed and why it decided this. " + VICTIM_FIRST,
                      required=True, rows=6, max_length=4000)
    next_review_date = GovukDateField(
        label="Next review (optional)", required=False,
        help_text="Leave blank for the panel's usual interval. For example, 27 3 2026",
    )

    def __init__(self, *args, about_person=True, theme=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rationale"].error_messages["required"] = "Enter the panel's rationale"
        if theme:
            for name in ("risk_level", "route", "next_review_date"):
                self.fields.pop(name)
        else:
            self.fields["risk_level"].required = True
            self.fields["risk_level"].error_messages["required"] = "Choose the agreed risk level"
            if about_person:
                self.fields["route"].required = True
                self.fields["route"].error_messages["required"] = "Choose the route"
            else:
                self.fields.pop("route")


class ActionForm(OwnedActionForm):
    owners_hint = "People in the panel's member agencies"


class ActionUpdateForm(ActionStatusForm):
    pass


class SignForm(GovukForm):
    confirm = forms.BooleanField(
        label="I confirm these minutes are a true record of the meeting",
        error_messages={"required": "Confirm the minutes are a true record"},
    )


class AddendumForm(GovukForm):
    text = text_field("Correction", "Say what was wrong in the signed minutes and what is right.",
                 required=True, rows=5, max_length=4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter the correction"
