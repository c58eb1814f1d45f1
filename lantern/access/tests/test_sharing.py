"""The content-sharing rule (lantern.access.sharing): defaults, readers, placeholders, choices."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError

from lantern.access import sharing
from lantern.accounts.choices import AgencyKind, Role
from lantern.accounts.models import Agency, User
from lantern.people.choices import EventType, SharingLevel
from lantern.people.models import ChronologyEvent
from lantern.people.tests.factories import ChildFactory, ChronologyEventFactory
from lantern.synthetic import personas as cast

pytestmark = pytest.mark.django_db

P, S, POL, H = "partnership", "statutory", "police", "health"


@pytest.mark.parametrize(
    ("event_type", "kind", "expected"),
    [
        (EventType.INTELLIGENCE, AgencyKind.POLICE, POL),
        (EventType.ARREST, AgencyKind.POLICE, POL),
        (EventType.DISRUPTION, AgencyKind.POLICE, POL),
        (EventType.INTELLIGENCE, AgencyKind.SCHOOL, S),
        (EventType.ARREST, AgencyKind.YOUTH_JUSTICE, S),
        (EventType.NRM, AgencyKind.CHILDRENS_SERVICES, S),
        (EventType.NRM, AgencyKind.POLICE, S),
        (EventType.NRM, AgencyKind.SCHOOL, S),
        (EventType.AE_ATTENDANCE, AgencyKind.HEALTH, S),
        (EventType.CONCERN, AgencyKind.HEALTH, S),
        (EventType.CONCERN, AgencyKind.POLICE, S),
        (EventType.CONCERN, AgencyKind.SCHOOL, P),
        (EventType.REFERRAL, AgencyKind.VOLUNTARY, P),
        (EventType.MISSING, AgencyKind.POLICE, P),
        (EventType.ABSENT, AgencyKind.HEALTH, P),
        (EventType.EXCLUSION, AgencyKind.SCHOOL, P),
        (EventType.RETURN_INTERVIEW, AgencyKind.CHILDRENS_SERVICES, S),
        (EventType.CSE_INCIDENT, AgencyKind.CHILDRENS_SERVICES, S),
        (EventType.OTHER, AgencyKind.CHILDRENS_SERVICES, S),
        (EventType.CONTACT, AgencyKind.VOLUNTARY, S),
    ],
)
def test_default_level(event_type, kind, expected):
    assert sharing.default_level(event_type, kind) == expected


def test_no_default_is_health_only_and_police_only_needs_the_police():
    for event_type, kind in itertools.product(EventType.values, AgencyKind.values + [None]):
        level = sharing.default_level(event_type, kind)
        assert level in SharingLevel.values and level != H
        if level == POL:
            assert kind == AgencyKind.POLICE


def _user(username, role, agency_name):
    return User.objects.create(
        username=username, role=role, agency=Agency.objects.get(name=agency_name)
    )


EXPECTED_LEVELS = {
    "priya": {P, S},
    "tom": {P, S},
    "olivia": {P, S, POL},
    "dan": {P, S, POL},
    "sarah": {P},
    "marcus": {P, S},
    "amir": {P, S},
    "grace": {P, S},
    "sam": set(),
}


@pytest.mark.parametrize(("username", "levels"), sorted(EXPECTED_LEVELS.items()))
def test_readable_levels_per_persona(personas, username, levels):
    assert sharing.readable_levels(personas[username]) == levels
    assert sharing.may_see_placeholders(personas[username]) == (S in levels)


def test_readers_by_agency_for_working_roles(personas):
    youth_worker = _user("yw", Role.PRACTITIONER, cast.VOLUNTARY)
    nurse = _user("nurse", Role.PRACTITIONER, cast.HEALTH)
    yjs = _user("yjs", Role.TEAM_MANAGER, cast.YOUTH_JUSTICE)
    police_in_school = _user("pcso", Role.POLICE_OFFICER, cast.SCHOOL)
    assert sharing.readable_levels(youth_worker) == {P}
    assert not sharing.may_see_placeholders(youth_worker)
    assert sharing.readable_levels(nurse) == {P, S, H}
    assert sharing.readable_levels(yjs) == {P, S}
    assert sharing.readable_levels(police_in_school) == {P}


def test_inactive_and_anonymous_read_nothing(personas):
    from django.contrib.auth.models import AnonymousUser

    priya = personas["priya"]
    priya.is_active = False
    assert sharing.readable_levels(priya) == set()
    assert sharing.readable_levels(AnonymousUser()) == set()
    assert sharing.readable_levels(None) == set()


@pytest.fixture
def entries(personas):
    police = Agency.objects.get(name=cast.POLICE)
    school = Agency.objects.get(name=cast.SCHOOL)
    health = Agency.objects.get(name=cast.HEALTH)
    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    child = ChildFactory()
    make = ChronologyEventFactory
    return {
        "intel": make(person=child, source_agency=police, event_type=EventType.INTELLIGENCE),
        "arrest": make(person=child, source_agency=police, event_type=EventType.ARREST),
        "nrm": make(person=child, source_agency=cs, event_type=EventType.NRM),
        "clinic": make(person=child, source_agency=health, event_type=EventType.CONTACT,
                       sharing=SharingLevel.HEALTH),
        "concern": make(person=child, source_agency=school, event_type=EventType.CONCERN),
        "school_statutory": make(person=child, source_agency=school, event_type=EventType.CONCERN,
                                 sharing=SharingLevel.STATUTORY),
    }


def test_may_read_agrees_with_readable_q(personas, entries):
    """The per-entry check and the database filter are one rule in two forms."""
    nurse = _user("nurse", Role.PRACTITIONER, cast.HEALTH)
    youth_worker = _user("yw", Role.PRACTITIONER, cast.VOLUNTARY)
    ids = [e.pk for e in entries.values()]
    for user in [*personas.values(), nurse, youth_worker]:
        in_db = set(
            ChronologyEvent.objects.filter(pk__in=ids)
            .filter(sharing.readable_q(user))
            .values_list("pk", flat=True)
        )
        one_by_one = {e.pk for e in entries.values() if sharing.may_read(user, e)}
        assert in_db == one_by_one, user.username
        placeholders = set(
            ChronologyEvent.objects.filter(pk__in=ids)
            .filter(sharing.placeholder_q(user))
            .values_list("pk", flat=True)
        )
        assert placeholders == {
            e.pk for e in entries.values() if sharing.placeholder_for(user, e) is not None
        }, user.username


def test_the_recording_agency_reads_its_own_entry(personas, entries):
    sarah = personas["sarah"]
    assert sharing.may_read(sarah, entries["school_statutory"])
    assert sharing.may_read(sarah, entries["concern"])
    assert not sharing.may_read(sarah, entries["nrm"])


def test_placeholders_never_for_schools_or_voluntary(personas, entries):
    youth_worker = _user("yw", Role.PRACTITIONER, cast.VOLUNTARY)
    for user in (personas["sarah"], youth_worker, personas["sam"]):
        for entry in entries.values():
            assert sharing.placeholder_for(user, entry) is None


def test_placeholder_for_statutory_partners(personas, entries):
    priya = personas["priya"]
    arrest = sharing.placeholder_for(priya, entries["arrest"])
    assert arrest.text == "A police entry: ask the police lead for what it says."
    assert arrest.show_detail
    intel = sharing.placeholder_for(priya, entries["intel"])
    assert intel is not None and not intel.show_detail
    clinic = sharing.placeholder_for(priya, entries["clinic"])
    assert clinic.text.startswith("A health entry")
    assert sharing.placeholder_for(priya, entries["nrm"]) is None  # she reads it
    assert sharing.placeholder_for(personas["olivia"], entries["intel"]) is None


def test_withheld_text():
    assert sharing.withheld_text(POL, 1) == (
        "1 more police entry is not shown here: ask the police lead for what it says."
    )
    assert sharing.withheld_text(POL, 3).startswith("3 more police entries are not shown here")


def test_recorder_levels(personas):
    nurse = _user("nurse", Role.PRACTITIONER, cast.HEALTH)
    assert sharing.recorder_levels(personas["sarah"]) == [P, S]
    assert sharing.recorder_levels(personas["priya"]) == [P, S]
    assert sharing.recorder_levels(personas["olivia"]) == [P, S, POL]
    assert sharing.recorder_levels(nurse) == [P, S, H]


def test_choose_level(personas):
    olivia, sarah = personas["olivia"], personas["sarah"]
    arrest, kind = EventType.ARREST, AgencyKind.POLICE
    assert sharing.choose_level(actor=olivia, event_type=arrest, agency_kind=kind, level=None) == POL
    assert sharing.choose_level(actor=olivia, event_type=arrest, agency_kind=kind, level="") == POL
    with pytest.raises(ValidationError, match="sanitised"):
        sharing.choose_level(actor=olivia, event_type=arrest, agency_kind=kind, level=S)
    assert sharing.choose_level(
        actor=olivia, event_type=arrest, agency_kind=kind, level=S, sanitised=True
    ) == S
    concern, school = EventType.CONCERN, AgencyKind.SCHOOL
    assert sharing.choose_level(actor=sarah, event_type=concern, agency_kind=school, level=S) == S
    assert sharing.choose_level(actor=sarah, event_type=concern, agency_kind=school, level=P) == P
    for refused in (POL, H, "everyone"):
        with pytest.raises(ValidationError, match="Select who may read"):
            sharing.choose_level(actor=sarah, event_type=concern, agency_kind=school, level=refused)
