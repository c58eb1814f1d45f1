"""Forms for people: search, details, identifiers, aliases and chronology events."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone

from lantern.core.forms import GovukDateField, GovukForm
from lantern.people.choices import (
    DatePrecision,
    EventType,
    IdentifierType,
    PersonKind,
    SenStatus,
    Sex,
)
from lantern.people.identifiers import validate_identifier
from lantern.people.models import AliasKind


class PersonSearchForm(GovukForm):
    q = forms.CharField(
        label="Name, alias or nickname",
        required=False,
        max_length=200,
        help_text="Spelling does not need to be exact",
    )
    dob = GovukDateField(
        label="Date of birth", required=False, allow_future=False, help_text="For example, 27 3 2009"
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("q") or "").strip() and not data.get("dob"):
            raise forms.ValidationError("Enter a name, alias, nickname or date of birth")
        return data


class ChronologyFilterForm(GovukForm):
    agency = forms.MultipleChoiceField(
        label="Agency", required=False, widget=forms.CheckboxSelectMultiple
    )
    type = forms.MultipleChoiceField(
        label="Type of event", required=False, widget=forms.CheckboxSelectMultiple,
        choices=EventType.choices,
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]


class PartialDateWidget(forms.MultiWidget):
    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"class": "govuk-input govuk-date-input__input govuk-input--width-2"}),
            forms.TextInput(attrs={"class": "govuk-input govuk-date-input__input govuk-input--width-2"}),
            forms.TextInput(attrs={"class": "govuk-input govuk-date-input__input govuk-input--width-4"}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        return list(value) if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for label, sub in zip(("Day", "Month", "Year"), context["widget"]["subwidgets"]):
            sub["label"] = label
        return context


class ChronologyDateField(forms.MultiValueField):
    """A date that may be exact, month-and-year only, or blank for "not known".

    Cleans to ``(date or None, precision)``.
    """

    widget = PartialDateWidget

    def __init__(self, **kwargs):
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        day, month, year = (str(p or "").strip() for p in (data_list or ["", "", ""]))
        if not (day or month or year):
            return (None, DatePrecision.UNKNOWN)
        if not year or not month:
            raise forms.ValidationError(
                "Date of the event must include a month and year, or leave it blank if not known"
            )
        if not all(p.isdigit() for p in (month, year) + ((day,) if day else ())):
            raise forms.ValidationError("Date of the event must be a real date, using numbers only")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(int(year), int(month), int(day) if day else 1)
        except ValueError:
            raise forms.ValidationError("Date of the event must be a real date") from None
        if value > timezone.localdate():
            raise forms.ValidationError("Date of the event must be today or in the past")
        if value.year < 1990:
            raise forms.ValidationError("Date of the event must be after 1990")
        return (value, DatePrecision.EXACT if day else DatePrecision.MONTH)


class ChronologyEventForm(GovukForm):
    event_type = forms.ChoiceField(label="Type of event", choices=EventType.choices)
    when = ChronologyDateField(
        label="Date of the event",
        help_text="Leave the day blank if you only know the month. Leave it all blank if not known.",
    )
    summary = forms.CharField(
        label="What happened",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Facts, sources and who was involved. Describe harm done to the child, not choices made by them.",
    )
    significant = forms.BooleanField(label="Significant event", required=False)


class PersonForm(GovukForm):
    """Details of a child or young person (or an adult of concern)."""

    kind = forms.ChoiceField(label="Who is this", choices=PersonKind.choices, widget=forms.RadioSelect)
    first_name = forms.CharField(label="First name", max_length=100)
    middle_names = forms.CharField(label="Middle names", max_length=200, required=False)
    last_name = forms.CharField(label="Last name", max_length=100)
    preferred_name = forms.CharField(
        label="Name they like to be called", max_length=100, required=False
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, allow_future=False,
        help_text="For example, 27 3 2011. Leave blank if not known.",
    )
    dob_approximate = forms.BooleanField(label="The date of birth is an estimate", required=False)
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN)
    gender = forms.CharField(label="Gender (if different or described by them)", max_length=100, required=False)
    ethnicity = forms.CharField(label="Ethnicity", max_length=100, required=False)
    sen_status = forms.ChoiceField(label="Special educational needs", choices=SenStatus.choices, initial=SenStatus.UNKNOWN)
    disability = forms.BooleanField(label="Has a physical or learning disability", required=False)
    disability_note = forms.CharField(label="About the disability", max_length=300, required=False)

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"], "first name")

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"], "last name")


def _clean_name(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise forms.ValidationError(f"Enter their {what}")
    if any(ch.isdigit() for ch in value):
        raise forms.ValidationError(f"The {what} must not contain numbers")
    return value


class PersonCreateForm(PersonForm):
    confirm_new = forms.BooleanField(
        label="None of the possible matches is this person", required=False
    )


class IdentifierForm(GovukForm):
    type = forms.ChoiceField(label="Type of identifier", choices=IdentifierType.choices, widget=forms.RadioSelect)
    value = forms.CharField(label="Number or reference", max_length=64)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["value"] = validate_identifier(data["type"], data["value"])
        except DjangoValidationError as exc:
            self.add_error("value", exc.messages[0])
        return data


class AliasForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Type of name", choices=AliasKind.choices, widget=forms.RadioSelect)
