"""Fixtures for casework tests: the North team and an allocated case for Kayla."""

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
def open_case(personas, casebook, north):
    """Kayla's case, opened by Tom (team manager) and allocated to Priya."""
    from lantern.cases.services import case_open

    return case_open(
        actor=personas["tom"], person=casebook["team_child"], team=north, lead=personas["priya"]
    )


@pytest.fixture
def colleague(personas, north):
    """A second practitioner in the North team (for reassignment)."""
    from lantern.accounts.choices import Role
    from lantern.accounts.models import User

    user = User.objects.create(
        username="noor", first_name="Noor", last_name="Fielding", role=Role.PRACTITIONER,
        agency=personas["priya"].agency, email="noor@example.org",
    )
    user.teams.add(north)
    return user


@pytest.fixture
def measure_for(personas):
    """Make a distance-travelled assessment for a child and return its id.

    With the assessments app installed this is a real outcome assessment (so the closure rule's
    check that the measure belongs to the child is exercised); without it any positive id does.
    """
    from django.apps import apps
    from django.utils import timezone

    def make(person) -> int:
        if not apps.is_installed("lantern.assessments"):
            return person.pk
        model = apps.get_model("assessments", "Assessment")
        return model.objects.create(
            person=person, tool="distance-travelled", tool_version=1,
            tool_title="Distance travelled", kind="outcome", as_at=timezone.localdate(),
            started_by=personas["priya"],
        ).pk

    return make
