"""An address in the network is shown only to someone who may open its resident, so it is that
person's data: the network view, its exports, its "what changed" section and the map audit the
resident's id. The resident is not linked to anything here, so they are named only through
their address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lantern.audit.models import AuditEvent
from lantern.intelligence.choices import EntityKind, LinkType
from lantern.intelligence.tests.factories import ActiveLineFactory, StatutoryLinkFactory
from lantern.networks import events
from lantern.people.tests.factories import CurrentAddressFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cuckooed(personas, casebook):
    """'Ghost' with Kayla's home cuckooed (Priya's child) and a hidden child's home (not Priya's)."""
    line = ActiveLineFactory(brand="Ghost")
    home = CurrentAddressFactory(person=casebook["team_child"], line1="12 Canal Row")
    secret = CurrentAddressFactory(person=casebook["police_child"], line1="9 Secret Lane")
    for address in (home, secret):
        StatutoryLinkFactory(a_kind=EntityKind.ADDRESS, a_id=address.pk, b_kind=EntityKind.LINE,
                             b_id=line.pk, link_type=LinkType.CUCKOOED_ADDRESS_OF,
                             first_seen=dt.date(2025, 1, 1))
    return {"line": line, "home": home, "resident": casebook["team_child"],
            "hidden": casebook["police_child"], "user": personas["priya"]}


def _last(action) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("id").last()


def _assert_resident_only(event, cuckooed):
    assert cuckooed["resident"].pk in event.subject_ids
    assert cuckooed["hidden"].pk not in event.subject_ids


def test_the_network_view_audits_an_addresss_resident(client, cuckooed):
    client.force_login(cuckooed["user"])
    res = client.get(reverse("networks:view", args=["line", cuckooed["line"].pk]), {"depth": "1"})
    body = res.content.decode()
    assert "12 Canal Row" in body and "Secret Lane" not in body
    _assert_resident_only(_last(events.VIEWED), cuckooed)


@pytest.mark.parametrize("what", ["entities", "links", "graphml"])
def test_exports_audit_an_addresss_resident(client, cuckooed, what):
    client.force_login(cuckooed["user"])
    url = reverse("networks:export", args=["line", cuckooed["line"].pk]) + "?depth=1"
    res = client.post(url, {"what": what, "reason": "Ghost line briefing"})
    assert res.status_code == 200 and "Secret Lane" not in res.content.decode()
    _assert_resident_only(_last(events.EXPORTED), cuckooed)


def test_an_address_named_only_in_what_changed_is_audited(client, cuckooed):
    """The link ended before the as-at date: the view leaves it out, "what changed" names it."""
    from lantern.intelligence.models import Link

    Link.objects.filter(a_id=cuckooed["home"].pk, a_kind=EntityKind.ADDRESS).update(
        last_seen=dt.date(2025, 6, 1))
    client.force_login(cuckooed["user"])
    res = client.get(reverse("networks:view", args=["line", cuckooed["line"].pk]),
                     {"depth": "1", "as_at_0": "1", "as_at_1": "1", "as_at_2": "2026",
                      "since_0": "1", "since_1": "1", "since_2": "2025"})
    body = res.content.decode()
    assert "12 Canal Row" in body
    _assert_resident_only(_last(events.VIEWED), cuckooed)


def test_the_map_audits_an_addresss_resident(client, cuckooed):
    client.force_login(cuckooed["user"])
    body = client.get(reverse("networks:map")).content.decode()
    assert "12 Canal Row" in body and "Secret Lane" not in body
    _assert_resident_only(_last(events.MAP_VIEWED), cuckooed)
