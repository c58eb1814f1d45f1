from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.contexts import events, services
from lantern.contexts.choices import ActionStatus, ContextStatus, MemberRole
from lantern.contexts.models import Context, ContextMember
from lantern.contexts.tests.factories import ContextActionFactory, OpenPeerGroupFactory
from lantern.people.models import ChronologyEvent
from lantern.people.tests.factories import AdultOfConcernFactory, ChildFactory

pytestmark = pytest.mark.django_db


def _events(action):
    return AuditEvent.objects.filter(action=action)


def test_open_records_the_place_and_audits_it(personas, north):
    context = services.context_open(
        actor=personas["priya"], kind="location", name="  Chicken Cottage, Harrowden Road ",
        team=north, postcode_district="as 12",
    )
    assert context.name == "Chicken Cottage, Harrowden Road"
    assert context.postcode_district == "AS12"
    assert context.opened_by == personas["priya"] and context.status == ContextStatus.OPEN
    event = _events(events.CONTEXT_OPENED).get()
    assert event.subject_type == "contexts.context" and event.subject_ids == [context.pk]


def test_a_full_postcode_is_refused(personas, north):
    with pytest.raises(ValidationError):
        services.context_open(actor=personas["priya"], kind="location", name="A house",
                              team=north, postcode_district="AS12 3BC")
    assert not Context.objects.exists()


@pytest.mark.parametrize("who", ["sarah", "dan", "olivia", "marcus", "grace", "amir", "sam"])
def test_only_practitioners_and_managers_open_contexts(personas, north, who):
    with pytest.raises(PermissionDenied):
        services.context_open(actor=personas[who], kind="location", name="Park", team=north)


def test_a_practitioner_opens_only_for_their_own_team(personas, north, west):
    with pytest.raises(PermissionDenied):
        services.context_open(actor=personas["priya"], kind="location", name="Park", team=west)
    # A team manager may choose any team of the agency.
    assert services.context_open(actor=personas["tom"], kind="location", name="Park", team=west)


