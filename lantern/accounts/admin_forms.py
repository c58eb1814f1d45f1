"""Forms for account administration, with GOV.UK error messages.

Plain ``GovukForm`` rather than model forms on purpose: a ``ModelForm`` writes the cleaned data
into its instance while validating, and the services compare the stored user with the new values
to write the audit trail; a form that had already changed the instance would hide every change.

The rules that decide whether an assignment is allowed live in ``admin_services`` and are called
from ``clean()`` here, so the page shows them next to the right field and the service still
enforces them for any other caller.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from lantern.accounts import admin_services
from lantern.accounts.choices import AgencyKind, Role
from lantern.accounts.forms import MAX_PASSWORD
from lantern.accounts.models import Agency, Area, District, Team, User
from lantern.core.forms import GovukForm

PHONE = RegexValidator(
    r"^\+?[0-9 ()\-]{6,}$",
    message="Enter a phone number, like 01632 960 001 or +44 7700 900 982",
)


def _max(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _text(label: str, *, model=User, field: str, required: bool = True, optional_label: bool = True, **kwargs):
    """A CharField sized from the model, with GOV.UK messages for missing and over-long text."""
    limit = _max(model, field)
    shown = label if required or not optional_label else f"{label} (optional)"
    return forms.CharField(
        label=shown,
        max_length=limit,
        required=required,
        error_messages={
            "required": f"Enter {label[:1].lower() + label[1:]}",
            "max_length": f"{label} must be {limit} characters or fewer",
            "null_characters_not_allowed": f"{label} must not contain null characters",
        },
        **kwargs,
    )


class TeamChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        return f"{obj.name} ({obj.agency.name})"


def _teams_field() -> TeamChoiceField:
    return TeamChoiceField(
        label="Teams (optional)",
        help_text="Teams must be in the user's agency. A practitioner sees their teams' children.",
        queryset=Team.objects.select_related("agency").order_by("agency__name", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Select teams from the list",
            "invalid_pk_value": "Select teams from the list",
            "invalid_list": "Select teams from the list",
        },
    )


def _password_field(label: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        max_length=MAX_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "spellcheck": "false"}),
        error_messages={"max_length": f"Password must be {MAX_PASSWORD:,} characters or fewer"},
        **kwargs,
    )


_PASSWORD_HINT = (
    "Leave blank and Lantern will make one for you, shown once on the next page. "
    "If you choose one: " + " ".join(password_validators_help_texts())
)


class _PasswordMixin:
    """Optional new password, typed twice; validated with ``AUTH_PASSWORD_VALIDATORS``."""

    def _clean_password(self, candidate: User) -> None:
        first = self.cleaned_data.get("password1") or ""
        second = self.cleaned_data.get("password2") or ""
        if "password1" in self.errors or "password2" in self.errors:
            return
        if not first and not second:
            return
        if first != second:
            self.add_error("password2", "The passwords do not match")
            return
        try:
            validate_password(first, user=candidate)
        except ValidationError as exc:
            for message in exc.messages:
                self.add_error("password1", message)


class ReasonField(forms.CharField):
    def __init__(self, *, label: str, help_text: str = "", **kwargs):
        super().__init__(
            label=label,
            help_text=help_text
            or f"At least {admin_services.MIN_REASON_LENGTH} characters. This is kept in the audit trail.",
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={
                "required": "Enter a reason",
                "max_length": "Reason must be 2,000 characters or fewer",
                "null_characters_not_allowed": "Reason must not contain null characters",
            },
            **kwargs,
        )

    def clean(self, value):
        value = " ".join((super().clean(value) or "").split())
        if len(value) < admin_services.MIN_REASON_LENGTH:
            raise ValidationError(f"Reason must be {admin_services.MIN_REASON_LENGTH} characters or more")
        return value


# --- Users -------------------------------------------------------------------------------------


class UserFilterForm(GovukForm):
    """The filters on the users list (GET)."""

    STATUS_CHOICES = [("", "Active and disabled"), ("active", "Active"), ("disabled", "Disabled")]

    q = forms.CharField(
        label="Name, username or email",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search must be 100 characters or fewer"},
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label="All agencies",
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "All roles"), *Role.choices],
        required=False,
        error_messages={"invalid_choice": "Select a role from the list"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # a narrow column beside the table
            field.widget.attrs["class"] += " govuk-!-width-full"

    def filters(self) -> dict:
        """The valid filters (an invalid one is shown as an error and ignored)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        status = data.get("status") or ""
        return {
            "q": data.get("q") or "",
            "agency": data.get("agency"),
            "role": data.get("role") or "",
            "active": {"active": True, "disabled": False}.get(status),
        }


