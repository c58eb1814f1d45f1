"""allauth adapters: accounts are created by administrators, never by self sign-up, and single
sign-on only ever signs in someone who already has a Lantern account.

Why single sign-on maps to existing users only: being in the partnership's identity provider
(e.g. a council's Entra tenant) does not make someone a safeguarding practitioner. An
administrator creates the Lantern account, with its role, agency and teams; the first SSO
sign-in links the identity provider's account to it by username or email, and later sign-ins
use that link (the provider's stable ``sub``).
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.shortcuts import render

from lantern.accounts import events as account_events
from lantern.accounts import mfa
from lantern.accounts.lockout import MAX_USERNAME
from lantern.audit import events
from lantern.audit.models import Outcome
from lantern.audit.services import audit_record

SIGN_IN_FAILED = "The username or password you entered is not correct"
WRONG_CODE = "The code is not correct. Check your authenticator app and try again"


class LanternAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": SIGN_IN_FAILED,
        "account_inactive": SIGN_IN_FAILED,
        "incorrect_password": "The password is not correct",
        "enter_current_password": "The current password is not correct",
        "incorrect_code": WRONG_CODE,
        "too_many_login_attempts": (
            "There have been too many attempts to sign in. Wait 15 minutes and try again."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Signing in moments ago counts as confirming it is you.

        allauth asks for the password again before any MFA change, even straight after signing
        in; a user made to set up an authenticator app at first sign-in would be asked twice in
        a minute. A full sign-in (password, and code when they have an app) within allauth's own
        reauthentication window is as strong as a re-entry, so it is accepted.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        if required and app == "allauth.mfa" and _signed_in_moments_ago():
            return False
        return required


def _signed_in_moments_ago() -> bool:
    import time

    from allauth.account import app_settings as account_settings
    from allauth.account.authentication import get_authentication_records
    from allauth.core import context

    request = context.request
    if request is None or not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    passwords = [r for r in records if r.get("method") == "password"]
    if not passwords:
        return False
    return time.time() - passwords[-1].get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT


class LanternMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": WRONG_CODE,
        "cannot_delete_authenticator": (
            "You cannot remove your authenticator app: every Lantern user must have one. "
            "Set up a new phone by asking your system administrator to reset it."
        ),
    }

    def can_delete_authenticator(self, authenticator) -> bool:
        """When MFA is required, the only authenticator app cannot be switched off."""
        return not mfa.mfa_required()

    def get_totp_label(self, user) -> str:
        # The label shows in the user's phone app; a username says less than an email address.
        return user.get_username()


def _claims(sociallogin) -> tuple[set[str], set[str]]:
    """Usernames and email addresses the identity provider asserted, lower-cased."""
    user = sociallogin.user
    usernames = {getattr(user, "username", "") or ""}
    emails = {getattr(user, "email", "") or ""}
    emails |= {a.email for a in sociallogin.email_addresses if a.email}
    data = sociallogin.account.extra_data or {}
    for source in (data.get("userinfo") or {}, data.get("id_token") or {}):
        usernames.add(str(source.get("preferred_username") or source.get("upn") or ""))
        emails.add(str(source.get("email") or ""))
    return (
        {u.strip().lower() for u in usernames if u and u.strip()},
        {e.strip().lower() for e in emails if e and e.strip()},
    )


def provisioned_user_for(sociallogin):
    """The one active Lantern user the provider's identity matches, or None.

    A provider username matches a Lantern username or email (Entra's ``preferred_username`` is
    the user principal name, usually an email address); a provider email matches a Lantern
    email. Two or more matches are refused rather than guessed.
    """
    usernames, emails = _claims(sociallogin)
    if not usernames and not emails:
        return None
    query = Q()
    for name in usernames:
        query |= Q(username__iexact=name) | Q(email__iexact=name)
    for email in emails:
        query |= Q(email__iexact=email)
    matches = list(get_user_model().objects.filter(query, is_active=True)[:2])
    return matches[0] if len(matches) == 1 else None


class LanternSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        """Link a first-time SSO sign-in to its provisioned account, or refuse it."""
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                self._refuse(request, sociallogin, reason="account_disabled")
            return
        user = provisioned_user_for(sociallogin)
        if user is None:
            self._refuse(request, sociallogin, reason="not_provisioned")
        with transaction.atomic():
            sociallogin.connect(request, user)
            audit_record(
                actor=user,
                action=account_events.SSO_ACCOUNT_LINKED,
                subject=user,
                detail={"provider": sociallogin.account.provider},
            )

    def _refuse(self, request, sociallogin, *, reason: str):
        usernames, emails = _claims(sociallogin)
        audit_record(
            actor=None,
            action=events.LOGIN_FAILED,
            subject_type="accounts.user",
            subject_ids=[],
            outcome=Outcome.DENIED,
            detail={
                "method": "socialaccount",
                "provider": sociallogin.account.provider,
                "reason": reason,
                "attempted_username": (sorted(usernames) or sorted(emails) or [""])[0][
                    :MAX_USERNAME
                ],
            },
        )
        response = render(
            request,
            "socialaccount/not_provisioned.html",
            {"page_title": "You cannot sign in to Lantern yet"},
            status=403,
        )
        raise ImmediateHttpResponse(response)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        audit_record(
            actor=None,
            action=events.LOGIN_FAILED,
            subject_type="accounts.user",
            subject_ids=[],
            outcome=Outcome.DENIED,
            detail={
                "method": "socialaccount",
                "provider": getattr(provider, "id", ""),
                "reason": str(error or "error")[:50],
            },
        )
