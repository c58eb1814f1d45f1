"""Forms for intelligence and the County Lines register, with GOV.UK error messages."""

from __future__ import annotations

import datetime as dt

from django import forms

from lantern.core.forms import GovukDateField, GovukForm
from lantern.intelligence.choices import (
    EncounterKind,
    EncounterOutcome,
    EntityKind,
    HandlingCode,
    IntelAssessment,
    LineStatus,
    LinkType,
    MentionKind,
    OffenceType,
    Role,
    SourceEvaluation,
    Strength,
    SubmissionStatus,
)
from lantern.intelligence.services import LINE_PERSON_LINKS
from lantern.people.choices import SharingLevel

EARLIEST = dt.date(2010, 1, 1)


def _choice(label, choices, message, *, radio=True, required=True, **kw):
    return forms.ChoiceField(
        label=label, choices=choices, required=required,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"required": message, "invalid_choice": message}, **kw)


def _text(label, message="", *, rows=0, max_length=2000, required=True, **kw):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget,
                           error_messages={"required": message} if message else {}, **kw)


# --- County Lines -----------------------------------------------------------------------------


class LineFilterForm(GovukForm):
    status = _choice("Status on the date", [("", "Any status"), *LineStatus.choices],
                     "Choose a status from the list", radio=False, required=False)
    area = forms.ModelChoiceField(label="Importing area", queryset=None, required=False,
                                  empty_label="Every area",
                                  error_messages={"invalid_choice": "Choose an area from the list"})
    as_at = GovukDateField(label="As at", required=False, allow_future=False,
                           earliest=EARLIEST,
                           help_text="Leave blank for today. For example, 1 2 2019")

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class CountsForm(GovukForm):
    as_at = GovukDateField(label="As at", required=False, allow_future=False,
                           earliest=EARLIEST,
                           help_text="Leave blank for today. For example, 1 2 2019")


class LineForm(GovukForm):
    brand = _text("Line name or brand", "Enter the line's name or brand", max_length=120)
    numbers = _text("Deal numbers", rows=3, required=False, max_length=1000,
                    help_text="One phone number a line, like 07700 900123")
    importing_area = forms.ModelChoiceField(
        label="Importing area", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Choose the importing area",
                        "invalid_choice": "Choose the importing area"})
    exporting_area = _text("Exporting force or area", "Enter the exporting force or area",
                           max_length=120)
    police_notes = _text("Police notes (optional)", rows=3, required=False, max_length=4000,
                         help_text="Police only: never shown to partners")

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["importing_area"].queryset = areas

    def clean_numbers(self):
        return [n for n in (self.cleaned_data.get("numbers") or "").splitlines() if n.strip()]


class NewLineForm(LineForm):
    opened_on = GovukDateField(label="Date first known to be active", allow_future=False,
                               earliest=EARLIEST,
                               error_messages={"required": "Enter the date the line was first "
                                                           "known to be active"})


class StatusForm(GovukForm):
    status = _choice("New status", LineStatus.choices, "Choose the new status")
    effective_on = GovukDateField(label="Date of the change", allow_future=False,
                                  earliest=EARLIEST,
                                  error_messages={"required": "Enter the date the status changed"})
    reason = _text("Reason", "Enter the reason for the change", rows=3)


