"""Forms for an action someone owns, shared by a panel's action register and the plan for a
place or group (and, for the status, a child's plan).

Why one place: the rule "a Lantern user, or a named partner and their agency" and the rule "not
done needs a reason" are the partnership's, not a page's. Written twice they drift, and the
register a panel chair reads would then accept what a place's plan refuses.
"""

from __future__ import annotations

from django import forms

from lantern.accounts.models import Agency
from lantern.cases.choices import ActionStatus
from lantern.core.forms import GovukDateField, GovukForm


def text_field(label, help_text="", required=False, rows=4, max_length=2000) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def user_with_agency(user) -> str:
    """"Priya Shah (Ashdown Children's Services)": across agencies a name alone is ambiguous."""
    name = user.get_full_name() or user.get_username()
    return f"{name} ({user.agency.name})" if user.agency_id else name


class UserWithAgencyField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return user_with_agency(obj)


class OwnedActionForm(GovukForm):
    """What will be done, by whom (a Lantern user, or a partner's name and agency), by when.

    Subclasses say who the choice of users is (``owners_hint``) and may add fields; the view
    passes ``owners``, the users who may own the action.
    """

    owners_hint = ""
    partner_hint = ""

    description = text_field("What will be done", required=True, rows=3)
    owner_user = UserWithAgencyField(
        label="Who will do it", queryset=None, required=False,
        empty_label="Someone not on Lantern (enter their name below)",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    owner_name = forms.CharField(
        label="Name of a partner not on Lantern", required=False, max_length=200
    )
    agency = forms.ModelChoiceField(
        label="Their agency", queryset=Agency.objects.order_by("name"), required=False,
        empty_label="The agency of the person chosen above",
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )
    due_date = GovukDateField(label="Due date", help_text="For example, 27 3 2026",
                              error_messages={"required": "Enter the due date"})

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = owners
        self.fields["owner_user"].help_text = self.owners_hint
        self.fields["owner_name"].help_text = self.partner_hint
        self.fields["description"].error_messages["required"] = "Enter what will be done"

    def clean(self):
        data = super().clean()
        if "owner_user" in self.errors:
            return data
        owner, name = data.get("owner_user"), (data.get("owner_name") or "").strip()
        if owner is None and not name:
            self.add_error("owner_user", "Choose who will do it, or enter a partner's name")
        elif owner is None and not data.get("agency") and "agency" not in self.errors:
            self.add_error("agency", "Choose the partner's agency")
        return data


class ActionStatusForm(GovukForm):
    """An action's new status; "Not done" needs the reason, for the next meeting to read."""

    status = forms.ChoiceField(
        label="Status", choices=ActionStatus.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose a status", "invalid_choice": "Choose a status"},
    )
    not_done_reason = text_field("Why was it not done?", "Needed when the status is Not done", rows=3)

    def clean(self):
        data = super().clean()
        if data.get("status") == ActionStatus.NOT_DONE and not (
            data.get("not_done_reason") or ""
        ).strip():
            self.add_error("not_done_reason", "Enter why the action was not done")
        return data
