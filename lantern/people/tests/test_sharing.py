"""Chronology sharing levels on the pages (issue 10 item 2): what each role sees of a police-only
intelligence entry, a police-only arrest, a statutory NRM entry, health entries and a partnership
entry on a child they may open: the words, a placeholder, or nothing at all."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import re

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantern.access.sharing import default_level
from lantern.accounts.choices import AgencyKind
from lantern.accounts.models import Agency, Team
from lantern.people.choices import EventType, SharingLevel
from lantern.people.models import ChronologyEvent, SchoolEnrolment
from lantern.people.services import chronology_event_add
from lantern.people.tests.factories import ChildFactory, ChronologyEventFactory, InvolvementFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

INTEL = "CANARY-INTEL vehicle seen collecting her after school"
ARREST = "CANARY-ARREST arrested at the flat on the ring road"
NRM = "CANARY-NRM referred to the single competent authority"
AE = "CANARY-AE attended with a cut to her hand"
CLINIC = "CANARY-CLINIC seen at the sexual health clinic"
CONCERN = "CANARY-CONCERN seen with older boys at the gate"
ALL = {INTEL, ARREST, NRM, AE, CLINIC, CONCERN}

POLICE_PLACEHOLDER = "A police entry: ask the police lead for what it says."
HEALTH_PLACEHOLDER = "A health entry: ask the health lead for what it says."
INTEL_WITHHELD = "1 more police entry is not shown here"

#: username -> (words they read, dated placeholders they see, intelligence withheld line, count)
EXPECTED = {
    "priya": ({NRM, AE, CONCERN}, {POLICE_PLACEHOLDER, HEALTH_PLACEHOLDER}, True, 6),
    "tom": ({NRM, AE, CONCERN}, {POLICE_PLACEHOLDER, HEALTH_PLACEHOLDER}, True, 6),
    "olivia": ({INTEL, ARREST, NRM, AE, CONCERN}, {HEALTH_PLACEHOLDER}, False, 6),
    "dan": ({INTEL, ARREST, NRM, AE, CONCERN}, {HEALTH_PLACEHOLDER}, False, 6),
    "sarah": ({CONCERN}, set(), False, 1),
    "marcus": ({NRM, AE, CONCERN}, {POLICE_PLACEHOLDER, HEALTH_PLACEHOLDER}, True, 6),
    "grace": ({NRM, AE, CONCERN}, {POLICE_PLACEHOLDER, HEALTH_PLACEHOLDER}, True, 6),
}


@pytest.fixture
def child(personas):
    """A child every record-reading persona may open: Priya's team and the police are involved,
    and she is on Oakfield's roll (Sarah's school)."""
    police = Agency.objects.get(name=cast.POLICE)
    school = Agency.objects.get(name=cast.SCHOOL)
    health = Agency.objects.get(name=cast.HEALTH)
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    north = Team.objects.get(name="Lantern Exploitation Team North")
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")
    person = ChildFactory(first_name="Imogen", last_name="Larkspur")
    InvolvementFactory(person=person, agency=cs, team=north, user=personas["priya"], is_lead=True)
    InvolvementFactory(person=person, agency=police, team=met)
    SchoolEnrolment.objects.create(person=person, school=school, year_group=9, start_date=dt.date(2025, 9, 1))

    def event(agency, event_type, day, summary, **extra):
        return ChronologyEventFactory(
            person=person, source_agency=agency, event_type=event_type,
            event_date=dt.date(2026, 5, day), summary=summary, **extra,
        )

    event(police, EventType.INTELLIGENCE, 1, INTEL)
    event(police, EventType.ARREST, 10, ARREST)
    event(cs, EventType.NRM, 20, NRM)
    event(health, EventType.AE_ATTENDANCE, 25, AE)
    event(health, EventType.CONTACT, 27, CLINIC, sharing=SharingLevel.HEALTH)
    event(school, EventType.CONCERN, 29, CONCERN)
    return person


def _text(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (user.username, url, response.status_code)
    return response.content.decode()


def _assert_shown(body, username, *, with_count=True):
    words, placeholders, intel_withheld, count = EXPECTED[username]
    for canary in ALL:
        assert (canary in body) == (canary in words), (username, canary)
    for placeholder in (POLICE_PLACEHOLDER, HEALTH_PLACEHOLDER):
        assert (placeholder in body) == (placeholder in placeholders), (username, placeholder)
    assert (INTEL_WITHHELD in body) == intel_withheld, username
    if with_count:
        assert f"{count} event{'s' if count != 1 else ''}" in body, username


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_chronology_page(client, personas, child, username):
    body = _text(client, personas[username], reverse("people:chronology", args=[child.pk]))
    _assert_shown(body, username)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_chronology_print(client, personas, child, username):
    body = _text(client, personas[username], reverse("people:chronology_print", args=[child.pk]))
    _assert_shown(body, username)


def test_school_learns_nothing_of_entries_it_may_not_read(client, personas, child):
    """No placeholder, no type, no agency in the filter: the school must not even learn that the
    police, health or children's services wrote about the pupil."""
    sarah = personas["sarah"]
    for name in ("people:chronology", "people:chronology_print"):
        body = _without_type_filter(_text(client, sarah, reverse(name, args=[child.pk])))
        for leak in ("Intelligence received", "National Referral Mechanism", "Arrest",
                     "A&amp;E attendance", cast.POLICE, cast.HEALTH, cast.CHILDRENS_SERVICES,
                     "police entry", "health entry", "not shown here", "Police only",
                     "olice only", "Statutory partners", "tatutory partners"):
            assert leak not in body, (name, leak)