class LinePersonForm(GovukForm):
    person = forms.ModelChoiceField(
        label="Who?", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Search for the person, then choose them",
                        "invalid_choice": "Choose a person from the search results"})
    link_type = _choice("How are they linked to the line?",
                        [(k, LinkType(k).label) for k in LINE_PERSON_LINKS],
                        "Choose how they are linked to the line")
    role = _choice("Their role in this link (optional)", [("", "The usual role"), *Role.choices],
                   "Choose a role from the list", radio=False, required=False)
    strength = _choice("How strong is the link?", Strength.choices, "Choose how strong the link is")
    first_seen = GovukDateField(label="First seen (optional)", required=False, allow_future=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.display_name


# --- Reports and links ------------------------------------------------------------------------


class ReportSearchForm(GovukForm):
    q = forms.CharField(label="Search reports", required=False, max_length=100)


class ReportForm(GovukForm):
    received_on = GovukDateField(label="Date received", allow_future=False,
                                 error_messages={"required": "Enter the date the intelligence "
                                                             "was received"})
    source_evaluation = _choice("Source evaluation", SourceEvaluation.choices,
                                "Choose the source evaluation (1, 2 or 3)")
    intel_assessment = _choice("Intelligence assessment", IntelAssessment.choices,
                               "Choose the intelligence assessment (A to E)")
    handling_code = _choice("Handling code", HandlingCode.choices, "Choose the handling code (P or C)")
    handling_conditions = _text("Conditions (for code C)", rows=2, required=False, max_length=1000)
    text = _text("The intelligence (unsanitised, police only)", "Enter the intelligence", rows=6,
                 max_length=8000)


class SanitiseForm(GovukForm):
    sanitised_text = _text("Sanitised version", "Enter the sanitised version", rows=5,
                           max_length=4000,
                           help_text="What partners will read. Leave out the source, methods, "
                                     "operations and the names of anyone partners should not "
                                     "learn about.")
    sanitised_sharing = _choice("Who may read it?",
                                [(SharingLevel.STATUTORY, "Statutory partners"),
                                 (SharingLevel.PARTNERSHIP, "Everyone who may open the people it "
                                                            "is about")],
                                "Choose who may read the sanitised version")


ENTITY_REF_HELP = ("A person, address, place or group, line or group of concern: its record number. "
                   "A phone: the number. A vehicle: the registration. A handle: platform: name.")


class EntityRefForm(GovukForm):
    kind = _choice("What is it?", EntityKind.choices, "Choose what it is", radio=False)
    ref = _text("Number, registration or handle", "Enter the record number, phone number, "
                "registration or handle", max_length=200, help_text=ENTITY_REF_HELP)


class LinkForm(GovukForm):
    a_kind = _choice("First: what is it?", EntityKind.choices, "Choose what the first thing is",
                     radio=False)
    a_ref = _text("First: number, registration or handle", "Enter the first thing's number, "
                  "registration or handle", max_length=200, help_text=ENTITY_REF_HELP)
    a_role = _choice("First: role in this link (optional)", [("", "None"), *Role.choices],
                     "Choose a role from the list", radio=False, required=False)
    b_kind = _choice("Second: what is it?", EntityKind.choices, "Choose what the second thing is",
                     radio=False)
    b_ref = _text("Second: number, registration or handle", "Enter the second thing's number, "
                  "registration or handle", max_length=200, help_text=ENTITY_REF_HELP)
    b_role = _choice("Second: role in this link (optional)", [("", "None"), *Role.choices],
                     "Choose a role from the list", radio=False, required=False)
    link_type = _choice("Type of link", LinkType.choices, "Choose the type of link", radio=False)
    strength = _choice("Strength", Strength.choices, "Choose how strong the link is")
    first_seen = GovukDateField(label="First seen (optional)", required=False, allow_future=False)
    last_seen = GovukDateField(label="Last seen (optional)", required=False, allow_future=False)
    sharing = _choice("Who may see this link?",
                      [(SharingLevel.POLICE, "Police only"),
                       (SharingLevel.STATUTORY, "Statutory partners (it is sanitised)")],
                      "Choose who may see the link")
    note = _text("Note (optional)", required=False, max_length=500)


class LinkEndForm(GovukForm):
    """When a link stopped: links are ended, never deleted, so the network as at an earlier date
    still shows what was known then."""

    last_seen = GovukDateField(label="Date last seen", allow_future=False,
                               help_text="The last date this link is known to have held. "
                                         "For example, 27 3 2026")


# --- Submissions ------------------------------------------------------------------------------


class SubmissionForm(GovukForm):
    what = _text("What do you know?", "Enter what you know", rows=6, max_length=4000,
                 help_text="What you saw or were told, by whom and when. Do not guess.")
    occurred_on = GovukDateField(label="When did it happen? (optional)", required=False,
                                 allow_future=False)
    where = _text("Where? (optional)", required=False, max_length=300)
    mention_1_kind = _choice("Something mentioned (optional): what is it?",
                             [("", "Nothing"), *MentionKind.choices], "Choose what it is",
                             radio=False, required=False)
    mention_1_value = _text("Its name, number or description", required=False, max_length=200)
    mention_2_kind = _choice("Something else mentioned (optional): what is it?",
                             [("", "Nothing"), *MentionKind.choices], "Choose what it is",
                             radio=False, required=False)
    mention_2_value = _text("Its name, number or description", required=False, max_length=200)
    mention_3_kind = _choice("Something else mentioned (optional): what is it?",
                             [("", "Nothing"), *MentionKind.choices], "Choose what it is",
                             radio=False, required=False)
    mention_3_value = _text("Its name, number or description", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        mentions = []
        for i in (1, 2, 3):
            kind, value = data.get(f"mention_{i}_kind"), (data.get(f"mention_{i}_value") or "")
            if kind and not value.strip():
                self.add_error(f"mention_{i}_value", "Enter its name, number or description")
            elif value.strip() and not kind:
                self.add_error(f"mention_{i}_kind", "Choose what it is")
            elif kind:
                mentions.append((kind, value, ""))
        data["mentions"] = mentions
        return data


class AssessForm(GovukForm):
    status = _choice("Status the sender sees", SubmissionStatus.choices, "Choose the status")
    police_note = _text("Police note (optional, police only)", rows=3, required=False)


# --- Arrests and stops ------------------------------------------------------------------------


class EncounterForm(GovukForm):
    kind = _choice("What happened?", EncounterKind.choices, "Choose whether it was an arrest or a stop")
    occurred_on = GovukDateField(label="Date", allow_future=False,
                                 error_messages={"required": "Enter the date it happened"})
    offence_type = _choice("Offence type", OffenceType.choices, "Choose the offence type", radio=False)
    outcome = _choice("Outcome", EncounterOutcome.choices, "Choose the outcome", radio=False)
    location = _text("Where (optional)", required=False, max_length=200)
    line = forms.ModelChoiceField(label="County Line (optional)", queryset=None, required=False,
                                  empty_label="None known",
                                  error_messages={"invalid_choice": "Choose a line from the list"})
    detail = _text("What happened (police only)", "Enter what happened", rows=5, max_length=4000)
    sanitised_summary = _text(
        "Summary for partners (optional)", rows=3, required=False,
        help_text="Leave blank to keep the entry police only. If you write one, the lead "
                  "professional and statutory partners read this instead of the detail.")

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
