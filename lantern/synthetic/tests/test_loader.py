"""Loading the small county: every persona has children in scope, re-running is safe, and the
loaded content is identical for the same seed."""

from __future__ import annotations

import datetime as dt

import pytest

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.models import AuditEvent
from lantern.people.models import ChronologyEvent, Involvement, Person, SchoolEnrolment
from lantern.people.selectors import person_search, person_visible
from lantern.synthetic import events, loader
from lantern.synthetic.generator import generate
from lantern.synthetic.models import SeededPerson, SeedRun
from lantern.synthetic.tests.conftest import AS_AT, SEED, TINY


def _children(user):
    return person_visible(actor=user).filter(kind="child")


def check_load_creates_the_county_and_an_audit_event(summary, users, small_world):
    assert summary.loaded
    assert summary.counts["children"] >= 200
    assert Person.objects.filter(kind="child").count() == summary.counts["children"]
    assert ChronologyEvent.objects.count() == summary.counts["events"] > 5000
    assert Person.objects.filter(restricted=True).count() == 2
    event = AuditEvent.objects.get(action=events.SEED_LOADED)
    assert event.detail["seed"] == SEED


def check_practitioner_sees_her_teams_children_with_rich_chronologies(summary, users, small_world):
    priya = users["priya"]
    children = _children(priya)
    assert 10 <= children.count() <= 30
    as_lead = Involvement.objects.filter(user=priya, is_lead=True, end_date__isnull=True)
    assert as_lead.count() >= 3
    assert set(as_lead.values_list("person_id", flat=True)) <= set(children.values_list("pk", flat=True))
    for child in children:
        assert child.events.count() >= 3
    richest = max(c.events.count() for c in children)
    assert richest >= 25
    # Everyone she sees is involved with her team now (or named to her through a grant).
    north = priya.teams.get()
    for child in children.filter(restricted=False):
        assert child.involvements.filter(team=north, end_date__isnull=True).exists()


def check_manager_sees_the_agency_and_more_than_one_team(summary, users, small_world):
    tom, priya = users["tom"], users["priya"]
    tom_children = set(_children(tom).values_list("pk", flat=True))
    priya_children = set(_children(priya).filter(restricted=False).values_list("pk", flat=True))
    assert priya_children < tom_children
    teams = set(Involvement.objects.filter(person_id__in=tom_children, agency=tom.agency,
                                           end_date__isnull=True).values_list("team__name", flat=True))
    assert {"Lantern Exploitation Team North", "Lantern Exploitation Team West",
            "Lantern Exploitation Team East"} <= teams


def check_police_see_police_involved_children_including_police_only(summary, users, small_world):
    olivia, dan, tom = users["olivia"], users["dan"], users["tom"]
    olivia_children = set(_children(olivia).values_list("pk", flat=True))
    assert len(olivia_children) >= 15
    assert Involvement.objects.filter(user=olivia, end_date__isnull=True).exists()
    police_only = olivia_children - set(_children(tom).values_list("pk", flat=True))
    assert len(police_only) >= 3
    dan_all = set(person_visible(actor=dan).values_list("pk", flat=True))
    assert olivia_children <= dan_all
    assert Person.objects.filter(restricted=False).count() == len(dan_all)


def check_school_lead_sees_only_pupils_on_her_roll(summary, users, small_world):
    sarah = users["sarah"]
    pupils = _children(sarah)
    assert pupils.count() >= 5
    for child in pupils:
        on_roll = SchoolEnrolment.objects.filter(person=child, school=sarah.agency, end_date__isnull=True).exists()
        named = Involvement.objects.filter(person=child, user=sarah, end_date__isnull=True).exists()
        assert on_roll or named


def check_restricted_records_are_hidden_except_by_named_grant(summary, users, small_world):
    restricted = list(Person.objects.filter(restricted=True).order_by("pk"))
    assert len(restricted) == 2
    for username in ("dan", "tom", "marcus", "olivia"):
        assert not any(person_policy.can(users[username], VIEW, p) for p in restricted)
    visible_to_priya = [p for p in restricted if person_policy.can(users["priya"], VIEW, p)]
    assert len(visible_to_priya) == 1
    named = visible_to_priya[0]
    assert named.involvements.filter(user=users["priya"], is_lead=True, end_date__isnull=True).exists()
    hidden = next(p for p in restricted if p != named)
    assert hidden.involvements.filter(team__in=users["priya"].teams.all(), end_date__isnull=True).exists()


def check_aggregate_and_admin_roles_see_no_children(summary, users, small_world):
    assert not person_visible(actor=users["amir"]).exists()
    assert not person_visible(actor=users["sam"]).exists()


def check_search_finds_children_by_nickname(summary, users, small_world):
    child = Person.objects.filter(kind="child", restricted=False).exclude(preferred_name="").first()
    assert child is not None
    found = person_search(actor=users["dan"], query=f"{child.preferred_name} {child.last_name}")
    assert child in found


