"""Lockout after repeated failed sign-ins (django-axes), shared by the password and MFA steps.

Why one counter for both steps: allauth's own rate limits are off (``ACCOUNT_RATE_LIMITS``) so
that axes alone decides lockout. Without this module, someone who knew a password could guess
authenticator codes without limit, because the code step never calls ``authenticate()``. Here a
wrong code counts as a failed sign-in for that username, and a locked username cannot finish the
code step either.

Why a username-only lock: see docs/adr/0004-accounts-mfa-lockout.md (shared office NAT).

Why every name is folded first (``lockout_username``): signing in matches usernames without
regard to case and strips the box's white space, so "PRIYA", "Priya" and " priya" are one
account. Counted as typed, each spelling had its own five guesses (issue 10, item 6). Axes is
told to count the folded name (``AXES_USERNAME_CALLABLE = axes_username``), and this module
folds the name it passes at the code step, so the password and code steps share one count.

Example::

    if lockout.is_locked(request, "priya"):
        ...  # refuse; AxesMiddleware renders accounts/locked_out.html
    lockout.record_failure(request, "priya", stage="mfa")
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

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


def lockout_username(username) -> str:
    """The name failures are counted under: one per account, however it was typed.

    Unicode NFKC first (full-width "Ｐｒｉｙａ" is "Priya"), then case folding (wider than
    lower-casing: "ß" is "ss"), then NFKC again (folding can leave text unnormalised), then
    surrounding white space removed. Folding may join two names the database would keep apart
    (a stricter count, never a looser one); it never splits one account into two counts.
    """
    text = unicodedata.normalize("NFKC", str(username or ""))
    text = unicodedata.normalize("NFKC", text.casefold()).strip()
    return text[:MAX_USERNAME]


def axes_username(request, credentials) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the folded username from the credentials or the form.

    Axes calls this wherever it needs the name: checking a lock before a password is tried,
    counting a failure, and clearing the count after a success. None when no name was given,
    as axes' own lookup answers, so axes keeps no count for a blank name.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = None
    if credentials:
        raw = credentials.get(field) or credentials.get("login")
    if raw is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        raw = data.get(field) or data.get("login")
    return lockout_username(raw) or None


def _credentials(username: str) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: lockout_username(username)}


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
