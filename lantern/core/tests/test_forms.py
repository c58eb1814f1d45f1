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


# --- Overlong and odd numbers in a date (issue 10, item 9) ------------------------------------

TWENTY = "9" * 20


@pytest.mark.parametrize(
    "parts",
    [
        (TWENTY, "2", "2026"),  # OverflowError from datetime.date: a 500 on 24 forms
        ("1", TWENTY, "2026"),
        ("1", "2", TWENTY),
        ("9" * 10_001, "2", "2026"),  # past Python's 4,300-digit limit for int()
        ("1", "9" * 10_001, "2026"),
        ("1", "2", "9" * 10_001),
        ("001", "2", "2026"),
        ("1", "0002", "2026"),
        ("-1", "2", "2026"),
        ("1", "+2", "2026"),
        ("1.5", "2", "2026"),
        ("\u0663", "2", "2026"),  # an Arabic-Indic 3: a digit to Python, not to people typing dates
        ("0", "0", "0000"),
    ],
)
def test_any_date_input_is_an_error_message_never_an_exception(parts):
    form = SampleForm({"name": "x", "born_0": parts[0], "born_1": parts[1], "born_2": parts[2]})
    assert not form.is_valid()
    assert len(form.errors["born"]) == 1
    assert form.errors["born"][0].startswith(("Date of birth must", "Year must"))


def test_full_width_and_padded_digits_are_read_as_numbers():
    """Digits from an East Asian keyboard (full width) and "09" are what people mean."""
    form = SampleForm({"name": "x", "born_0": "\uff19", "born_1": "04", "born_2": "\uff12\uff10\uff11\uff11"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["born"] == dt.date(2011, 4, 9)


def test_an_integer_field_without_bounds_gets_the_databases():
    """A 20-digit whole number is valid to Django and overflows the database column (a 500)."""

    class CountForm(GovukForm):
        count = forms.IntegerField(label="How many")
        bounded = forms.IntegerField(label="Bounded", min_value=0, max_value=10)

    form = CountForm({"count": TWENTY, "bounded": "5"})
    assert not form.is_valid()
    assert form.errors["count"] == ["How many must be 2,147,483,647 or less"]
    form = CountForm({"count": "-" + TWENTY, "bounded": "5"})
    assert form.errors["count"] == ["How many must be -2,147,483,648 or more"]
    assert CountForm({"count": "12", "bounded": "5"}).is_valid()
    assert CountForm({"count": "1", "bounded": "11"}).errors["bounded"]


# --- Bidirectional control characters (issue 10, item 9) ---------------------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidirectional_controls_are_stripped_from_text():
    """Eve, U+202E (right-to-left override), "ecnarf" shows as "Evefrance" wherever it is listed."""
    form = SampleForm({"name": f"Eve{BIDI}lyn", "notes": "\u202eSeen at\u2066 the station\u2069"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Evelyn"
    assert form.cleaned_data["notes"] == "Seen at the station"


def test_a_name_of_only_bidirectional_controls_is_empty():
    form = SampleForm({"name": BIDI})
    assert form.errors["name"] == ["This field is required."]


def test_letters_of_right_to_left_scripts_and_joiners_are_kept():
    """Only the invisible direction controls go: Arabic letters and the Persian zero-width
    non-joiner (U+200C, part of how names are spelled) stay."""
    name = "\u0645\u062d\u0645\u062f \u0645\u06cc\u200c\u0631\u0648\u062f"
    form = SampleForm({"name": name})
    assert form.is_valid() and form.cleaned_data["name"] == name


def test_passwords_are_not_changed():
    class PasswordForm(GovukForm):
        password = forms.CharField(widget=forms.PasswordInput)

    form = PasswordForm({"password": "abc\u202edef"})
    assert form.is_valid() and form.cleaned_data["password"] == "abc\u202edef"


def test_the_child_record_form_strips_them_from_names():
    from lantern.people.forms import PersonForm

    form = PersonForm(
        {"kind": "child", "first_name": "Kay\u202ela", "last_name": "\u2067Bright\u2069water",
         "sex": "U", "sen_status": "unknown"}
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["first_name"], form.cleaned_data["last_name"]) == ("Kayla", "Brightwater")


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9" * 20, "-" + "9" * 20, "9" * 10_001])
def test_a_record_choice_by_an_impossible_id_is_an_error(value):
    """A 20-digit id overflowed SQLite's integer binding before "no such record" (a 500)."""
    from lantern.accounts.models import Team

    class TeamForm(GovukForm):
        team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all())
        teams = forms.ModelMultipleChoiceField(label="Teams", queryset=Team.objects.all())

    form = TeamForm({"team": value, "teams": [value]})
    assert not form.is_valid()
    assert form.errors["team"] == ["Select a valid choice. That choice is not one of the available choices."]
    assert form.errors["teams"][0].startswith("Select a valid choice.")
