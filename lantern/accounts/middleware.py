"""Session limits and the MFA requirement.

``SessionLimitsMiddleware``: the idle timeout is Django's rolling session expiry
(``SESSION_COOKIE_AGE``); this adds what a cookie cannot:

* an **absolute limit** (``LANTERN_SESSION_ABSOLUTE_SECONDS``, 12 hours) counted from sign-in;
* an exact **idle check** on the server (``lantern_last_seen``), so a session is ended even if a
  browser keeps sending an old cookie, and the warning dialog's "signed out" page really is;
* a **disabled account** is signed out on its next request, and its session is deleted from the
  store (Django alone would only stop treating it as signed in);
* the "you were signed out because you were inactive" notice also works without JavaScript: a
  small marker cookie says this browser had a session, so a request that arrives after the
  session expired is sent to the sign-in page with ``?timed_out=1``.

``MFARequiredMiddleware``: when MFA is required (production), a signed-in user without an
authenticator app can reach only the MFA set-up pages, sign out and the public pages.

The session is written only when ``lantern_last_seen`` is more than
``LANTERN_SESSION_TOUCH_SECONDS`` (60 s) old, not on every request: a write is a transaction
and a commit on every page view, the largest fixed cost of a page under load (ADR 0011). The
idle limit still counts from the last *recorded* activity, so a session can end up to a minute
early, never late; the warning dialog is told the time really left (``session_time_left``).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

SESSION_STARTED_KEY = "lantern_session_started"
SESSION_LAST_SEEN_KEY = "lantern_last_seen"
#: Set while a browser has a signed-in session; holds no data, only tells us a session existed.
MARKER_COOKIE = "lantern_signed_in"
#: The warning dialog sends the browser to the sign-in page when its clock runs out; a request
#: arriving that close to the idle limit is treated as idle (timers in browsers drift).
IDLE_GRACE_SECONDS = 120


def _as_int(value, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except (TypeError, ValueError):
        return 0  # a mangled timestamp is treated as very old: the session ends


def _login_url(**params) -> str:
    url = reverse("account_login")
    return f"{url}?{urlencode(params)}" if params else url


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _anonymous_may_see(name: str | None, method: str) -> bool:
    from lantern.access.matrix import ALLOW, SCOPE, decision

    if name is None:
        return True
    return decision(None, name, method) in (ALLOW, SCOPE)


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            response = self._signed_in(request)
        elif request.session.get(SESSION_KEY):
            response = self._end_orphan_session(request)
        elif MARKER_COOKIE in request.COOKIES:
            response = self._after_expiry(request)
        else:
            response = self.get_response(request)
        self._sync_marker(request, response)
        return response

    def _signed_in(self, request):
        now = int(time.time())
        session = request.session
        started = _as_int(session.get(SESSION_STARTED_KEY), now)
        last_seen = _as_int(session.get(SESSION_LAST_SEEN_KEY), now)
        idle = now - last_seen
        if now - started > settings.LANTERN_SESSION_ABSOLUTE_SECONDS:
            request.lantern_logout_reason = "absolute_limit"
            logout(request)
            return redirect(_login_url(expired=1))
        if idle > settings.SESSION_COOKIE_AGE:
            request.lantern_logout_reason = "idle"
            logout(request)
            return redirect(_login_url(timed_out=1))
        if (
            request.method == "GET"
            and request.GET.get("timed_out")
            and _url_name(request) == "account_login"
            and idle >= settings.SESSION_COOKIE_AGE - IDLE_GRACE_SECONDS
        ):
            # The warning dialog ran out: sign out now and let the sign-in page say why.
            request.lantern_logout_reason = "idle"
            logout(request)
            return self.get_response(request)
        if (
            SESSION_STARTED_KEY not in session
            or SESSION_LAST_SEEN_KEY not in session
            or idle >= settings.LANTERN_SESSION_TOUCH_SECONDS
        ):
            session[SESSION_STARTED_KEY] = started
            session[SESSION_LAST_SEEN_KEY] = now
            idle = 0
        request.lantern_session_idle_for = idle
        return self.get_response(request)

    def _end_orphan_session(self, request):
        """The session names a user who can no longer sign in (disabled or deleted)."""
        from lantern.accounts import services

        user_id = request.session.get(SESSION_KEY)
        request.session.flush()
        services.record_session_ended(user_id=user_id, reason="account_disabled")
        return redirect(_login_url())

    def _after_expiry(self, request):
        """This browser had a session that has since expired on the server."""
        if request.method == "GET" and not _anonymous_may_see(_url_name(request), "GET"):
            return redirect(_login_url(timed_out=1, next=request.get_full_path()))
        return self.get_response(request)

    def _sync_marker(self, request, response) -> None:
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        if signed_in and MARKER_COOKIE not in request.COOKIES:
            response.set_cookie(
                MARKER_COOKIE,
                "1",
                max_age=settings.LANTERN_SESSION_ABSOLUTE_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        elif not signed_in and MARKER_COOKIE in request.COOKIES:
            response.delete_cookie(MARKER_COOKIE, samesite=settings.SESSION_COOKIE_SAMESITE)


#: URL names a user who must set up MFA may still use.
MFA_SETUP_ALLOWED = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "accounts:session_extend",
        "core:healthz",
        "core:help",
        "core:accessibility",
        "core:privacy",
    }
)


class MFARequiredMiddleware:
    """Send a signed-in user without an authenticator app to set one up (when required)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from lantern.accounts import mfa

        if request.path.startswith(settings.STATIC_URL) or not request.user.is_authenticated:
            return self.get_response(request)
        if mfa.needs_setup(request) and _url_name(request) not in MFA_SETUP_ALLOWED:
            return redirect("mfa_activate_totp")
        return self.get_response(request)
