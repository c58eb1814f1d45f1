"""The NRM pages for each persona: who sees what, GOV.UK errors, audit of every read."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.nrm import events
from lantern.nrm.models import Charge, NrmReferral
from lantern.nrm.tests.factories import ChargeFactory, PendingReferralFactory
from lantern.nrm.tests.helpers import COUNTY_LINES_VERY_HIGH, assessed, north_police_child

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


@pytest.mark.parametrize(
    ("username", "status"),
    [("priya", 200), ("tom", 200), ("olivia", 200), ("dan", 200), ("marcus", 200), ("grace", 200),
     ("sarah", 404), ("amir", 404), ("sam", 404)],
)
def test_who_may_open_a_childs_nrm_page(client, personas, username, status):
    child = north_police_child()
    if username == "sarah":  # a pupil at her school: she may open the child, never the NRM
        from lantern.accounts.models import Agency
        from lantern.people.models import SchoolEnrolment
        from lantern.synthetic import personas as cast

        SchoolEnrolment.objects.create(person=child, school=Agency.objects.get(name=cast.SCHOOL),
                                       year_group=11, start_date=dt.date(2025, 9, 1))
    response = _client(client, personas[username]).get(reverse("nrm:person", args=[child.pk]))
    assert response.status_code == status


def test_the_record_links_to_nrm_only_for_those_who_may_see_it(client, personas):
    child = north_police_child()
    url = reverse("people:person_detail", args=[child.pk])
    assert reverse("nrm:person", args=[child.pk]) in _client(client, personas["priya"]).get(url).content.decode()


def test_the_case_summary_links_to_nrm_and_says_when_a_referral_is_needed(client, personas):
    from lantern.accounts.models import Team
    from lantern.cases.tests.factories import OpenCaseFactory

    child = north_police_child()
    case = OpenCaseFactory(person=child, team=Team.objects.get(name="Lantern Exploitation Team North"),
                           lead=personas["priya"])
    url = reverse("cases:case_detail", args=[case.pk])
    page = _client(client, personas["priya"]).get(url).content.decode()
    assert reverse("nrm:person", args=[child.pk]) in page and "NRM referral needed" not in page
    ChargeFactory(person=child, section45_prompted_at=timezone.now())
    assert "NRM referral needed" in _client(client, personas["priya"]).get(url).content.decode()


def test_page_is_audited(client, personas):
    child = north_police_child()
    PendingReferralFactory(person=child)
    _client(client, personas["marcus"]).get(reverse("nrm:person", args=[child.pk]))
    assert AuditEvent.objects.filter(action=events.REFERRALS_VIEWED, actor_username="marcus").exists()


def test_a_child_outside_scope_is_404(client, personas, casebook):
    # west_child is not on priya's team.
    response = _client(client, personas["priya"]).get(reverse("nrm:person", args=[casebook["west_child"].pk]))
    assert response.status_code == 404


def test_referral_form_is_prefilled_from_the_assessment(client, personas):
    priya = personas["priya"]
    child = north_police_child()
    assessed(priya, child, COUNTY_LINES_VERY_HIGH)
    page = _client(client, priya).get(reverse("nrm:referral_create", args=[child.pk])).content.decode()
    assert "carrying or selling drugs for others" in page  # the indicator, in the engine's words
    assert re.search(r'value="county_lines"[^>]*checked', page)
    assert re.search(r'value="criminal"[^>]*checked', page)
    assert not re.search(r'value="labour"[^>]*checked', page)
    assert "consent" in page.lower() and "Ashdown Children" in page
    assert 'name="consent' not in page  # no consent step for a child


def test_referral_round_trip_and_errors(client, personas):
    priya = personas["priya"]
    child = north_police_child(age=14)
    url = reverse("nrm:referral_create", args=[child.pk])
    c = _client(client, priya)
    bad = c.post(url, {"indicators": "", "account": ""})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    assert "<title>Error:" in bad.content.decode()
    assert not NrmReferral.objects.exists()
    good = c.post(url, {**_date("submitted_on", timezone.localdate()), "exploitation_types": ["criminal"],
                        "indicators": "Drug running", "account": "Made to sell drugs"})
    referral = NrmReferral.objects.get()
    assert good.status_code == 302 and good["Location"] == reverse("nrm:referral", args=[referral.pk])
    detail = c.get(good["Location"]).content.decode()
    assert "Not needed: the child was under 18" in detail
    assert AuditEvent.objects.filter(action=events.REFERRAL_VIEWED).exists()


def test_decisions_form_refuses_an_early_conclusive_decision(client, personas):
    referral = PendingReferralFactory(person=north_police_child())
    rg = referral.submitted_on + dt.timedelta(days=1)
    response = _client(client, personas["priya"]).post(
        reverse("nrm:decisions", args=[referral.pk]),
        {"rg_decision": "positive", **_date("rg_decision_on", rg), "cg_decision": "positive",
         **_date("cg_decision_on", rg + dt.timedelta(days=3))})
    assert response.status_code == 200 and "30 days after" in response.content.decode()
    referral.refresh_from_db()
    assert referral.rg_decision == ""


@pytest.mark.parametrize("username", ["marcus", "dan", "grace"])
def test_viewers_cannot_record(client, personas, username):
    child = north_police_child()
    referral = PendingReferralFactory(person=child)
    c = _client(client, personas[username])
    assert c.get(reverse("nrm:referral", args=[referral.pk])).status_code == 200
    assert c.get(reverse("nrm:decisions", args=[referral.pk])).status_code == 404
    assert c.get(reverse("nrm:referral_create", args=[child.pk])).status_code == 404


def test_charge_page_fires_the_rule_and_the_note_is_audited(client, personas):
    priya, olivia = personas["priya"], personas["olivia"]
    child = north_police_child()
    assessed(priya, child, COUNTY_LINES_VERY_HIGH)
    c = _client(client, olivia)
    response = c.post(reverse("nrm:charge_add", args=[child.pk]), {
        "offence": "Possession of a class A drug with intent to supply",
        **_date("charged_on", timezone.localdate()),
        **_date("court_date", timezone.localdate() + dt.timedelta(days=10))}, follow=True)
    assert "section 45 note is ready" in response.content.decode()
    charge = Charge.objects.get()
    note = c.get(reverse("nrm:section45", args=[charge.pk])).content.decode()
    assert "No NRM referral has been made" in note and "County Lines High" in note
    c.get(reverse("nrm:section45_print", args=[charge.pk]))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {events.SECTION45_NOTE_VIEWED, events.SECTION45_NOTE_PRINTED, events.CHARGE_RECORDED} <= actions


def test_court_form(client, personas):
    charge = ChargeFactory(person=north_police_child())
    c = _client(client, personas["olivia"])
    url = reverse("nrm:court", args=[charge.pk])
    bad = c.post(url, {"outcome": "convicted"})
    assert bad.status_code == 200 and "Enter the date of the outcome" in bad.content.decode()
    ok = c.post(url, {"outcome": "discontinued", **_date("outcome_on", timezone.localdate())})
    assert ok.status_code == 302
    charge.refresh_from_db()
    assert charge.outcome == "discontinued"


def test_every_nrm_page_read_is_audited(client, personas):
    child = north_police_child()
    referral = PendingReferralFactory(person=child)
    charge = ChargeFactory(person=child)
    c = _client(client, personas["priya"])
    urls = [
        reverse("nrm:person", args=[child.pk]), reverse("nrm:referral_create", args=[child.pk]),
        reverse("nrm:charge_add", args=[child.pk]), reverse("nrm:referral", args=[referral.pk]),
        reverse("nrm:decisions", args=[referral.pk]), reverse("nrm:court", args=[charge.pk]),
        reverse("nrm:section45", args=[charge.pk]), reverse("nrm:section45_print", args=[charge.pk]),
    ]
    for url in urls:
        before = AuditEvent.objects.filter(action__startswith="nrm.").count()
        assert c.get(url).status_code == 200, url
        assert AuditEvent.objects.filter(action__startswith="nrm.").count() == before + 1, url
