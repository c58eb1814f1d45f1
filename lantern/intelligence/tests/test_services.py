"""Intelligence writes: who may do them, what they refuse, and what they set off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lantern.accounts.models import Agency, Area, Team
from lantern.audit.models import AuditEvent
from lantern.cases.models import Alert
from lantern.cases.tests.factories import OpenCaseFactory
from lantern.intelligence import events, services
from lantern.intelligence.choices import EntityKind, LinkType
from lantern.intelligence.models import Link, PartnerSubmission
from lantern.missing.services import mention_add, mention_remove
from lantern.missing.tests.factories import DueInterviewFactory, ReturnedEpisodeFactory
from lantern.people.models import ChronologyEvent
from lantern.people.tests.factories import ChildFactory, InvolvementFactory
from lantern.referrals.models import Referral

pytestmark = pytest.mark.django_db
CANARY = "CANARY-ARREST-DETAIL-7731"
TODAY = timezone.localdate


def _arrest(actor, person, **kw):
    args = {"kind": "arrest", "occurred_on": TODAY() - dt.timedelta(days=1),
            "offence_type": "drug_supply", "outcome": "rui", "detail": f"Found with wraps {CANARY}"}
    args.update(kw)
    return services.encounter_record(actor=actor, person=person, **args)


def test_an_arrest_alerts_the_lead_and_its_detail_stays_police_only(personas, casebook):
    child = casebook["team_child"]
    OpenCaseFactory(person=child, lead=personas["priya"],
                    team=Team.objects.get(name="Lantern Exploitation Team North"))
    encounter = _arrest(personas["dan"], child)
    assert encounter.event.sharing == "police" and CANARY in encounter.event.summary
    assert encounter.event.event_type == "arrest" and encounter.referral_id is None
    alert = Alert.objects.get(recipient=personas["priya"], person=child)
    assert CANARY not in alert.message and "Arrest" in alert.message
    assert AuditEvent.objects.filter(action=events.ENCOUNTER_RECORDED).exists()


def test_a_sanitised_summary_goes_to_statutory_partners_and_the_detail_does_not(personas, casebook):
    encounter = _arrest(personas["olivia"], casebook["police_child"], kind="stop_search",
                        offence_type="county_lines", outcome="safeguarded",
                        sanitised_summary="Stopped at the station and taken home safely.")
    assert encounter.event.event_type == "police_stop" and encounter.event.sharing == "statutory"
    assert CANARY not in encounter.event.summary


def test_no_open_case_sends_a_police_referral_to_triage_without_the_detail(personas, casebook):
    encounter = _arrest(personas["olivia"], casebook["police_child"])
    referral = Referral.objects.get(pk=encounter.referral_id)
    assert referral.person == casebook["police_child"] and referral.referrer == personas["olivia"]
    assert CANARY not in referral.concerns and "held by the police" in referral.concerns
    assert not ChronologyEvent.objects.filter(summary__contains=CANARY).exclude(
        sharing="police").exists()


def test_only_police_record_and_only_for_children_they_may_act_for(personas, casebook):
    with pytest.raises(PermissionDenied):
        _arrest(personas["priya"], casebook["team_child"])
    with pytest.raises(PermissionDenied):  # olivia's agency is not involved with this child
        _arrest(personas["olivia"], casebook["team_child"])
    with pytest.raises(ValidationError, match="today or in the past"):
        _arrest(personas["olivia"], casebook["police_child"],
                occurred_on=TODAY() + dt.timedelta(days=2))


def test_a_report_is_graded_and_only_the_analyst_sanitises_it(personas):
    with pytest.raises(ValidationError, match="conditions"):
        services.report_record(actor=personas["dan"], received_on=TODAY(), source_evaluation="1",
                               intel_assessment="A", handling_code="C", text="Words")
    with pytest.raises(PermissionDenied):
        services.report_record(actor=personas["priya"], received_on=TODAY(),
                               source_evaluation="1", intel_assessment="A", handling_code="P",
                               text="Words")
    report = services.report_record(actor=personas["olivia"], received_on=TODAY(),
                                    source_evaluation="2", intel_assessment="B",
                                    handling_code="P", text="Unsanitised words")
    assert report.reference.startswith("INT-") and report.grade == "2B P"
    with pytest.raises(PermissionDenied):
        services.report_sanitise(actor=personas["olivia"], report=report, sanitised_text="x")
    with pytest.raises(ValidationError, match="must not be the original"):
        services.report_sanitise(actor=personas["dan"], report=report,
                                 sanitised_text="Unsanitised words")
    services.report_sanitise(actor=personas["dan"], report=report, sanitised_text="A line operates")
    assert report.is_sanitised


def test_a_school_submits_and_gets_a_reference(personas):
    sub = services.submission_make(actor=personas["sarah"], what="A car waits at the gates",
                                   mentions=[("vehicle", "Silver car", ""), ("phone", " ", "")])
    assert sub.reference.startswith("SUB-") and sub.status == "received"
    assert list(sub.mentions.values_list("kind", flat=True)) == ["vehicle"]
    for who in ("amir", "sam", "grace"):
        with pytest.raises(PermissionDenied):
            services.submission_make(actor=personas[who], what="x")


def test_return_home_interview_mentions_arrive_as_one_submission(personas, casebook):
    child = casebook["team_child"]
    interview = DueInterviewFactory(episode=ReturnedEpisodeFactory(
        person=child, reported_by=Agency.objects.get(name="Ashdown Police")))
    first = mention_add(actor=personas["priya"], interview=interview, kind="phone",
                        value="07700 900111")
    mention_add(actor=personas["priya"], interview=interview, kind="place", value="Bus station")
    sub = PartnerSubmission.objects.get(interview=interview)
    assert sub.source == "return_interview" and sub.person == child
    assert sorted(sub.mentions.values_list("kind", flat=True)) == ["phone", "place"]
    mention_remove(actor=personas["priya"], mention=first)
    assert list(sub.mentions.values_list("value", flat=True)) == ["Bus station"]


def test_children_found_together_get_a_missing_with_link(personas, casebook):
    child = casebook["team_child"]
    friend = ChildFactory(first_name="Ellis")
    InvolvementFactory(person=friend, agency=Agency.objects.get(name="Ashdown Children's Services"),
                       team=Team.objects.get(name="Lantern Exploitation Team North"))
    episode = ReturnedEpisodeFactory(person=child,
                                     reported_by=Agency.objects.get(name="Ashdown Police"))
    found = services.found_with_add(actor=personas["priya"], episode=episode, person=friend)
    link = found.link
    assert link.link_type == LinkType.MISSING_WITH and link.sharing == "partnership"
    assert (link.a_id, link.b_id) == (child.pk, friend.pk)
    with pytest.raises(ValidationError, match="already"):
        services.found_with_add(actor=personas["priya"], episode=episode, person=friend)
    with pytest.raises(PermissionDenied):  # priya may not open the West child
        services.found_with_add(actor=personas["priya"], episode=episode,
                                person=casebook["west_child"])


def test_line_status_history_refuses_nonsense(personas):
    north = Area.objects.get_or_create(name="North")[0]
    line = services.line_create(actor=personas["dan"], brand="Ghost", importing_area=north,
                                exporting_area="Kingsmere", opened_on=dt.date(2018, 3, 1),
                                numbers=["07700 900187", "+44 7700 900187"])
    assert Link.objects.filter(a_kind=EntityKind.LINE, a_id=line.pk).count() == 1
    with pytest.raises(ValidationError, match="already active"):
        services.line_status_change(actor=personas["dan"], line=line, status="active",
                                    effective_on=dt.date(2018, 5, 1), reason="x")
    with pytest.raises(ValidationError, match="on or after"):
        services.line_status_change(actor=personas["dan"], line=line, status="closed",
                                    effective_on=dt.date(2017, 5, 1), reason="x")
    with pytest.raises(ValidationError, match="reason"):
        services.line_status_change(actor=personas["dan"], line=line, status="closed",
                                    effective_on=dt.date(2019, 5, 1), reason=" ")
    services.line_status_change(actor=personas["dan"], line=line, status="disrupted",
                                effective_on=dt.date(2019, 1, 1), reason="Runner arrested")
    assert line.status_on(dt.date(2019, 2, 1)) == "disrupted"
    with pytest.raises(PermissionDenied):
        services.line_status_change(actor=personas["priya"], line=line, status="closed",
                                    effective_on=dt.date(2019, 5, 1), reason="x")
    with pytest.raises(ValidationError, match="phone number"):
        services.line_create(actor=personas["dan"], brand="X", importing_area=north,
                             exporting_area="Y", opened_on=dt.date(2019, 1, 1), numbers=["123"])
