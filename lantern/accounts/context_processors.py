"""The idle-timeout dialog's clock, counted from the activity the server last recorded.

The session records activity at most once a minute (``SessionLimitsMiddleware``), so the
server may end an idle session up to a minute before a clock started at page load would.
Giving the dialog the time really left keeps its warning and its "signed out" step honest.
"""

from django.conf import settings


def session_timing(request):
    idle_for = max(0, int(getattr(request, "lantern_session_idle_for", 0) or 0))
    return {
        "session_idle_seconds": max(0, settings.SESSION_COOKIE_AGE - idle_for),
        "session_warning_seconds": max(0, settings.LANTERN_SESSION_WARNING_SECONDS - idle_for),
    }
