"""Pages for places and peer groups: access as the matrix says, counting-not-naming, audit of
what was shown, and invalid input re-rendered with errors and nothing lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.contexts import events
from lantern.contexts.models import Context, ContextAction, ContextMember, ContextNote
from lantern.contexts.tests.factories import ContextActionFactory, OpenPeerGroupFactory
from lantern.core.navigation import NAV_ITEMS
from lantern.people.models import ChronologyEvent

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def _date(prefix, value):
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def test_places_and_groups_is_in_the_navigation():
    assert any(i.url_name == "contexts:list" and i.text == "Places and groups" for i in NAV_ITEMS)


def test_list_shows_the_teams_open_contexts_and_filters(client, personas, park, north):
    group = OpenPeerGroupFactory(team=north, name="Group at the bus station")
    page = _as(client, personas["priya"]).get(reverse("contexts:list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Marlcombe Park skate area" in body and "Group at the bus station" in body
    page = client.get(reverse("contexts:list"), {"kind": "peer_group", "status": "open"})
    assert group.name in page.content.decode() and park.name not in page.content.decode()
    # Nonsense filters never break the page.
    assert client.get(reverse("contexts:list"), {"kind": "zz", "status": "zz"}).status_code == 200


def test_summary_names_visible_children_and_counts_the_others(client, personas, park, casebook):
    page = _as(client, personas["priya"]).get(reverse("contexts:detail", args=[park.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Kayla" in body and "Jayden" not in body and "Orchard" not in body
    assert "1 other child you do not have access to" in body
    event = AuditEvent.objects.filter(action=events.CONTEXT_VIEWED).latest("id")
    assert event.subject_ids == [casebook["team_child"].pk]
    assert event.detail == {"context_id": park.pk, "hidden": 1}


def test_a_viewer_who_sees_no_child_gets_only_a_count(client, personas, park):
    page = _as(client, personas["olivia"]).get(reverse("contexts:detail", args=[park.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Kayla" not in body and "Jayden" not in body
    assert "2 children you do not have access to" in body
    # Read-only: no way in to change anything.
    assert reverse("contexts:note_add", args=[park.pk]) not in body


def test_printable_summary_is_audited(client, personas, park, casebook):
    page = _as(client, personas["tom"]).get(reverse("contexts:print", args=[park.pk]))
    assert page.status_code == 200 and "OFFICIAL-SENSITIVE" in page.content.decode()
    event = AuditEvent.objects.filter(action=events.CONTEXT_PRINTED).latest("id")
    assert set(event.subject_ids) == {casebook["team_child"].pk, casebook["west_child"].pk}


@pytest.mark.parametrize("name", ["detail", "print", "edit", "close", "note_add", "member_add"])
def test_a_school_lead_is_refused_by_the_matrix(client, personas, park, name):
    response = _as(client, personas["sarah"]).get(reverse(f"contexts:{name}", args=[park.pk]))
    assert response.status_code == 404 and getattr(response, "access_refused", False)


def test_a_school_lead_cannot_list_or_open_contexts(client, personas):
    _as(client, personas["sarah"])
    assert client.get(reverse("contexts:list")).status_code == 404
    response = client.post(reverse("contexts:create"), {"kind": "location", "name": "Park"})
    assert response.status_code == 404 and not Context.objects.exists()


@pytest.mark.parametrize("name", ["detail", "print", "edit", "close", "note_add", "action_add"])
def test_a_practitioner_from_another_team_gets_404(client, west_worker, park, name):
    response = _as(client, west_worker).get(reverse(f"contexts:{name}", args=[park.pk]))
    # The matrix lets practitioners in ("scope"); the record is outside their scope.
    assert response.status_code == 404 and not getattr(response, "access_refused", False)


def test_another_team_cannot_post_to_a_context(client, west_worker, park):
    _as(client, west_worker)
    today = timezone.localdate()
    response = client.post(reverse("contexts:note_add", args=[park.pk]),
                           {"kind": "observation", "text": "x", **_date("occurred_on", today)})
    assert response.status_code == 404 and not ContextNote.objects.exists()


def test_police_read_but_the_matrix_refuses_their_writes(client, personas, park):
    _as(client, personas["dan"])
    assert client.get(reverse("contexts:detail", args=[park.pk])).status_code == 200
    response = client.post(reverse("contexts:close", args=[park.pk]),
                           {"outcome": "other", "reason": "x"})
    assert response.status_code == 404 and response.access_refused
    park.refresh_from_db()
    assert park.is_open


def test_open_a_record_with_errors_keeps_what_was_typed(client, personas):
    _as(client, personas["priya"])
    data = {"kind": "location", "name": "", "description": "Older males by the chip shop",
            "postcode_district": "AS12 3BC", "team": ""}
    page = client.post(reverse("contexts:create"), data)
    body = page.content.decode()
    assert page.status_code == 200
    assert "<title>Error:" in body and "There is a problem" in body
    assert "Enter the name of the place or group" in body
    assert "Enter the first part of the postcode only, like AS12" in body
    assert "Older males by the chip shop" in body
    assert not Context.objects.exists()


def test_open_a_record(client, personas, north):
    _as(client, personas["priya"])
    response = client.post(reverse("contexts:create"), {
        "kind": "location", "name": "Chicken Cottage", "team": north.pk, "postcode_district": "as12",
        "lead": personas["priya"].pk,
    })
    context = Context.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("contexts:detail", args=[context.pk])
    assert context.lead == personas["priya"] and context.postcode_district == "AS12"


def test_edit_the_details(client, personas, park):
    _as(client, personas["priya"])
    assert client.get(reverse("contexts:edit", args=[park.pk])).status_code == 200
    response = client.post(reverse("contexts:edit", args=[park.pk]), {
        "name": "Marlcombe Park", "team": park.team_id, "lead": personas["tom"].pk, "ward": "Harrowden",
    })
    assert response.status_code == 302
    park.refresh_from_db()
    assert park.name == "Marlcombe Park" and park.lead == personas["tom"]


def test_link_a_child_found_with_the_people_search(client, personas, park, north):
    from lantern.people.tests.factories import ChildFactory, InvolvementFactory

    child = ChildFactory(first_name="Tegan", last_name="Marwood")
    InvolvementFactory(person=child, agency=north.agency, team=north)
    _as(client, personas["priya"])
    url = reverse("contexts:member_add", args=[park.pk])
    page = client.get(url, {"q": "Tegan Marwood"})
    assert page.status_code == 200 and "Tegan" in page.content.decode()
    searched = AuditEvent.objects.filter(action=events.PEOPLE_SEARCHED).latest("id")
    assert child.pk in searched.subject_ids and searched.detail == {"context_id": park.pk}
    response = client.post(url, {"q": "Tegan Marwood", "person": child.pk,
                                 "reason": "Seen with the group at the skate park on 3 evenings"})
    assert response.status_code == 302
    link = ContextMember.objects.get(context=park, person=child)
    assert ChronologyEvent.objects.filter(source_type="contexts.ContextMember", source_id=link.pk).exists()


def test_a_child_already_linked_is_said_and_not_offered(client, personas, park, casebook):
    child = casebook["team_child"]  # linked to the park by the fixture
    _as(client, personas["priya"])
    page = client.get(reverse("contexts:member_add", args=[park.pk]), {"q": child.last_name})
    body = page.content.decode()
    assert f"{child.display_name} is already linked." in body
    assert f'value="{child.pk}"' not in body


def test_link_without_choosing_shows_errors_and_keeps_the_reason(client, personas, park):
    _as(client, personas["priya"])
    page = client.post(reverse("contexts:member_add", args=[park.pk]),
                       {"reason": "Seen there twice last week"})
    body = page.content.decode()
    assert page.status_code == 200 and "<title>Error:" in body
    assert "Search for the person, then choose them from the results" in body
    assert "Seen there twice last week" in body


def test_cannot_link_someone_outside_the_search_results(client, personas, park, casebook):
    _as(client, personas["priya"])
    page = client.post(reverse("contexts:member_add", args=[park.pk]),
                       {"q": "Kayla", "person": casebook["police_child"].pk, "reason": "x"})
    assert page.status_code == 200 and "Choose a person from the search results" in page.content.decode()
    assert not ContextMember.objects.filter(person=casebook["police_child"]).exists()


def test_end_a_link(client, personas, park, casebook):
    link = ContextMember.objects.get(context=park, person=casebook["team_child"])
    _as(client, personas["priya"])
    url = reverse("contexts:member_remove", args=[link.pk])
    page = client.post(url, {"reason": ""})
    assert page.status_code == 200 and "Enter why the link is ending" in page.content.decode()
    assert client.post(url, {"reason": "Moved out of the area"}).status_code == 302
    link.refresh_from_db()
    assert link.unlinked_on is not None
    # A link to a child priya cannot see is not hers to end.
    hidden = ContextMember.objects.get(context=park, person=casebook["west_child"])
    assert client.get(reverse("contexts:member_remove", args=[hidden.pk])).status_code == 404


def test_add_an_action_with_errors_then_for_a_partner(client, personas, park):
    _as(client, personas["priya"])
    url = reverse("contexts:action_add", args=[park.pk])
    due = timezone.localdate() + dt.timedelta(days=10)
    page = client.post(url, {"kind": "guardianship", "description": "Guardianship agreement",
                             "owner_name": "Mr Patel", **_date("due_date", due)})
    body = page.content.decode()
    assert page.status_code == 200 and "Choose the partner&#x27;s agency" in body
    assert "Guardianship agreement" in body and not ContextAction.objects.exists()
    response = client.post(url, {"kind": "guardianship", "description": "Guardianship agreement",
                                 "owner_name": "Mr Patel", "agency": personas["dan"].agency_id,
                                 **_date("due_date", due)})
    assert response.status_code == 302
    action = ContextAction.objects.get()
    assert action.owner_user is None and action.owner_name == "Mr Patel"


def test_the_owner_list_offers_team_members(client, personas, park):
    page = _as(client, personas["priya"]).get(reverse("contexts:action_add", args=[park.pk]))
    body = page.content.decode()
    assert "Priya Okafor" in body and "Sarah" not in body


def test_update_an_action(client, personas, park):
    action = ContextActionFactory(context=park)
    _as(client, personas["priya"])
    url = reverse("contexts:action_update", args=[action.pk])
    page = client.post(url, {"status": "not_done"})
    assert page.status_code == 200 and "Enter why the action was not done" in page.content.decode()
    assert client.post(url, {"status": "in_progress"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_log_a_note_and_close(client, personas, park):
    _as(client, personas["priya"])
    today = timezone.localdate()
    page = client.post(reverse("contexts:note_add", args=[park.pk]),
                       {"kind": "observation", "text": "Quiet evening", **_date("occurred_on", today + dt.timedelta(days=3))})
    assert page.status_code == 200 and "Quiet evening" in page.content.decode()
    assert not ContextNote.objects.exists()
    assert client.post(reverse("contexts:note_add", args=[park.pk]),
                       {"kind": "observation", "text": "Quiet evening", **_date("occurred_on", today)}).status_code == 302
    page = client.post(reverse("contexts:close", args=[park.pk]), {"outcome": "concerns_reduced"})
    assert page.status_code == 200 and "Enter why the record is being closed" in page.content.decode()
    assert client.post(reverse("contexts:close", args=[park.pk]),
                       {"outcome": "concerns_reduced", "reason": "No sightings for 8 weeks"}).status_code == 302
    park.refresh_from_db()
    assert not park.is_open
    # Closed: still readable, no longer workable.
    assert client.get(reverse("contexts:detail", args=[park.pk])).status_code == 200
    assert client.get(reverse("contexts:note_add", args=[park.pk])).status_code == 404


def test_nothing_is_saved_when_the_audit_fails(client, personas, park, monkeypatch):
    from lantern.contexts import services

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(services, "audit_record", broken)
    _as(client, personas["priya"])
    with pytest.raises(RuntimeError):
        client.post(reverse("contexts:note_add", args=[park.pk]),
                    {"kind": "observation", "text": "x", **_date("occurred_on", timezone.localdate())})
    assert not ContextNote.objects.exists()


# --- Actions owned by partners and by other teams ------------------------------------------------


def test_police_owner_updates_their_own_action_only(client, personas, park):
    """Olivia (police) reads every context; she may update the disruption action she owns, not
    another action on the same plan, and gains no other write."""
    olivia = personas["olivia"]
    mine = ContextActionFactory(context=park, kind="disruption", description="Warrant at the flat",
                                owner_user=olivia, owner_name="Olivia Brennan", agency=olivia.agency)
    other = ContextActionFactory(context=park)
    _as(client, olivia)
    listed = client.get(reverse("cases:my_actions")).content.decode()
    assert "Warrant at the flat" in listed and park.name in listed and "Place or group" in listed
    detail = client.get(reverse("contexts:detail", args=[park.pk])).content.decode()
    assert reverse("contexts:action_update", args=[mine.pk]) in detail
    assert reverse("contexts:action_update", args=[other.pk]) not in detail
    assert client.get(reverse("contexts:action_update", args=[other.pk])).status_code == 404
    response = client.post(reverse("contexts:action_update", args=[mine.pk]), {"status": "done"})
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == "done" and other.status == "not_started"
    assert client.get(reverse("contexts:note_add", args=[park.pk])).status_code == 404


def test_a_practitioner_in_another_team_sees_the_context_they_own_work_on(client, personas, park, west_worker):
    action = ContextActionFactory(context=park, owner_user=west_worker, owner_name="Wren Ashby")
    _as(client, west_worker)
    assert client.get(reverse("contexts:detail", args=[park.pk])).status_code == 200
    assert client.get(reverse("contexts:note_add", args=[park.pk])).status_code == 404
    assert client.post(reverse("contexts:action_update", args=[action.pk]),
                       {"status": "in_progress"}).status_code == 302
    ContextAction.objects.filter(pk=action.pk).update(owner_user=None)
    assert client.get(reverse("contexts:detail", args=[park.pk])).status_code == 404


def test_police_are_offered_as_owners_and_the_action_carries_their_agency(client, personas, park):
    olivia = personas["olivia"]
    page = _as(client, personas["priya"]).get(reverse("contexts:action_add", args=[park.pk]))
    assert "Olivia Brennan" in page.content.decode() and "Sarah" not in page.content.decode()
    due = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(reverse("contexts:action_add", args=[park.pk]),
                           {"kind": "disruption", "description": "Patrols at the gate",
                            "owner_user": olivia.pk, **_date("due_date", due)})
    assert response.status_code == 302
    action = ContextAction.objects.get()
    assert action.owner_user == olivia and action.agency == olivia.agency
