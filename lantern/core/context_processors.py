"""Template context every page needs: service name, demo flag, the user's role label."""

from django.conf import settings


def lantern(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.LANTERN_SERVICE_NAME,
        "partnership_name": settings.LANTERN_PARTNERSHIP_NAME,
        "demo_mode": settings.DEMO_MODE,
        "current_role_label": getattr(user, "role_label", "") if user else "",
    }


def navigation(request):
    """Service navigation links for the signed-in user (only what they may open, see
    ``lantern.core.navigation``), marking the current section: the link whose address is the
    longest start of the page's (on /referrals/mine/, "My referrals", not also "Referrals")."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"nav_items": []}
    from lantern.core.navigation import home_links

    links = home_links(user)
    matches = [link["href"] for link in links if request.path == link["href"] or (
        link["href"] != "/" and request.path.startswith(link["href"]))]
    current = max(matches, key=len, default=None)
    return {"nav_items": [{**link, "current": link["href"] == current} for link in links]}
