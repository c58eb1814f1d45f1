"""Template context every page needs: service name, demo flag, the user's role label."""

from django.conf import settings


def lantern(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.LANTERN_SERVICE_NAME,
        "partnership_name": settings.LANTERN_PARTNERSHIP_NAME,
        "demo_mode": settings.DEMO_MODE,
        "session_warning_seconds": settings.LANTERN_SESSION_WARNING_SECONDS,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "current_role_label": getattr(user, "role_label", "") if user else "",
    }


def navigation(request):
    """Service navigation links for the signed-in user, marking the current section."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"nav_items": []}
    from lantern.core.navigation import home_links

    items = []
    for link in home_links(user):
        current = request.path == link["href"] or (
            link["href"] != "/" and request.path.startswith(link["href"])
        )
        items.append({**link, "current": current})
    return {"nav_items": items}