def _without_type_filter(body):
    """The type filter lists every type there is (a fixed list says nothing about the child)."""
    return re.sub(r'<input[^>]*name="type".*?</label>', "", body, flags=re.S)


def test_placeholder_shows_date_and_type_but_intelligence_is_only_counted(client, personas, child):
    body = _without_type_filter(
        _text(client, personas["priya"], reverse("people:chronology", args=[child.pk]))
    )
    assert "Arrest" in body and "10 May 2026" in body
    assert "Intelligence received" not in body and "1 May 2026" not in body
    police_only = _text(client, personas["olivia"], reverse("people:chronology", args=[child.pk]))
    assert "Intelligence received" in police_only and "1 May 2026" in police_only


def test_readers_see_the_level_beside_the_entry(client, personas, child):
    """So nobody copies police-only words somewhere wider by mistake."""
    body = _text(client, personas["olivia"], reverse("people:chronology", args=[child.pk]))
    assert body.count('govuk-tag--grey">Police only</strong>') == 2  # intelligence and arrest
    assert body.count('govuk-tag--grey">Statutory partners</strong>') == 2  # NRM and A&E
    printed = _text(client, personas["olivia"], reverse("people:chronology_print", args=[child.pk]))
    assert printed.count("(police only)") == 2


def test_agency_filter_offers_only_agencies_shown(client, personas, child):
    body = _text(client, personas["sarah"], reverse("people:chronology", args=[child.pk]))
    offered = set(re.findall(r'name="agency"[^>]*value="(\d+)"', body))
    assert offered == {str(Agency.objects.get(name=cast.SCHOOL).pk)}


def test_filters_cannot_be_used_to_read_a_withheld_entry(client, personas, child):
    police = Agency.objects.get(name=cast.POLICE)
    url = reverse("people:chronology", args=[child.pk])
    body = _text(client, personas["sarah"], f"{url}?agency={police.pk}&type=intelligence")
    # The navigation offers every school "Send information to the police": not the entry's words.
    words = body.lower().replace("ashdown police", "").replace("send information to the police", "")
    assert INTEL not in body and "police" not in words
    body = _text(client, personas["priya"], f"{url}?type=intelligence")
    assert INTEL not in body and INTEL_WITHHELD not in body and "0 events" in body


def _recent(body):
    return body.split("Recent events", 1)[1].split("View the full chronology", 1)[0]


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_person_page_recent_events(client, personas, child, username):
    recent = _recent(_text(client, personas[username], reverse("people:person_detail", args=[child.pk])))
    words, placeholders, _, _ = EXPECTED[username]
    assert ("Concern raised" in recent)
    assert ("National Referral Mechanism" in recent) == (NRM in words)
    assert ("Arrest" in recent) == (ARREST in words or POLICE_PLACEHOLDER in placeholders)
    assert (HEALTH_PLACEHOLDER in recent) == (HEALTH_PLACEHOLDER in placeholders)
    assert ("Contact or session" in recent) == bool(placeholders)
    for canary in ALL:
        assert canary not in recent  # the summary shows types, never words


@pytest.mark.parametrize("username", ["amir", "sam"])
def test_roles_without_records_see_nothing(client, personas, child, username):
    client.force_login(personas[username])
    for name in ("people:chronology", "people:chronology_print", "people:person_detail"):
        assert client.get(reverse(name, args=[child.pk])).status_code in (403, 404)


def test_case_chronology_tab(client, personas, child):
    """The case's Chronology tab is the record's chronology page, so it follows the same rule."""
    from lantern.cases.tests.factories import OpenCaseFactory

    north = Team.objects.get(name="Lantern Exploitation Team North")
    case = OpenCaseFactory(person=child, team=north, lead=personas["priya"])
    for username in ("priya", "tom"):
        page = _text(client, personas[username], reverse("cases:case_detail", args=[case.pk]))
        tab = re.search(r'href="([^"]+)">Chronology</a>', page).group(1)
        # The tab keeps the case's context (issue 14); the page is the record's chronology.
        assert tab == reverse("people:chronology", args=[child.pk]) + f"?case={case.pk}"
        _assert_shown(_text(client, personas[username], tab), username)


def test_resurfaced_case_shows_a_placeholder_not_the_arrest(client, personas, child):
    from lantern.cases.models import Resurfacing
    from lantern.cases.tests.factories import ClosedCaseFactory

    north = Team.objects.get(name="Lantern Exploitation Team North")
    case = ClosedCaseFactory(person=child, team=north, lead=personas["priya"])
    arrest = ChronologyEvent.objects.get(person=child, event_type=EventType.ARREST)
    item = Resurfacing.objects.create(case=case, event=arrest, team=north)
    body = _text(client, personas["tom"], reverse("cases:resurfacing", args=[item.pk]))
    assert ARREST not in body
    assert POLICE_PLACEHOLDER in body and "Arrest" in body


