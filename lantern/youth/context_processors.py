"""Template context for the public youth site (the staff context processors are not run)."""

from django.conf import settings

SERVICE_NAME = "Safe to tell"


def youth(request):
    return {
        "service_name": SERVICE_NAME,
        "partnership_name": getattr(settings, "LANTERN_PARTNERSHIP_NAME", ""),
        "demo_mode": getattr(settings, "DEMO_MODE", False),
    }
