"""Every read of links follows the link's sharing level, and every page that labels an address
audits its resident.

* The register's "Numbers" column shows a line's numbers only through links the viewer reads: a
  police-only number reaches the police, never a practitioner, team manager, panel chair or DPO.
* The police edit form shows (and its save touches) only numbers the editor reads, so a link
  at a level they do not read is neither shown to them nor deleted by them.
* An address is shown only to someone who may open its resident, so it is that person's data:
  the line page, its print, the entity pages, a report and the "end a link" page audit the
  resident's id with the people they name.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Agency
from lantern.audit.models import AuditEvent
from lantern.intelligence import events, services
from lantern.intelligence.choices import EntityKind, LinkType
from lantern.intelligence.models import Link
from lantern.intelligence.tests.factories import (
    ActiveLineFactory,
    LinkFactory,
    PhoneFactory,
    StatutoryLinkFactory,
)
from lantern.people.choices import SharingLevel
from lantern.people.tests.factories import CurrentAddressFactory

pytestmark = pytest.mark.django_db

SHARED, POLICE_ONLY, HEALTH_ONLY = "07700900111", "07700900999", "07700900555"


def _get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params or None)


def _number_link(line, number, factory=StatutoryLinkFactory, **kw):
    phone = PhoneFactory(number=number)
    return factory(a_kind=EntityKind.LINE, a_id=line.pk, b_kind=EntityKind.PHONE, b_id=phone.pk,
                   link_type=LinkType.USES_NUMBER, **kw)


@pytest.fixture
def numbered_line(personas):
    """'Ghost' with a number shared with statutory partners and one recorded as police only."""
    line = ActiveLineFactory(brand="Ghost")
    _number_link(line, SHARED)
    _number_link(line, POLICE_ONLY, factory=LinkFactory)
    return line


@pytest.mark.parametrize("who", ["priya", "tom", "marcus", "grace"])
def test_the_register_never_shows_a_police_only_number_outside_the_police(
        client, personas, numbered_line, who):
    body = _get(client, personas[who], "intelligence:lines").content.decode()
    assert "Ghost" in body and "900111" in body
    assert "900999" not in body


def test_the_police_see_every_number_on_the_register(client, personas, numbered_line):
    body = _get(client, personas["dan"], "intelligence:lines").content.decode()
    assert "900111" in body and "900999" in body


def test_the_edit_form_shows_and_keeps_only_numbers_the_editor_reads(client, personas):
    health, _ = Agency.objects.get_or_create(name="Ashdown Health Trust",
                                             defaults={"kind": "health"})
    line = ActiveLineFactory(brand="Ghost")
    _number_link(line, SHARED)
    hidden = _number_link(line, HEALTH_ONLY, source_agency=health, sharing=SharingLevel.HEALTH)
    dan = personas["dan"]
    form = _get(client, dan, "intelligence:line_edit", line.pk).content.decode()
    assert "900111" in form and "900555" not in form
    services.line_update(actor=dan, line=line, brand="Ghost", importing_area=line.importing_area,
                         exporting_area=line.exporting_area, numbers=[SHARED, "07700900222"])
    assert Link.objects.filter(pk=hidden.pk).exists()


# --- Addresses audit their resident ------------------------------------------------------------


@pytest.fixture
def cuckooed(casebook):
    """'Ghost' with one cuckooed address: Kayla's home (Priya's child; Kayla herself is not
    linked, so she is named only through her address)."""
    line = ActiveLineFactory(brand="Ghost")
    home = CurrentAddressFactory(person=casebook["team_child"], line1="12 Canal Row")
    link = StatutoryLinkFactory(a_kind=EntityKind.ADDRESS, a_id=home.pk, b_kind=EntityKind.LINE,
                                b_id=line.pk, link_type=LinkType.CUCKOOED_ADDRESS_OF,
                                first_seen=None)
    return {"line": line, "home": home, "link": link, "resident": casebook["team_child"]}


def _last(action) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("id").last()


@pytest.mark.parametrize("name, action", [("intelligence:line_detail", events.LINE_VIEWED),
                                          ("intelligence:line_print", events.LINE_PRINTED)])
def test_the_line_page_and_print_audit_an_addresss_resident(client, personas, cuckooed, name,
                                                           action):
    body = _get(client, personas["priya"], name, cuckooed["line"].pk).content.decode()
    assert "12 Canal Row" in body
    assert cuckooed["resident"].pk in _last(action).subject_ids


@pytest.mark.parametrize("end", ["home", "line"])
def test_entity_pages_audit_an_addresss_resident(client, personas, cuckooed, end):
    kind = EntityKind.ADDRESS if end == "home" else EntityKind.LINE
    res = _get(client, personas["priya"], "intelligence:entity", kind, cuckooed[end].pk)
    assert res.status_code == 200 and "12 Canal Row" in res.content.decode()
    assert cuckooed["resident"].pk in _last(events.ENTITY_VIEWED).subject_ids


def test_a_report_about_an_address_audits_its_resident(client, personas, cuckooed):
    dan = personas["dan"]
    report = services.report_record(actor=dan, received_on=timezone.localdate(),
                                    source_evaluation="1", intel_assessment="A",
                                    handling_code="P", text="Address used by the line")
    services.report_entity_add(actor=dan, report=report, kind=EntityKind.ADDRESS,
                               entity_id=cuckooed["home"].pk)
    body = _get(client, dan, "intelligence:report_detail", report.pk).content.decode()
    assert "12 Canal Row" in body
    assert cuckooed["resident"].pk in _last(events.REPORT_VIEWED).subject_ids


def test_ending_a_link_to_an_address_audits_its_resident(client, personas, cuckooed):
    body = _get(client, personas["dan"], "intelligence:link_end",
                cuckooed["link"].pk).content.decode()
    assert "12 Canal Row" in body
    assert cuckooed["resident"].pk in _last(events.ENTITY_VIEWED).subject_ids


def test_an_address_whose_resident_is_hidden_is_neither_shown_nor_audited(client, personas,
                                                                          casebook, cuckooed):
    secret = CurrentAddressFactory(person=casebook["police_child"], line1="9 Secret Lane")
    StatutoryLinkFactory(a_kind=EntityKind.ADDRESS, a_id=secret.pk, b_kind=EntityKind.LINE,
                         b_id=cuckooed["line"].pk, link_type=LinkType.CUCKOOED_ADDRESS_OF)
    body = _get(client, personas["priya"], "intelligence:line_detail",
                cuckooed["line"].pk).content.decode()
    assert "Secret Lane" not in body
    assert casebook["police_child"].pk not in _last(events.LINE_VIEWED).subject_ids
