"""Forms for both sites. Public labels are written for readers aged 11 and up (tested with
textstat in tests/test_words.py); staff labels follow the rest of Lantern."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing

from lantern.core.forms import GovukForm
from lantern.referrals.choices import ExploitationType
from lantern.youth import images, references
from lantern.youth.choices import About, AgeBand, Outcome

_SALT = "lantern.youth.form-started"
#: A page left open longer than this is asked to press Send again (its token has expired).
MAX_AGE_SECONDS = 6 * 60 * 60


def started_token(now: float | None = None) -> str:
    """A signed note of when the form was shown: no cookie, nothing stored on the server."""
    return signing.dumps({"t": int(now if now is not None else time.time())}, salt=_SALT)


def seconds_since(token: str) -> float | None:
    """How long ago ``token`` was made, or None when it is not one of ours or too old."""
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=MAX_AGE_SECONDS)
        age = time.time() - float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return age if age <= MAX_AGE_SECONDS else None


def min_seconds() -> float:
    return float(getattr(settings, "LANTERN_YOUTH_MIN_SECONDS", 5))


class PublicForm(GovukForm):
    """A public-site form whose typing the browser does not keep.

    Why: browsers remember what was typed into a box to suggest it again later ("autofill"), on
    the device, where someone else may see it. ``autocomplete="off"`` asks them not to.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("autocomplete", "off")


class ReportForm(PublicForm):
    what_happened = forms.CharField(
        label="What do you want to tell us?",
        help_text="Say what happened, or what you are worried about. Write as much or as little as you like.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Tell us what happened, or what you are worried about",
            "max_length": "Your message is too long. Keep it under 5,000 letters, or send the rest later",
        },
    )
    about = forms.ChoiceField(
        label="Who is this about? (you do not have to say)",
        choices=About.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose who this is about, or leave it blank"},
    )
    age_band = forms.ChoiceField(
        label="How old are you? (you do not have to say)",
        choices=AgeBand.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose your age, or leave it blank"},
    )
    where = forms.CharField(
        label="Where did it happen? (you do not have to say)",
        help_text="For example, a park, a shop, a street, or online.",
        max_length=500,
        required=False,
        error_messages={"max_length": "Keep this under 500 letters"},
    )
    picture = forms.FileField(
        label="Add a photo or screenshot (you do not have to)",
        help_text="JPG or PNG, smaller than 5 MB. We take out the hidden details, like where it was taken.",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    wants_contact = forms.BooleanField(label="I want someone to contact me", required=False)
    contact_name = forms.CharField(
        label="What should we call you? (you do not have to say)",
        max_length=100,
        required=False,
        error_messages={"max_length": "Keep this under 100 letters"},
    )
    contact_how = forms.CharField(
        label="How can we reach you safely?",
        help_text="A phone number or email that only you use.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Keep this under 200 letters"},
    )
    contact_when = forms.CharField(
        label="When is it safe to contact you? (you do not have to say)",
        help_text="For example, after school, or not at weekends.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Keep this under 200 letters"},
    )
    #: The honeypot: hidden by the stylesheet, so only a robot fills it in.
    website = forms.CharField(label="Leave this box empty", max_length=200, required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        if not upload:
            return None
        return images.clean_image(upload)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            self.add_error("website", "Leave the box labelled 'Leave this box empty' empty")
        age = seconds_since(data.get("started", ""))
        if age is None:
            self.add_error(None, "This page was open for a long time. Check your message and press Send again")
        elif age < min_seconds():
            self.add_error(None, "That was very quick. Check your message and press Send again")
        if data.get("wants_contact") and not (data.get("contact_how") or "").strip():
            self.add_error(
                "contact_how",
                "Tell us how to reach you, or untick 'I want someone to contact me'",
            )
        return data


class ReferenceForm(PublicForm):
    reference = forms.CharField(
        label="Your reference",
        help_text="It is 26 letters and numbers, like 0ABC-DEFG-HJKM-NPQR-STVW-XYZ1-23.",
        max_length=60,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "characters"}),
        error_messages={
            "required": "Enter your reference",
            "max_length": "Enter your reference as it was given to you",
        },
    )

    def clean_reference(self):
        value = self.cleaned_data["reference"]
        if references.normalise(value) is None:
            raise forms.ValidationError("Enter your reference as it was given to you")
        return value


class AddMoreForm(PublicForm):
    reference = forms.CharField(widget=forms.HiddenInput, max_length=60)
    text = forms.CharField(
        label="What else do you want to tell us?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Write what you want to add",
            "max_length": "Your message is too long. Keep it under 5,000 letters",
        },
    )


# --- Staff -----------------------------------------------------------------------------------


class DecideForm(GovukForm):
    outcome = forms.ChoiceField(
        label="What happens to this report?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what happens to this report",
            "invalid_choice": "Select what happens to this report",
        },
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Kept in the audit trail. Say why, in a sentence or two.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for your decision"},
    )
    child_first_name = forms.CharField(label="Child's first name (for a referral)", max_length=100, required=False)
    child_last_name = forms.CharField(label="Child's last name (for a referral)", max_length=100, required=False)
    child_known_as = forms.CharField(label="Name the child is known by (for a referral)", max_length=100, required=False)
    types = forms.MultipleChoiceField(
        label="Kinds of exploitation (for a referral)",
        choices=ExploitationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the kinds of exploitation from the list"},
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.REFERRAL and not any(
            (data.get(f) or "").strip() for f in ("child_first_name", "child_last_name", "child_known_as")
        ):
            self.add_error("child_first_name", "Enter the child's name, or a name they are known by, to make a referral")
        return data


class IntelligenceForm(GovukForm):
    person_id = forms.IntegerField(
        label="Lantern record number of the child",
        help_text="The number in the address of the child's record, for example 1234 in /people/1234/.",
        min_value=1,
        error_messages={
            "required": "Enter the child's record number",
            "invalid": "Enter the record number in figures",
            "min_value": "Enter the record number in figures",
        },
    )
    summary = forms.CharField(
        label="Intelligence entry",
        help_text="Police only. Write it as you would any intelligence entry.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the intelligence entry"},
    )
