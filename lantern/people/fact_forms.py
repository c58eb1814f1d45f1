"""Forms for schools, addresses and relationships (GOV.UK date inputs, error summary)."""

from __future__ import annotations

from django import forms

from lantern.accounts.choices import AgencyKind
from lantern.accounts.models import Agency
from lantern.core.forms import GovukDateField, GovukForm
from lantern.people.choices import RelationshipKind

ADDRESS_KINDS = [
    ("home", "Home"),
    ("placement", "Placement (foster or residential)"),
    ("family", "With other family or friends"),
    ("supported", "Supported accommodation"),
    ("temporary", "Temporary (hotel, bed and breakfast)"),
    ("other", "Somewhere else"),
]


class EnrolmentForm(GovukForm):
    school = forms.ModelChoiceField(
        label="School",
        queryset=Agency.objects.filter(kind=AgencyKind.SCHOOL).order_by("name"),
        empty_label="Select a school",
        error_messages={
            "required": "Select the school",
            "invalid_choice": "Select the school from the list",
        },
    )
    start_date = GovukDateField(
        label="Date they started", allow_future=False, help_text="For example, 4 9 2025"
    )
    year_group = forms.TypedChoiceField(
        label="Year group they joined",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Select a year group"), ("0", "Reception")]
        + [(str(n), f"Year {n}") for n in range(1, 14)],
        help_text="Only needed when their date of birth is not known: otherwise it is worked out",
    )

    def __init__(self, *args, dob_known: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if dob_known:
            del self.fields["year_group"]


class EndDateForm(GovukForm):
    end_date = GovukDateField(label="End date", allow_future=False, help_text="For example, 19 7 2026")


class AddressForm(GovukForm):
    line1 = forms.CharField(label="Address line 1", max_length=200,
                            error_messages={"required": "Enter the first line of the address"})
    line2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100,
                           error_messages={"required": "Enter the town or city"})
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10",
                                                             "autocomplete": "off"}))
    kind = forms.ChoiceField(label="What kind of address", choices=ADDRESS_KINDS,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select what kind of address it is"})
    start_date = GovukDateField(label="Date they moved in", required=False, allow_future=False,
                                help_text="For example, 12 5 2026. Leave blank if not known.")
    moved = forms.BooleanField(
        label="They have moved here: end the current address the day before",
        required=False,
        initial=True,
    )

    def __init__(self, *args, has_current: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_current:
            del self.fields["moved"]


class RelationshipForm(GovukForm):
    """Choose the other person from the search results (only records the viewer may open) and
    say how they are related. The search itself is a GET form above it (``RelationshipSearchForm``)."""

    other = forms.TypedChoiceField(
        label="Who", coerce=int, widget=forms.RadioSelect, required=False,
        error_messages={"invalid_choice": "Select the person from the search results"},
    )
    kind = forms.ChoiceField(label="How they are related", choices=RelationshipKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select how they are related"})
    description = forms.CharField(
        label="More about the relationship (optional)", max_length=300, required=False,
        help_text="For example, mother; older brother; seen together at the skate park",
    )
    start_date = GovukDateField(label="Since (optional)", required=False, allow_future=False,
                                help_text="For example, 3 4 2026. Leave blank if not known.")

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [(p.pk, _candidate_label(p)) for p in candidates]
        self.has_candidates = bool(self.fields["other"].choices)

    def clean(self):
        data = super().clean()
        if "other" in self.errors:
            return data
        if not self.has_candidates:
            self.add_error(None, "Search for the other person, then select them from the results")
        elif data.get("other") in (None, ""):
            self.add_error("other", "Select the person from the search results")
        return data


def _candidate_label(person) -> str:
    born = person.date_of_birth.strftime("%-d %B %Y") if person.date_of_birth else "date of birth not known"
    return f"{person.display_name} ({person.kind_short.lower()}, born {born})"


class RelationshipSearchForm(GovukForm):
    q = forms.CharField(
        label="Name, alias or nickname of the other person", max_length=200, required=False,
        help_text="Only people whose records you may open are shown",
    )
