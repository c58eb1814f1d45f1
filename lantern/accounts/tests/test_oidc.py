"""Single sign-on with OpenID Connect (Entra style), against a real provider on 127.0.0.1.

The flow is driven end to end: Lantern's button -> the provider's /authorize -> Lantern's
callback -> token exchange (with PKCE) -> id_token and userinfo -> a signed-in Lantern user.
Only people who already have a Lantern account get in.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.test import Client

from lantern.accounts import events as account_events
from lantern.accounts.models import User
from lantern.accounts.tests.home import opens_lantern
from lantern.accounts.tests.oidc_provider import LocalOIDCProvider
from lantern.audit import events
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

START_URL = "/accounts/oidc/entra/login/?process=login"
REFUSED = "You cannot sign in to Lantern yet"


@pytest.fixture
def idp(settings):
    with LocalOIDCProvider() as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": "entra",
                        "name": "Ashdown single sign-on",
                        "client_id": provider.client_id,
                        "secret": provider.client_secret,
                        "settings": {"server_url": provider.issuer, "oauth_pkce_enabled": True},
                    }
                ]
            }
        }
        yield provider


def sso_sign_in(client, idp, claims: dict):
    """Press the button, 'sign in' at the provider, follow its redirect back to Lantern."""
    idp.claims = claims
    start = client.post(START_URL)
    assert start.status_code == 302, start.content[:500]
    assert start["Location"].startswith(idp.issuer + "/authorize?")
    assert "code_challenge=" in start["Location"]
    at_idp = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_idp.status_code == 302
    back = urlsplit(at_idp.headers["Location"])
    assert back.path == "/accounts/oidc/entra/login/callback/"
    return client.get(f"{back.path}?{back.query}")


def _signed_in_as(client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


def test_sign_in_page_offers_single_sign_on_when_configured(client, idp):
    html = client.get("/accounts/login/").content.decode()
    assert "Sign in with Ashdown single sign-on" in html
    assert 'action="/accounts/oidc/entra/login/?process=login"' in html


def test_no_single_sign_on_button_without_configuration(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert "single sign-on" not in client.get("/accounts/login/").content.decode().lower()


def test_starting_sign_on_needs_a_post(client, idp):
    response = client.get("/accounts/oidc/entra/login/")
    assert response.status_code == 200
    assert "Continue" in response.content.decode()
    assert idp.requests == []


def test_existing_user_matched_by_email_signs_in(client, idp, personas):
    response = sso_sign_in(
        client,
        idp,
        {
            "sub": "entra-oid-priya",
            "email": "Priya@Example.org",
            "preferred_username": "p.okafor@ashdown-council.example",
            "name": "Priya Okafor",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in_as(client) == "priya"
    assert opens_lantern(client)
    account = SocialAccount.objects.get(uid="entra-oid-priya")
    assert account.user == personas["priya"]
    assert "POST /token" in idp.requests
    login = AuditEvent.objects.filter(action=events.LOGIN_SUCCEEDED).latest("id")
    assert login.actor_username == "priya"
    assert login.detail["methods"] == ["socialaccount"]
    assert AuditEvent.objects.filter(
        action=account_events.SSO_ACCOUNT_LINKED, actor_username="priya"
    ).exists()


def test_existing_user_matched_by_username_signs_in(client, idp, personas):
    sso_sign_in(client, idp, {"sub": "entra-oid-tom", "preferred_username": "tom"})
    assert _signed_in_as(client) == "tom"


def test_later_sign_ins_use_the_link_not_the_email(client, idp, personas):
    sso_sign_in(client, idp, {"sub": "entra-oid-priya", "email": "priya@example.org"})
    client.post("/accounts/logout/")
    again = Client()
    sso_sign_in(again, idp, {"sub": "entra-oid-priya", "email": "priya.new@example.org"})
    assert _signed_in_as(again) == "priya"
    assert SocialAccount.objects.count() == 1


def test_someone_without_a_lantern_account_is_refused(client, idp, personas):
    users_before = User.objects.count()
    response = sso_sign_in(
        client,
        idp,
        {"sub": "entra-oid-stranger", "email": "stranger@ashdown-council.example",
         "preferred_username": "stranger@ashdown-council.example"},
    )
    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert _signed_in_as(client) is None
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()
    event = AuditEvent.objects.filter(action=events.LOGIN_FAILED).latest("id")
    assert event.detail["reason"] == "not_provisioned"
    assert event.detail["attempted_username"] == "stranger@ashdown-council.example"


def test_ambiguous_match_is_refused_not_guessed(client, idp, personas):
    personas["tom"].email = "shared@example.org"
    personas["tom"].save()
    personas["dan"].email = "shared@example.org"
    personas["dan"].save()
    response = sso_sign_in(client, idp, {"sub": "entra-oid-x", "email": "shared@example.org"})
    assert response.status_code == 403
    assert _signed_in_as(client) is None


def test_disabled_user_is_refused(client, idp, personas):
    personas["priya"].is_active = False
    personas["priya"].save()
    response = sso_sign_in(client, idp, {"sub": "entra-oid-priya", "email": "priya@example.org"})
    assert response.status_code == 403
    assert _signed_in_as(client) is None


def test_disabled_user_with_an_existing_link_is_refused(client, idp, personas):
    sso_sign_in(client, idp, {"sub": "entra-oid-priya", "email": "priya@example.org"})
    client.post("/accounts/logout/")
    personas["priya"].is_active = False
    personas["priya"].save()
    again = Client()
    response = sso_sign_in(again, idp, {"sub": "entra-oid-priya", "email": "priya@example.org"})
    assert response.status_code == 403
    assert _signed_in_as(again) is None


def test_id_token_for_another_application_is_refused(client, idp, personas):
    idp.id_token_overrides = {"aud": "some-other-app"}
    response = sso_sign_in(client, idp, {"sub": "entra-oid-priya", "email": "priya@example.org"})
    assert response.status_code in (400, 401, 403)
    assert "Single sign-on did not work" in response.content.decode()
    assert _signed_in_as(client) is None
    assert AuditEvent.objects.filter(
        action=events.LOGIN_FAILED, detail__method="socialaccount"
    ).exists()


def test_forged_state_is_refused(client, idp, personas):
    idp.claims = {"sub": "entra-oid-priya", "email": "priya@example.org"}
    start = client.post(START_URL)
    at_idp = requests.get(start["Location"], allow_redirects=False, timeout=10)
    back = urlsplit(at_idp.headers["Location"])
    forged = back.query.replace("state=", "state=x")
    response = client.get(f"{back.path}?{forged}")
    assert response.status_code != 500
    assert _signed_in_as(client) is None


def test_callback_without_a_started_sign_in_is_refused(client, idp, personas):
    response = client.get("/accounts/oidc/entra/login/callback/?code=abc&state=def")
    assert response.status_code != 500
    assert _signed_in_as(client) is None


def test_single_sign_on_satisfies_the_mfa_requirement(client, idp, personas, settings):
    settings.LANTERN_REQUIRE_MFA = True
    sso_sign_in(client, idp, {"sub": "entra-oid-priya", "email": "priya@example.org"})
    assert opens_lantern(client)


def test_mfa_can_be_required_on_top_of_single_sign_on(client, idp, personas, settings):
    settings.LANTERN_REQUIRE_MFA = True
    settings.LANTERN_SSO_SATISFIES_MFA = False
    sso_sign_in(client, idp, {"sub": "entra-oid-priya", "email": "priya@example.org"})
    assert client.get("/")["Location"] == "/accounts/2fa/totp/activate/"
