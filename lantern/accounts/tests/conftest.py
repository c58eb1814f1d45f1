"""Helpers for account tests: sign in through the real pages, compute authenticator codes."""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal import auth as totp_auth

LOGIN_URL = "/accounts/login/"
MFA_URL = "/accounts/2fa/authenticate/"


def totp_code(secret: str, *, offset_steps: int = 0) -> str:
    """The code an authenticator app would show now, using allauth's own HOTP helpers."""
    counter = int(time.time()) // 30 + offset_steps
    return totp_auth.format_hotp_value(totp_auth.hotp_value(secret, counter))


def give_authenticator(user) -> str:
    """Set up an authenticator app (and recovery codes) for ``user``; returns the secret."""
    secret = totp_auth.generate_totp_secret()
    totp_auth.TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def recovery_codes(user) -> list[str]:
    rc = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return rc.wrap().get_unused_codes()


def sign_in(client, username: str, password: str):
    return client.post(LOGIN_URL, {"login": username, "password": password})
