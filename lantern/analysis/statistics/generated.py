"""Fact rows straight from the synthetic generator's tables (CSV files or memory), so the
committee statistics can be computed over a county or a national run without the app: the
benchmark converts the generator's files to Parquet with this and runs the very definitions the
dashboard runs (``duckdb_over_parquet``).

The rules are the app's (``lantern/reporting/facts.py``) on the generator's columns
(``lantern.synthetic.generator.schema``): children are the people the partnership holds of kind
"child"; an event's structured fields come from ``vocab.classify``; its area is the child's home
area on the day; the team is the team of the child's current lead involvement; a missing episode
is paired with the next return interview entry within 14 days; an NRM referral's type comes from
its words; a County Line holds "active" from its start, then "disrupted", then "closed".

Rows must be given as the generator makes them (ints for ids and flags, ISO date strings, ""
for blank). Everything streams except the per-child lookups.

Example::

    facts = facts_from_generated({name: read(folder, name) for name in NEEDED})
    db = duckdb_from_rows(facts)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from lantern.analysis.statistics.vocab import classify, nrm_type_from_words

__all__ = ["NEEDED", "facts_from_generated"]

#: The generator tables this reads.
NEEDED = ("areas", "districts", "teams", "people", "addresses", "involvements", "events", "networks")


def _d(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _age(dob: dt.date | None, on: dt.date | None) -> int | None:
    if dob is None or on is None:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def facts_from_generated(tables: Mapping[str, Iterable[tuple]]) -> dict[str, list[tuple]]:
    area_name = {r[0]: r[2] for r in tables["areas"]}
    district_area = {r[0]: area_name.get(r[1], "") for r in tables["districts"]}
    team_name = {r[0]: r[2] for r in tables["teams"]}
    children: dict[int, list] = {}
    for r in tables["people"]:
        if r[15] and r[2] == "child":
            children[r[0]] = [_d(r[7]), r[9], "", ""]  # dob, sex, area, team
    homes: dict[int, list] = defaultdict(list)
    for r in tables["addresses"]:
        if r[1] in children and r[6] != "":
            homes[r[1]].append((r[8] or "", r[9] or "9999-12-31", district_area.get(r[6], "")))
    for pid, spans in homes.items():
        spans.sort()
        current = [s for s in spans if s[1] == "9999-12-31"] or spans
        children[pid][2] = current[-1][2]
    lead: dict[int, tuple] = {}
    for r in tables["involvements"]:
        pid, team_id, is_lead, start, end = r[0], r[2], r[5], r[9], r[10]
        if pid in children and is_lead and not end and team_id != "":
            if pid not in lead or start >= lead[pid][0]:
                lead[pid] = (start, team_name.get(team_id, ""))
    for pid, (_start, team) in lead.items():
        children[pid][3] = team

    def area_on(pid: int, day: str) -> str:
        spans = homes.get(pid)
        if spans and day:
            for start, end, area in reversed(spans):
                if start <= day <= end:
                    return area
        return children[pid][2]

    events, missing, nrm = [], [], []
    interviews: dict[int, list] = defaultdict(list)
    for r in tables["events"]:
        eid, pid, etype, subtype, day_s, _prec, _agency, summary, _sig, network = r
        if pid not in children:
            continue
        dob, _sex, _home, team = children[pid]
        day = _d(day_s)
        facts = classify(etype, subtype, summary, on_line=bool(network))
        area = area_on(pid, day_s)
        events.append((eid, pid, day, day.year if day else None, etype, subtype, facts["concern_type"],
                       facts["method"], area, team, _age(dob, day), int(facts["arrested"]), 0, 0))
        if day is None:
            continue
        if etype == "missing":
            missing.append((eid, pid, day, area, team, subtype))
        elif etype == "return_interview":
            interviews[pid].append((day, subtype))
        elif etype == "nrm" and subtype == "referral":
            nrm.append((eid, pid, day, day.year, area, team, nrm_type_from_words(summary)))
    facts_missing = []
    for eid, pid, day, area, team, grade in missing:
        outcome = "not_offered"
        for when, sub in sorted(interviews.get(pid, ())):
            if day <= when <= day + dt.timedelta(days=14) and sub in ("within_72h", "late", "declined"):
                outcome = sub
                break
        facts_missing.append((eid, pid, day, day.year, area, team, grade, outcome))
    lines = []
    for r in tables["networks"]:
        nid, _county, kind, _name, area_id, _city, _deal, start, disrupted, closed = r
        if kind != "county_line" or not start:
            continue
        steps = [(d, s) for d, s in ((start, "active"), (disrupted, "disrupted"), (closed, "closed")) if d]
        for k, (day, status) in enumerate(steps):
            lines.append((nid, area_name.get(area_id, ""), status, _d(day),
                          _d(steps[k + 1][0]) if k + 1 < len(steps) else None))
    return {
        "facts_children": [(pid, c[0], c[1], c[2], c[3]) for pid, c in children.items()],
        "facts_events": events,
        "facts_missing": facts_missing,
        "facts_nrm": nrm,
        "facts_lines": lines,
    }
