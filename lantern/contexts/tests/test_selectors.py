from __future__ import annotations

import pytest
from django.http import Http404

from lantern.contexts import selectors
from lantern.contexts.tests.factories import (
    ClosedPlaceFactory,
    OpenPeerGroupFactory,
    OpenPlaceFactory,
)

pytestmark = pytest.mark.django_db


def test_who_sees_which_contexts(personas, north, west, west_worker):
    north_park = OpenPlaceFactory(team=north)
    west_group = OpenPeerGroupFactory(team=west)
    seen = {u: set(selectors.context_visible(actor=personas[u] if u != "wren" else west_worker))
            for u in ("priya", "tom", "dan", "olivia", "marcus", "grace", "sarah", "amir", "sam", "wren")}
    assert seen["priya"] == {north_park}
    assert seen["wren"] == {west_group}
    for who in ("tom", "dan", "olivia", "marcus", "grace"):
        assert seen[who] == {north_park, west_group}, who
    for who in ("sarah", "amir", "sam"):
        assert seen[who] == set(), who


def test_the_lead_sees_a_context_held_by_another_team(personas, west):
    led = OpenPlaceFactory(team=west, lead=personas["priya"])
    assert selectors.context_get(actor=personas["priya"], context_id=led.pk) == led


def test_missing_and_forbidden_look_the_same(personas, west):
    other = OpenPlaceFactory(team=west)
    for context_id in (other.pk, 999999, "abc"):
        with pytest.raises(Http404):
            selectors.context_get(actor=personas["priya"], context_id=context_id)


def test_closed_contexts_are_read_but_not_worked(personas, north):
    closed = ClosedPlaceFactory(team=north)
    assert selectors.context_get(actor=personas["priya"], context_id=closed.pk)
    with pytest.raises(Http404):
        selectors.context_get_workable(actor=personas["priya"], context_id=closed.pk)


def test_list_filters_by_kind_and_status(personas, north):
    park, group, closed = OpenPlaceFactory(team=north), OpenPeerGroupFactory(team=north), ClosedPlaceFactory(team=north)
    priya = personas["priya"]
    assert set(selectors.context_list(actor=priya)) == {park, group}
    assert set(selectors.context_list(actor=priya, kind="peer_group")) == {group}
    assert set(selectors.context_list(actor=priya, status="closed")) == {closed}
    assert set(selectors.context_list(actor=priya, status="")) == {park, group, closed}


def test_members_are_named_only_when_visible(park, personas, casebook):
    priya = selectors.members_for(actor=personas["priya"], context=park)
    assert [m.person for m in priya.children] == [casebook["team_child"]]
    assert priya.hidden_children == 1 and priya.person_ids == [casebook["team_child"].pk]
    tom = selectors.members_for(actor=personas["tom"], context=park)
    assert {m.person for m in tom.children} == {casebook["team_child"], casebook["west_child"]}
    assert tom.hidden_children == 0
    # A police analyst sees every record outside restriction; olivia (police agency) sees neither.
    olivia = selectors.members_for(actor=personas["olivia"], context=park)
    assert olivia.children == [] and olivia.hidden_children == 2


def test_owners_come_from_the_team_the_leads_agency_and_the_police(park, personas):
    """Police officers and analysts read every context and do the disruption work; school leads,
    panel chairs, the DPO and administrators never own actions."""
    owners = set(selectors.eligible_owners(context=park))
    assert {personas["priya"], personas["tom"], personas["olivia"], personas["dan"]} <= owners
    for who in ("sarah", "marcus", "grace", "sam", "amir"):
        assert personas[who] not in owners, who
