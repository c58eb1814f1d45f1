"""Filters for the data protection officer's audit view, and the reason for an export."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from lantern.audit.describe import describe, labels
from lantern.core.forms import GovukDateField, GovukForm


def _user_choices() -> list[tuple[str, str]]:
    users = get_user_model().objects.order_by("last_name", "first_name", "username")
    return [("", "Anyone")] + [
        (str(u.pk), f"{u.get_full_name() or u.username} ({u.username})") for u in users
    ]


def _action_choices() -> list[tuple[str, str]]:
    from lantern.audit.models import AuditEvent

    codes = set(labels()) | set(AuditEvent.objects.values_list("action", flat=True).distinct())
    return [("", "Any action")] + sorted(((c, f"{describe(c)} ({c})") for c in codes),
                                          key=lambda pair: pair[1].lower())


class AuditFilterForm(GovukForm):
    """GET filters; every field optional. An empty form shows every event but the noise."""

    user = forms.ChoiceField(label="Who", required=False)
    looked_at = forms.BooleanField(
        label="Only what they looked at (opened, searched, printed or exported)", required=False)
    action = forms.ChoiceField(label="Action", required=False)
    record = forms.IntegerField(
        label="Record number", required=False, min_value=1,
        help_text="The number in the record's address, for example 42 in /people/42/",
        error_messages={"invalid": "Record number must be a whole number, like 42",
                        "min_value": "Record number must be a whole number, like 42"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )
    date_from = GovukDateField(label="From", required=False, help_text="For example, 27 3 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 3 4 2026")
    include_noise = forms.BooleanField(
        label="Include views of dashboards, queues and lists", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = _user_choices()
        self.fields["action"].choices = _action_choices()

    def clean(self):
        data = super().clean()
        a, b = data.get("date_from"), data.get("date_to")
        if a and b and b < a:
            self.add_error("date_to", "The 'To' date must be the same as or after the 'From' date")
        return data


class ExportReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why are you exporting these events?", max_length=500, widget=forms.Textarea(
            attrs={"rows": 3}),
        help_text="The export and your reason are recorded in the audit trail",
        error_messages={"required": "Enter why you are exporting these events"},
    )
