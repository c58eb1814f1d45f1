"""URL wiring. Every URL name here must appear in lantern/access/matrix.yaml."""

from django.urls import include, path

handler404 = "lantern.core.views.not_found"
handler500 = "lantern.core.views.server_error"

urlpatterns = [
    path("", include("lantern.core.urls")),
    path("youth-reports/", include("lantern.youth.urls_staff")),
    path("accounts/", include("allauth.account.urls")),
    path("accounts/2fa/", include("allauth.mfa.urls")),
    path("accounts/3rdparty/", include("allauth.socialaccount.urls")),
    path("accounts/oidc/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("accounts/lantern/", include("lantern.accounts.urls")),
    path("manage/", include("lantern.accounts.admin_urls")),
    path("people/", include("lantern.people.urls")),
    path("referrals/", include("lantern.referrals.urls")),
    path("cases/", include("lantern.cases.urls")),
    path("assessments/", include("lantern.assessments.urls")),
    path("access/", include("lantern.access.urls")),
    path("audit/", include("lantern.audit.urls")),
    path("missing/", include("lantern.missing.urls")),
    path("schools/", include("lantern.schools.urls")),
    path("contexts/", include("lantern.contexts.urls")),
    path("identity/", include("lantern.identity.urls")),
    path("nrm/", include("lantern.nrm.urls")),
    path("panels/", include("lantern.panels.urls")),
    path("disruption/", include("lantern.disruption.urls")),
    path("statistics/", include("lantern.reporting.urls")),
    path("threats/", include("lantern.threats.urls")),
    path("networks/", include("lantern.networks.urls")),
    path("intelligence/", include("lantern.intelligence.urls")),
]