def test_the_change_and_its_audit_event_commit_together(personas, north, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        services.context_open(actor=personas["tom"], kind="location", name="Park", team=north)
    assert not Context.objects.exists()


def test_linking_a_child_audits_and_goes_on_their_chronology(park, personas, casebook):
    link = ContextMember.objects.get(context=park, person=casebook["team_child"])
    event = _events(events.MEMBER_LINKED).filter(subject_ids=[casebook["team_child"].pk]).get()
    assert event.detail["context_id"] == park.pk
    entry = ChronologyEvent.objects.get(source_type="contexts.ContextMember", source_id=link.pk)
    assert entry.person == casebook["team_child"]
    assert "Marlcombe Park skate area" in entry.summary and "child affected" in entry.summary


def test_cannot_link_a_child_the_actor_cannot_see(park, personas, casebook):
    with pytest.raises(PermissionDenied):
        services.context_link_person(actor=personas["priya"], context=park,
                                     person=casebook["police_child"], reason="Seen there")
    assert not ContextMember.objects.filter(person=casebook["police_child"]).exists()


def test_a_child_is_linked_once_and_needs_a_reason(park, personas, casebook):
    with pytest.raises(ValidationError):
        services.context_link_person(actor=personas["tom"], context=park,
                                     person=casebook["team_child"], reason="Again")
    from lantern.people.tests.factories import InvolvementFactory

    child = ChildFactory()
    InvolvementFactory(person=child, agency=personas["tom"].agency)
    with pytest.raises(ValidationError):
        services.context_link_person(actor=personas["tom"], context=park, person=child, reason=" ")
    assert not ContextMember.objects.filter(person=child).exists()


def test_persons_of_concern_are_adults_linked_to_peer_groups(personas, north):
    from lantern.people.tests.factories import InvolvementFactory

    adult = AdultOfConcernFactory()
    child = ChildFactory()
    for person in (adult, child):
        InvolvementFactory(person=person, agency=north.agency, team=north)
    group = OpenPeerGroupFactory(team=north)
    place = services.context_open(actor=personas["tom"], kind="location", name="Park", team=north)
    tom = personas["tom"]
    with pytest.raises(ValidationError):
        services.context_link_person(actor=tom, context=place, person=adult,
                                     role=MemberRole.PERSON_OF_CONCERN, reason="Gives lifts")
    with pytest.raises(ValidationError):  # a child is a victim first, never a person of concern
        services.context_link_person(actor=tom, context=group, person=child,
                                     role=MemberRole.PERSON_OF_CONCERN, reason="x")
    with pytest.raises(ValidationError):  # and an adult is not "a child affected"
        services.context_link_person(actor=tom, context=group, person=adult, reason="x")
    link = services.context_link_person(actor=tom, context=group, person=adult,
                                        role=MemberRole.PERSON_OF_CONCERN, reason="Gives lifts")
    assert link.role == MemberRole.PERSON_OF_CONCERN
    # Adults of concern get no "child affected" chronology entry.
    assert not ChronologyEvent.objects.filter(person=adult, source_type="contexts.ContextMember")


def test_unlinking_ends_the_link_and_tells_the_chronology(park, personas, casebook):
    link = ContextMember.objects.get(context=park, person=casebook["team_child"])
    services.context_unlink_person(actor=personas["priya"], member=link, reason="Moved away")
    link.refresh_from_db()
    assert link.unlinked_on == timezone.localdate() and link.unlink_reason == "Moved away"
    assert ChronologyEvent.objects.filter(
        source_type="contexts.ContextMember", source_id=link.pk, summary__startswith="No longer"
    ).exists()
    assert _events(events.MEMBER_UNLINKED).filter(subject_ids=[casebook["team_child"].pk]).exists()
    # Linked again later: a new link, the old one kept.
    services.context_link_person(actor=personas["priya"], context=park,
                                 person=casebook["team_child"], reason="Back at the park")
    assert ContextMember.objects.filter(context=park, person=casebook["team_child"]).count() == 2


def test_action_owned_by_a_lantern_user_or_a_named_partner(park, personas):
    priya, tom = personas["priya"], personas["tom"]
    due = timezone.localdate() + dt.timedelta(days=14)
    action = services.context_add_action(actor=tom, context=park, kind="detached_youth_work",
                                         description="Friday evening detached sessions",
                                         owner_user=priya, due_date=due)
    assert action.owner_name == "Priya Okafor" and action.agency == priya.agency
    with pytest.raises(ValidationError):  # a partner not on Lantern needs their agency
        services.context_add_action(actor=tom, context=park, kind="guardianship",
                                    description="Agreement with the shop", owner_name="Mr Patel",
                                    due_date=due)
    with pytest.raises(ValidationError):  # owners on Lantern come from the team or lead's agency
        services.context_add_action(actor=tom, context=park, kind="disruption",
                                    description="Patrols", owner_user=personas["sarah"], due_date=due)
    assert _events(events.ACTION_ADDED).count() == 1


def test_not_done_needs_a_reason(park, personas):
    action = ContextActionFactory(context=park)
    with pytest.raises(ValidationError):
        services.context_update_action(actor=personas["priya"], action=action, status="not_done")
    services.context_update_action(actor=personas["priya"], action=action, status="done")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_on == timezone.localdate()


def test_notes_are_dated_today_or_before(park, personas):
    with pytest.raises(ValidationError):
        services.context_add_note(actor=personas["priya"], context=park, kind="observation",
                                  occurred_on=timezone.localdate() + dt.timedelta(days=1), text="x")
    note = services.context_add_note(actor=personas["priya"], context=park, kind="meeting",
                                     occurred_on=timezone.localdate(), text="Met the park warden")
    assert note.recorded_by == personas["priya"]
    assert _events(events.NOTE_ADDED).filter(subject_ids=[park.pk]).exists()


def test_closing_needs_an_outcome_and_stops_further_work(park, personas, casebook):
    with pytest.raises(ValidationError):
        services.context_close(actor=personas["priya"], context=park, outcome="", reason="x")
    services.context_close(actor=personas["priya"], context=park, outcome="place_changed",
                           reason="Skate area redesigned with lighting")
    park.refresh_from_db()
    assert park.status == ContextStatus.CLOSED and park.closed_by == personas["priya"]
    with pytest.raises(ValidationError):
        services.context_add_note(actor=personas["priya"], context=park, kind="observation",
                                  occurred_on=timezone.localdate(), text="x")


def test_another_team_cannot_work_the_context(park, west_worker, personas):
    with pytest.raises(PermissionDenied):
        services.context_add_note(actor=west_worker, context=park, kind="observation",
                                  occurred_on=timezone.localdate(), text="x")
    with pytest.raises(PermissionDenied):  # police read, never write
        services.context_close(actor=personas["dan"], context=park, outcome="other", reason="x")
