"""Fixtures shared by every test: the persona world and a few children in known scopes."""

from __future__ import annotations

import os

import pytest

from lantern.synthetic.personas import DEMO_PASSWORD


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Tests hash with MD5 so thousands of logins stay quick; production uses Argon2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db):
    """Every persona account (see lantern/synthetic/personas.py), keyed by username."""
    from lantern.synthetic import world

    world._PASSWORD_HASH_CACHE.clear()
    return world.ensure_personas()


@pytest.fixture
def password():
    return DEMO_PASSWORD


@pytest.fixture
def casebook(personas):
    """Children placed in each kind of scope, for access tests.

    * ``team_child``: involved with Priya's team (North) -> seen by priya, tom, dan, marcus, grace
    * ``west_child``: involved with the West team only -> not priya; tom (agency) yes
    * ``police_child``: known only to police -> olivia, dan; not priya or tom
    * ``pupil``: on Oakfield's roll, police involved -> sarah sees; priya does not
    * ``restricted``: North team, restricted -> nobody without a grant
    """
    import datetime as dt

    from lantern.accounts.models import Agency, Team
    from lantern.people.models import SchoolEnrolment
    from lantern.people.tests.factories import (
        ChildFactory,
        ChronologyEventFactory,
        InvolvementFactory,
        RestrictedChildFactory,
    )
    from lantern.synthetic import personas as cast

    cs = Agency.objects.get(name=cast.CHILDRENS_SERVICES)
    police = Agency.objects.get(name=cast.POLICE)
    school = Agency.objects.get(name=cast.SCHOOL)
    north = Team.objects.get(name="Lantern Exploitation Team North")
    west = Team.objects.get(name="Lantern Exploitation Team West")
    met = Team.objects.get(name="Missing, Exploited and Trafficked Team")

    team_child = ChildFactory(first_name="Kayla", last_name="Brightwater", date_of_birth=dt.date(2011, 4, 9))
    InvolvementFactory(person=team_child, agency=cs, team=north, user=personas["priya"], is_lead=True)
    ChronologyEventFactory(person=team_child, source_agency=police)
    west_child = ChildFactory(first_name="Jayden", last_name="Orchard")
    InvolvementFactory(person=west_child, agency=cs, team=west)
    police_child = ChildFactory(first_name="Reece", last_name="Tamberlane")
    InvolvementFactory(person=police_child, agency=police, team=met)
    # Born in the 2011/12 academic year: Year 9 from September 2025 (lantern.schools.year_groups).
    pupil = ChildFactory(first_name="Maisie", last_name="Fairbank", date_of_birth=dt.date(2012, 3, 14))
    InvolvementFactory(person=pupil, agency=police, team=met)
    SchoolEnrolment.objects.create(person=pupil, school=school, year_group=9, start_date=dt.date(2025, 9, 1))
    restricted = RestrictedChildFactory(first_name="Harriet", last_name="Voss")
    InvolvementFactory(person=restricted, agency=cs, team=north)
    return {
        "team_child": team_child,
        "west_child": west_child,
        "police_child": police_child,
        "pupil": pupil,
        "restricted": restricted,
    }


def pytest_configure(config):
    os.environ.setdefault("LANTERN_ENV", "test")
