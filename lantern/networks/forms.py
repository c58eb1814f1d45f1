"""Forms for the network view, the map and exports (GOV.UK error messages)."""

from __future__ import annotations

from django import forms

from lantern.core.forms import GovukDateField, GovukForm
from lantern.intelligence.choices import EntityKind, LinkType, Strength

DEPTHS = [("1", "1 link out"), ("2", "2 links out"), ("3", "3 links out")]


class NetworkFilterForm(GovukForm):
    """The view's controls. The as-at date is the time slider: a plain date, no JavaScript."""

    depth = forms.ChoiceField(label="How far out", choices=DEPTHS, required=False,
                              error_messages={"invalid_choice": "Choose 1, 2 or 3 links out"})
    as_at = GovukDateField(label="As at", required=False, allow_future=False,
                           help_text="The network as it stood on this date. Leave blank for today.")
    include_ended = forms.BooleanField(label="Include links that had ended by then", required=False)
    since = GovukDateField(label="What changed since (optional)", required=False, allow_future=False,
                           help_text="New entities, new and ended links, and groups that joined "
                                     "between this date and the as-at date")
    kinds = forms.MultipleChoiceField(
        label="Entities", required=False, choices=EntityKind.choices,
        widget=forms.CheckboxSelectMultiple, help_text="Leave all unticked for every kind",
        error_messages={"invalid_choice": "Choose entities from the list"})
    types = forms.MultipleChoiceField(
        label="Link types", required=False, choices=LinkType.choices,
        widget=forms.CheckboxSelectMultiple, help_text="Leave all unticked for every type",
        error_messages={"invalid_choice": "Choose link types from the list"})
    strength = forms.ChoiceField(
        label="Weakest link shown", required=False,
        choices=[("", "Any strength"), (Strength.TENTATIVE, "Tentative or confirmed"),
                 (Strength.CONFIRMED, "Confirmed only")],
        error_messages={"invalid_choice": "Choose a strength from the list"})
    expand = forms.CharField(required=False, widget=forms.HiddenInput, max_length=400)

    def clean(self):
        data = super().clean()
        since, as_at = data.get("since"), data.get("as_at")
        if since and as_at and since > as_at:
            self.add_error("since", "The date to show changes since must be on or before the "
                                    "as-at date")
        return data


class ExportForm(GovukForm):
    what = forms.ChoiceField(
        label="What to export", widget=forms.RadioSelect,
        choices=[("entities", "entities.csv (i2 Analyst's Notebook entities)"),
                 ("links", "links.csv (i2 Analyst's Notebook links)"),
                 ("graphml", "GraphML (Gephi, yEd and other tools)")],
        error_messages={"required": "Choose what to export", "invalid_choice": "Choose what to export"})
    reason = forms.CharField(
        label="Why do you need this export?", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the audit log with what was exported. For example, the Ghost line "
                  "briefing for Operation Harbour.",
        error_messages={"required": "Enter why you need this export"})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError("Enter why you need this export, in at least 10 characters")
        return reason


class MapForm(GovukForm):
    as_at = GovukDateField(label="As at", required=False, allow_future=False,
                           help_text="Places linked on this date. Leave blank for today.")
