"""Two-factor authentication: signing in with a code, replay refusal, recovery codes, and the
requirement to set up an authenticator app when MFA is required (production)."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.test import Client

from lantern.accounts import events as account_events
from lantern.accounts.tests.conftest import (
    MFA_URL,
    give_authenticator,
    recovery_codes,
    sign_in,
    totp_code,
)
from lantern.accounts.tests.home import opens_lantern
from lantern.audit import events
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SETUP_URL = "/accounts/2fa/totp/activate/"
WRONG_CODE = "The code is not correct"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_full_totp_sign_in(client, personas, password):
    secret = give_authenticator(personas["priya"])
    response = sign_in(client, "priya", password)
    assert response.status_code == 302
    assert response["Location"] == MFA_URL
    assert not _signed_in(client)
    assert not opens_lantern(client)  # the password alone opens nothing

    page = client.get(MFA_URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Enter your authenticator code" in html
    assert 'for="id_code">Code from your authenticator app</label>' in html
    assert 'autocomplete="one-time-code"' in html

    response = client.post(MFA_URL, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in(client)
    assert opens_lantern(client)
    event = AuditEvent.objects.filter(action=events.LOGIN_SUCCEEDED).latest("id")
    assert event.detail["methods"] == ["mfa", "password"]


def test_wrong_code_is_a_clear_error(client, personas, password):
    secret = give_authenticator(personas["priya"])
    sign_in(client, "priya", password)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
    response = client.post(MFA_URL, {"code": wrong})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not _signed_in(client)


@pytest.mark.parametrize("code", ["", "x" * 10_000, "12 34 56\x00"])
def test_nonsense_codes_are_refused_without_a_500(client, personas, password, code):
    give_authenticator(personas["priya"])
    sign_in(client, "priya", password)
    response = client.post(MFA_URL, {"code": code})
    assert response.status_code == 200
    assert not _signed_in(client)


def _replay(client, personas, password, secret):
    code = totp_code(secret)
    sign_in(client, "priya", password)
    assert client.post(MFA_URL, {"code": code})["Location"] == "/"
    client.post("/accounts/logout/")
    assert not _signed_in(client)

    # An onlooker who saw the code (or a second tab) tries it again within its 30 seconds.
    attacker = Client()
    sign_in(attacker, "priya", password)
    response = attacker.post(MFA_URL, {"code": code})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert not _signed_in(attacker)

    # The app's next code still works, so the refusal was the replay, not a bad code.
    response = attacker.post(MFA_URL, {"code": totp_code(secret, offset_steps=1)})
    assert response["Location"] == "/"


def test_replayed_code_is_refused(client, personas, password):
    secret = give_authenticator(personas["priya"])
    _replay(client, personas, password, secret)


def test_replayed_code_is_refused_with_the_production_database_cache(
    client, personas, password, settings
):
    """Production shares a database cache between workers so a replay to another worker fails."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lantern_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    secret = give_authenticator(personas["priya"])
    _replay(client, personas, password, secret)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM lantern_cache WHERE cache_key LIKE %s", ["%totp.used%"])
        assert cursor.fetchone()[0] >= 1


def test_recovery_code_works_once(client, personas, password):
    give_authenticator(personas["priya"])
    code = recovery_codes(personas["priya"])[0]
    sign_in(client, "priya", password)
    assert client.post(MFA_URL, {"code": code})["Location"] == "/"
    client.post("/accounts/logout/")
    sign_in(client, "priya", password)
    response = client.post(MFA_URL, {"code": code})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()


def test_cancel_from_the_code_step_clears_the_pending_sign_in(client, personas, password):
    give_authenticator(personas["priya"])
    sign_in(client, "priya", password)
    client.post("/accounts/logout/", {"next": "/accounts/login/"})
    assert client.get(MFA_URL).status_code in (302, 404)


# --- MFA required (production) ------------------------------------------------------------------


@pytest.fixture
def mfa_required(settings):
    settings.LANTERN_REQUIRE_MFA = True
    return settings


