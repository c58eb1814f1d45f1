"""The staff triage queue: who sees which reports, and the three outcomes, each audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.people.models import ChronologyEvent
from lantern.referrals.models import Referral
from lantern.youth.choices import Status
from lantern.youth.tests.factories import NewYouthReportFactory, PassedToPoliceYouthReportFactory

pytestmark = pytest.mark.django_db


def test_front_door_sees_every_report_police_only_theirs_others_nothing(client, personas):
    new = NewYouthReportFactory(what_happened="Waiting for the front door.")
    police = PassedToPoliceYouthReportFactory(what_happened="Passed to the police.")
    client.force_login(personas["tom"])
    body = client.get(reverse("youth:queue")).content.decode()
    assert reverse("youth:report", args=[new.pk]) in body
    assert reverse("youth:report", args=[police.pk]) in body
    client.force_login(personas["olivia"])
    body = client.get(reverse("youth:queue")).content.decode()
    assert reverse("youth:report", args=[new.pk]) not in body
    assert client.get(reverse("youth:report", args=[new.pk])).status_code == 404
    assert "Passed to the police." in client.get(reverse("youth:report", args=[police.pk])).content.decode()
    for who in ("sarah", "amir", "sam", "grace", "marcus"):
        client.force_login(personas[who])
        assert client.get(reverse("youth:queue")).status_code == 404, who
        assert client.get(reverse("youth:report", args=[police.pk])).status_code == 404, who


def _decide(client, report, **data):
    return client.post(reverse("youth:report", args=[report.pk]), data)


def test_referral_outcome_makes_a_concern_and_audits_the_reason(client, personas):
    report = NewYouthReportFactory()
    client.force_login(personas["priya"])
    missing_name = _decide(client, report, outcome="referral", reason="Needs the exploitation team.")
    assert missing_name.status_code == 200 and "Enter the child" in missing_name.content.decode()
    response = _decide(
        client, report, outcome="referral", reason="Needs the exploitation team.",
        child_known_as="Kayz", types=["cce"],
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.REFERRED and report.referral is not None
    referral = Referral.objects.get(pk=report.referral_id)
    assert referral.kind == "concern" and referral.sharing_basis == "safeguarding"
    assert report.what_happened in referral.concerns
    event = AuditEvent.objects.get(action="youth.report_referred")
    assert event.reason == "Needs the exploitation team."
    assert _decide(client, report, outcome="nfa", reason="again").status_code == 404


def test_no_further_action_needs_a_reason(client, personas):
    report = NewYouthReportFactory()
    client.force_login(personas["tom"])
    assert "Enter the reason" in _decide(client, report, outcome="nfa", reason="").content.decode()
    _decide(client, report, outcome="nfa", reason="Not about exploitation; signposted to Childline.")
    report.refresh_from_db()
    assert report.status == Status.NFA and report.decided_by == personas["tom"]
    assert AuditEvent.objects.filter(action="youth.report_closed_nfa", reason__startswith="Not about").exists()


def test_passed_to_police_then_recorded_as_police_only_intelligence(client, personas, casebook):
    report = NewYouthReportFactory()
    client.force_login(personas["tom"])
    _decide(client, report, outcome="police", reason="Names an adult and a car.")
    report.refresh_from_db()
    assert report.status == Status.POLICE
    assert AuditEvent.objects.filter(action="youth.report_passed_to_police").exists()
    # Children's services cannot record police-only intelligence; the police can.
    assert client.get(reverse("youth:intelligence", args=[report.pk])).status_code == 404
    client.force_login(personas["olivia"])
    url = reverse("youth:intelligence", args=[report.pk])
    hidden = client.post(url, {"person_id": casebook["restricted"].pk, "summary": "Adult in a car."})
    assert "no record with that number" in hidden.content.decode()
    unknown = client.post(url, {"person_id": 99999999, "summary": "Adult in a car."})
    assert "no record with that number" in unknown.content.decode()
    child = casebook["police_child"]
    assert client.post(url, {"person_id": child.pk, "summary": "Adult in a silver car."}).status_code == 302
    event = ChronologyEvent.objects.get(source_type="youth.YouthReport", source_id=report.pk)
    assert event.event_type == "intelligence" and event.sharing == "police" and event.person == child
    assert client.get(url).status_code == 200  # already recorded: the form says so on POST
    assert "already on a child" in client.post(url, {"person_id": child.pk, "summary": "x"}).content.decode()


def test_adding_more_puts_a_decided_report_back_in_the_queue(client, personas):
    from lantern.youth import services

    report, reference = services.youth_report_submit(what_happened="First message.")
    services.youth_report_decide(actor=personas["tom"], report=report, outcome="nfa", reason="Nothing to act on yet.")
    services.youth_addition_add(reference=reference, text="He came back today.")
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_reading_a_report_and_the_queue_are_audited(client, personas):
    report = NewYouthReportFactory()
    client.force_login(personas["priya"])
    client.get(reverse("youth:queue"))
    client.get(reverse("youth:report", args=[report.pk]))
    assert AuditEvent.objects.filter(action="youth.queue_viewed").exists()
    assert AuditEvent.objects.filter(action="youth.report_viewed").exists()
