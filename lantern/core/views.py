"""Service-wide pages: home dashboard, health check, help, accessibility and privacy."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from lantern.core.landing import landing_url
from lantern.core.navigation import home_links


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability for operations; reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "database unavailable"}, status=503)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is (``lantern.core.landing``); the list of what
    they may open only for someone with no landing page."""
    target = landing_url(request.user)
    if target:
        return redirect(target)
    return render(
        request,
        "core/home.html",
        {"page_title": "Home", "links": home_links(request.user)},
    )


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html", {"page_title": "Help"})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html", {"page_title": "Accessibility statement"})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html", {"page_title": "Privacy notice"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A forged or expired form token: explain, never a bare 403 page or a 500."""
    return render(
        request,
        "core/csrf_failure.html",
        {"page_title": "Your form could not be sent"},
        status=403,
    )


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "core/404.html", {"page_title": "Page not found"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/500.html", {"page_title": "Sorry, there is a problem"}, status=500)
