"""Who must use a second factor, and whether a signed-in session has one.

Why a policy module: the middleware that forces set-up, the adapter that stops removal and the
home-page notice must agree; they all ask here.

Rule: when ``LANTERN_REQUIRE_MFA`` is on (always in production), every role must have an
authenticator app. A session that signed in through the partnership's single sign-on counts as
multi-factor when ``LANTERN_SSO_SATISFIES_MFA`` is on, because the identity provider enforces
it (docs/adr/0004-accounts-mfa-lockout.md).
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings


def mfa_required() -> bool:
    return bool(getattr(settings, "LANTERN_REQUIRE_MFA", False))


def has_authenticator(user) -> bool:
    """True when the user has an authenticator app (recovery codes alone are not a factor)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def signed_in_by_sso(request) -> bool:
    try:
        records = get_authentication_records(request, request.user)
    except Exception:  # noqa: BLE001 - a malformed session simply has no SSO record
        return False
    return any(r.get("method") == "socialaccount" for r in records)


def needs_setup(request) -> bool:
    """True when this signed-in session must set up an authenticator before anything else."""
    user = request.user
    if not mfa_required() or not user.is_authenticated:
        return False
    if getattr(settings, "LANTERN_SSO_SATISFIES_MFA", True) and signed_in_by_sso(request):
        return False
    return not has_authenticator(user)
