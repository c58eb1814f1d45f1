"""GOV.UK Design System rendering for ordinary Django forms.

Why our own renderer: every form in Lantern must show the GOV.UK error summary, inline error
messages and hints without each template repeating markup. Forms subclass ``GovukForm`` (or
``GovukModelForm``); ``{{ form }}`` then renders GOV.UK fields through ``govuk/field.html``.

Example::

    class NoteForm(GovukForm):
        text = forms.CharField(max_length=2000, widget=forms.Textarea)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.utils import timezone

MAX_TEXT = 2000

#: Unicode's explicit direction controls: embeddings and overrides (U+202A-U+202E), isolates
#: (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C). Invisible; see ``strip_bidi``.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_BIDI_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))

#: The range of the database's ordinary whole-number column (PostgreSQL ``integer``), given to
#: every ``IntegerField`` that states no range of its own.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1


def strip_bidi(value):
    """``value`` without Unicode direction controls; anything not a string is returned as is.

    Why strip, everywhere, rather than refuse in names: the characters are invisible, so an
    error saying "remove the right-to-left override" asks people to delete something they
    cannot see or find (GOV.UK: say how to fix it); they arrive innocently in text pasted from
    email and phones; and they carry no letters, so removing them changes no name or note.
    What they do is reorder what *other* people see: "Eve", U+202E, "ecnarf" in a list, a search
    result, an export or the audit trail shows a different name from the one stored, and a
    reviewer checks the wrong person. Letters of right-to-left scripts are untouched (they set
    their own direction), and so are the zero-width joiners that spell Persian and Indic names.
    """
    if isinstance(value, str):
        return value.translate(_BIDI_TABLE)
    return value


def _stripping_bidi(to_python):
    def to_python_without_bidi(value):
        return to_python(strip_bidi(value))

    return to_python_without_bidi


class GovukFormRenderer(TemplatesSetting):
    """Renders forms and fields with Lantern's GOV.UK templates."""

    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios__input"
    if isinstance(widget, forms.CheckboxInput):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.Select):
        return "govuk-select"
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea"
    if isinstance(widget, forms.FileInput):
        return "govuk-file-upload"
    return "govuk-input"


class GovukFormMixin:
    """Adds GOV.UK classes and error states to widgets; exposes ``error_list`` for the summary.

    It also guards every field of every form against input that would otherwise reach the
    database and fail there (a 500 instead of an error message): text longer than ``MAX_TEXT``
    where a field sets no limit, whole numbers outside the database's column, and Unicode
    direction controls in any text (``strip_bidi``; passwords excepted, they are compared
    character for character), and record choices whose id no database row can have.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
                # An instance attribute on this form's own copy of the field (Django copies
                # fields per form), so it runs before the field's validators and clean_<name>.
                field.to_python = _stripping_bidi(field.to_python)
            if isinstance(field, forms.IntegerField):
                _bound_integer(name, field)
            if isinstance(field, forms.ModelChoiceField):
                field.clean = _refusing_impossible_ids(field, field.clean)
            if isinstance(field.widget, GovukDateWidget):
                continue
            css = _widget_class(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} {existing}".strip()
            if isinstance(field, forms.CharField) and field.max_length is None and not isinstance(
                field.widget, forms.PasswordInput
            ):
                # Over-long text is refused with a clear message rather than a database error.
                field.max_length = MAX_TEXT
                field.validators.append(MaxLengthValidator(MAX_TEXT))

    def full_clean(self):
        """Validate, then mark invalid inputs with GOV.UK's error classes.

        Done here rather than in ``__init__`` because reading ``self.errors`` there would
        validate the form before every field is fully set up.
        """
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is None or isinstance(field.widget, GovukDateWidget):
                continue
            base = _widget_class(field.widget)
            if base in ("govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"):
                classes = field.widget.attrs.get("class", "")
                if f"{base}--error" not in classes:
                    field.widget.attrs["class"] = f"{classes} {base}--error".strip()

    @property
    def error_list(self) -> list[tuple[str, str]]:
        """(anchor id, message) pairs for the GOV.UK error summary, in field order."""
        items: list[tuple[str, str]] = []
        for error in self.non_field_errors():
            items.append(("", error))
        for name, field in self.fields.items():
            if name in self.errors:
                bound = self[name]
                anchor = bound.id_for_label or bound.auto_id
                if isinstance(
                    field.widget, (GovukDateWidget, forms.RadioSelect, forms.CheckboxSelectMultiple)
                ) or isinstance(field.widget, forms.MultiWidget):
                    # Grouped inputs have no element with the field's own id: link to the first.
                    anchor = f"{bound.auto_id}_0"
                for error in self.errors[name]:
                    items.append((anchor, error))
        return items


def _bound_integer(name: str, field: forms.IntegerField) -> None:
    """Give an unbounded ``IntegerField`` the database column's range, with GOV.UK messages.

    Why: Django accepts a 20-digit whole number, and saving it overflows the column (an
    exception on PostgreSQL and SQLite alike). A field that sets its own range keeps it.
    """
    label = field.label or forms.forms.pretty_name(name)
    if field.max_value is None:
        field.max_value = INTEGER_MAX
        field.validators.append(
            MaxValueValidator(INTEGER_MAX, message=f"{label} must be {INTEGER_MAX:,} or less")
        )
    if field.min_value is None:
        field.min_value = INTEGER_MIN
        field.validators.append(
            MinValueValidator(INTEGER_MIN, message=f"{label} must be {INTEGER_MIN:,} or more")
        )


#: No row's id is larger: the biggest value of a 64-bit ``BigAutoField``.
_LARGEST_ID = 2**63 - 1


def _impossible_id(value) -> bool:
    text = str(value).strip().lstrip("+-")
    return text.isascii() and text.isdigit() and (len(text) > 19 or int(text) > _LARGEST_ID)


def _refusing_impossible_ids(field: forms.ModelChoiceField, clean):
    """Refuse a choice of a record by an id past 64 bits, as any choice that does not exist.

    Why: Django looks the id up, and a 20-digit number overflows SQLite's integer binding (an
    ``OverflowError``, a 500) before the lookup can say "no such record". Only for records
    keyed by a whole number; the field's own message is used.
    """

    def clean_without_impossible_ids(value):
        # The queryset is read here, not when the form is made: many forms set it later.
        meta = field.queryset.model._meta
        key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
        if not isinstance(key, models.IntegerField):
            return clean(value)
        values = value if isinstance(value, list | tuple) else [value]
        for one in values:
            if one is not None and _impossible_id(one):
                raise forms.ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(one)[:30]},
                )
        return clean(value)

    return clean_without_impossible_ids


class GovukForm(GovukFormMixin, forms.Form):
    """A plain form rendered in GOV.UK style."""


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    """A model form rendered in GOV.UK style. Saving still goes through a service."""


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: separate day, month and year boxes."""

    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for label, sub in zip(("Day", "Month", "Year"), context["widget"]["subwidgets"]):
            sub["label"] = label
        return context


