"""The network view, its tables, exports, map and alerts page as each role may see them: 404
outside scope, audited, and a person or link the viewer may not see never named or inferable."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.networks import events
from lantern.networks.tests.conftest import CANARY_VEHICLE

pytestmark = pytest.mark.django_db

HIDDEN = ("Reece", "Tamberlane", CANARY_VEHICLE, "Canary car")


def _view(net, who="kayla", **query):
    target = net[who]
    kind = "person" if who in ("kayla", "reece", "adult") else who
    return reverse("networks:view", args=[kind, target.pk]), query


def test_priya_sees_her_childs_network_and_nothing_hidden(client, personas, net):
    client.force_login(personas["priya"])
    url, _ = _view(net)
    res = client.get(url, {"depth": "2"})
    assert res.status_code == 200
    body = res.content.decode()
    assert "Kayla Brightwater" in body and "07700 900123" in body and "Ghost" in body
    assert "Brent Kilner" in body
    for canary in HIDDEN:
        assert canary not in body, canary
    # The child suspect rule is the intelligence app's; the link to the adult shows Kayla as victim.
    assert "Victim" in body


def test_counts_do_not_give_a_hidden_child_away(client, personas, net):
    """The phone is held by Kayla and by a hidden child: the page counts only what it shows."""
    client.force_login(personas["priya"])
    body = client.get(reverse("networks:view", args=["phone", net["phone"].pk]), {"depth": "1"}).content.decode()
    table = body.split('id="links-heading"')[1]
    view_links = [r for r in table.split("<tr") if "Uses phone" in r]
    assert len(view_links) == 1
    assert "do not have access" not in body  # no "1 other person": the link is simply not there


def test_police_see_police_only_links(client, personas, net):
    client.force_login(personas["dan"])
    url, _ = _view(net)
    body = client.get(url).content.decode()
    assert CANARY_VEHICLE in body and "Reece Tamberlane" in body


@pytest.mark.parametrize("who", ["sarah", "amir", "sam"])
def test_schools_analysts_and_admins_get_404(client, personas, net, who):
    client.force_login(personas[who])
    url, _ = _view(net)
    assert client.get(url).status_code == 404
    assert client.get(reverse("networks:map")).status_code == 404
    assert client.get(reverse("networks:alerts")).status_code == 404


def test_a_centre_outside_scope_is_404_like_one_that_does_not_exist(client, personas, net, casebook):
    client.force_login(personas["priya"])
    assert client.get(reverse("networks:view", args=["person", net["reece"].pk])).status_code == 404
    assert client.get(reverse("networks:view", args=["person", casebook["restricted"].pk])).status_code == 404
    assert client.get(reverse("networks:view", args=["person", 999999])).status_code == 404
    assert client.get(reverse("networks:view", args=["nonsense", 1])).status_code == 404
    assert client.get(reverse("networks:view", args=["vehicle", net["vehicle"].pk])).status_code == 200
    # ...but the vehicle's only link is police only, so nothing joins it to Kayla.
    body = client.get(reverse("networks:view", args=["vehicle", net["vehicle"].pk])).content.decode()
    assert "Kayla" not in body


def test_view_is_audited_with_the_people_shown(client, personas, net):
    client.force_login(personas["priya"])
    url, _ = _view(net)
    client.get(url)
    event = AuditEvent.objects.filter(action=events.VIEWED).last()
    assert set(event.subject_ids) == {net["kayla"].pk, net["adult"].pk}
    assert event.detail["centre"] == f"P:{net['kayla'].pk}"


def test_as_at_depth_and_filters(client, personas, net):
    client.force_login(personas["priya"])
    url, _ = _view(net)
    before = client.get(url, {"as_at_0": "1", "as_at_1": "6", "as_at_2": "2025", "depth": "3"}).content.decode()
    assert "Ghost" not in before and "Brent" not in before  # Kayla's links began in 2026
    one = client.get(url, {"depth": "1"}).content.decode()
    assert "Ghost" not in one and "07700 900123" in one
    phones_only = client.get(url, {"depth": "2", "kinds": ["phone"]}).content.decode()
    assert "Brent" not in phones_only and "07700 900123" in phones_only
    confirmed = client.get(url, {"depth": "1", "strength": "confirmed"}).content.decode()
    assert "Brent" not in confirmed  # the adult's link to Kayla is tentative
    typed = client.get(url, {"depth": "1", "types": ["exploits"]}).content.decode()
    assert "Brent" in typed and "07700 900123" not in typed


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_what_changed_since_a_date_names_only_what_the_viewer_may_see(client, personas, net):
    """Between 1 January and 1 May 2026 Kayla gained a phone, an exploiting adult and a missing
    episode with Reece, so her group (she and an older phone) joined the line's; the adult's
    control of the line ended. Priya sees her own changes, never Reece's link or the
    police-only car; an ended link is said with its last date."""
    from lantern.intelligence.choices import EntityKind, LinkType
    from lantern.intelligence.models import Link
    from lantern.intelligence.tests.factories import PhoneFactory, StatutoryLinkFactory

    old_phone = PhoneFactory(number="07700900456")
    StatutoryLinkFactory(a_kind=EntityKind.PERSON, a_id=net["kayla"].pk, b_kind=EntityKind.PHONE,
                         b_id=old_phone.pk, link_type=LinkType.USES_PHONE,
                         first_seen=dt.date(2025, 6, 1))
    Link.objects.filter(pk=net["links"]["adult_line"].pk).update(last_seen=dt.date(2026, 4, 20))
    Link.objects.filter(pk=net["links"]["adult_kayla"].pk).update(last_seen=dt.date(2026, 4, 25))
    client.force_login(personas["priya"])
    url, _ = _view(net)
    query = {"depth": "3", **_date("as_at", dt.date(2026, 5, 1)), **_date("since", dt.date(2026, 1, 1))}
    body = client.get(url, query).content.decode()
    changes = body.split('id="changes-heading"')[1].split('id="key-heading"')[0]
    assert "What changed since 1 January 2026" in body
    assert "Kayla Brightwater: uses phone: 07700 900123" in changes
    assert "Brent Kilner: controls line: &#x27;Ghost&#x27; line" in changes
    assert "last seen 20 April 2026" in changes
    assert "joined with" in changes and "07700 900456" in changes  # her old group joined the line's
    # Brent's links have both ended, so the view as at 1 May does not show him: only the
    # changes name him, and everyone the page names is in its audit event.
    assert "Brent" not in body.split('id="entities-heading"')[1]
    audited = AuditEvent.objects.filter(action=events.VIEWED).latest("id")
    assert {net["kayla"].pk, net["adult"].pk} <= set(audited.subject_ids)
    assert net["reece"].pk not in audited.subject_ids
    for canary in HIDDEN:
        assert canary not in changes, canary
    client.force_login(personas["dan"])
    dan = client.get(url, query).content.decode().split('id="changes-heading"')[1]
    assert "Reece Tamberlane" in dan.split('id="key-heading"')[0]
    nothing = client.get(url, {**_date("as_at", dt.date(2026, 5, 1)),
                               **_date("since", dt.date(2026, 4, 30))}).content.decode()
    assert "Nothing you may see changed" in nothing
    late = client.get(url, {**_date("as_at", dt.date(2026, 1, 1)),
                            **_date("since", dt.date(2026, 5, 1))}).content.decode()
    assert "must be on or before the as-at date" in late


def test_key_entities_are_worked_out_from_the_links_shown(client, personas, net):
    client.force_login(personas["priya"])
    url, _ = _view(net)
    body = client.get(url, {"depth": "3"}).content.decode()
    key = body.split('id="key-heading"')[1].split('id="entities-heading"')[0]
    assert "PageRank" in key and "Kayla Brightwater" in key and "07700 900123" in key
    for canary in HIDDEN:
        assert canary not in key, canary


def test_expand_a_node_one_link_further(client, personas, net):
    client.force_login(personas["priya"])
    url, _ = _view(net)
    body = client.get(url, {"depth": "1"}).content.decode()
    assert "Ghost" not in body
    expanded = client.get(url, {"depth": "1", "expand": f"PH:{net['phone'].pk}"}).content.decode()
    assert "Ghost" in expanded


def test_bad_input_gets_a_govuk_error_not_a_500(client, personas, net):
    client.force_login(personas["priya"])
    url, _ = _view(net)
    res = client.get(url, {"depth": "9", "as_at_0": "31", "as_at_1": "2", "as_at_2": "2025",
                           "kinds": ["nonsense"], "expand": "P:1 X:zz"})
    assert res.status_code == 200
    body = res.content.decode()
    assert "govuk-error-summary" in body and "Choose 1, 2 or 3 links out" in body


def _export(client, net, what, reason="Ghost line briefing for the MACE panel"):
    url = reverse("networks:export", args=["person", net["kayla"].pk]) + "?depth=3"
    return client.post(url, {"what": what, "reason": reason})


def test_exports_ask_for_a_reason_and_audit_it(client, personas, net):
    client.force_login(personas["priya"])
    res = _export(client, net, "links", reason="")
    assert res.status_code == 200 and "Enter why you need this export" in res.content.decode()
    assert not AuditEvent.objects.filter(action=events.EXPORTED).exists()
    res = _export(client, net, "entities")
    assert res.status_code == 200 and res["Content-Disposition"].endswith('entities.csv"')
    event = AuditEvent.objects.filter(action=events.EXPORTED).last()
    assert event.reason == "Ghost line briefing for the MACE panel"
    assert event.detail["format"] == "entities"
    assert set(event.subject_ids) == {net["kayla"].pk, net["adult"].pk}


def test_exports_hold_only_what_the_view_shows(client, personas, net):
    client.force_login(personas["priya"])
    entities = _export(client, net, "entities").content.decode()
    links = _export(client, net, "links").content.decode()
    graphml = _export(client, net, "graphml").content.decode()
    for body in (entities, links, graphml):
        for canary in HIDDEN:
            assert canary not in body
    rows = list(csv.DictReader(io.StringIO(entities)))
    ids = {r["Entity ID"] for r in rows}
    assert f"P:{net['reece'].pk}" not in ids and f"P:{net['kayla'].pk}" in ids
    assert {r["Entity Type"] for r in rows} >= {"Person", "Telephone", "Drugs Line"}
    link_rows = list(csv.DictReader(io.StringIO(links)))
    assert all(r["From Entity ID"] in ids and r["To Entity ID"] in ids for r in link_rows)
    assert {r["Strength"] for r in link_rows} <= {"Confirmed", "Tentative", "Unconfirmed"}
    assert "<graphml" in graphml and f'id="P:{net["kayla"].pk}"' in graphml


def test_map_shows_places_on_the_countys_own_map(client, personas, net):
    from lantern.intelligence.choices import EntityKind
    from lantern.intelligence.tests.factories import StatutoryLinkFactory
    from lantern.people.models import Address

    home = Address.objects.create(person=net["kayla"], line1="12 Canal Row", town="Harrowden",
                                  postcode="AD2 4PQ")
    hidden = Address.objects.create(person=net["reece"], line1="9 Secret Lane", town="Kelbrook",
                                    postcode="AD5 1AA")
    StatutoryLinkFactory(a_kind=EntityKind.PERSON, a_id=net["adult"].pk, b_kind=EntityKind.ADDRESS,
                         b_id=home.pk, link_type="seen_at")
    StatutoryLinkFactory(a_kind=EntityKind.PERSON, a_id=net["adult"].pk, b_kind=EntityKind.ADDRESS,
                         b_id=hidden.pk, link_type="seen_at")
    client.force_login(personas["priya"])
    res = client.get(reverse("networks:map"))
    body = res.content.decode()
    assert res.status_code == 200
    assert "12 Canal Row" in body and "Harrowden" in body
    assert "Secret Lane" not in body
    assert "tile" not in body.lower() and "openstreetmap" not in body.lower()
    assert "Content-Security-Policy" in res.headers and "'unsafe-inline'" not in res.headers["Content-Security-Policy"]
    assert AuditEvent.objects.filter(action=events.MAP_VIEWED).exists()


def test_alerts_go_to_the_lead_professional_and_never_name_a_hidden_child(client, personas, net):
    from lantern.cases.tests.factories import OpenCaseFactory
    from lantern.networks.models import NetworkAlert
    from lantern.networks.services import network_alerts_run

    OpenCaseFactory(person=net["kayla"], lead=personas["priya"])
    OpenCaseFactory(person=net["reece"], lead=personas["olivia"])
    raised = network_alerts_run(since=dt.date(2026, 1, 1), on=dt.date(2026, 6, 1))
    assert raised["lead"] >= 1
    mine = NetworkAlert.objects.filter(recipient=personas["priya"])
    rules = set(mine.values_list("rule", flat=True))
    assert "near_active_line" in rules
    # Reece is hidden from Priya: no shared phone or missing-together alert reaches her.
    assert not rules & {"shared_phone", "shared_missing"}
    assert not NetworkAlert.objects.filter(recipient__role="school_dsl").exists()
    # Running again raises nothing new.
    assert network_alerts_run(since=dt.date(2026, 1, 1), on=dt.date(2026, 6, 1)) == {"lead": 0, "panel": 0}
    client.force_login(personas["priya"])
    body = client.get(reverse("networks:alerts")).content.decode()
    assert "Kayla Brightwater" in body and "Ghost" in body and "Why:" in body
    for canary in HIDDEN:
        assert canary not in body
    alert = mine.first()
    assert client.post(reverse("networks:alert_acknowledge", args=[alert.pk])).status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_at is not None
    client.force_login(personas["olivia"])
    assert client.post(reverse("networks:alert_acknowledge", args=[alert.pk])).status_code == 404


def test_a_lead_who_may_see_both_children_hears_they_share_a_phone(personas, net):
    """Dan may open both children, so the shared phone and the missing episode reach him; Olivia
    may not open Kayla, so for her those links do not exist and nothing is raised."""
    from lantern.cases.tests.factories import OpenCaseFactory
    from lantern.networks.models import NetworkAlert
    from lantern.networks.services import network_alerts_run

    OpenCaseFactory(person=net["reece"], lead=personas["dan"])
    OpenCaseFactory(person=net["reece"], lead=personas["olivia"])
    network_alerts_run(since=dt.date(2026, 1, 1), on=dt.date(2026, 6, 1))
    rules = set(NetworkAlert.objects.filter(recipient=personas["dan"]).values_list("rule", flat=True))
    assert {"shared_phone", "shared_missing"} <= rules
    olivia = set(NetworkAlert.objects.filter(recipient=personas["olivia"]).values_list("rule", flat=True))
    assert not olivia & {"shared_phone", "shared_missing"}


def test_panel_agenda_items_name_nobody(personas, net):
    from lantern.networks.agenda import network_alert_items
    from lantern.networks.services import network_alerts_run
    from lantern.panels.models import Panel, PanelMeeting

    panel = Panel.objects.create(name="North MACE", chair=personas["marcus"])
    meeting = PanelMeeting.objects.create(panel=panel, held_on=dt.date(2026, 6, 2))
    raised = network_alerts_run(since=dt.date(2026, 1, 1), on=dt.date(2026, 6, 1))
    assert raised["panel"] >= 1
    items = network_alert_items(meeting, dt.date(2026, 5, 1))
    assert items
    for item in items:
        text = item.title + item.detail
        for name in ("Kayla", "Brightwater", "Brent", "Kilner", *HIDDEN):
            assert name not in text
