"""The generator's county agrees with the demo personas and the database geography."""

from __future__ import annotations

from lantern.synthetic import personas as cast
from lantern.synthetic import world
from lantern.synthetic.generator import county


def test_areas_are_shared_with_the_database_world():
    assert world.AREAS is county.AREAS
    assert set(county.AREAS) == {"North", "West", "East"}


def test_agency_and_team_names_match_the_personas():
    generated = {name for name, _kind in county.ASHDOWN_AGENCIES.values()}
    assert {name for name, _kind in cast.AGENCIES} == generated
    assert county.PERSONA_SCHOOL == cast.SCHOOL
    team_names = {shape[2] for shape in county.TEAM_SHAPES}
    assert {name for name, _agency in cast.TEAMS} <= team_names


def test_persona_staff_match_the_personas():
    for username, first, last, team_key, _title, _takes in county.PERSONA_STAFF:
        p = cast.persona(username)
        assert (p.first_name, p.last_name) == (first, last)
        if team_key.startswith("school:"):
            assert p.agency == team_key.split(":", 1)[1]
        else:
            team = next(s[2] for s in county.TEAM_SHAPES if s[0] == team_key)
            assert team in p.teams


def test_small_world_has_the_persona_school_in_its_district(small_world):
    agencies = {r["name"]: r for r in small_world.rows("agencies")}
    districts = {r["district_id"]: r["name"] for r in small_world.rows("districts")}
    oakfield = agencies[cast.SCHOOL]
    assert districts[oakfield["district_id"]] == county.PERSONA_SCHOOL_DISTRICT
    assert oakfield["school_phase"] == "secondary"
    phases = {r["school_phase"] for r in agencies.values() if r["kind"] == "school"}
    assert phases == {"primary", "secondary", "college", "alternative"}
