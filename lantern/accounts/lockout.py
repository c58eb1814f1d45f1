"""Lockout after repeated failed sign-ins (django-axes), shared by the password and MFA steps.

Why one counter for both steps: allauth's own rate limits are off (``ACCOUNT_RATE_LIMITS``) so
that axes alone decides lockout. Without this module, someone who knew a password could guess
authenticator codes without limit, because the code step never calls ``authenticate()``. Here a
wrong code counts as a failed sign-in for that username, and a locked username cannot finish the
code step either.

Why a username-only lock: see docs/adr/0004-accounts-mfa-lockout.md (shared office NAT).

Example::

    if lockout.is_locked(request, "priya"):
        ...  # refuse; AxesMiddleware renders accounts/locked_out.html
    lockout.record_failure(request, "priya", stage="mfa")
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.signals import user_login_failed

#: Longest username we pass to axes or the audit trail (axes stores 255; usernames are 150).
MAX_USERNAME = 150


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """Axes' description of a client in its log lines, without the attempted username.

    A keyed hash lets an operator see that failures repeat for the same (unknown) name without
    the log ever holding the name itself: people mistype passwords into the username box.
    """
    if isinstance(path_info, list | tuple):
        path_info = path_info[0] if path_info else ""
    tag = "-"
    if username:
        digest = hmac.new(
            settings.SECRET_KEY.encode(), str(username).encode(), hashlib.sha256
        ).hexdigest()
        tag = digest[:12]
    return f'{{user_tag: "{tag}", path_info: "{path_info}"}}'


def _credentials(username: str) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: username[:MAX_USERNAME]}


def is_locked(request, username: str) -> bool:
    """True when axes would refuse this username now."""
    from axes.handlers.proxy import AxesProxyHandler

    return not AxesProxyHandler.is_allowed(request, _credentials(username))


def record_failure(request, username: str, *, stage: str) -> None:
    """Count a failed step of signing in, exactly as a wrong password is counted.

    Sends Django's ``user_login_failed`` so axes counts it and the audit receiver records it
    (``lantern.accounts.signals``); ``stage`` says which step failed.
    """
    user_login_failed.send(
        sender=__name__, credentials=_credentials(username), request=request, stage=stage
    )


def lockout_response(request, original_response=None, credentials=None):
    """The "sign in is paused" page (AXES_LOCKOUT_CALLABLE).

    Axes' own response puts the attempted username into the template context; ours does not,
    so nothing on the page (or in a debug log of the context) repeats what was typed.
    """
    from django.shortcuts import render

    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"page_title": "Sign in is paused"},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
