"""Alerts are counted only from entries the viewer may read (docs/adr/0020-emerging-threats.md).

A surge of police-only intelligence about a town must not reach a team manager's page, a
panel's Themes or the command's default export: the alert itself would tell them the police
hold intelligence there, and its count how much. A police analyst, who reads police entries,
sees it.
"""

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

AS_AT = dt.date(2026, 11, 30)
LATEST = dt.date(2026, 11, 23)
TOWN = "Harrowden"  # in North
ALERT = "Intelligence naming a place in North"


def _intelligence(sharing: str, n: int = 9):
    """``n`` intelligence entries naming Harrowden in the latest week, about a child who lives
    outside North (so only the words of the entries put them in North)."""
    elsewhere = District.objects.exclude(area__name="North").order_by("pk").first()
    child = ChildFactory()
    Address.objects.create(person=child, line1="2 Quay St", town="Elsewhere", district=elsewhere,
                           start_date=dt.date(2020, 1, 1))
    Address.objects.create(person=ChildFactory(), line1="1 Mill Lane", town=TOWN,
                           district=District.objects.get(name="Harrowden"),
                           start_date=dt.date(2020, 1, 1))
    police = Agency.objects.get(name=cast.POLICE)
    for _ in range(n):
        ChronologyEventFactory(person=child, source_agency=police, event_type="intelligence",
                               event_date=LATEST + dt.timedelta(days=1), sharing=sharing,
                               summary=f"Intelligence that children are taken to a flat in {TOWN}.")


def _page(client, who) -> str:
    client.force_login(who)
    response = client.get(reverse("threats:index"), {"as_at_0": "30", "as_at_1": "11",
                                                     "as_at_2": "2026"})
    assert response.status_code == 200
    return response.content.decode()


def _themes(meeting_date=AS_AT) -> list[str]:
    from lantern.panels.agenda import propose
    from lantern.panels.tests.factories import PlannedMeetingFactory

    meeting = PlannedMeetingFactory(held_on=meeting_date)
    return [p.title for p in propose(meeting) if p.title.startswith("Emerging threat")]


def test_police_only_intelligence_alerts_police_readers_only(client, personas):
    _intelligence("police")
    assert ALERT not in _page(client, personas["tom"])  # team manager, children's services
    assert ALERT not in _page(client, personas["amir"])  # partnership analyst
    assert ALERT not in _page(client, personas["marcus"])  # panel chair
    dan_page = _page(client, personas["dan"])  # police analyst
    assert ALERT in dan_page
    assert "entries you may read: partnership, statutory partners, police only." in dan_page
    viewed = {e.actor_username: e.detail for e in AuditEvent.objects.filter(action=events.VIEWED)}
    assert viewed["tom"]["alerts"] == [] and viewed["tom"]["sharing"] == ["partnership", "statutory"]
    assert viewed["dan"]["alerts"] == [f"North:intelligence_place:{LATEST.isoformat()}"]
    assert "police" in viewed["dan"]["sharing"]


def test_police_only_intelligence_never_reaches_a_panels_themes(personas):
    _intelligence("police")
    assert _themes() == []


def test_statutory_entries_stay_off_the_panel_agenda(client, personas):
    """A school's safeguarding lead or a voluntary organisation may sit on a panel, and the
    Themes are shown to everyone who sees it: only partnership-level entries count there."""
    _intelligence("statutory")
    assert ALERT in _page(client, personas["tom"])
    assert _themes() == []


def test_sanitised_intelligence_shared_with_the_partnership_reaches_everyone(client, personas):
    _intelligence("partnership")
    assert ALERT in _page(client, personas["tom"])
    assert _themes() == ["Emerging threat: intelligence naming a place in North, since the week "
                         "of 23 November 2026"]


def test_watched_events_counts_only_the_levels_given(personas):
    from lantern.threats.selectors import watched_events

    _intelligence("police", n=1)
    assert watched_events(start=LATEST, end=AS_AT, levels={"partnership", "statutory"}) == []
    assert [k for _, _, k in watched_events(start=LATEST, end=AS_AT,
                                            levels={"partnership", "statutory", "police"})] == [
        "intelligence_place"]


def test_the_command_exports_statutory_figures_unless_asked_for_police(personas):
    _intelligence("police")
    out = io.StringIO()
    call_command("emerging_threats", "--as-at", AS_AT.isoformat(), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["alerts"] == [] and data["sharing"] == ["partnership", "statutory"]
    out = io.StringIO()
    call_command("emerging_threats", "--as-at", AS_AT.isoformat(), "--format", "json",
                 "--sharing", "partnership,statutory,police", stdout=out)
    data = json.loads(out.getvalue())
    assert [a["kind"] for a in data["alerts"]] == ["intelligence_place"]
    exported = AuditEvent.objects.filter(action=events.EXPORTED).order_by("pk").last()
    assert exported.detail["sharing"] == ["partnership", "police", "statutory"]
