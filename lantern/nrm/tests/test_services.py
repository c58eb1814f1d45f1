"""NRM referrals, decisions, charges and the section 45 rule, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lantern.access.sharing import STATUTORY
from lantern.audit.models import AuditEvent
from lantern.cases.models import Alert, Task
from lantern.nrm import events, services
from lantern.nrm.choices import DecisionMaker
from lantern.nrm.models import NrmReferral
from lantern.nrm.tests.factories import PendingReferralFactory
from lantern.nrm.tests.helpers import COUNTY_LINES_VERY_HIGH, LOW, assessed, north_police_child
from lantern.people.models import ChronologyEvent

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _refer(actor, child, **overrides):
    data = {"submitted_on": _today(), "exploitation_types": ["criminal"], "county_lines": True,
            "indicators": "Drug running", "account": "Made to sell drugs"}
    data.update(overrides)
    return services.referral_make(actor=actor, person=child, **data)


# --- referrals --------------------------------------------------------------------------------


def test_referral_records_dates_decision_maker_and_a_statutory_chronology_entry(personas, settings):
    settings.LANTERN_NRM_DEVOLVED_PILOT = True
    child = north_police_child(age=14)
    referral = _refer(personas["priya"], child)
    assert referral.first_responder_agency == personas["priya"].agency
    assert referral.decision_maker == DecisionMaker.DEVOLVED_PANEL
    assert referral.reasonable_grounds_due > _today()
    assert referral.exploitation_types == ["criminal"]
    event = ChronologyEvent.objects.get(source_type="nrm.NrmReferral", source_id=referral.pk)
    assert event.sharing == STATUTORY and event.event_type == "nrm"
    assert AuditEvent.objects.filter(action=events.REFERRAL_MADE).exists()


def test_not_in_the_pilot_the_home_office_decides(personas, settings):
    settings.LANTERN_NRM_DEVOLVED_PILOT = False
    referral = _refer(personas["priya"], north_police_child(age=14))
    assert referral.decision_maker == DecisionMaker.HOME_OFFICE


def _born_18_in(days: int) -> dt.date:
    birthday = _today() + dt.timedelta(days=days)
    if (birthday.month, birthday.day) == (2, 29):
        birthday += dt.timedelta(days=1)
    return birthday.replace(year=birthday.year - 18)


@pytest.mark.parametrize(("days", "maker"), [(100, DecisionMaker.HOME_OFFICE),
                                             (101, DecisionMaker.DEVOLVED_PANEL)])
def test_within_100_days_of_18_the_home_office_decides(personas, settings, days, maker):
    settings.LANTERN_NRM_DEVOLVED_PILOT = True
    child = north_police_child(age=14)
    child.date_of_birth = _born_18_in(days)
    child.save()
    referral = _refer(personas["priya"], child)
    if referral.days_to_18 == days:  # always, unless the birthday would be 29 February
        assert referral.decision_maker == maker


def test_an_adult_is_refused_and_nothing_is_saved(personas):
    child = north_police_child(age=14)
    child.date_of_birth = _today().replace(year=_today().year - 19)
    child.save()
    with pytest.raises(ValidationError, match="18 or over"):
        _refer(personas["priya"], child)
    assert not NrmReferral.objects.exists()


@pytest.mark.parametrize("username", ["sarah", "marcus", "dan", "grace", "amir"])
def test_only_first_responders_refer(personas, username):
    child = north_police_child(age=14)
    with pytest.raises(PermissionDenied):
        _refer(personas[username], child)


def test_decisions_are_checked_and_mirrored(personas):
    priya = personas["priya"]
    referral = PendingReferralFactory(person=north_police_child(age=14))
    rg_on = referral.submitted_on + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as exc:
        services.referral_decisions_update(
            actor=priya, referral=referral, rg_decision="positive", rg_decision_on=rg_on,
            cg_decision="positive", cg_decision_on=rg_on + dt.timedelta(days=5))
    assert "cg_decision_on" in exc.value.message_dict
    updated = services.referral_decisions_update(
        actor=priya, referral=referral, rg_decision="positive", rg_decision_on=rg_on,
        ictg_referred_on=rg_on)
    assert updated.conclusive_grounds_earliest == rg_on + dt.timedelta(days=30)
    texts = list(ChronologyEvent.objects.filter(source_id=referral.pk).values_list("summary", flat=True))
    assert any("Reasonable grounds decision: positive" in t for t in texts)
    assert any("Guardian" in t for t in texts)
    assert all(s == STATUTORY for s in ChronologyEvent.objects.filter(
        source_id=referral.pk).values_list("sharing", flat=True))


def test_a_decision_needs_its_date_and_reconsideration_follows_a_negative(personas):
    referral = PendingReferralFactory(person=north_police_child(age=14))
    with pytest.raises(ValidationError) as exc:
        services.referral_decisions_update(actor=personas["priya"], referral=referral,
                                           rg_decision="negative")
    assert "rg_decision_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.referral_decisions_update(
            actor=personas["priya"], referral=referral, reconsideration="requested",
            reconsideration_requested_on=_today())
    assert "reconsideration" in exc.value.message_dict


# --- charges and the section 45 rule --------------------------------------------------------------


def _charge(actor, child):
    return services.charge_record(actor=actor, person=child, offence="Possession with intent to supply",
                                  charged_on=_today(), court_date=_today() + dt.timedelta(days=7))


def test_rule_fires_for_indicators_and_no_referral(personas):
    priya, olivia = personas["priya"], personas["olivia"]
    child = north_police_child()
    assessed(priya, child, COUNTY_LINES_VERY_HIGH)
    charge = _charge(olivia, child)
    assert charge.section45_prompted_at is not None
    assert "County Lines High" in charge.section45_reasons
    task = Task.objects.get(source_type=services.TASK_SOURCE_SECTION45, source_id=charge.pk)
    assert task.assigned_to == priya  # the lead professional, a first responder
    assert task.title.startswith("Urgent: make an NRM referral")
    assert Alert.objects.filter(recipient=priya, person=child).exists()
    assert AuditEvent.objects.filter(action=events.SECTION45_PROMPTED).exists()


def test_rule_does_not_fire_with_low_domains(personas):
    child = north_police_child()
    assessed(personas["priya"], child, LOW)
    charge = _charge(personas["olivia"], child)
    assert charge.section45_prompted_at is None
    assert not Task.objects.filter(source_type=services.TASK_SOURCE_SECTION45).exists()


def test_rule_does_not_fire_when_a_referral_exists(personas):
    child = north_police_child()
    assessed(personas["priya"], child, COUNTY_LINES_VERY_HIGH)
    PendingReferralFactory(person=child)
    assert _charge(personas["olivia"], child).section45_prompted_at is None


def test_rule_does_not_fire_without_any_assessment(personas):
    assert _charge(personas["olivia"], north_police_child()).section45_prompted_at is None


def test_indicator_sources_are_pluggable(personas, settings):
    """A County Lines register plugs in a source; the rule fires on it with no assessment."""
    settings.LANTERN_NRM_INDICATOR_SOURCES = [lambda person: ["Linked to the 'Blade' deal line"]]
    charge = _charge(personas["olivia"], north_police_child())
    assert charge.section45_reasons == "Linked to the 'Blade' deal line"


def test_a_school_cannot_record_a_charge(personas, casebook):
    with pytest.raises(PermissionDenied):
        _charge(personas["sarah"], casebook["pupil"])


def test_court_outcome_needs_a_date_and_goes_on_the_chronology(personas):
    olivia = personas["olivia"]
    charge = _charge(olivia, north_police_child())
    with pytest.raises(ValidationError):
        services.charge_court_update(actor=olivia, charge=charge, outcome="section_45")
    services.charge_court_update(actor=olivia, charge=charge, outcome="section_45", outcome_on=_today())
    assert ChronologyEvent.objects.filter(source_type="nrm.Charge", summary__contains="section 45").exists()


# --- transition to adulthood --------------------------------------------------------------------


def test_transition_reminder_goes_to_the_lead_once(personas):
    from lantern.cases.tests.factories import OpenCaseFactory

    child = north_police_child()
    child.date_of_birth = _born_18_in(60)
    child.save()
    OpenCaseFactory(person=child, lead=personas["priya"])
    made = services.transition_reminders()
    assert len(made) == 1 and made[0].assigned_to == personas["priya"]
    assert services.transition_reminders() == []  # once per child


def test_transition_reminder_boundary(personas):
    from lantern.cases.tests.factories import OpenCaseFactory

    child = north_police_child()
    child.date_of_birth = dt.date(2009, 6, 15)  # 18 on 15 June 2027
    child.save()
    OpenCaseFactory(person=child, lead=personas["priya"])
    assert services.transition_reminders(today=dt.date(2027, 3, 6)) == []  # 101 days
    made = services.transition_reminders(today=dt.date(2027, 3, 7))  # 100 days
    assert len(made) == 1 and "15 June 2027" in made[0].title


def test_youth_justice_on_the_record_hears_the_note_is_ready(personas):
    from lantern.accounts.choices import AgencyKind, Role
    from lantern.accounts.models import Agency, User
    from lantern.people.tests.factories import InvolvementFactory

    yjs = Agency.objects.get_or_create(name="Ashdown Youth Justice Service",
                                       defaults={"kind": AgencyKind.YOUTH_JUSTICE})[0]
    worker = User.objects.create(username="yjworker", role=Role.PRACTITIONER, agency=yjs)
    child = north_police_child()
    InvolvementFactory(person=child, agency=yjs, user=worker)
    assessed(personas["priya"], child, COUNTY_LINES_VERY_HIGH)
    _charge(personas["olivia"], child)
    alert = Alert.objects.get(recipient=worker)
    assert "section 45 note is ready" in alert.message
