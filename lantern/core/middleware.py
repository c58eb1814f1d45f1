"""Cross-cutting request middleware: a request id for audit/logs and security headers."""

from __future__ import annotations

import contextvars
import uuid

from django.conf import settings

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_request_id", default="-"
)

#: CSP without 'unsafe-inline': every script and style is a static file from our own origin.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class RequestIdMiddleware:
    """Give every request an id so audit events and log lines can be tied together
    without writing personal data into logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-Id"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: CSP and no-store for personal data.

    Why no-store on every authenticated response: pages show children's records; a shared
    computer's browser cache or back button must not reveal them after logout.

    Why near the top of MIDDLEWARE: middleware further in (session limits, the MFA requirement,
    SSL redirect) answer some requests themselves; sitting outside them, this still adds the
    headers, including ``X-Frame-Options`` which Django's own middleware would only add later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if not getattr(response, "xframe_options_exempt", False):
            response.setdefault("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY"))
        path = request.path
        if not path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
