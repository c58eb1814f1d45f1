"""GOV.UK form rendering and the date field's error messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import timezone

from lantern.core.forms import MAX_TEXT, GovukDateField, GovukForm


class SampleForm(GovukForm):
    name = forms.CharField(label="Name")
    born = GovukDateField(label="Date of birth", allow_future=False, required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)


@pytest.mark.parametrize(
    "parts,message",
    [
        (("31", "2", "2026"), "Date of birth must be a real date"),
        (("", "2", "2026"), "Date of birth must include a day"),
        (("1", "", ""), "Date of birth must include a month and year"),
        (("a", "2", "2026"), "Date of birth must be a real date, using numbers only"),
        (("1", "2", "26"), "Year must include 4 numbers"),
        (("1", "1", "1850"), "Date of birth must be after 1 January 1900"),
    ],
)
def test_date_errors_are_specific(parts, message):
    form = SampleForm({"name": "x", "born_0": parts[0], "born_1": parts[1], "born_2": parts[2]})
    assert not form.is_valid()
    assert form.errors["born"] == [message]


def test_future_date_refused_when_not_allowed():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = SampleForm({"name": "x", "born_0": tomorrow.day, "born_1": tomorrow.month, "born_2": tomorrow.year})
    assert form.errors["born"] == ["Date of birth must be today or in the past"]


def test_valid_date_and_rendering_keeps_values():
    form = SampleForm({"name": "x", "born_0": "9", "born_1": "4", "born_2": "2011"})
    assert form.is_valid()
    assert form.cleaned_data["born"] == dt.date(2011, 4, 9)


def test_overlong_text_refused_with_message():
    form = SampleForm({"name": "x", "notes": "y" * (MAX_TEXT + 1)})
    assert not form.is_valid()
    assert "at most 2000 characters" in form.errors["notes"][0]


def test_error_list_anchors_point_at_fields():
    form = SampleForm({"name": "", "born_0": "31", "born_1": "2", "born_2": "2026"})
    form.is_valid()
    anchors = dict(form.error_list)
    assert "id_name" in anchors
    assert "id_born_0" in anchors


def test_invalid_field_renders_govuk_error_markup():
    form = SampleForm({"name": ""})
    form.is_valid()
    html = str(form)
    assert "govuk-form-group--error" in html
    assert "govuk-input--error" in html
    assert 'id="id_name-error"' in html


def test_radio_errors_link_to_the_first_option():
    class Choice(GovukForm):
        colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect)

    form = Choice({})
    form.is_valid()
    assert dict(form.error_list).get("id_colour_0")
    assert 'id="id_colour_0"' in str(form)
