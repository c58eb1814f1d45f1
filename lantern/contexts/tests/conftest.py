"""Fixtures for places and peer groups: teams, a practitioner in another team, and a park with
children in different scopes linked to it."""

from __future__ import annotations

import pytest


@pytest.fixture
def north(db):
    from lantern.accounts.models import Team

    return Team.objects.get(name="Lantern Exploitation Team North")


@pytest.fixture
def west(db):
    from lantern.accounts.models import Team

    return Team.objects.get(name="Lantern Exploitation Team West")


@pytest.fixture
def west_worker(personas, west):
    """A practitioner in the West team only (another team of the same agency as priya)."""
    from lantern.accounts.choices import Role
    from lantern.accounts.models import User

    user = User.objects.create(
        username="wren", first_name="Wren", last_name="Ashby", role=Role.PRACTITIONER,
        agency=personas["priya"].agency,
    )
    user.teams.add(west)
    return user


@pytest.fixture
def park(personas, casebook, north):
    """A North team park, led by priya, with Kayla (North) and Jayden (West only) linked."""
    from lantern.contexts import services

    context = services.context_open(
        actor=personas["tom"], kind="location", name="Marlcombe Park skate area", team=north,
        lead=personas["priya"], ward="Harrowden", postcode_district="as12",
        description="Older males seen giving younger children lifts.",
    )
    services.context_link_person(
        actor=personas["tom"], context=context, person=casebook["team_child"],
        reason="Seen at the skate area late at night.",
    )
    services.context_link_person(
        actor=personas["tom"], context=context, person=casebook["west_child"],
        reason="Named by a youth worker as often there.",
    )
    return context
