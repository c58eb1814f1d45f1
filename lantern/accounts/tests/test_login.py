"""The sign-in page: GOV.UK form, one message for every wrong pair, audit of each attempt."""

from __future__ import annotations

import re

import pytest

from lantern.accounts.tests.conftest import LOGIN_URL, sign_in
from lantern.accounts.tests.home import home
from lantern.audit import events
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SIGN_IN_FAILED = "The username or password you entered is not correct"


def _normalise(html: str, username: str) -> str:
    """Remove what legitimately differs between two responses: the CSRF token and the echo of
    the username typed."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'data-request-id="[^"]*"', "", html)
    return html.replace(f'value="{username}"', 'value=""')


def test_sign_in_page_is_a_govuk_form(client):
    response = client.get(LOGIN_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label class="govuk-label govuk-label--s" for="id_login">Username</label>' in html
    assert '<label class="govuk-label govuk-label--s" for="id_password">Password</label>' in html
    assert 'class="govuk-input' in html
    assert '<button type="submit" class="govuk-button"' in html
    assert ">Sign in</button>" in html
    assert "placeholder" not in html
    assert "<title>Sign in" in html
    assert "sign up" not in html.lower()


def test_wrong_password_shows_the_error_summary(client, personas):
    response = sign_in(client, "priya", "not-her-password-at-all")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert f'<a href="#id_login">{SIGN_IN_FAILED}</a>' in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_unknown_user_and_wrong_password_look_identical(client, personas):
    unknown = sign_in(client, "nobody-here", "not-her-password-at-all")
    wrong = sign_in(client, "priya", "not-her-password-at-all")
    assert unknown.status_code == wrong.status_code == 200
    assert SIGN_IN_FAILED in unknown.content.decode()
    assert _normalise(unknown.content.decode(), "nobody-here") == _normalise(
        wrong.content.decode(), "priya"
    )
    assert sorted(k for k in unknown.headers if k != "X-Request-Id") == sorted(
        k for k in wrong.headers if k != "X-Request-Id"
    )


def test_disabled_account_with_wrong_password_looks_like_any_other_failure(client, personas):
    personas["tom"].is_active = False
    personas["tom"].save()
    disabled = sign_in(client, "tom", "not-his-password-at-all")
    unknown = sign_in(client, "nobody-here", "not-his-password-at-all")
    assert _normalise(disabled.content.decode(), "tom") == _normalise(
        unknown.content.decode(), "nobody-here"
    )


def test_right_password_signs_in_and_goes_home(client, personas, password):
    response = sign_in(client, "priya", password)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(personas["priya"].pk)
    landed = home(client)
    assert landed.status_code == 200
    assert "My caseload" in landed.content.decode()  # a practitioner lands on her caseload


def test_next_parameter_is_honoured_but_not_offsite(client, personas, password):
    response = client.post(
        LOGIN_URL + "?next=/people/", {"login": "priya", "password": password, "next": "/people/"}
    )
    assert response["Location"] == "/people/"
    client.logout()
    response = client.post(
        LOGIN_URL,
        {"login": "priya", "password": password, "next": "https://evil.example/steal"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_successful_sign_in_is_audited(client, personas, password):
    sign_in(client, "priya", password)
    event = AuditEvent.objects.filter(action=events.LOGIN_SUCCEEDED).latest("id")
    assert event.actor_username == "priya"
    assert event.subject_ids == [personas["priya"].pk]
    assert event.detail["methods"] == ["password"]


def test_failed_sign_in_is_audited_without_the_password(client, personas):
    sign_in(client, "priya", "Sup3r-secret-guess-9")
    event = AuditEvent.objects.filter(action=events.LOGIN_FAILED).latest("id")
    assert event.actor_id is None
    assert event.outcome == "failed"
    assert event.detail["attempted_username"] == "priya"
    assert event.subject_ids == [personas["priya"].pk]
    everything = str(AuditEvent.objects.values_list("detail", "reason", "subject_ids"))
    assert "Sup3r-secret-guess-9" not in everything


def test_failed_sign_in_for_unknown_user_names_no_subject(client, personas):
    sign_in(client, "nobody-here", "whatever-it-is-12")
    event = AuditEvent.objects.filter(action=events.LOGIN_FAILED).latest("id")
    assert event.subject_ids == []
    assert event.detail["attempted_username"] == "nobody-here"


def test_sign_out_is_audited(client, personas, password):
    sign_in(client, "priya", password)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action=events.LOGOUT).latest("id")
    assert event.actor_username == "priya"
    assert event.detail["reason"] == "user"


def test_sign_out_needs_a_post(client, personas, password):
    sign_in(client, "priya", password)
    response = client.get("/accounts/logout/")
    assert response.status_code == 200
    assert "Are you sure you want to sign out" in response.content.decode()
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("u" * 10_000, "whatever-it-is-12", "Username must be 150 characters or fewer"),
        ("priya", "p" * 10_000, "Password must be 1,024 characters or fewer"),
        ("", "", "Enter your username"),
        ("pri\x00ya", "whatever-it-is-12", "Null characters are not allowed."),
    ],
)
def test_bad_credentials_get_a_clear_error_not_a_500(client, personas, username, password, message):
    response = client.post(LOGIN_URL, {"login": username, "password": password})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_self_sign_up_is_closed(client):
    response = client.get("/accounts/signup/")
    assert response.status_code in (302, 404)
    assert response.status_code != 200


def test_timed_out_notice(client):
    html = client.get(LOGIN_URL + "?timed_out=1").content.decode()
    assert "You were signed out because you were inactive" in html
    assert "You were signed out because you were inactive" not in client.get(
        LOGIN_URL
    ).content.decode()
