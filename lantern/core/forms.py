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

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
from django.utils import timezone

MAX_TEXT = 2000


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
    """Adds GOV.UK classes and error states to widgets; exposes ``error_list`` for the summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
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
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(p or "").strip() for p in data_list)
        label = (self.label or "Date").capitalize()
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"{label} must be a real date, using numbers only")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{label} must be a real date") from None
        if value < self.earliest:
            raise forms.ValidationError(
                f"{label} must be after {self.earliest.strftime('%-d %B %Y')}"
            )
        if not self.allow_future and value > timezone.localdate():
            raise forms.ValidationError(f"{label} must be today or in the past")
        return value
