"""Authentication backends that load the signed-in user with their agency in one query.

Every page needs the user's agency (the audit trail records it with each event, and record
scopes use it), so fetching it with the user saves a query on every request. Behaviour is
otherwise Django's and allauth's own.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class _LoadsAgency:
    def get_user(self, user_id):
        user = (
            get_user_model()._default_manager.select_related("agency").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


class LanternModelBackend(_LoadsAgency, ModelBackend):
    """Username and password (used by tests and management tooling)."""


class LanternAllauthBackend(_LoadsAgency, AllauthBackend):
    """allauth's sign-in (the sign-in page)."""