# --- The recorder's choice --------------------------------------------------------------------


def _post_event(client, user, person, **fields):
    client.force_login(user)
    data = {"event_type": "concern", "when_0": "2", "when_1": "6", "when_2": "2026",
            "summary": "Recorded for the sharing test"}
    data.update(fields)
    return client.post(reverse("people:event_add", args=[person.pk]), data)


def test_form_offers_the_levels_the_recorder_may_choose(client, personas, child):
    client.force_login(personas["sarah"])
    body = client.get(reverse("people:event_add", args=[child.pk])).content.decode()
    offered = set(re.findall(r'name="sharing"[^>]*value="([^"]*)"', body))
    assert offered == {"", "partnership", "statutory"}
    client.force_login(personas["olivia"])
    body = client.get(reverse("people:event_add", args=[child.pk])).content.decode()
    assert set(re.findall(r'name="sharing"[^>]*value="([^"]*)"', body)) == {
        "", "partnership", "statutory", "police"
    }


def test_police_arrest_defaults_to_police_only(client, personas, child):
    response = _post_event(client, personas["olivia"], child, event_type="arrest", summary="New arrest")
    assert response.status_code == 302
    assert ChronologyEvent.objects.get(summary="New arrest").sharing == SharingLevel.POLICE


def test_wider_than_default_needs_sanitised_words(client, personas, child):
    olivia = personas["olivia"]
    response = _post_event(client, olivia, child, event_type="arrest", summary="Sanitised arrest",
                           sharing="statutory")
    assert response.status_code == 200
    assert "Confirm the entry is sanitised" in response.content.decode()
    assert not ChronologyEvent.objects.filter(summary="Sanitised arrest").exists()
    response = _post_event(client, olivia, child, event_type="arrest", summary="Sanitised arrest",
                           sharing="statutory", sanitised="on")
    assert response.status_code == 302
    assert ChronologyEvent.objects.get(summary="Sanitised arrest").sharing == SharingLevel.STATUTORY
    assert "Sanitised arrest" in _text(client, personas["priya"], reverse("people:chronology", args=[child.pk]))


def test_school_may_record_statutory_and_still_reads_its_own_entry(client, personas, child):
    sarah = personas["sarah"]
    response = _post_event(client, sarah, child, summary="For statutory partners", sharing="statutory")
    assert response.status_code == 302
    assert ChronologyEvent.objects.get(summary="For statutory partners").sharing == SharingLevel.STATUTORY
    assert "For statutory partners" in _text(client, sarah, reverse("people:chronology", args=[child.pk]))


def test_school_may_not_choose_police_only(client, personas, child):
    response = _post_event(client, personas["sarah"], child, summary="Police only?", sharing="police")
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not ChronologyEvent.objects.filter(summary="Police only?").exists()
    with pytest.raises(ValidationError):
        chronology_event_add(actor=personas["sarah"], person=child, event_type="concern",
                             event_date=None, summary="Police only?", sharing="police")
    assert not ChronologyEvent.objects.filter(summary="Police only?").exists()


def test_service_callers_get_the_default(personas, child):
    """Referrals, cases, missing and contexts call the service without a level."""
    police = Agency.objects.get(name=cast.POLICE)
    made = chronology_event_add(actor=personas["priya"], person=child, event_type="intelligence",
                                event_date=None, summary="x", source_agency=police, check_access=False)
    assert made.sharing == SharingLevel.POLICE
    made = chronology_event_add(actor=personas["priya"], person=child, event_type="missing",
                                event_date=None, summary="y")
    assert made.sharing == SharingLevel.PARTNERSHIP


# --- The migration sets existing rows by the default rule ---------------------------------------


def test_migration_sets_existing_rows_by_the_default_rule(personas):
    migration = importlib.import_module("lantern.people.migrations.0004_chronology_sharing")
    person = ChildFactory()
    agencies = {}
    for kind in AgencyKind.values:
        agencies[kind] = Agency.objects.filter(kind=kind).first() or Agency.objects.create(
            name=f"Test {kind}", kind=kind
        )
    rows = {}
    # Only the types that existed when the migration was written: a type added later (a police
    # stop, people 0006) arrives with its own level and never meets this migration.
    added_later = {EventType.POLICE_STOP}
    existing = [t for t in EventType.values if t not in added_later]
    for event_type, kind in itertools.product(existing, AgencyKind.values):
        # As the new column arrives: every row at the column's default.
        rows[(event_type, kind)] = ChronologyEvent.objects.create(
            person=person, event_type=event_type, source_agency=agencies[kind], summary="-",
            sharing=SharingLevel.STATUTORY,
        ).pk
    migration.set_default_levels(django_apps, None)
    stored = dict(ChronologyEvent.objects.filter(person=person).values_list("pk", "sharing"))
    for (event_type, kind), pk in rows.items():
        assert stored[pk] == default_level(event_type, kind), (event_type, kind)
