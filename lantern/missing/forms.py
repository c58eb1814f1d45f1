"""Forms for episodes, returns, interviews and the Philomena profile (GOV.UK error messages).

GOV.UK has no date-and-time component, so a moment is a date input plus a time box
("21:30"). Times are London wall-clock time; ``lantern.missing.clock.local_datetime`` refuses
the hour that does not exist when the clocks go forward.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from lantern.accounts.choices import Role
from lantern.core.forms import GovukDateField, GovukForm
from lantern.missing.choices import (
    EpisodeKind,
    HowReturned,
    InterviewStatus,
    MentionKind,
    PullFactor,
    PushFactor,
    RiskGrade,
)
from lantern.missing.clock import local_datetime
from lantern.missing.photos import max_bytes, validate_photo

TIME_RE = re.compile(r"^(\d{1,2})[:.]?(\d{2})\s*(am|pm)?$")
TIME_HINT = "Use the 24-hour clock, for example 21:30"


class GovukTimeField(forms.Field):
    """A time of day typed as 21:30 (also 2130, 9:30pm). Cleans to ``datetime.time``."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", TIME_HINT)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"class": "govuk-input--width-5", "inputmode": "numeric", "autocomplete": "off"}
        )

    def to_python(self, value):
        text = str(value or "").strip().lower().replace(" ", "")
        if not text:
            return None
        label = self.label or "Time"
        match = TIME_RE.match(text) if len(text) <= 10 else None
        if not match:
            raise forms.ValidationError(f"{label} must be a time like 21:30")
        hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
        if half:
            if not 1 <= hour <= 12:
                raise forms.ValidationError(f"{label} must be a real time")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError(f"{label} must be a real time")
        return dt.time(hour, minute)


def _combine(form, date_field: str, time_field: str, label: str) -> dt.datetime | None:
    date = form.cleaned_data.get(date_field)
    time = form.cleaned_data.get(time_field)
    if date_field in form.errors or time_field in form.errors:
        return None
    if date is None and time is None:
        return None
    if date is None:
        form.add_error(date_field, f"Enter the date {label}")
        return None
    if time is None:
        form.add_error(time_field, f"Enter the time {label}")
        return None
    try:
        return local_datetime(date, time)
    except ValueError as exc:
        form.add_error(time_field, str(exc))
        return None


class EpisodeForm(GovukForm):
    kind = forms.ChoiceField(
        label="Missing or absent",
        choices=EpisodeKind.choices,
        widget=forms.RadioSelect,
        help_text="As graded by police when the report was made",
        error_messages={"required": "Select whether the child was missing or absent"},
    )
    risk_grade = forms.ChoiceField(
        label="Risk grade",
        choices=RiskGrade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the risk grade"},
    )
    police_reference = forms.CharField(label="Police reference", required=False, max_length=40)
    start_date = GovukDateField(
        label="Date last seen", allow_future=False, help_text="For example, 14 3 2026",
        error_messages={"required": "Enter the date they were last seen"},
    )
    start_time = GovukTimeField(
        label="Time last seen", error_messages={"required": "Enter the time they were last seen"}
    )
    returned = forms.BooleanField(
        label="The child has already returned or been found", required=False,
        help_text="If so, fill in the return details below",
    )
    end_date = GovukDateField(label="Date returned", allow_future=False, required=False)
    end_time = GovukTimeField(label="Time returned", required=False)
    where_found = forms.CharField(label="Where they were found", required=False, max_length=200)
    found_with = forms.CharField(label="Who they were with", required=False, max_length=200)
    how_returned = forms.ChoiceField(
        label="How they returned", required=False, choices=[("", "Select")] + HowReturned.choices
    )
    found_out_of_area = forms.BooleanField(label="Found outside the county", required=False)

    def clean(self):
        data = super().clean()
        started = _combine(self, "start_date", "start_time", "they were last seen")
        ended = None
        # Return details typed in count even if the box was not ticked: never drop them silently.
        if data.get("returned") or data.get("end_date") or data.get("end_time"):
            ended = _combine(self, "end_date", "end_time", "they returned")
            if ended is None and "end_date" not in self.errors and "end_time" not in self.errors:
                self.add_error("end_date", "Enter the date they returned")
        data["started_at"], data["ended_at"] = started, ended
        now = timezone.now()
        if started and started > now:
            self.add_error("start_time", "When they were last seen must be now or in the past")
        if ended:
            if ended > now:
                self.add_error("end_time", "When they returned must be now or in the past")
            elif started and ended <= started:
                self.add_error("end_date", "When they returned must be after when they were last seen")
        return data


