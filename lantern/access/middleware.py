"""Enforce the access matrix on every request before any view runs.

Why middleware and not per-view decorators: a view someone forgot to decorate would be open.
Here, a URL that is not in the matrix is refused, so forgetting fails closed (and the matrix test
fails the build).

Two kinds of refusal are audited:

* the matrix refuses the URL for the user's role (``access.denied``, subject the URL name);
* a page about one person (a URL with a ``person_id``) answers 404 to a signed-in user: the
  record is outside their scope, restricted, or does not exist (``access.record_refused``,
  subject the person id). Selectors stay pure reads; the refusal is recorded here, once, for
  every such page, so probing record numbers shows up in the record's history and in the
  DPO's reports.

Responses refused here carry ``response.access_refused = True`` so tests can tell the matrix's
refusal from a view's own 404.
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


def _refused(response):
    response.access_refused = True
    return response


class AccessMatrixMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)  # the resolver's own 404
        name = match.view_name
        result = decision(request.user, name, request.method)
        if result is None:
            if name in load():
                allowed = [m for m in load()[name] if m != "HEAD"]
                return _refused(HttpResponseNotAllowed(allowed))
            logger.error("URL %s is not in the access matrix; refused", name)
            return _refused(not_found(request))
        if result == DENY:
            if role_of(request.user) == ANONYMOUS:
                return _refused(redirect_to_login(request.get_full_path(), settings.LOGIN_URL))
            from lantern.access import events
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
            return _refused(not_found(request))
        request.access_decision = result
        response = self.get_response(request)
        person_id = match.kwargs.get("person_id")
        if response.status_code == 404 and person_id is not None:
            self._record_refused(request, name, person_id)
        return response

    @staticmethod
    def _record_refused(request, name: str, person_id) -> None:
        if role_of(request.user) == ANONYMOUS:
            return
        from lantern.access import events
        from lantern.audit.models import Outcome
        from lantern.audit.services import audit_record

        audit_record(
            actor=request.user,
            action=events.RECORD_REFUSED,
            subject_type="people.person",
            subject_ids=[int(person_id)] if str(person_id).isdigit() else [str(person_id)],
            outcome=Outcome.DENIED,
            detail={"url": name, "method": request.method},
        )
