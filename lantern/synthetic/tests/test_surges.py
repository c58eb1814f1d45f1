"""Planted surges: deterministic from the seed, recorded in the ground truth, only ever added
after everything else (so every other row, and the planted trends, stay exactly as they were),
and found by the emerging threats rule."""

from __future__ import annotations

import datetime as dt
import json

from lantern.analysis.threats import (
    KINDS,
    detect,
    latest_complete_week,
    score,
    weekly_counts,
    weeks_between,
)
from lantern.synthetic.generator import TRUTH_FILE, generate, write_files
from lantern.synthetic.generator import surges as surges_mod
from lantern.synthetic.generator.surges import surge_area, watched_events
from lantern.synthetic.tests.conftest import AS_AT, SEED, TINY


def test_surges_are_recorded_with_their_events(small_world):
    planted = small_world.truth["surges"]
    assert len(planted) == 4
    events = {e[0]: e for e in small_world.tables["events"]}
    latest = latest_complete_week(AS_AT)
    for s in planted:
        assert s["kind"] in KINDS and s["area"] in ("North", "West", "East")
        assert len(s["extra_per_week"]) == s["weeks"] and min(s["extra_per_week"]) >= surges_mod.MIN_EXTRA
        first = dt.date.fromisoformat(s["first_week"])
        assert first.weekday() == 0 and first + dt.timedelta(weeks=s["weeks"] - 1) <= latest
        assert len(s["events"]) == sum(s["extra_per_week"])
        for eid in s["events"]:
            e = events[eid]
            assert first.isoformat() <= e[4] < (first + dt.timedelta(weeks=s["weeks"])).isoformat()
    # The newest runs to the last complete week, so the demo has a live alert.
    newest = planted[0]
    assert newest["kind"] == "missing" and newest["area"] == "North"
    assert dt.date.fromisoformat(newest["first_week"]) + dt.timedelta(weeks=newest["weeks"] - 1) == latest


def test_surges_only_add_rows_at_the_end(monkeypatch):
    with_surges = generate(seed=SEED, as_at=AS_AT, scale=TINY)
    monkeypatch.setattr(surges_mod, "surge_count", lambda known: 0)
    without = generate(seed=SEED, as_at=AS_AT, scale=TINY)
    assert without.truth["surges"] == []
    for table, rows in without.tables.items():
        if table == "events":
            assert with_surges.tables[table][: len(rows)] == rows
            assert len(with_surges.tables[table]) > len(rows)
        else:
            assert with_surges.tables[table] == rows, table


def test_surges_depend_on_the_seed():
    a = generate(seed=SEED, as_at=AS_AT, scale=TINY).truth["surges"]
    b = generate(seed=SEED, as_at=AS_AT, scale=TINY).truth["surges"]
    c = generate(seed=SEED + 1, as_at=AS_AT, scale=TINY).truth["surges"]
    assert a == b and a != c


def test_surges_in_the_ground_truth_file(tmp_path):
    write_files(seed=SEED, as_at=AS_AT, scale=TINY, out_dir=tmp_path)
    truth = json.loads((tmp_path / TRUTH_FILE).read_text())
    assert truth["surges"] == generate(seed=SEED, as_at=AS_AT, scale=TINY).truth["surges"]


def test_the_rule_finds_the_planted_surges(small_world):
    events = watched_events(small_world.tables)
    latest = latest_complete_week(AS_AT)
    weeks = weeks_between(dt.date(2015, 1, 5), latest)
    found = detect(weekly_counts(events, weeks, ["East", "North", "West"]), weeks)
    result = score(found.episodes, [dict(s, area=surge_area(s)) for s in small_world.truth["surges"]],
                   start=latest - dt.timedelta(weeks=surges_mod.PERIOD_WEEKS), end=latest)
    assert result.recall == 1.0 and result.precision >= 0.5
    [current] = [e for e in found.current() if e.kind == "missing" and e.area == "North"]
    assert current.explain().startswith("North: missing episodes above the usual level for 2 weeks")
