"""The dashboard's filters (a GET form: it works without JavaScript and can be bookmarked)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from lantern.accounts.models import Area, Team
from lantern.core.forms import GovukDateField, GovukForm


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last five calendar years to today: committees compare years."""
    today = today or timezone.localdate()
    return dt.date(today.year - 4, 1, 1), today


class DashboardFilterForm(GovukForm):
    start = GovukDateField(label="From", required=False, earliest=dt.date(2000, 1, 1),
                           help_text="For example, 1 1 2022")
    end = GovukDateField(label="To", required=False, earliest=dt.date(2000, 1, 1),
                         help_text="For example, 31 12 2026")
    as_at = GovukDateField(label="Figures that stand on a day, as at", required=False,
                           earliest=dt.date(2000, 1, 1),
                           help_text="County Lines, risk levels and overdue reviews; leave blank for the end of the period")
    area = forms.ChoiceField(label="Area", required=False)
    team = forms.ChoiceField(label="Team", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "All areas")] + [
            (a, a) for a in Area.objects.order_by("name").values_list("name", flat=True)]
        self.fields["team"].choices = [("", "All teams")] + [
            (t, t) for t in Team.objects.order_by("name").values_list("name", flat=True).distinct()]

    def clean(self):
        data = super().clean()
        start, end = default_period()
        data["start"] = data.get("start") or (None if "start" in self.errors else start)
        data["end"] = data.get("end") or (None if "end" in self.errors else end)
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end of the period must be on or after its start")
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 366 * 25:
            self.add_error("start", "The period must be 25 years or shorter")
        return data


class ExportForm(GovukForm):
    format = forms.ChoiceField(
        label="Format", widget=forms.RadioSelect,
        choices=[("csv", "CSV (comma-separated values)"), ("xlsx", "Excel workbook (XLSX)"),
                 ("ods", "OpenDocument spreadsheet (ODS)")],
        error_messages={"required": "Select a format"},
    )
    reason = forms.CharField(
        label="Why do you need the figures?", max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the committee report for March. This is kept in the audit trail.",
        error_messages={"required": "Enter why you need the figures"},
    )

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if len(reason) < 5:
            raise forms.ValidationError("Enter why you need the figures")
        return reason