def test_production_requires_an_authenticator_before_anything_else(
    client, personas, password, mfa_required
):
    response = sign_in(client, "priya", password)
    assert response.status_code == 302
    assert _signed_in(client)
    for path in ("/", "/people/", "/people/?q=Kayla", "/accounts/password/change/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == SETUP_URL

    page = client.get(SETUP_URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "You need to set up an authenticator app before you can use Lantern" in html
    assert 'src="data:image/svg+xml;base64,' in html

    # Public pages and signing out still work.
    assert client.get("/help/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200


def test_setting_up_the_app_opens_lantern(
    client, personas, password, mfa_required, django_capture_on_commit_callbacks
):
    sign_in(client, "priya", password)
    client.get(SETUP_URL)
    secret = client.session["mfa.totp.secret"]

    bad = client.post(SETUP_URL, {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert bad.status_code == 200
    assert WRONG_CODE in bad.content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after commit
        response = client.post(SETUP_URL, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    codes_page = client.get(response["Location"]).content.decode()
    assert "Your recovery codes" in codes_page
    assert recovery_codes(personas["priya"])[0] in codes_page
    assert opens_lantern(client)
    assert Authenticator.objects.filter(
        user=personas["priya"], type=Authenticator.Type.TOTP
    ).exists()
    assert AuditEvent.objects.filter(
        action=account_events.MFA_AUTHENTICATOR_ADDED, actor_username="priya"
    ).exists()


def test_sign_out_is_allowed_before_set_up(client, personas, password, mfa_required):
    sign_in(client, "priya", password)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not _signed_in(client)


def test_every_role_is_held_to_the_requirement(client, personas, password, mfa_required):
    for username in personas:
        c = Client()
        sign_in(c, username, password)
        assert c.get("/")["Location"] == SETUP_URL, username


def test_the_app_cannot_be_removed_when_required(client, personas, password, mfa_required):
    secret = give_authenticator(personas["priya"])
    sign_in(client, "priya", password)
    client.post(MFA_URL, {"code": totp_code(secret)})
    page = client.get("/accounts/2fa/totp/deactivate/")
    assert "You cannot remove your authenticator app" in page.content.decode()
    client.post("/accounts/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(
        user=personas["priya"], type=Authenticator.Type.TOTP
    ).exists()


def test_demo_mode_skips_the_requirement_and_says_so(client, personas, password, settings):
    settings.LANTERN_REQUIRE_MFA = False
    sign_in(client, "priya", password)
    assert opens_lantern(client)  # no second step
    security = client.get("/accounts/2fa/")  # the account's security page says why
    assert "Two-factor authentication is optional in this demo" in security.content.decode()


def test_demo_notice_goes_once_an_app_is_set_up(client, personas, password, settings):
    settings.LANTERN_REQUIRE_MFA = False
    secret = give_authenticator(personas["priya"])
    sign_in(client, "priya", password)
    client.post(MFA_URL, {"code": totp_code(secret)})
    assert "optional in this demo" not in client.get("/accounts/2fa/").content.decode()


def test_the_app_can_be_removed_in_demo_mode(
    client, personas, password, settings, django_capture_on_commit_callbacks
):
    settings.LANTERN_REQUIRE_MFA = False
    secret = give_authenticator(personas["priya"])
    sign_in(client, "priya", password)
    client.post(MFA_URL, {"code": totp_code(secret, offset_steps=-1)})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(
        user=personas["priya"], type=Authenticator.Type.TOTP
    ).exists()
    assert AuditEvent.objects.filter(action=account_events.MFA_AUTHENTICATOR_REMOVED).exists()


def test_changes_later_in_the_session_ask_for_the_password_again(
    client, personas, password, settings
):
    settings.LANTERN_REQUIRE_MFA = False
    secret = give_authenticator(personas["priya"])
    sign_in(client, "priya", password)
    client.post(MFA_URL, {"code": totp_code(secret)})
    session = client.session
    records = session["account_authentication_methods"]
    for record in records:
        record["at"] -= 10 * 60  # signed in ten minutes ago
    session["account_authentication_methods"] = records
    session.save()
    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    page = client.get(response["Location"])
    assert "Confirm it is you" in page.content.decode()
    wrong = client.post(response["Location"], {"password": "not-the-password-1"})
    assert "The password is not correct" in wrong.content.decode()
    right = client.post(response["Location"], {"password": password})
    assert right["Location"] == "/accounts/2fa/recovery-codes/"
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200
