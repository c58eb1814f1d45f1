"""``manage.py nrm_timescales`` and ``manage.py nrm_transition_reminders``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command


def _run(*args) -> dict:
    out = io.StringIO()
    call_command("nrm_timescales", *args, stdout=out)
    return json.loads(out.getvalue())


def test_prints_the_four_answers_as_json(settings):
    settings.LANTERN_NRM_DEVOLVED_PILOT = True
    assert _run("--referred", "2026-12-24", "--dob", "2010-06-01") == {
        "reasonable_grounds_due": "2027-01-05",
        "conclusive_grounds_earliest": None,
        "devolved_eligible": True,
        "days_to_18": 525,
    }


def test_with_a_reasonable_grounds_decision():
    result = _run("--referred", "2027-12-23", "--dob", "2010-02-28", "--rg-decision", "2028-01-04")
    assert result["reasonable_grounds_due"] == "2028-01-04"
    assert result["conclusive_grounds_earliest"] == "2028-02-03"


def test_exact_boundary_and_the_pilot_switch(settings):
    settings.LANTERN_NRM_DEVOLVED_PILOT = True
    at_100 = _run("--referred", "2026-01-01", "--dob", "2008-04-11")
    assert (at_100["days_to_18"], at_100["devolved_eligible"]) == (100, False)
    at_101 = _run("--referred", "2026-01-01", "--dob", "2008-04-12")
    assert (at_101["days_to_18"], at_101["devolved_eligible"]) == (101, True)
    assert _run("--referred", "2026-01-01", "--dob", "2008-04-12", "--pilot", "no")["devolved_eligible"] is False
    settings.LANTERN_NRM_DEVOLVED_PILOT = False
    assert _run("--referred", "2026-01-01", "--dob", "2008-04-12")["devolved_eligible"] is False
    assert _run("--referred", "2026-01-01", "--dob", "2008-04-12", "--pilot", "yes")["devolved_eligible"] is True


def test_leap_day_birthday():
    assert _run("--referred", "2026-02-28", "--dob", "2008-02-29")["days_to_18"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("--referred", "2026-02-30", "--dob", "2010-01-01"),
        ("--referred", "24/12/2026", "--dob", "2010-01-01"),
        ("--referred", "2026-01-01", "--dob", "2027-01-01"),
        ("--referred", "2026-01-01", "--dob", "2010-01-01", "--rg-decision", "2025-12-31"),
    ],
)
def test_bad_dates_are_refused_with_a_message(args):
    with pytest.raises(CommandError):
        _run(*args)


@pytest.mark.django_db
def test_transition_reminders_command_runs():
    out = io.StringIO()
    call_command("nrm_transition_reminders", "--date", "2026-12-03", stdout=out)
    assert "transition planning reminders made" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("nrm_transition_reminders", "--date", "tomorrow")
