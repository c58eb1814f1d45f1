"""No personal data in application logs.

Canary values (an invented child's name, date of birth, NHS number, a username and a password)
are pushed through signing in, searching and forms, with every logger at DEBUG; none may appear
in any log record. Audit events are a different, access-controlled store and may hold some.
"""

from __future__ import annotations

import logging

import pytest

from lantern.accounts.tests.conftest import give_authenticator

FIRST, LAST = "Zephyrine", "Quillfeather"
NHS = "9434765919"
DOB = ("14", "3", "2011")
USERNAME = "zephyrine.canary"
PASSWORD = "Canary-Pa55word-Qx7"
CODE = "482915"
CANARIES = [FIRST, LAST, NHS, USERNAME, PASSWORD, CODE, "14/03/2011", "2011-03-14"]

LOGGERS = ["", "django", "django.request", "django.server", "axes", "allauth", "lantern"]


@pytest.fixture
def every_log(caplog):
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _assert_clean(caplog):
    """Check what a handler writes: the message, its arguments and any traceback. (Django's
    request logger also attaches the request object; Lantern's formatter never prints it.)"""
    assert caplog.records, "the test must see some log records to mean anything"
    for record in caplog.records:
        text = " ".join(
            [
                record.getMessage(),
                str(record.args or ""),
                record.exc_text or "",
            ]
        ).lower()
        for canary in CANARIES:
            assert canary.lower() not in text, (canary, record.name, record.getMessage())


@pytest.mark.django_db
def test_sign_in_attempts_leave_no_personal_data_in_logs(client, personas, password, every_log):
    client.post("/accounts/login/", {"login": USERNAME, "password": PASSWORD})
    client.post("/accounts/login/", {"login": "priya", "password": PASSWORD})
    client.post("/accounts/login/", {"login": f"{FIRST} {LAST}", "password": NHS})
    for _ in range(5):  # through to a lockout, which axes logs at WARNING
        client.post("/accounts/login/", {"login": USERNAME, "password": PASSWORD})
    give_authenticator(personas["tom"])
    client.post("/accounts/login/", {"login": "tom", "password": password})
    client.post("/accounts/2fa/authenticate/", {"code": CODE})
    _assert_clean(every_log)
    assert any(r.name.startswith("axes") for r in every_log.records)


@pytest.mark.django_db
def test_search_and_forms_leave_no_personal_data_in_logs(client, personas, casebook, every_log):
    client.force_login(personas["priya"])
    child = casebook["team_child"]
    client.get("/people/", {"q": f"{FIRST} {LAST}"})
    client.get("/people/", {"q": NHS})
    client.get("/people/", {"q": FIRST, "dob_0": DOB[0], "dob_1": DOB[1], "dob_2": DOB[2]})
    client.post(
        "/people/new/",
        {
            "kind": "child",
            "first_name": FIRST,
            "last_name": LAST,
            "date_of_birth_0": DOB[0],
            "date_of_birth_1": DOB[1],
            "date_of_birth_2": DOB[2],
            "sex": "F",
            "sen_status": "unknown",
        },
    )
    client.post(f"/people/{child.pk}/identifiers/add/", {"type": "nhs", "value": NHS})
    client.post(f"/people/{child.pk}/names/add/", {"name": f"{FIRST} {LAST}", "kind": "alias"})
    client.post(
        f"/people/{child.pk}/chronology/add/",
        {
            "event_type": "concern",
            "when_0": DOB[0],
            "when_1": DOB[1],
            "when_2": "2025",
            "summary": f"Seen with {FIRST} {LAST}, NHS {NHS}",
        },
    )
    # Pages a person has no access to (404s are logged by Django at WARNING).
    client.get(f"/people/{casebook['police_child'].pk}/", {"q": LAST})
    client.get(f"/people/999999/?name={FIRST}")
    _assert_clean(every_log)