class _UserFieldsForm(GovukForm):
    first_name = _text("First name", field="first_name", widget=forms.TextInput(attrs={"autocomplete": "off"}))
    last_name = _text("Last name", field="last_name", widget=forms.TextInput(attrs={"autocomplete": "off"}))
    email = forms.EmailField(
        label="Email address (optional)",
        help_text="A work address. Single sign-on finds the account by username or this address.",
        required=False,
        max_length=_max(User, "email"),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org",
            "max_length": f"Email address must be {_max(User, 'email')} characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    job_title = _text("Job title", field="job_title", required=False)
    phone = _text("Phone number", field="phone", required=False, validators=[PHONE])
    role = forms.ChoiceField(
        label="Role",
        help_text="The role decides which pages and which children's records they can see.",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role from the list"},
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.order_by("name"),
        empty_label="Select an agency",
        error_messages={
            "required": "Select the user's agency",
            "invalid_choice": "Select an agency from the list",
        },
    )
    teams = _teams_field()

    def clean_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip()

    def _clean_assignment(self) -> None:
        data = self.cleaned_data
        if "role" not in data or "agency" not in data or "teams" in self.errors:
            return
        for field, message in admin_services.assignment_problems(
            role=data["role"], agency=data["agency"], teams=data.get("teams") or []
        ).items():
            self.add_error(field, message)


class UserCreateForm(_PasswordMixin, _UserFieldsForm):
    username = forms.CharField(
        label="Username",
        help_text="Used to sign in. Letters, numbers and @ . + - _ only. It cannot be changed later.",
        max_length=_max(User, "username"),
        validators=[UnicodeUsernameValidator()],
        error_messages={
            "required": "Enter a username",
            "max_length": f"Username must be {_max(User, 'username')} characters or fewer",
            "invalid": "Username must only include letters, numbers and @ . + - _",
            "null_characters_not_allowed": "Username must only include letters, numbers and @ . + - _",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )
    password1 = _password_field("Password (optional)", help_text=_PASSWORD_HINT)
    password2 = _password_field("Confirm password")
    sso_only = forms.BooleanField(
        label="Signs in with single sign-on only (no Lantern password)",
        required=False,
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "phone",
        "role",
        "agency",
        "teams",
        "password1",
        "password2",
        "sso_only",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect"):
            del self.fields["sso_only"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        problem = admin_services.identity_problems(username=username).get("username")
        if problem:
            raise ValidationError(problem)
        return username

    def clean_email(self) -> str:
        email = super().clean_email()
        problem = admin_services.identity_problems(email=email).get("email")
        if problem:
            raise ValidationError(problem)
        return email

    def clean(self):
        data = super().clean()
        self._clean_assignment()
        if data.get("sso_only"):
            if data.get("password1") or data.get("password2"):
                self.add_error("password1", "Leave the password blank for a single sign-on account")
            return data
        candidate = User(
            username=data.get("username") or "",
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
            email=data.get("email") or "",
        )
        self._clean_password(candidate)
        return data


class UserEditForm(_UserFieldsForm):
    reason = forms.CharField(
        label="Reason for the change (optional)",
        help_text="For example, the ticket number or who asked. Kept in the audit trail.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, user: User, actor, **kwargs):
        self.user = user
        self.actor = actor
        kwargs.setdefault(
            "initial",
            {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "job_title": user.job_title,
                "phone": user.phone,
                "role": user.role,
                "agency": user.agency_id,
                "teams": [t.pk for t in user.teams.all()],
            },
        )
        super().__init__(*args, **kwargs)
        if actor.pk == user.pk:
            self.fields["role"].help_text = "You cannot change your own role."
            self.fields["role"].disabled = True

    def clean_email(self) -> str:
        email = super().clean_email()
        problem = admin_services.identity_problems(email=email, exclude=self.user).get("email")
        if problem:
            raise ValidationError(problem)
        return email

    def clean(self):
        data = super().clean()
        self._clean_assignment()
        return data


class DisableForm(GovukForm):
    reason = ReasonField(label="Why are you disabling this account?")


class EnableForm(GovukForm):
    reason = ReasonField(label="Why are you enabling this account again?")


def _checked_field() -> forms.BooleanField:
    """Resets are what someone impersonating a colleague on the phone would ask for."""
    return forms.BooleanField(
        label="I have checked that this request is genuine",
        help_text="For example, you called them back on a number from the staff directory.",
        error_messages={"required": "Confirm that you have checked this request is genuine"},
    )


class MfaResetForm(GovukForm):
    reason = ReasonField(label="Why are you resetting their two-factor authentication?")
    checked = _checked_field()


class PasswordResetForm(_PasswordMixin, GovukForm):
    password1 = _password_field("New password (optional)", help_text=_PASSWORD_HINT)
    password2 = _password_field("Confirm new password")
    reason = ReasonField(label="Why are you resetting their password?")
    checked = _checked_field()

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        self._clean_password(self.user)
        return data


# --- Agencies and teams ------------------------------------------------------------------------


class AgencyFilterForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of agency",
        choices=[("", "All kinds"), *AgencyKind.choices],
        required=False,
        error_messages={"invalid_choice": "Select a kind of agency from the list"},
    )


class AgencyForm(GovukForm):
    name = _text("Name", model=Agency, field="name")
    kind = forms.ChoiceField(
        label="Kind of agency",
        help_text="A school is an agency of kind School.",
        choices=[("", "Select a kind"), *AgencyKind.choices],
        error_messages={
            "required": "Select the kind of agency",
            "invalid_choice": "Select a kind of agency from the list",
        },
    )
    district = forms.ModelChoiceField(
        label="District (optional)",
        queryset=District.objects.select_related("area").order_by("name"),
        required=False,
        empty_label="No district",
        error_messages={"invalid_choice": "Select a district from the list"},
    )
    phone = _text("Phone number", model=Agency, field="phone", required=False, validators=[PHONE])
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=_max(Agency, "email"),
        error_messages={
            "invalid": "Enter an email address in the correct format, like safeguarding@example.org",
            "max_length": f"Email address must be {_max(Agency, 'email')} characters or fewer",
        },
    )

    def __init__(self, *args, agency: Agency | None = None, **kwargs):
        self.agency = agency
        if agency is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": agency.name,
                    "kind": agency.kind,
                    "district": agency.district_id,
                    "phone": agency.phone,
                    "email": agency.email,
                },
            )
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        data = super().clean()
        if "name" in data and "kind" in data:
            for field, message in admin_services.agency_problems(
                name=data["name"], kind=data["kind"], exclude=self.agency
            ).items():
                self.add_error(field, message)
        return data


class TeamForm(GovukForm):
    name = _text("Team name", model=Team, field="name")
    agency = forms.ModelChoiceField(
        label="Agency",
        help_text="A team's agency cannot be changed later.",
        queryset=Agency.objects.order_by("name"),
        empty_label="Select an agency",
        error_messages={
            "required": "Select the team's agency",
            "invalid_choice": "Select an agency from the list",
        },
    )
    area = forms.ModelChoiceField(
        label="Area (optional)",
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label="No area",
        error_messages={"invalid_choice": "Select an area from the list"},
    )

    def __init__(self, *args, team: Team | None = None, **kwargs):
        self.team = team
        if team is not None:
            kwargs.setdefault("initial", {"name": team.name, "area": team.area_id})
        super().__init__(*args, **kwargs)
        if team is not None:
            del self.fields["agency"]

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        data = super().clean()
        agency = self.team.agency if self.team is not None else data.get("agency")
        if agency is not None and "name" in data:
            if admin_services.team_name_taken(name=data["name"], agency=agency, exclude=self.team):
                self.add_error("name", f"{agency.name} already has a team with this name")
        return data
