"""Account administration actions: disable, enable, reset two-factor authentication, reset password."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from lantern.accounts import events
from lantern.accounts.tests.conftest import give_authenticator, sign_in
from lantern.accounts.tests.home import opens_lantern
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REASON = "Left the partnership on Friday, HR ticket 2291"
STRONG = "quiet-meadow-harbour-58"


@pytest.fixture
def admin(personas):
    client = Client()
    client.force_login(personas["sam"])
    return client


@pytest.fixture
def priya_browser(personas):
    """Priya, signed in elsewhere."""
    client = Client()
    client.force_login(personas["priya"])
    assert opens_lantern(client)
    return client


def _url(name: str, user) -> str:
    return reverse(f"manage:{name}", args=[user.pk])


def _errors(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "<title>Error:" in body
    return body


# --- Disable and enable ------------------------------------------------------------------------


def test_disable_ends_the_users_sessions_and_is_audited(admin, personas, priya_browser):
    priya = personas["priya"]
    assert admin.get(_url("user_disable", priya)).status_code == 200
    response = admin.post(_url("user_disable", priya), {"reason": REASON})
    assert response.status_code == 302
    priya.refresh_from_db()
    assert not priya.is_active
    event = AuditEvent.objects.get(action=events.USER_DEACTIVATED)
    assert event.subject_ids == [priya.pk]
    assert event.reason == REASON
    assert event.actor_username == "sam"
    assert event.detail["sessions_ended"] == 1
    # Her open browser is signed out on its next request.
    page = priya_browser.get("/")
    assert page.status_code == 302 and page["Location"].startswith(reverse("account_login"))


def test_a_disabled_users_surviving_session_is_ended_on_next_request(admin, personas):
    """Even a session the service could not find (e.g. restored from a backup) ends."""
    from lantern.accounts.admin_services import user_disable

    priya = personas["priya"]
    browser = Client()
    browser.force_login(priya)
    key = browser.session.session_key
    saved = Session.objects.get(session_key=key)
    user_disable(actor=personas["sam"], user=priya, reason=REASON)
    saved.save()  # the session row comes back
    response = browser.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Session.objects.filter(session_key=key).exists()


def test_disable_needs_a_reason(admin, personas):
    priya = personas["priya"]
    for data, message in (
        ({}, "Enter a reason"),
        ({"reason": "   "}, "Enter a reason"),
        ({"reason": "left"}, "Reason must be 10 characters or more"),
        ({"reason": "x" * 2001}, "Reason must be 2,000 characters or fewer"),
        ({"reason": "left\x00 the team"}, "Reason must not contain null characters"),
    ):
        assert message in _errors(admin.post(_url("user_disable", priya), data))
    priya.refresh_from_db()
    assert priya.is_active
    assert not AuditEvent.objects.filter(action=events.USER_DEACTIVATED).exists()


def test_admin_cannot_disable_themselves(admin, personas):
    sam = personas["sam"]
    page = admin.get(_url("user_disable", sam)).content.decode()
    assert "You cannot disable your own account" in page
    body = _errors(admin.post(_url("user_disable", sam), {"reason": REASON}))
    assert "You cannot disable your own account" in body
    sam.refresh_from_db()
    assert sam.is_active
    assert opens_lantern(admin)  # still signed in


def test_disabling_a_disabled_account_is_a_clear_error(admin, personas):
    priya = personas["priya"]
    admin.post(_url("user_disable", priya), {"reason": REASON})
    body = _errors(admin.post(_url("user_disable", priya), {"reason": REASON}))
    assert "already disabled" in body
    assert AuditEvent.objects.filter(action=events.USER_DEACTIVATED).count() == 1


def test_enable_lets_them_sign_in_again(admin, personas, password):
    priya = personas["priya"]
    admin.post(_url("user_disable", priya), {"reason": REASON})
    refused = Client()
    sign_in(refused, "priya", password)
    assert not opens_lantern(refused)  # not signed in
    assert "Enter a reason" in _errors(admin.post(_url("user_enable", priya), {}))
    response = admin.post(_url("user_enable", priya), {"reason": "Returned from secondment"})
    assert response.status_code == 302
    priya.refresh_from_db()
    assert priya.is_active
    event = AuditEvent.objects.get(action=events.USER_REACTIVATED)
    assert event.subject_ids == [priya.pk] and event.reason == "Returned from secondment"
    welcomed = Client()
    sign_in(welcomed, "priya", password)
    assert opens_lantern(welcomed)


def test_enabling_an_active_account_is_a_clear_error(admin, personas):
    body = _errors(admin.post(_url("user_enable", personas["priya"]), {"reason": "Returned from leave"}))
    assert "already active" in body


# --- Reset two-factor authentication -----------------------------------------------------------


def test_mfa_reset_removes_authenticators_ends_sessions_and_is_audited(admin, personas, priya_browser):
    priya = personas["priya"]
    give_authenticator(priya)
    detail = admin.get(_url("user_detail", priya)).content.decode()
    assert "Authenticator app set up" in detail and "Reset two-factor authentication" in detail
    response = admin.post(
        _url("user_mfa_reset", priya), {"reason": "Phone lost on a home visit", "checked": "on"}
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=priya).exists()
    event = AuditEvent.objects.get(action=events.USER_MFA_RESET)
    assert event.subject_ids == [priya.pk]
    assert event.detail["removed"] == ["recovery_codes", "totp"]
    assert event.detail["sessions_ended"] == 1
    assert event.reason == "Phone lost on a home visit"
    assert not opens_lantern(priya_browser)


def test_mfa_reset_needs_a_reason_and_the_identity_check(admin, personas):
    priya = personas["priya"]
    give_authenticator(priya)
    body = _errors(admin.post(_url("user_mfa_reset", priya), {}))
    assert "Enter a reason" in body
    assert "Confirm that you have checked this request is genuine" in body
    assert Authenticator.objects.filter(user=priya).count() == 2
    assert not AuditEvent.objects.filter(action=events.USER_MFA_RESET).exists()


def test_mfa_reset_for_a_user_without_mfa_is_a_clear_error(admin, personas):
    priya = personas["priya"]
    assert "no two-factor authentication to reset" in admin.get(_url("user_mfa_reset", priya)).content.decode()
    body = _errors(admin.post(_url("user_mfa_reset", priya), {"reason": "Phone lost on a visit", "checked": "on"}))
    assert "no two-factor authentication to reset" in body


def test_admin_cannot_reset_their_own_mfa_here(admin, personas):
    sam = personas["sam"]
    give_authenticator(sam)
    body = _errors(admin.post(_url("user_mfa_reset", sam), {"reason": "Testing my own reset", "checked": "on"}))
    assert "cannot reset your own two-factor authentication" in body
    assert Authenticator.objects.filter(user=sam).exists()


# --- Reset password ----------------------------------------------------------------------------


def test_password_reset_with_a_chosen_password(admin, personas, priya_browser, password):
    priya = personas["priya"]
    response = admin.post(
        _url("user_password_reset", priya),
        {"password1": STRONG, "password2": STRONG, "reason": "Forgot password, called back", "checked": "on"},
    )
    assert response.status_code == 302
    priya.refresh_from_db()
    assert priya.check_password(STRONG) and not priya.check_password(password)
    assert not opens_lantern(priya_browser)  # signed out everywhere
    event = AuditEvent.objects.get(action=events.USER_PASSWORD_RESET)
    assert event.subject_ids == [priya.pk]
    assert event.detail["generated"] is False and event.detail["sessions_ended"] == 1
    assert STRONG not in str(event.detail) and STRONG not in event.reason


def test_password_reset_generates_one_shown_once(admin, personas):
    priya = personas["priya"]
    response = admin.post(
        _url("user_password_reset", priya), {"reason": "Forgot password, called back", "checked": "on"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "This is the only time the password is shown" in body
    shown = body.split("<code", 1)[1].split(">", 1)[1].split("</code>", 1)[0]
    priya.refresh_from_db()
    assert priya.check_password(shown)
    assert AuditEvent.objects.get(action=events.USER_PASSWORD_RESET).detail["generated"] is True


def test_password_reset_lifts_a_lockout(admin, personas):
    priya = personas["priya"]
    for _ in range(5):
        sign_in(Client(), "priya", "not-her-password-at-all")
    assert AccessAttempt.objects.filter(username="priya").exists()
    assert "Signing in is paused" in admin.get(_url("user_detail", priya)).content.decode()
    admin.post(
        _url("user_password_reset", priya),
        {"password1": STRONG, "password2": STRONG, "reason": "Locked out, called back", "checked": "on"},
    )
    assert not AccessAttempt.objects.filter(username="priya").exists()
    assert sign_in(Client(), "priya", STRONG).status_code == 302
    assert AuditEvent.objects.get(action=events.USER_PASSWORD_RESET).detail["lockout_cleared"] is True


@pytest.mark.parametrize(
    "data, message",
    [
        ({"password1": "short", "password2": "short"}, "at least 12 characters"),
        ({"password1": "priya@example.org!", "password2": "priya@example.org!"}, "too similar"),
        ({"password1": "password1234", "password2": "password1234"}, "too common"),
        ({"password1": STRONG, "password2": "different-one-99"}, "The passwords do not match"),
        ({"password1": "x" * 1025, "password2": "x" * 1025}, "Password must be 1,024 characters or fewer"),
        ({"password1": STRONG, "password2": STRONG, "reason": ""}, "Enter a reason"),
        ({"password1": STRONG, "password2": STRONG, "checked": ""}, "Confirm that you have checked"),
    ],
)
def test_bad_password_reset_is_a_govuk_error(admin, personas, password, data, message):
    priya = personas["priya"]
    post = {"reason": "Forgot password, called back", "checked": "on", **data}
    post = {k: v for k, v in post.items() if v != "" or k in ("password1", "password2")}
    assert message in _errors(admin.post(_url("user_password_reset", priya), post))
    priya.refresh_from_db()
    assert priya.check_password(password)
    assert not AuditEvent.objects.filter(action=events.USER_PASSWORD_RESET).exists()


def test_admin_cannot_reset_their_own_password_here(admin, personas, password):
    sam = personas["sam"]
    page = admin.get(_url("user_password_reset", sam)).content.decode()
    assert "You cannot reset your own password here" in page
    body = _errors(
        admin.post(
            _url("user_password_reset", sam),
            {"password1": STRONG, "password2": STRONG, "reason": "My own reset, testing", "checked": "on"},
        )
    )
    assert "You cannot reset your own password here" in body
    sam.refresh_from_db()
    assert sam.check_password(password)


def test_history_on_the_account_page_lists_admin_changes(admin, personas):
    priya = personas["priya"]
    admin.post(_url("user_disable", priya), {"reason": REASON})
    body = admin.get(_url("user_detail", priya)).content.decode()
    assert "Account disabled" in body and REASON in body


def test_history_leaves_out_administrators_looking(admin, personas):
    priya = personas["priya"]
    admin.get(reverse("manage:user_list"))
    admin.get(_url("user_detail", priya))
    body = admin.get(_url("user_detail", priya)).content.decode()
    assert AuditEvent.objects.filter(action=events.USER_VIEWED).count() == 2
    assert "Account looked at" not in body and "Looked at the list of users" not in body
    assert "Nothing recorded yet" in body
