"""The critical-moment handler: alert the lead, bring the review forward, re-surface closed
cases within six months."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.cases import rules
from lantern.cases.choices import AlertKind, ClosureOutcome, ResurfacingState
from lantern.cases.models import Alert, Resurfacing
from lantern.cases.services import case_close, case_open
from lantern.people.services import chronology_event_add

pytestmark = pytest.mark.django_db


def record(actor, person, event_type="arrest", when=None):
    return chronology_event_add(
        actor=actor, person=person, event_type=event_type, event_date=when or timezone.localdate(),
        summary="Arrested during a drug-supply operation; treated as a possible victim.",
        check_access=False,
    )


def test_arrest_alerts_lead_and_brings_review_forward(open_case, personas):
    open_case.next_review_date = timezone.localdate() + dt.timedelta(days=60)
    open_case.save()
    event = record(personas["olivia"], open_case.person)
    alert = Alert.objects.get(recipient=personas["priya"])
    assert alert.kind == AlertKind.CRITICAL_EVENT and alert.event == event and alert.case == open_case
    assert "Arrest" in alert.message
    open_case.refresh_from_db()
    assert open_case.next_review_date == rules.critical_review_deadline(timezone.localdate())
    assert "Brought forward" in open_case.review_note


def test_review_already_sooner_is_not_moved(open_case, personas):
    soon = timezone.localdate() + dt.timedelta(days=1)
    open_case.next_review_date = soon
    open_case.save()
    record(personas["olivia"], open_case.person, "missing")
    open_case.refresh_from_db()
    assert open_case.next_review_date == soon


def test_ordinary_event_does_nothing(open_case, personas):
    record(personas["olivia"], open_case.person, "contact")
    assert not Alert.objects.exists()


def test_lead_recording_their_own_event_gets_no_alert(open_case, personas):
    record(personas["priya"], open_case.person, "ae_attendance")
    assert not Alert.objects.exists()
    open_case.refresh_from_db()
    assert open_case.next_review_date == rules.critical_review_deadline(timezone.localdate())


def test_unallocated_case_alerts_team_managers(personas, casebook, north):
    case = case_open(actor=personas["priya"], person=casebook["team_child"], team=north)
    record(personas["olivia"], case.person, "exclusion")
    alert = Alert.objects.get()
    assert alert.recipient == personas["tom"] and alert.kind == AlertKind.UNALLOCATED


def _closed(open_case, personas, days_ago):
    case_close(
        actor=personas["priya"], case=open_case, outcome=ClosureOutcome.RISK_REDUCED,
        reason="Goals met", end_measure_not_taken_reason="Child moved before the last session",
    )
    open_case.closed_on = timezone.localdate() - dt.timedelta(days=days_ago)
    open_case.save()
    return open_case


def test_closed_case_resurfaces_within_six_months(open_case, personas):
    case = _closed(open_case, personas, days_ago=100)
    event = record(personas["olivia"], case.person, "missing")
    resurfacing = Resurfacing.objects.get()
    assert resurfacing.case == case and resurfacing.event == event
    assert resurfacing.state == ResurfacingState.WAITING and resurfacing.team == case.team
    alert = Alert.objects.get(kind=AlertKind.RESURFACED)
    assert alert.recipient == personas["tom"]
    assert not Alert.objects.filter(recipient=personas["priya"]).exists()


def test_closed_case_older_than_six_months_does_not_resurface(open_case, personas):
    case = _closed(open_case, personas, days_ago=200)
    record(personas["olivia"], case.person, "missing")
    assert not Resurfacing.objects.exists()
    assert not Alert.objects.exists()


def test_event_dated_before_closure_does_not_resurface(open_case, personas):
    case = _closed(open_case, personas, days_ago=10)
    record(personas["olivia"], case.person, "missing", when=timezone.localdate() - dt.timedelta(days=20))
    assert not Resurfacing.objects.exists()


def test_second_event_alerts_again_but_one_resurfacing(open_case, personas):
    case = _closed(open_case, personas, days_ago=30)
    record(personas["olivia"], case.person, "missing")
    record(personas["olivia"], case.person, "arrest")
    assert Resurfacing.objects.count() == 1
    assert Alert.objects.filter(kind=AlertKind.RESURFACED).count() == 2


def test_event_and_alert_roll_back_together(open_case, personas):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        record(personas["olivia"], open_case.person)
        raise RuntimeError
    assert not Alert.objects.exists()


def _voluntary_lead(case):
    """A youth worker in a voluntary organisation leading the case: she reads partnership entries
    only (``lantern.access.sharing``)."""
    from lantern.accounts.choices import Role
    from lantern.accounts.models import Agency, Team, User
    from lantern.people.tests.factories import InvolvementFactory
    from lantern.synthetic import personas as cast

    agency = Agency.objects.get(name=cast.VOLUNTARY)
    team = Team.objects.create(name="Outreach (test)", agency=agency)
    worker = User.objects.create_user(
        username="youthworker", password="x", role=Role.PRACTITIONER, agency=agency,
        first_name="Yara", last_name="Worker",
    )
    worker.teams.add(team)
    InvolvementFactory(person=case.person, agency=agency, team=team, user=worker, is_lead=True)
    case.lead = worker
    case.save(update_fields=["lead"])
    return worker


def test_nothing_about_a_police_only_arrest_reaches_a_reader_who_may_not_read_it(
    client, open_case, personas
):
    worker = _voluntary_lead(open_case)
    open_case.next_review_date = timezone.localdate() + dt.timedelta(days=60)
    open_case.save()
    event = record(personas["olivia"], open_case.person)
    assert event.sharing == "police"
    alert = Alert.objects.get(recipient=worker)
    assert "rrest" not in alert.message and event.date_display not in alert.message
    client.force_login(worker)
    for name in ("cases:case_detail", "cases:case_print"):
        page = client.get(reverse(name, args=[open_case.pk]))
        assert page.status_code == 200
        assert "rrest" not in page.content.decode(), name
    open_case.refresh_from_db()
    assert open_case.next_review_date == rules.critical_review_deadline(timezone.localdate())


def test_resurfacing_on_the_team_view_says_only_what_the_manager_may_read(
    client, open_case, personas
):
    """A closed case comes back after a police-only arrest. Tom (children's services) sees a
    dated placeholder on the chronology, so the team view may say "Arrest"; a voluntary
    organisation's manager reads partnership entries only, so it may not."""
    from lantern.accounts.choices import Role

    worker = _voluntary_lead(open_case)
    worker.role = Role.TEAM_MANAGER
    worker.save(update_fields=["role"])
    case = _closed(open_case, personas, days_ago=30)
    case.team = worker.teams.get()
    case.save(update_fields=["team"])
    record(personas["olivia"], case.person)
    assert Resurfacing.objects.get().team == case.team
    client.force_login(worker)
    body = client.get(reverse("cases:team")).content.decode()
    assert case.person.display_name in body
    assert "rrest" not in body
    alert = Alert.objects.get(kind=AlertKind.RESURFACED, recipient=worker)
    assert "rrest" not in alert.message


def test_the_case_page_does_not_tell_a_voluntary_worker_the_police_are_involved(
    client, open_case, personas
):
    from lantern.accounts.models import Agency
    from lantern.people.tests.factories import InvolvementFactory
    from lantern.synthetic import personas as cast

    police = Agency.objects.get(name=cast.POLICE)
    InvolvementFactory(person=open_case.person, agency=police, contact_name="Pc Involvedname")
    worker = _voluntary_lead(open_case)
    client.force_login(worker)
    for name in ("cases:case_detail", "cases:case_print"):
        body = client.get(reverse(name, args=[open_case.pk])).content.decode()
        assert worker.agency.name in body, name
        assert police.name not in body and "Involvedname" not in body, name
    client.force_login(personas["priya"])
    assert police.name in client.get(reverse("cases:case_detail", args=[open_case.pk])).content.decode()