def check_duplicate_records_are_loaded_and_traceable(summary, users, small_world):
    dups = SeededPerson.objects.filter(record_id__isnull=False)
    assert dups.exists()
    owner = {rid: c["person_id"] for c in small_world.truth["record_clusters"] for rid in c["records"]}
    for dup in dups:
        true = SeededPerson.objects.get(synthetic_id=owner[dup.record_id], record_id__isnull=True)
        assert true.person.date_of_birth is not None
        assert dup.person.kind == true.person.kind
    mapping = loader.synthetic_to_database_ids()
    assert len(mapping["duplicate_records"]) == dups.count()


def check_reloading_the_same_seed_does_nothing(summary, users, small_world):
    before = (Person.objects.count(), ChronologyEvent.objects.count(), SeedRun.objects.get().pk)
    again = loader.load(seed=SEED, world=small_world)
    assert not again.loaded
    assert (Person.objects.count(), ChronologyEvent.objects.count(), SeedRun.objects.get().pk) == before




def check_sharing_levels_follow_the_default_rule(summary, users, small_world):
    """The demo holds police-only intelligence and arrests, statutory NRM and health entries,
    each set by the recording service's own default rule (lantern.access.sharing)."""
    from lantern.access.sharing import default_level

    # One chosen exception: a stop whose officer wrote a summary for partners is shared with
    # statutory partners (lantern.intelligence.services.encounter_record); its detail stays police.
    rows = ChronologyEvent.objects.exclude(event_type="police_stop", sharing="statutory").values_list(
        "event_type", "source_agency__kind", "sharing")
    for event_type, kind, level in rows:
        assert level == default_level(event_type, kind), (event_type, kind, level)
    police_only = ChronologyEvent.objects.filter(sharing="police")
    assert police_only.filter(event_type="intelligence").exists()
    assert police_only.filter(event_type="arrest").exists()
    assert ChronologyEvent.objects.filter(event_type="nrm", sharing="statutory").exists()
    assert ChronologyEvent.objects.filter(source_agency__kind="health", sharing="statutory").exists()


@pytest.mark.django_db
def test_small_county_gives_every_persona_children_in_scope(small_world):
    """One load (it takes seconds), then every check against it."""
    from lantern.accounts.models import User

    summary = loader.load(seed=SEED, world=small_world)
    users = {u.username: u for u in User.objects.all()}
    check_load_creates_the_county_and_an_audit_event(summary, users, small_world)
    check_practitioner_sees_her_teams_children_with_rich_chronologies(summary, users, small_world)
    check_manager_sees_the_agency_and_more_than_one_team(summary, users, small_world)
    check_police_see_police_involved_children_including_police_only(summary, users, small_world)
    check_school_lead_sees_only_pupils_on_her_roll(summary, users, small_world)
    check_restricted_records_are_hidden_except_by_named_grant(summary, users, small_world)
    check_aggregate_and_admin_roles_see_no_children(summary, users, small_world)
    check_search_finds_children_by_nickname(summary, users, small_world)
    check_duplicate_records_are_loaded_and_traceable(summary, users, small_world)
    check_sharing_levels_follow_the_default_rule(summary, users, small_world)
    check_reloading_the_same_seed_does_nothing(summary, users, small_world)


@pytest.mark.django_db
def test_loaded_content_is_deterministic_and_seed_dependent():
    first = loader.load(seed=5, world=generate(seed=5, as_at=AS_AT, scale=TINY))
    digest_a = loader.db_digest()
    people = Person.objects.count()
    again = loader.load(seed=5, world=generate(seed=5, as_at=AS_AT, scale=TINY), force=True)
    assert first.loaded and again.loaded and again.run_id != first.run_id
    assert loader.db_digest() == digest_a
    assert Person.objects.count() == people  # the old load was cleared, not added to
    loader.load(seed=6, world=generate(seed=6, as_at=AS_AT, scale=TINY))
    assert loader.db_digest() != digest_a
    assert SeedRun.objects.count() == 1
    assert AuditEvent.objects.filter(action=events.SEED_CLEARED).count() == 2


@pytest.mark.django_db
def test_the_run_records_its_as_at_date_and_another_date_replaces_it():
    first = loader.load(seed=5, world=generate(seed=5, as_at=AS_AT, scale=TINY))
    assert SeedRun.objects.get().as_at == AS_AT == first.as_at
    assert AuditEvent.objects.get(action=events.SEED_LOADED).detail["as_at"] == AS_AT.isoformat()
    later = AS_AT + dt.timedelta(days=28)
    world = generate(seed=5, as_at=later, scale=TINY)
    second = loader.load(seed=5, world=world)
    assert second.loaded and SeedRun.objects.get().as_at == later
    assert not loader.load(seed=5, world=world).loaded
    with pytest.raises(loader.SeedError, match="generated as at"):
        loader.load(seed=5, as_at=AS_AT, world=world)
