"""Session limits: the idle timeout is Django's rolling cookie age; this adds the absolute limit
and ends the session of a user who has been disabled since signing in."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

SESSION_STARTED_KEY = "lantern_session_started"


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED_KEY, now)
            too_old = now - int(started) > settings.LANTERN_SESSION_ABSOLUTE_SECONDS
            if too_old or not user.is_active:
                logout(request)
                return redirect(reverse("account_login") + "?timed_out=1")
        return self.get_response(request)
