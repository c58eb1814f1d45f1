"""URL wiring for the public youth-reporting site (``LANTERN_SITE=youth``; docs/adr/0016).

Only the young people's pages: no sign-in, no staff page, no admin. The staff triage queue is
in ``config/urls.py`` and is never served by this process.
"""

from django.urls import include, path

handler404 = "lantern.youth.views_public.not_found"
handler500 = "lantern.youth.views_public.server_error"

urlpatterns = [
    path("", include("lantern.youth.urls_public")),
]
