"""The generator's as-at date (``generator.dates``): the world's today is a parameter, so the demo
can be seeded as at any day and still look like a live caseload, and every relationship that
hangs on "today" (ages, school year groups, open cases, recent events) moves with it.

Dates cover the awkward cases: a Monday after a New Year bank holiday (2027-01-04), a Sunday
(2026-11-29), a day in British Summer Time (2027-06-16), New Year's Day itself, and the pinned
date the other tests use (31 October 2026, the Saturday before the clocks changed back).
"""

from __future__ import annotations

import collections
import datetime as dt

import pytest

from lantern.synthetic.generator import EARLIEST_AS_AT, START, check_as_at, generate, write_files
from lantern.synthetic.generator.dates import year_group
from lantern.synthetic.tests.conftest import AS_AT, SEED, TINY

#: Mid-sized: enough children for the shape checks, well under a second.
SHAPE = TINY.__class__("as-at", 1, 120, 600, 2)
DATES = [dt.date(2027, 1, 4), dt.date(2026, 11, 29), dt.date(2027, 6, 16), dt.date(2027, 1, 1), AS_AT]


def _held_children(world):
    return [p for p in world.rows("people") if p["held_by_partnership"] and p["kind"] == "child"]


def test_same_seed_and_date_same_world_another_date_another_world():
    a = generate(seed=SEED, as_at=dt.date(2027, 1, 4), scale=TINY)
    b = generate(seed=SEED, as_at=dt.date(2027, 1, 4), scale=TINY)
    c = generate(seed=SEED, as_at=dt.date(2027, 1, 5), scale=TINY)
    assert a.digest() == b.digest() and a.truth == b.truth
    assert a.digest() != c.digest()
    assert a.truth["as_at"] == "2027-01-04" and c.truth["as_at"] == "2027-01-05"
    assert a.as_at == dt.date(2027, 1, 4)


def test_files_record_the_as_at_date(tmp_path):
    write_files(seed=SEED, as_at=dt.date(2027, 6, 16), scale=TINY, out_dir=tmp_path)
    assert '"as_at": "2027-06-16"' in (tmp_path / "ground_truth.json").read_text()


def test_an_as_at_date_too_early_for_the_planted_history_is_refused():
    with pytest.raises(ValueError, match="as_at must be between"):
        generate(seed=SEED, as_at=EARLIEST_AS_AT - dt.timedelta(days=1), scale=TINY)
    assert check_as_at(dt.datetime(2027, 1, 4, 9, 30)) == dt.date(2027, 1, 4)


@pytest.mark.parametrize("as_at", DATES, ids=str)
def test_the_world_ends_the_day_before_as_at_and_keeps_its_shape(as_at):
    world = generate(seed=SEED, as_at=as_at, scale=SHAPE)
    last = (as_at - dt.timedelta(days=1)).isoformat()
    dated = [e["event_date"] for e in world.rows("events") if e["event_date"]]
    assert START.isoformat() <= min(dated) and max(dated) <= last
    for table, columns in (("addresses", ("start_date", "end_date")),
                           ("involvements", ("start_date", "end_date")),
                           ("enrolments", ("start_date", "end_date"))):
        for row in world.rows(table):
            for column in columns:
                assert not row[column] or row[column] < as_at.isoformat(), (table, row)
    # Ages are as at the date: most children known to services are 10-17 on it.
    children = _held_children(world)
    ages = [(as_at - dt.date.fromisoformat(p["date_of_birth"])).days / 365.25 for p in children]
    assert sum(10 <= a < 18 for a in ages) / len(ages) >= 0.5
    # A live caseload: open involvements, and events in the last 90 days and the last fortnight.
    held = {p["person_id"] for p in children}
    assert sum(1 for i in world.rows("involvements") if i["person_id"] in held and not i["end_date"]) >= 20
    recent = [d for e in world.rows("events") if e["person_id"] in held and (d := e["event_date"])]
    assert sum(d >= (as_at - dt.timedelta(days=90)).isoformat() for d in recent) >= 10
    assert any(d >= (as_at - dt.timedelta(days=14)).isoformat() for d in recent)


@pytest.mark.parametrize("as_at", [dt.date(2027, 1, 4), dt.date(2027, 9, 6)], ids=str)
def test_current_school_year_groups_are_for_the_as_at_academic_year(as_at):
    """A pupil on a roll on the as-at date is of school age for that academic year: secondary
    schools hold years 7-11 (a stored year group is as at the enrolment's start)."""
    world = generate(seed=SEED, as_at=as_at, scale=SHAPE)
    people = {p["person_id"]: p for p in world.rows("people")}
    agencies = {a["agency_id"]: a for a in world.rows("agencies")}
    current = [e for e in world.rows("enrolments") if not e["end_date"]]
    assert current
    by_phase = collections.Counter()
    for e in current:
        dob = dt.date.fromisoformat(people[e["person_id"]]["date_of_birth"])
        now = year_group(dob, as_at)
        phase = agencies[e["school_id"]]["school_phase"]
        by_phase[phase] += 1
        if phase == "primary":
            assert 0 <= now <= 6, (e, now)
        elif phase == "secondary":
            assert 7 <= now <= 11, (e, now)
    assert by_phase["primary"] and by_phase["secondary"]