class ReturnForm(GovukForm):
    end_date = GovukDateField(
        label="Date returned or found", allow_future=False,
        error_messages={"required": "Enter the date they returned"},
    )
    end_time = GovukTimeField(
        label="Time returned or found", error_messages={"required": "Enter the time they returned"}
    )
    where_found = forms.CharField(label="Where they were found", required=False, max_length=200)
    found_with = forms.CharField(label="Who they were with", required=False, max_length=200)
    how_returned = forms.ChoiceField(
        label="How they returned", choices=HowReturned.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select how they returned"},
    )
    found_out_of_area = forms.BooleanField(label="Found outside the county", required=False)

    def __init__(self, *args, episode=None, **kwargs):
        self.episode = episode
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        ended = _combine(self, "end_date", "end_time", "they returned")
        data["ended_at"] = ended
        if ended:
            if ended > timezone.now():
                self.add_error("end_time", "When they returned must be now or in the past")
            elif self.episode and ended <= self.episode.started_at:
                self.add_error("end_date", "When they returned must be after when they went missing")
        return data


def interviewer_choices():
    return (
        get_user_model()
        .objects.filter(is_active=True, role__in=[Role.PRACTITIONER, Role.TEAM_MANAGER])
        .select_related("agency")
        .order_by("last_name", "first_name")
    )


class InterviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        agency = f", {obj.agency.name}" if obj.agency_id else ""
        return f"{obj.get_full_name() or obj.username}{agency}"


