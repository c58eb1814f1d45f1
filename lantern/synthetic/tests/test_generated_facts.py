"""The statistics over the generator's own tables (what the national benchmark runs), counted
again by hand from the same rows, and the planted County Lines as at February 2019."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from lantern.analysis.statistics import Filters, definitions, duckdb_from_rows
from lantern.analysis.statistics.generated import NEEDED, facts_from_generated
from lantern.synthetic.tests.conftest import AS_AT


def test_statistics_over_generated_rows_match_a_recount(small_world):
    t = small_world.tables
    db = duckdb_from_rows(facts_from_generated({name: t[name] for name in NEEDED}))
    period = Filters(start=dt.date(2015, 1, 1), end=AS_AT)
    held_children = {r[0] for r in t["people"] if r[15] and r[2] == "child"}
    arrested = defaultdict(set)
    cse = defaultdict(int)
    missing = 0
    for r in t["events"]:
        if r[1] not in held_children or not r[4]:
            continue
        year = r[4][:4]
        if r[2] == "arrest" and r[3] == "drug_supply":
            arrested[year].add(r[1])
        if r[2] == "cse_incident":
            cse[year] += 1
        if r[2] == "missing" and r[4] <= AS_AT.isoformat():
            missing += 1
    got = definitions.drug_supply_arrests(db, period).as_dict()
    assert {y: v["Children"] for y, v in got.items() if v["Children"]} == {y: len(s) for y, s in arrested.items()}
    got = definitions.cse_incidents(db, period).as_dict()
    assert {y: v["Incidents"] for y, v in got.items() if v["Incidents"]} == dict(cse)
    assert sum(map(sum, definitions.missing_episodes(db, period).counts)) == missing
    assert sum(map(sum, definitions.return_interviews(db, period).counts)) == missing
    # the generator plants one active line per area in February 2019
    lines = definitions.county_lines(db, Filters(start=period.start, end=period.end, as_at=dt.date(2019, 2, 1)))
    assert all(lines.value(area, "Active") >= 1 for area in ("North", "West", "East"))
