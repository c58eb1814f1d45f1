"""A small network around Priya's child, with a hidden child and a police-only link as canaries.

* ``team_child`` (Kayla Brightwater, Priya's) holds phone A (statutory link), phone A contacts
  the active 'Ghost' line (statutory), an adult of concern controls the line (statutory), and
  the adult exploits Kayla (statutory, since 2026-03-01).
* ``police_child`` (Reece Tamberlane, police only) holds phone A too (statutory link, but Reece
  is hidden from Priya) and went missing with Kayla (statutory).
* a police-only link from Kayla to a vehicle whose registration is the canary ``CANARY99``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.intelligence.choices import EntityKind, LinkType, Role
from lantern.intelligence.models import Vehicle
from lantern.intelligence.tests.factories import (
    ActiveLineFactory,
    LinkFactory,
    PhoneFactory,
    StatutoryLinkFactory,
)
from lantern.people.tests.factories import AdultOfConcernFactory

P = EntityKind.PERSON
CANARY_VEHICLE = "CANARY99"


@pytest.fixture
def net(personas, casebook):
    return build_network(personas, casebook)


def build_network(personas, casebook) -> dict:
    """The network in the module docstring (also used by the browser test)."""
    kayla, reece = casebook["team_child"], casebook["police_child"]
    line = ActiveLineFactory(brand="Ghost")
    phone = PhoneFactory(number="07700900123")
    adult = AdultOfConcernFactory(first_name="Brent", last_name="Kilner")
    from lantern.accounts.models import Team
    from lantern.people.tests.factories import InvolvementFactory

    north = Team.objects.get(name="Lantern Exploitation Team North")
    InvolvementFactory(person=adult, agency=north.agency, team=north)
    links = {
        "kayla_phone": StatutoryLinkFactory(a_kind=P, a_id=kayla.pk, b_kind=EntityKind.PHONE, b_id=phone.pk,
                                            link_type=LinkType.USES_PHONE, first_seen=dt.date(2026, 3, 1)),
        "phone_line": StatutoryLinkFactory(a_kind=EntityKind.PHONE, a_id=phone.pk, b_kind=EntityKind.LINE,
                                           b_id=line.pk, link_type=LinkType.CONTACTS,
                                           first_seen=dt.date(2025, 1, 1)),
        "adult_line": StatutoryLinkFactory(a_kind=P, a_id=adult.pk, a_role=Role.CONTROLLER,
                                           b_kind=EntityKind.LINE, b_id=line.pk,
                                           link_type=LinkType.CONTROLS_LINE, first_seen=dt.date(2024, 1, 1)),
        "adult_kayla": StatutoryLinkFactory(a_kind=P, a_id=adult.pk, a_role=Role.SUSPECT, b_kind=P,
                                            b_id=kayla.pk, b_role=Role.VICTIM, link_type=LinkType.EXPLOITS,
                                            strength="tentative", first_seen=dt.date(2026, 3, 1)),
        "reece_phone": StatutoryLinkFactory(a_kind=P, a_id=reece.pk, b_kind=EntityKind.PHONE, b_id=phone.pk,
                                            link_type=LinkType.USES_PHONE, first_seen=dt.date(2026, 3, 1)),
        "reece_kayla": StatutoryLinkFactory(a_kind=P, a_id=reece.pk, b_kind=P, b_id=kayla.pk,
                                            link_type=LinkType.MISSING_WITH, first_seen=dt.date(2026, 4, 1)),
    }
    vehicle = Vehicle.objects.create(registration=CANARY_VEHICLE, description="Canary car")
    links["police_only"] = LinkFactory(a_kind=P, a_id=kayla.pk, b_kind=EntityKind.VEHICLE, b_id=vehicle.pk,
                                       link_type=LinkType.USES_VEHICLE, first_seen=dt.date(2026, 2, 1))
    return {"kayla": kayla, "reece": reece, "line": line, "phone": phone, "adult": adult,
            "vehicle": vehicle, "links": links}
