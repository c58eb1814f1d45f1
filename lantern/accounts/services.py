"""Writes about accounts: disabling a user and ending their sessions.

Example::

    user_deactivate(actor=admin, user=leaver, reason="Left the partnership")
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from lantern.accounts import events
from lantern.audit.models import Outcome
from lantern.audit.services import audit_record


def sessions_end_for_user(*, user) -> int:
    """Delete every live server-side session of ``user``; returns how many.

    Sessions are stored signed and encoded, so each live one is decoded; a partnership has
    hundreds of live sessions, not millions, so a scan is fine.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()  # {} when the session cannot be decoded
        if str(data.get(SESSION_KEY)) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def user_deactivate(*, actor, user, reason: str = "") -> int:
    """Disable ``user`` and sign them out everywhere, now. Returns the sessions ended."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        ended = sessions_end_for_user(user=user)
        audit_record(
            actor=actor,
            action=events.USER_DEACTIVATED,
            subject=user,
            reason=reason,
            detail={"sessions_ended": ended},
        )
    return ended


def record_session_ended(*, user_id, reason: str) -> None:
    """Audit a session ended because its user can no longer sign in."""
    ids = [int(user_id)] if str(user_id).isdigit() else []
    audit_record(
        actor=None,
        action=events.SESSIONS_ENDED,
        subject_type="accounts.user",
        subject_ids=ids,
        outcome=Outcome.DENIED,
        detail={"reason": reason},
    )
