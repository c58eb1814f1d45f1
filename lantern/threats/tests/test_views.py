"""The emerging threats page, command and panel Themes: who may see them, what they say, what
is hidden, and the audit trail."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from lantern.accounts.models import Agency, District
from lantern.audit.models import AuditEvent
from lantern.people.models import Address
from lantern.people.tests.factories import ChildFactory, ChronologyEventFactory
from lantern.synthetic import personas as cast
from lantern.threats import events

pytestmark = pytest.mark.django_db

AS_AT = dt.date(2026, 11, 30)  # a Monday: the latest complete week starts 23 November
LATEST = dt.date(2026, 11, 23)
#: The selector tests below are about placing and classifying, not sharing (test_sharing.py).
EVERY_LEVEL = ("partnership", "statutory", "police", "health")


def _child_in(district_name: str, **kwargs):
    child = ChildFactory(**kwargs)
    Address.objects.create(person=child, line1="1 Mill Lane", town="Harrowden",
                           district=District.objects.get(name=district_name),
                           start_date=dt.date(2020, 1, 1))
    return child


def _missing(child, day, n=1):
    police = Agency.objects.get(name=cast.POLICE)
    for _ in range(n):
        ChronologyEventFactory(person=child, source_agency=police, event_type="missing",
                               event_date=day, summary="Reported missing; found the next day.")


@pytest.fixture
def surge(personas):
    """North: three missing episodes a week for 12 weeks, then 9 in the latest week."""
    north = District.objects.get(name="Harrowden")
    assert north.area.name == "North"
    child = _child_in("Harrowden", first_name="Tallulah", last_name="Quorne")
    for i in range(1, 13):
        _missing(child, LATEST - dt.timedelta(weeks=i) + dt.timedelta(days=2), 3)
    _missing(child, LATEST + dt.timedelta(days=1), 9)
    return child


def _page(client, who, **params):
    client.force_login(who)
    return client.get(reverse("threats:index"), params)


def test_the_analyst_sees_the_alert_with_why_and_no_child(client, personas, surge):
    response = _page(client, personas["amir"], as_at_0="30", as_at_1="11", as_at_2="2026")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Missing episodes in North" in body
    assert ("North: 9 missing episodes in the week of 23 November 2026 against a 12-week mean "
            "of 3.0.") in body
    assert "Tallulah" not in body and "Quorne" not in body
    assert 'data-vega-chart="threat-chart-0"' in body and "threat-chart-0" in body
    # Weekly counts of 3 are hidden (below 5); the baseline total (36) is not.
    assert ">hidden<" in body
    event = AuditEvent.objects.filter(action=events.VIEWED).last()
    assert event.actor_username == "amir"
    assert event.detail["as_at"] == "2026-11-30"
    assert event.detail["alerts"] == [f"North:missing:{LATEST.isoformat()}"]


def test_a_small_surge_is_listed_without_its_count(client, personas):
    child = _child_in("Harrowden")
    _missing(child, LATEST + dt.timedelta(days=2), 4)  # 4 against nothing: unusual, but small
    body = _page(client, personas["tom"], as_at_0="30", as_at_1="11", as_at_2="2026").content.decode()
    assert "Missing episodes in North" in body
    assert "too few to publish" in body
    assert "4 missing" not in body and "A week this high" not in body


@pytest.mark.parametrize("who", ["amir", "tom", "marcus", "dan"])
def test_roles_that_may_see_the_page(client, personas, who):
    assert _page(client, personas[who]).status_code == 200


@pytest.mark.parametrize("who", ["priya", "olivia", "sarah", "grace", "sam"])
def test_roles_that_may_not(client, personas, who):
    assert _page(client, personas[who]).status_code == 404
    assert not AuditEvent.objects.filter(action=events.VIEWED).exists()


def test_a_bad_date_gets_a_govuk_error_and_todays_alerts(client, personas, surge):
    response = _page(client, personas["amir"], as_at_0="31", as_at_1="2", as_at_2="2026")
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "<title>Error:" in body
    response = _page(client, personas["amir"], as_at_0="x", as_at_1="", as_at_2="")
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_no_alerts_page(client, personas):
    body = _page(client, personas["amir"]).content.decode()
    assert "No alerts" in body


def test_command_json(personas, surge):
    out = io.StringIO()
    call_command("emerging_threats", "--as-at", AS_AT.isoformat(), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["latest_week"] == "2026-W48" and data["rule"]["method"] == "poisson_exceedance"
    [alert] = data["alerts"]
    assert alert["area"] == "North" and alert["kind"] == "missing" and alert["count"] == 9
    assert alert["baseline_mean"] == 3.0 and alert["state"] == "new"
    assert any(w["suppressed"] and w["count"] is None for w in alert["series"])
    assert "Tallulah" not in out.getvalue()
    assert AuditEvent.objects.filter(action=events.EXPORTED).count() == 1


def test_command_text_and_bad_date(personas, surge):
    out = io.StringIO()
    call_command("emerging_threats", "--as-at", AS_AT.isoformat(), stdout=out)
    assert "[new] North: 9 missing episodes" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("emerging_threats", "--as-at", "30/11/2026")


def test_intelligence_counts_where_the_place_it_names_is(personas):
    from lantern.threats.selectors import watched_events

    west_home = _child_in("Harrowden")  # lives in North
    Address.objects.create(person=ChildFactory(), line1="2 Quay St", town="Marlow Quay",
                           district=District.objects.exclude(area__name="North").first())
    police = Agency.objects.get(name=cast.POLICE)
    ChronologyEventFactory(person=west_home, source_agency=police, event_type="intelligence",
                           event_date=LATEST, summary="Intelligence that children are taken to a flat in Marlow Quay.")
    ChronologyEventFactory(person=west_home, source_agency=police, event_type="arrest",
                           event_date=LATEST, summary="Arrested on suspicion of supplying drugs.")
    ChronologyEventFactory(person=west_home, source_agency=police, event_type="arrest",
                           event_date=LATEST, summary="Arrested for shoplifting.")
    ChronologyEventFactory(person=west_home, source_agency=police, event_type="missing",
                           event_date=LATEST, date_precision="month", summary="Missing in November.")
    got = sorted(watched_events(start=LATEST, end=LATEST, levels=EVERY_LEVEL))
    other = District.objects.exclude(area__name="North").first().area.name
    assert got == sorted([(LATEST, other, "intelligence_place"), (LATEST, "North", "drug_supply_arrest")])


def test_alerts_reach_a_panels_themes_without_naming_a_child(personas, surge):
    from lantern.panels.agenda import propose
    from lantern.panels.tests.factories import PlannedMeetingFactory

    meeting = PlannedMeetingFactory(held_on=AS_AT)
    themes = [p for p in propose(meeting) if p.title.startswith("Emerging threat")]
    assert [p.title for p in themes] == [
        "Emerging threat: missing episodes in North, since the week of 23 November 2026"]
    assert "9 missing episodes" in themes[0].detail and "Tallulah" not in themes[0].detail


def test_structured_fields_win_over_the_summary_and_the_address(personas):
    from lantern.accounts.models import Area
    from lantern.threats.selectors import watched_events

    child = _child_in("Harrowden")  # lives in North
    police = Agency.objects.get(name=cast.POLICE)
    east = Area.objects.get(name="East")
    ChronologyEventFactory(person=child, source_agency=police, event_type="concern",
                           concern_type="cse", event_date=LATEST, summary="Concern raised by school.")
    ChronologyEventFactory(person=child, source_agency=police, event_type="arrest", subtype="drug_supply",
                           concern_type="drug_supply", arrested=True, area=east, event_date=LATEST,
                           summary="Arrested.")
    ChronologyEventFactory(person=child, source_agency=police, event_type="arrest", subtype="theft",
                           event_date=LATEST, summary="Arrested; said he was made to supply drugs.")
    got = sorted(watched_events(start=LATEST, end=LATEST, levels=EVERY_LEVEL))
    assert got == [(LATEST, "East", "drug_supply_arrest"), (LATEST, "North", "cse")]
