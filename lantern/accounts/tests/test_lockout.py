"""Lockout after 5 failed sign-ins for 15 minutes (django-axes, per username)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.test import Client

from lantern.accounts.tests.conftest import MFA_URL, give_authenticator, sign_in, totp_code
from lantern.audit import events
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PAUSED = "Sign in is paused"
WRONG = "not-the-password-1"


def _fail(client, username: str, times: int):
    return [sign_in(client, username, WRONG) for _ in range(times)]


def _strip(html: str, username: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace(f'value="{username}"', 'value=""')


def test_four_failures_do_not_lock(client, personas, password):
    responses = _fail(client, "priya", 4)
    assert all(r.status_code == 200 and PAUSED not in r.content.decode() for r in responses)
    assert sign_in(client, "priya", password).status_code == 302


def test_fifth_failure_locks_and_the_right_password_is_then_refused(client, personas, password):
    responses = _fail(client, "priya", 5)
    assert responses[-1].status_code == 429
    assert PAUSED in responses[-1].content.decode()
    locked = sign_in(client, "priya", password)
    assert locked.status_code == 429
    assert PAUSED in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert "Wait 15 minutes" in locked.content.decode()


def test_lockout_page_uses_the_lantern_template(client, personas):
    response = _fail(client, "priya", 5)[-1]
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert 'class="govuk-heading-xl"' in response.content.decode()


def test_unknown_and_known_usernames_lock_identically(client, personas):
    known = _fail(client, "priya", 5)
    unknown = _fail(client, "nobody-here", 5)
    for k, u in zip(known, unknown, strict=True):
        assert k.status_code == u.status_code
        assert _strip(k.content.decode(), "priya") == _strip(u.content.decode(), "nobody-here")


def test_lock_is_per_username_not_per_address(client, personas, password):
    _fail(client, "priya", 5)
    # Same client address, another person in the same office: not locked out.
    assert sign_in(client, "tom", password).status_code == 302


def test_lock_lifts_after_15_minutes(client, personas, password):
    _fail(client, "priya", 5)
    assert sign_in(client, "priya", password).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    response = sign_in(client, "priya", password)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_lock_still_holds_at_14_minutes(client, personas, password):
    _fail(client, "priya", 5)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=14))
    assert sign_in(client, "priya", password).status_code == 429


def test_success_resets_the_count(client, personas, password):
    _fail(client, "priya", 4)
    assert sign_in(client, "priya", password).status_code == 302
    client.post("/accounts/logout/")
    responses = _fail(client, "priya", 4)
    assert all(r.status_code == 200 for r in responses)


def test_axes_sees_the_request_through_allauth(client, personas):
    """allauth's form calls authenticate(request, ...); axes needs that request to count."""
    _fail(client, "priya", 2)
    attempt = AccessAttempt.objects.get(username="priya")
    assert attempt.failures_since_start == 2
    assert attempt.path_info == "/accounts/login/"
    assert WRONG not in attempt.post_data  # axes masks the password field


def test_lockout_is_audited(client, personas):
    _fail(client, "priya", 5)
    failures = AuditEvent.objects.filter(action=events.LOGIN_FAILED).order_by("id")
    assert failures.count() == 5
    assert [e.detail["locked_out"] for e in failures] == [False] * 4 + [True]


def test_wrong_authenticator_codes_count_towards_lockout(client, personas, password):
    """Knowing the password must not allow unlimited guessing of 6-digit codes."""
    secret = give_authenticator(personas["priya"])
    assert sign_in(client, "priya", password)["Location"] == MFA_URL
    wrong = f"{(int(totp_code(secret)) + 500_000) % 1_000_000:06d}"
    for _ in range(4):
        response = client.post(MFA_URL, {"code": wrong})
        assert response.status_code == 200
        assert "The code is not correct" in response.content.decode()
    fifth = client.post(MFA_URL, {"code": wrong})
    assert fifth.status_code == 429
    # Now even the right code is refused, and so is the right password.
    right = client.post(MFA_URL, {"code": totp_code(secret)})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # (This browser would be sent back to the pending code step; a fresh one tries the password.)
    assert sign_in(Client(), "priya", password).status_code == 429
    stages = list(
        AuditEvent.objects.filter(action=events.LOGIN_FAILED).values_list("detail__stage", flat=True)
    )
    assert stages.count("mfa") >= 5


#: Ways of typing Priya's username that sign in to the same account (allauth matches usernames
#: ignoring case; the box's white space is stripped), and that NFKC folds to it (full-width
#: letters from an East Asian keyboard).
VARIANTS = ["PRIYA", "Priya", " priya", "priya ", "\uff30\uff52\uff49\uff59\uff41"]


def test_variants_of_a_username_share_one_count(client, personas, password):
    """Issue 10 item 6: each spelling used to get a fresh five guesses."""
    responses = [sign_in(client, name, WRONG) for name in VARIANTS]
    assert responses[-1].status_code == 429
    for name in ["priya", *VARIANTS]:
        assert sign_in(Client(), name, password).status_code == 429, name
    assert AccessAttempt.objects.count() == 1
    assert AccessAttempt.objects.get().username == "priya"


def test_variants_count_at_the_code_step_too(client, personas, password):
    """Wrong codes after signing in as "PRIYA" lock "priya", and the other way round."""
    secret = give_authenticator(personas["priya"])
    wrong = f"{(int(totp_code(secret)) + 500_000) % 1_000_000:06d}"
    _fail(client, " Priya", 2)
    assert sign_in(client, "PRIYA", password)["Location"] == MFA_URL
    for _ in range(3):
        client.post(MFA_URL, {"code": wrong})
    assert sign_in(Client(), "priya", password).status_code == 429


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("PRIYA", "priya"),
        ("  Priya\t", "priya"),
        ("\uff30\uff52\uff49\uff59\uff41", "priya"),
        ("Stra\u00dfe", "strasse"),
        ("", ""),
        (None, ""),
    ],
)
def test_the_counted_name(typed, counted):
    from lantern.accounts.lockout import lockout_username

    assert lockout_username(typed) == counted


def test_an_administrator_sees_and_lifts_a_lock_on_a_mixed_case_username(client, personas, password):
    """Usernames keep their case ("JSmith"); the lock is kept under the folded name."""
    from lantern.accounts import admin_selectors

    priya = personas["priya"]
    priya.username = "Priya"
    priya.save(update_fields=["username"])
    from lantern.accounts import admin_services

    _fail(client, "priya", 5)
    assert admin_selectors.user_locked_out(priya)
    admin_services.user_password_reset(
        actor=personas["sam"], user=priya, reason="Locked out, called back", password="Correct horse battery 42"
    )
    assert not admin_selectors.user_locked_out(priya)
    assert sign_in(Client(), "Priya", "Correct horse battery 42").status_code == 302


def test_axes_is_given_the_folded_name_from_credentials_or_the_form(rf):
    from lantern.accounts.lockout import axes_username

    assert axes_username(None, {"username": " PRIYA "}) == "priya"
    assert axes_username(rf.post("/accounts/login/", {"login": "Priya"}), None) == "priya"
    assert axes_username(rf.post("/accounts/login/", {}), None) is None
