"""GOV.UK versions of allauth's sign-in, password and MFA forms (wired by ACCOUNT_FORMS and
MFA_FORMS in settings).

Why subclass rather than restyle in templates: ``GovukFormMixin`` gives the widgets GOV.UK
classes and the ``error_list`` the error summary needs, so the templates can render ``{{ form }}``
like every other Lantern form. The subclasses also add what allauth leaves to the project:

* labels in sentence case and no placeholders (GOV.UK: placeholders vanish as you type);
* upper limits on what is typed, so a 10,000-character password is a clear error, not work
  for the password hasher;
* every wrong password or code counts towards the django-axes lockout (``lockout``), including
  the authenticator-code step, which never calls ``authenticate()``.
"""

from __future__ import annotations

from allauth.account import forms as account_forms
from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.core.validators import MaxLengthValidator

from lantern.accounts import lockout
from lantern.core.forms import GovukFormMixin

#: NIST SP 800-63B asks for at least 64; 1,024 leaves room for pass-phrases and stops hashing
#: attacks with megabyte passwords.
MAX_PASSWORD = 1024
LOCKED_MESSAGE = "There have been too many attempts to sign in. Wait 15 minutes and try again."


def _tidy_password(field: forms.Field, label: str, *, hint: str = "") -> None:
    field.label = label
    field.help_text = hint
    field.widget.attrs.pop("placeholder", None)
    field.max_length = MAX_PASSWORD
    field.validators.append(
        MaxLengthValidator(MAX_PASSWORD, message=f"{label} must be {MAX_PASSWORD:,} characters or fewer")
    )


def _tidy_code(field: forms.Field, label: str, hint: str) -> None:
    field.label = label
    field.help_text = hint
    field.max_length = 64
    field.validators.append(MaxLengthValidator(64, message="Enter the code from your authenticator app"))
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update(
        {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
    )
    field.widget.attrs["class"] = field.widget.attrs.get("class", "") + " govuk-input--width-10"
    field.error_messages["required"] = "Enter the code from your authenticator app"


class LoginForm(GovukFormMixin, account_forms.LoginForm):
    """Username and password. The same message for an unknown username and a wrong password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = "Username"
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        login.error_messages.update(
            {
                "required": "Enter your username",
                "max_length": f"Username must be {lockout.MAX_USERNAME} characters or fewer",
            }
        )
        password = self.fields["password"]
        _tidy_password(password, "Password")
        password.error_messages["required"] = "Enter your password"

    @property
    def error_list(self) -> list[tuple[str, str]]:
        """A failed sign-in is about the pair, so the summary link goes to the first box."""
        return [
            (anchor or self["login"].id_for_label, message)
            for anchor, message in super().error_list
        ]


class _CountsFailures:
    """Wrong passwords and codes after the first step still count towards lockout."""

    stage = "password"

    def _username(self) -> str:
        return self.user.get_username()

    def _guarded(self, check):
        request = context.request
        if lockout.is_locked(request, self._username()):
            request.axes_locked_out = True  # AxesMiddleware answers with accounts/locked_out.html
            raise forms.ValidationError(LOCKED_MESSAGE)
        try:
            return check()
        except forms.ValidationError:
            lockout.record_failure(request, self._username(), stage=self.stage)
            raise


class ReauthenticateForm(GovukFormMixin, _CountsFailures, account_forms.ReauthenticateForm):
    stage = "reauthenticate"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy_password(self.fields["password"], "Password")
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_password(self):
        return self._guarded(super().clean_password)


class ChangePasswordForm(GovukFormMixin, _CountsFailures, account_forms.ChangePasswordForm):
    stage = "change_password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy_password(self.fields["oldpassword"], "Current password")
        _tidy_password(
            self.fields["password1"],
            "New password",
            hint="Must be at least 12 characters. Use three random words; avoid common passwords.",
        )
        _tidy_password(self.fields["password2"], "Confirm new password")

    def clean_oldpassword(self):
        return self._guarded(super().clean_oldpassword)


class SetPasswordForm(GovukFormMixin, account_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy_password(
            self.fields["password1"],
            "New password",
            hint="Must be at least 12 characters. Use three random words; avoid common passwords.",
        )
        _tidy_password(self.fields["password2"], "Confirm new password")


class MFAAuthenticateForm(GovukFormMixin, _CountsFailures, mfa_forms.AuthenticateForm):
    """The second step of signing in: a code from the app, or a recovery code."""

    stage = "mfa"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy_code(
            self.fields["code"],
            "Code from your authenticator app",
            "The 6-digit code your app shows now. If you have lost your phone, enter one of your recovery codes.",
        )

    def clean_code(self):
        return self._guarded(super().clean_code)


class MFAReauthenticateForm(GovukFormMixin, _CountsFailures, mfa_forms.ReauthenticateForm):
    stage = "mfa_reauthenticate"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy_code(
            self.fields["code"],
            "Code from your authenticator app",
            "The 6-digit code your app shows now, or one of your recovery codes.",
        )

    def clean_code(self):
        return self._guarded(super().clean_code)


class ActivateTOTPForm(GovukFormMixin, totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy_code(
            self.fields["code"],
            "Code from your authenticator app",
            "After adding Lantern to your app, enter the 6-digit code it shows.",
        )


class DeactivateTOTPForm(GovukFormMixin, totp_forms.DeactivateTOTPForm):
    """No fields; its error (when MFA is required) shows in the GOV.UK error summary."""
