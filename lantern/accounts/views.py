"""Account pages Lantern adds to allauth's: extending an idle session."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def session_extend(request: HttpRequest) -> JsonResponse:
    """Touching the session resets the idle clock (SESSION_SAVE_EVERY_REQUEST)."""
    request.session.modified = True
    return JsonResponse({"extended": True, "seconds": request.session.get_expiry_age()})