_DIGITS = re.compile(r"[0-9]+")


def date_from_parts(day: str, month: str, year: str, *, label: str) -> dt.date:
    """The date typed in three boxes, or ``ValidationError`` with GOV.UK's messages.

    The one reading of date boxes for every date field (``GovukDateField`` and the
    chronology's partial date), so a fix holds everywhere. Each box is read after Unicode
    NFKC (full-width digits from an East Asian keyboard are digits) and must then be ASCII
    digits only: ``str.isdigit`` alone lets through "²" and Arabic-Indic digits, which people
    typing a date do not mean. A day or month of more than two digits is not a real date and
    is refused *before* ``datetime.date`` sees it: a 20-digit day overflowed there
    (``OverflowError``, a 500 on 24 forms, issue 10 item 9); 10,001 digits pass Python's limit
    for ``int()``.
    """
    day, month, year = (unicodedata.normalize("NFKC", p).strip() for p in (day, month, year))
    if not all(_DIGITS.fullmatch(part) for part in (day, month, year)):
        raise forms.ValidationError(f"{label} must be a real date, using numbers only")
    if len(year) != 4:
        raise forms.ValidationError("Year must include 4 numbers")
    if len(day) > 2 or len(month) > 2:
        raise forms.ValidationError(f"{label} must be a real date")
    try:
        return dt.date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        raise forms.ValidationError(f"{label} must be a real date") from None


class GovukDateField(forms.MultiValueField):
    """A date from three boxes, with GOV.UK's specific error messages.

    ``allow_future=False`` refuses dates after today (e.g. a date of birth).
    """

    widget = GovukDateWidget

    def __init__(self, *, allow_future: bool = True, earliest: dt.date | None = None, **kwargs):
        self.allow_future = allow_future
        self.earliest = earliest or dt.date(1900, 1, 1)
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        """The date, or a GOV.UK error message; never an exception, whatever was typed."""
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(p or "").strip() for p in data_list)
        label = (self.label or "Date").capitalize()
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}")
        value = date_from_parts(day, month, year, label=label)
        if value < self.earliest:
            raise forms.ValidationError(
                f"{label} must be after {self.earliest.strftime('%-d %B %Y')}"
            )
        if not self.allow_future and value > timezone.localdate():
            raise forms.ValidationError(f"{label} must be today or in the past")
        return value
