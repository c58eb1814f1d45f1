"""Audit receivers for signing in and out (connected in ``AccountsConfig.ready``).

Why signals here, when Lantern otherwise avoids them: signing in happens inside Django and
allauth (password, MFA and single sign-on all end in ``django.contrib.auth.login``); the signals
are the one place every route passes through.

What is written: ``auth.login`` (with the methods used), ``auth.login_failed`` (with the
attempted username in the audit detail, never in application logs, and never the password),
``auth.logout`` (with the reason: the user, the idle timeout, the 12-hour limit). MFA set-up
changes are audited too.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model

from lantern.accounts import events as account_events
from lantern.accounts.lockout import MAX_USERNAME
from lantern.audit import events
from lantern.audit.models import Outcome
from lantern.audit.services import audit_record


def _methods(request, user) -> list[str]:
    from allauth.account.authentication import get_authentication_records

    if request is None:
        return []
    try:
        records = get_authentication_records(request, user)
    except Exception:  # noqa: BLE001 - the audit must not break signing in
        return []
    return sorted({str(r.get("method", "")) for r in records if r.get("method")})


def on_logged_in(sender, request, user, **kwargs) -> None:
    from lantern.accounts.middleware import SESSION_LAST_SEEN_KEY, SESSION_STARTED_KEY

    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_LAST_SEEN_KEY] = now
    audit_record(
        actor=user,
        action=events.LOGIN_SUCCEEDED,
        subject=user,
        detail={"methods": _methods(request, user)},
    )


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # ``credentials`` has already had the password replaced by Django; we keep only the name.
    attempted = str(credentials.get("username") or credentials.get("login") or "")[
        :MAX_USERNAME
    ]
    user_ids = []
    if attempted:
        user_ids = list(
            get_user_model().objects.filter(username=attempted).values_list("pk", flat=True)[:1]
        )
    audit_record(
        actor=None,
        action=events.LOGIN_FAILED,
        subject_type="accounts.user",
        subject_ids=user_ids,
        outcome=Outcome.FAILED,
        detail={
            "attempted_username": attempted,
            "stage": kwargs.get("stage", "password"),
            "locked_out": bool(getattr(request, "axes_locked_out", False)),
        },
    )


def on_logged_out(sender, request, user, **kwargs) -> None:
    reason = getattr(request, "lantern_logout_reason", "user")
    audit_record(
        actor=user,
        action=events.LOGOUT,
        subject=user if user is not None and user.pk else None,
        subject_type="accounts.user",
        detail={"reason": reason},
    )


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(
        actor=user,
        action=account_events.MFA_AUTHENTICATOR_ADDED,
        subject=user,
        detail={"type": authenticator.type},
    )


def on_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(
        actor=user,
        action=account_events.MFA_AUTHENTICATOR_REMOVED,
        subject=user,
        detail={"type": authenticator.type},
    )


def on_authenticator_reset(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(
        actor=user,
        action=account_events.MFA_RECOVERY_CODES_RESET,
        subject=user,
        detail={"type": authenticator.type},
    )


def connect() -> None:
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals as auth_signals

    auth_signals.user_logged_in.connect(on_logged_in, dispatch_uid="lantern.audit.logged_in")
    auth_signals.user_login_failed.connect(
        on_login_failed, dispatch_uid="lantern.audit.login_failed"
    )
    auth_signals.user_logged_out.connect(on_logged_out, dispatch_uid="lantern.audit.logged_out")
    mfa_signals.authenticator_added.connect(
        on_authenticator_added, dispatch_uid="lantern.audit.mfa_added"
    )
    mfa_signals.authenticator_removed.connect(
        on_authenticator_removed, dispatch_uid="lantern.audit.mfa_removed"
    )
    mfa_signals.authenticator_reset.connect(
        on_authenticator_reset, dispatch_uid="lantern.audit.mfa_reset"
    )
