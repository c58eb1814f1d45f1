"""Sessions: 30-minute idle timeout (rolling), 12-hour absolute limit, disabled users signed
out at once, sign-out ends the session on the server."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lantern.accounts import events as account_events
from lantern.accounts.middleware import (
    MARKER_COOKIE,
    SESSION_LAST_SEEN_KEY,
    SESSION_STARTED_KEY,
)
from lantern.accounts.services import user_deactivate
from lantern.accounts.tests.conftest import sign_in
from lantern.accounts.tests.home import home, opens_lantern
from lantern.audit import events
from lantern.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TIMED_OUT = "You were signed out because you were inactive"


@pytest.fixture
def signed_in(client, personas, password):
    assert sign_in(client, "priya", password).status_code == 302
    return client


def _shift(client, key: str, seconds_ago: int) -> None:
    session = client.session
    session[key] = int(time.time()) - seconds_ago
    session.save()


def _key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is False  # activity is recorded once a minute
    assert settings.LANTERN_SESSION_TOUCH_SECONDS == 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.LANTERN_SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_activity_rolls_the_idle_timeout_forward(signed_in):
    """Activity recorded more than a minute ago is recorded again, and the expiry rolls on."""
    _shift(signed_in, SESSION_LAST_SEEN_KEY, 90)
    Session.objects.filter(session_key=_key(signed_in)).update(
        expire_date=timezone.now() + dt.timedelta(minutes=28, seconds=30)
    )
    assert opens_lantern(signed_in)
    expires = Session.objects.get(session_key=_key(signed_in)).expire_date
    assert expires > timezone.now() + dt.timedelta(minutes=29)
    assert int(time.time()) - signed_in.session[SESSION_LAST_SEEN_KEY] < 5


def test_requests_within_a_minute_of_recorded_activity_do_not_write_the_session(signed_in):
    """A session write is a transaction per page view; once a minute is enough (ADR 0011)."""
    _shift(signed_in, SESSION_LAST_SEEN_KEY, 20)
    recorded = signed_in.session[SESSION_LAST_SEEN_KEY]
    with CaptureQueriesContext(connection) as context:
        assert opens_lantern(signed_in)
    writes = [q["sql"] for q in context.captured_queries
              if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert signed_in.session[SESSION_LAST_SEEN_KEY] == recorded


def test_dialog_counts_from_the_activity_the_server_recorded(signed_in):
    """The server ends the session 30 minutes after the *recorded* activity; the dialog's clock
    must not promise more than that."""
    _shift(signed_in, SESSION_LAST_SEEN_KEY, 45)
    html = home(signed_in).content.decode()
    idle = int(html.split('data-session-idle="')[1].split('"')[0])
    warning = int(html.split('data-session-warning="')[1].split('"')[0])
    assert 1800 - 50 <= idle <= 1800 - 45
    assert warning == idle - 300


def test_idle_session_expired_on_the_server_shows_the_notice_without_javascript(signed_in):
    Session.objects.filter(session_key=_key(signed_in)).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = signed_in.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?timed_out=1")
    assert "next=%2Fpeople%2F" in response["Location"]
    page = signed_in.get(response["Location"])
    assert TIMED_OUT in page.content.decode()
    # The marker is cleared, so later visits are ordinary.
    assert signed_in.cookies[MARKER_COOKIE].value == ""


def test_idle_for_more_than_30_minutes_signs_out(signed_in):
    _shift(signed_in, SESSION_LAST_SEEN_KEY, 31 * 60)
    old_key = _key(signed_in)
    response = signed_in.get("/")
    assert response["Location"] == "/accounts/login/?timed_out=1"
    assert not SessionStore().exists(old_key)
    assert AuditEvent.objects.filter(action=events.LOGOUT).latest("id").detail == {
        "reason": "idle"
    }


def test_29_minutes_idle_is_still_signed_in(signed_in):
    _shift(signed_in, SESSION_LAST_SEEN_KEY, 29 * 60)
    assert opens_lantern(signed_in)


def test_warning_dialog_redirect_signs_out_an_idle_session(signed_in):
    """The dialog's clock ran out: its redirect to ?timed_out=1 really ends the session."""
    _shift(signed_in, SESSION_LAST_SEEN_KEY, 30 * 60 - 5)
    page = signed_in.get("/accounts/login/?timed_out=1")
    assert page.status_code == 200
    assert TIMED_OUT in page.content.decode()
    assert "_auth_user_id" not in signed_in.session


def test_timed_out_link_does_not_sign_out_an_active_session(signed_in):
    """Another tab kept the session alive; the link alone must not sign anyone out."""
    response = signed_in.get("/accounts/login/?timed_out=1")
    assert response.status_code == 302
    assert "_auth_user_id" in signed_in.session


def test_pages_carry_the_timeout_warning_dialog(signed_in):
    """Just signed in: the whole 30 minutes left, less the seconds since sign-in was recorded
    (a slow test database can take a second or two between the two requests)."""
    html = home(signed_in).content.decode()
    idle = int(html.split('data-session-idle="')[1].split('"')[0])
    warning = int(html.split('data-session-warning="')[1].split('"')[0])
    assert 1800 - 5 <= idle <= 1800
    assert warning == idle - 300
    assert 'id="session-timeout-dialog"' in html
    assert 'action="/accounts/lantern/session/extend/"' in html


