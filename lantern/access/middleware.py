"""Enforce the access matrix on every request before any view runs.

Why middleware and not per-view decorators: a view someone forgot to decorate would be open.
Here, a URL that is not in the matrix is refused, so forgetting fails closed (and the matrix test
fails the build).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.urls import Resolver404, resolve

from lantern.access.matrix import ANONYMOUS, DENY, decision, load, role_of
from lantern.core.views import not_found

logger = logging.getLogger(__name__)

#: Paths served outside the URL resolver (static files handled by whitenoise before us).
EXEMPT_PREFIXES = ("/static/",)


def url_name_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


class AccessMatrixMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        name = url_name_of(request.path_info)
        if name is None:
            return self.get_response(request)  # the resolver's own 404
        result = decision(request.user, name, request.method)
        if result is None:
            if name in load():
                allowed = [m for m in load()[name] if m != "HEAD"]
                return HttpResponseNotAllowed(allowed)
            logger.error("URL %s is not in the access matrix; refused", name)
            return not_found(request)
        if result == DENY:
            if role_of(request.user) == ANONYMOUS:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            from lantern.audit import events
            from lantern.audit.models import Outcome
            from lantern.audit.services import audit_record

            audit_record(
                actor=request.user,
                action=events.ACCESS_DENIED,
                subject_type="url",
                subject_ids=[name],
                outcome=Outcome.DENIED,
                detail={"method": request.method},
            )
            return not_found(request)
        request.access_decision = result
        return self.get_response(request)
