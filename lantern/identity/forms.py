"""Forms for the possible-match queue."""

from __future__ import annotations

from django import forms

from lantern.core.forms import GovukForm
from lantern.identity.choices import OUTCOMES, MatchStatus


class ResolveForm(GovukForm):
    outcome = forms.ChoiceField(label="What did you find?", widget=forms.RadioSelect)
    note = forms.CharField(
        label="How did you check?",
        help_text="For example: the dates of birth and the school match, confirmed with the lead professional.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (value, MatchStatus(value).label) for value in OUTCOMES.get(kind, ())
        ]


class MergeForm(GovukForm):
    """Which record stays, and why they are the same child."""

    survivor = forms.ChoiceField(
        label="Which record should the other become part of?",
        help_text="Both records' chronology, involvements and other details are kept on it. The merge can be undone.",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why are these the same child?",
        help_text="For example: same NHS number and date of birth; confirmed with the school.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [
            (str(p.pk), f"{p.display_name} (record {p.pk})") for p in people
        ]


class UnmergeForm(GovukForm):
    reason = forms.CharField(
        label="Why was the merge wrong?",
        help_text="For example: twins with the same name initial; the school confirmed two children.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class CandidateProbeForm(GovukForm):
    """What has been typed so far on a create page (all optional; bad dates are ignored)."""

    first_name = forms.CharField(required=False, max_length=100)
    last_name = forms.CharField(required=False, max_length=100)
    postcode = forms.CharField(required=False, max_length=10)
