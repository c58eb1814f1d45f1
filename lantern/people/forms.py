"""Forms for searching people and adding chronology events, with GOV.UK error messages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from lantern.core.forms import GovukDateField, GovukForm
from lantern.people.choices import DatePrecision, EventType


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