def test_stay_signed_in_extends_the_session(signed_in):
    _shift(signed_in, SESSION_LAST_SEEN_KEY, 26 * 60)
    response = signed_in.post("/accounts/lantern/session/extend/")
    assert response.status_code == 200
    assert response.json() == {"extended": True, "seconds": 1800}
    assert int(time.time()) - signed_in.session[SESSION_LAST_SEEN_KEY] < 5
    assert signed_in.get("/accounts/lantern/session/extend/").status_code == 405


def test_extend_needs_a_signed_in_user(client):
    response = client.post("/accounts/lantern/session/extend/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_absolute_limit_of_12_hours(signed_in):
    _shift(signed_in, SESSION_STARTED_KEY, 12 * 60 * 60 + 1)
    old_key = _key(signed_in)
    response = signed_in.get("/")
    assert response["Location"] == "/accounts/login/?expired=1"
    assert not SessionStore().exists(old_key)
    page = signed_in.get(response["Location"]).content.decode()
    assert "signed in for 12 hours" in page
    assert AuditEvent.objects.filter(action=events.LOGOUT).latest("id").detail == {
        "reason": "absolute_limit"
    }


def test_just_under_12_hours_is_fine(signed_in):
    _shift(signed_in, SESSION_STARTED_KEY, 12 * 60 * 60 - 60)
    assert opens_lantern(signed_in)


def test_activity_does_not_move_the_absolute_start(signed_in):
    started = signed_in.session[SESSION_STARTED_KEY]
    home(signed_in)
    signed_in.post("/accounts/lantern/session/extend/")
    assert signed_in.session[SESSION_STARTED_KEY] == started


def test_disabling_a_user_signs_them_out_on_the_next_request(signed_in, personas):
    old_key = _key(signed_in)
    personas["priya"].is_active = False
    personas["priya"].save()
    response = signed_in.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert not SessionStore().exists(old_key)
    assert "_auth_user_id" not in signed_in.session
    event = AuditEvent.objects.filter(action=account_events.SESSIONS_ENDED).latest("id")
    assert event.subject_ids == [personas["priya"].pk]


def test_user_deactivate_ends_every_session_of_that_user_only(personas, password):
    laptop, phone, colleague = Client(), Client(), Client()
    sign_in(laptop, "priya", password)
    sign_in(phone, "priya", password)
    sign_in(colleague, "tom", password)
    ended = user_deactivate(actor=personas["sam"], user=personas["priya"], reason="Left")
    assert ended == 2
    assert not SessionStore().exists(_key(laptop))
    assert not SessionStore().exists(_key(phone))
    assert SessionStore().exists(_key(colleague))
    assert not opens_lantern(laptop)
    assert opens_lantern(colleague)
    event = AuditEvent.objects.get(action=account_events.USER_DEACTIVATED)
    assert event.actor_username == "sam"
    assert event.detail == {"sessions_ended": 2}


def test_sign_out_deletes_the_session_on_the_server(signed_in):
    old_key = _key(signed_in)
    assert SessionStore().exists(old_key)
    response = signed_in.post("/accounts/logout/")
    assert response.status_code == 302
    assert not SessionStore().exists(old_key)
    assert "_auth_user_id" not in signed_in.session
    # The old cookie is worthless now.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert not opens_lantern(replay)


def test_marker_cookie_is_http_only_and_holds_nothing(client, personas, password):
    response = sign_in(client, "priya", password)
    marker = response.cookies[MARKER_COOKIE]
    assert marker.value == "1"
    assert marker["httponly"]
    assert marker["samesite"] == "Lax"
    response = client.post("/accounts/logout/")
    assert response.cookies[MARKER_COOKIE].value == ""


@pytest.mark.django_db
def test_an_unread_flash_message_does_not_outlive_sign_out(client, personas, casebook):
    """A message naming a child, not yet shown (the redirect was never followed), must not be
    read by the next person to sign in on the same browser: it lives in the session, flushed at
    sign-out, not in a cookie of its own."""
    from django.urls import reverse

    from lantern.accounts.models import Team
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory

    priya = personas["priya"]
    child = casebook["team_child"]
    sibling = ChildFactory(first_name="Zebedee", last_name="Quillfeather")
    InvolvementFactory(person=sibling, agency=priya.agency,
                       team=Team.objects.get(name="Lantern Exploitation Team North"))
    client.force_login(priya)
    response = client.post(
        reverse("people:relationship_add", args=[child.pk]),
        {"q": "Zebedee Quillfeather", "other": sibling.pk, "kind": "sibling"},
    )
    assert response.status_code == 302
    assert "messages" not in client.cookies or not client.cookies["messages"].value
    client.post(reverse("account_logout"))
    client.force_login(personas["sarah"])
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert "Quillfeather" not in page