class InterviewForm(GovukForm):
    status = forms.ChoiceField(
        label="What has happened",
        choices=[c for c in InterviewStatus.choices if c[0] != InterviewStatus.DUE],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened with the interview"},
    )
    offered_date = GovukDateField(label="Date offered", allow_future=False, required=False)
    offered_time = GovukTimeField(label="Time offered", required=False)
    held_date = GovukDateField(label="Date held", allow_future=False, required=False)
    held_time = GovukTimeField(label="Time held", required=False)
    interviewer = InterviewerChoiceField(
        label="Who carried out the interview",
        queryset=None,
        required=False,
        empty_label="Not a Lantern user (enter their name below)",
        help_text="Someone independent of the child's lead professional",
    )
    interviewer_name = forms.CharField(label="Interviewer's name, if not listed", required=False, max_length=200)
    interviewer_organisation = forms.CharField(label="Interviewer's organisation", required=False, max_length=200)
    reason_not_held = forms.CharField(
        label="Reason it was not held", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if the child declined or it was decided not to hold one",
    )
    push_factors = forms.MultipleChoiceField(
        label="Push factors", required=False, choices=PushFactor.choices, widget=forms.CheckboxSelectMultiple,
        help_text="What made them want to leave",
    )
    push_notes = forms.CharField(label="Notes on push factors", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    pull_factors = forms.MultipleChoiceField(
        label="Pull factors", required=False, choices=PullFactor.choices, widget=forms.CheckboxSelectMultiple,
        help_text="What drew them somewhere or to someone",
    )
    pull_notes = forms.CharField(label="Notes on pull factors", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    harm_experienced = forms.CharField(
        label="Harm experienced while away", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Describe what was done to the child, not choices made by them",
    )
    child_views = forms.CharField(label="The child's own words and wishes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = interviewer_choices()

    def clean(self):
        data = super().clean()
        data["offered_at"] = _combine(self, "offered_date", "offered_time", "it was offered")
        data["held_at"] = _combine(self, "held_date", "held_time", "it was held")
        status = data.get("status")
        if status in (InterviewStatus.OFFERED, InterviewStatus.ACCEPTED) and not data["offered_at"]:
            if "offered_date" not in self.errors and "offered_time" not in self.errors:
                self.add_error("offered_date", "Enter when the interview was offered")
        if status == InterviewStatus.COMPLETED:
            if not data["held_at"] and "held_date" not in self.errors and "held_time" not in self.errors:
                self.add_error("held_date", "Enter when the interview was held")
            if not data.get("interviewer") and not (data.get("interviewer_name") or "").strip():
                self.add_error("interviewer", "Select or enter who carried out the interview")
        if status in (InterviewStatus.DECLINED, InterviewStatus.NOT_HELD) and not (
            data.get("reason_not_held") or ""
        ).strip():
            self.add_error("reason_not_held", "Enter the reason the interview was not held")
        if data.get("interviewer") and (data.get("interviewer_name") or "").strip():
            self.add_error("interviewer_name", "Either select the interviewer or enter a name, not both")
        return data


class MentionForm(GovukForm):
    kind = forms.ChoiceField(
        label="What was mentioned", choices=MentionKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of thing was mentioned"},
    )
    value = forms.CharField(
        label="Name, place, number, vehicle or handle", max_length=200,
        error_messages={"required": "Enter what was mentioned"},
        help_text="As the child said it, for example a nickname or part of a number plate",
    )
    note = forms.CharField(label="Note", required=False, max_length=500)


class PhilomenaForm(GovukForm):
    height = forms.CharField(label="Height", required=False, max_length=40, help_text="For example, 5ft 4in or 163cm")
    build = forms.CharField(label="Build", required=False, max_length=100)
    hair = forms.CharField(label="Hair", required=False, max_length=100, help_text="Colour, length and style")
    eyes = forms.CharField(label="Eyes", required=False, max_length=100)
    distinguishing_features = forms.CharField(
        label="Distinguishing features", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Scars, tattoos, piercings, glasses, accent",
    )
    physical_description = forms.CharField(
        label="Other description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(
        label="Recent photo", required=False,
        help_text="Optional. A JPG or PNG file, smaller than 5MB",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    remove_photo = forms.BooleanField(label="Remove the current photo", required=False)
    photo_taken_on = GovukDateField(label="Date the photo was taken", required=False, allow_future=False)
    associates = forms.CharField(
        label="Friends and associates", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Names, nicknames, and how to reach them",
    )
    places_frequented = forms.CharField(
        label="Places they go", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    phones = forms.CharField(label="Phone numbers", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    social_media = forms.CharField(
        label="Social media and online accounts", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    transport = forms.CharField(
        label="How they travel", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bus and train routes, bikes, lifts from others, taxis",
    )
    medical_needs = forms.CharField(
        label="Medical needs and medication", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    other_information = forms.CharField(
        label="Anything else police should know", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].widget = forms.FileInput(attrs={"accept": "image/jpeg,image/png", "class": "govuk-file-upload"})
        self.fields["photo"].help_text = (
            f"Optional. A JPG or PNG file, smaller than {max_bytes() // (1024 * 1024)}MB"
        )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            try:
                validate_photo(photo)
            except forms.ValidationError:
                raise
            except Exception as exc:  # pragma: no cover - defensive: never a 500 on upload
                raise forms.ValidationError("The selected file could not be read") from exc
        return photo


class PhilomenaReportForm(GovukForm):
    clothing = forms.CharField(
        label="What they were wearing", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what they were wearing"},
    )
    circumstances = forms.CharField(
        label="Circumstances", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happened before they went missing, and anything they said",
        error_messages={"required": "Enter the circumstances"},
    )
    last_seen = forms.CharField(label="Where and with whom last seen", required=False, max_length=300)
    belongings = forms.CharField(
        label="What they took with them", required=False, max_length=500,
        help_text="Phone, money, bank card, bag, medication",
    )
    concerns = forms.CharField(
        label="Particular concerns", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class Export903Form(GovukForm):
    date_from = GovukDateField(
        label="From", help_text="Episodes that started on or after this date, for example 1 4 2025",
        error_messages={"required": "Enter the first date"},
    )
    date_to = GovukDateField(
        label="To", help_text="Episodes that started on or before this date, for example 31 3 2026",
        error_messages={"required": "Enter the last date"},
    )

    def clean(self):
        data = super().clean()
        a, b = data.get("date_from"), data.get("date_to")
        if a and b and b < a:
            self.add_error("date_to", "The last date must be the same as or after the first date")
        return data
