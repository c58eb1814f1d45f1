"""Forms for people: search, details, identifiers, aliases and chronology events."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone

from lantern.access import sharing as content_sharing
from lantern.accounts.models import Area
from lantern.analysis.statistics.vocab import CONCERN_TYPES, METHODS
from lantern.core.forms import GovukDateField, GovukForm, date_from_parts
from lantern.people.choices import (
    DatePrecision,
    EventType,
    IdentifierType,
    PersonKind,
    SenStatus,
    Sex,
    SharingLevel,
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
    kind = forms.MultipleChoiceField(
        label="Show",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (PersonKind.CHILD, "Children and young people"),
            (PersonKind.ADULT_OF_CONCERN, "Adults of concern"),
            (PersonKind.ADULT, "Other adults (family and others)"),
        ],
        help_text="Leave all unticked to show everyone",
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
        error_messages={"invalid_choice": "Select types of event from the list"},
    )

    date_from = GovukDateField(
        label="From", required=False, help_text="For example, 1 9 2025"
    )
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 8 2026")
    significant = forms.BooleanField(label="Significant events only", required=False)
    #: The case the chronology was opened from (its tab): kept in every link and form.
    case = forms.IntegerField(label="Case", required=False, widget=forms.HiddenInput, min_value=1,
                              max_value=2**31 - 1)

    field_order = ["date_from", "date_to", "significant", "type", "agency", "case"]

    def __init__(self, *args, agencies=(), types=(), **kwargs):
        """``agencies`` and ``types`` are those of the entries the viewer is shown (readable, or
        a dated placeholder), so the filter never names an agency or a type of entry they may
        not see, and stays short enough for a phone."""
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]
        # Any type may be asked for (a shared link, a case's saved view): only those listed
        # are offered as boxes.
        self.fields["type"].widget.choices = list(types)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the date range must be the same as or after its start")
        return data


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
        # The shared reading of date boxes: numbers only, never an exception (a 20-digit day).
        value = date_from_parts(day or "1", month, year, label="Date of the event")
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
    # What the partnership's figures count (docs/reference/statistics.md).
    concern_type = forms.ChoiceField(
        label="Offence or concern (optional)", required=False,
        choices=[("", "Work it out from the type of event")] + list(CONCERN_TYPES.items()),
        help_text="For the partnership's figures, e.g. drug supply for an arrest for dealing.",
    )
    method = forms.ChoiceField(
        label="How the exploitation began or was carried out (optional)", required=False,
        choices=[("", "Not known or not relevant")] + list(METHODS.items()),
    )
    arrested = forms.BooleanField(label="The child was arrested", required=False)
    charged = forms.BooleanField(label="The child was charged", required=False)
    convicted = forms.BooleanField(label="The child was convicted", required=False)
    area = forms.ModelChoiceField(
        label="Area (optional)", required=False, queryset=Area.objects.order_by("name"),
        empty_label="The area of the child's home",
    )
    sharing = forms.ChoiceField(
        label="Who may read what it says",
        required=False,
        widget=forms.RadioSelect,
        help_text=(
            "Keep the usual level unless you have a reason. Statutory partners who may not read "
            "the entry see only that it exists; schools and voluntary organisations see nothing "
            "of it."
        ),
    )
    sanitised = forms.BooleanField(
        label="The words are sanitised: everyone at the level I chose may read them",
        required=False,
        help_text="Needed only when you share more widely than usual for this type of event.",
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        labels = dict(SharingLevel.choices)
        self.fields["sharing"].choices = [("", "The usual level for this type of event")] + [
            (level, labels[level]) for level in content_sharing.recorder_levels(actor)
        ]

    def clean(self):
        """The service makes the same check (``choose_level``); here it lands on the field."""
        data = super().clean()
        if self.errors or not data.get("event_type"):
            return data
        agency = getattr(self.actor, "agency", None) if self.actor is not None else None
        try:
            data["sharing"] = content_sharing.choose_level(
                actor=self.actor,
                event_type=data["event_type"],
                agency_kind=getattr(agency, "kind", None),
                level=data.get("sharing") or None,
                sanitised=bool(data.get("sanitised")),
            )
        except DjangoValidationError as exc:
            self.add_error("sanitised" if data.get("sharing") else "sharing", exc.messages[0])
        if data.get("convicted") and not data.get("charged"):
            self.add_error("charged", "Select that the child was charged if they were convicted")
        return data


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


#: What someone may do when a record that may match is held where they cannot see it.
ROUTE_ACCESS = "access"
ROUTE_CREATE = "create"
HELD_ELSEWHERE_ROUTES = [
    (
        ROUTE_ACCESS,
        "Do not create a record: ask the triage team for access to the record that may match",
    ),
    (
        ROUTE_CREATE,
        "Create a record and ask the triage team to check whether it is the same child",
    ),
]


class PersonCreateForm(PersonForm):
    confirm_new = forms.BooleanField(
        label="None of the possible matches is this person", required=False
    )
    #: Offered only when a record that may match is held elsewhere (views.person_create).
    held_elsewhere_route = forms.ChoiceField(
        label="A record that may match is held elsewhere in the partnership. What do you want to do?",
        choices=HELD_ELSEWHERE_ROUTES,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, offer_routes: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not offer_routes:
            del self.fields["held_elsewhere_route"]


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
