"""Planted surges: short rises in one area's weekly counts, with ground truth, so the emerging
threats rule (``lantern.analysis.threats``) can be scored for precision and recall.

A surge is (area, kind, first ISO week, number of weeks, extra events each week). Its size is
set against the area's own usual level (the mean of the 12 weeks before it, counted from the
events the county has already made), times a multiplier drawn from ``MULTIPLIERS``, and never
fewer than ``MIN_EXTRA`` a week: some surges are plain, some are hard to tell from chance, as
real ones are. The newest surge always ends in the last complete week before the as-at date, so
the demo has a live alert ("North: 9 missing episodes this week...").

Everything is drawn from its own stream (``derive(seed, "county", k, "surges")``) and written
after the rest of the county, so the rows every other part makes are unchanged: the planted
trends and networks stay exactly as they were; the surges only add events (and their return
home interviews) at the end of the events table.

How an event is placed in an area (the same rule the threat page and the bench use): where the
person lived on that day (their address then, else their latest in the county); intelligence
counts in the area of the first town in the county its summary names. Only exact dates count:
an event known only to the month cannot be put in a week.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from lantern.analysis.threats.kinds import (
    CSE,
    DRUG_SUPPLY_ARREST,
    INTELLIGENCE_PLACE,
    MISSING,
    area_named_in,
    classify,
    place_index,
)
from lantern.analysis.threats.weeks import latest_complete_week
from lantern.synthetic.generator.dates import iso
from lantern.synthetic.generator.rng import derive

#: Surges are planted in the last three years before the as-at date.
PERIOD_WEEKS = 156
#: Never fewer extra events than this in a surge week (so a surge can be published at the usual
#: suppression threshold of 5).
MIN_EXTRA = 6
MULTIPLIERS = (0.6, 0.9, 1.3, 2.0)
KIND_WEIGHTS = ((MISSING, 4), (CSE, 2), (DRUG_SUPPLY_ARREST, 3), (INTELLIGENCE_PLACE, 2))
WATCHED_TYPES = frozenset({"missing", "cse_incident", "online_grooming", "arrest", "intelligence"})
#: Profiles of children a surge of each kind happens to (any child for missing and intelligence).
PROFILES = {CSE: ("cse_contact", "cse_online"), DRUG_SUPPLY_ARREST: ("county_lines", "cce")}
RISKS = ("high", "medium", "low")


def surge_count(known: int) -> int:
    """Four surges for the small county, one per 200 children known to services up to 24."""
    return max(4, min(24, known // 200))


def area_at(p, o: int, district_area: dict[int, str]) -> str | None:
    """The area of ``p``'s home on day ``o`` (else their latest address in the county)."""
    latest = None
    for a in p.addresses:
        district = a[5]
        if district is None or district == "":
            continue
        latest = a
        start, end = a[7], a[8]
        if (start is None or start <= o) and (end is None or o < end):
            return district_area.get(district)
    return district_area.get(latest[5]) if latest is not None else None


class Tally:
    """Watched events as the county makes them (a few per known child), for surge sizing."""

    def __init__(self, event) -> None:
        self.event = event
        self.rows: list[tuple] = []

    def __call__(self, pid, etype, subtype, o, precision, agency_id, summary, significant, network_id=""):
        if etype in WATCHED_TYPES and precision == "exact" and o is not None:
            self.rows.append((pid, etype, subtype, o, summary))
        self.event(pid, etype, subtype, o, precision, agency_id, summary, significant, network_id)


class Planter:
    """Plans surges for one county and writes their events."""

    def __init__(self, county, w, truth, seed: int, cases, people: dict[int, object], tally: Tally) -> None:
        self.county = county
        self.w = w
        self.truth = truth
        self.rnd = derive(seed, "county", county.index, "surges")
        self.cases = cases
        self.people = people
        self.district_area = {d.id: d.area for d in county.districts}
        self.towns = {t: d.area for d in county.districts for t in d.towns}
        self.places = place_index(self.towns)
        self.area_names = [name for _aid, name in county.areas]
        self.latest = latest_complete_week(county.as_at).toordinal()
        self.counts = self._count(tally.rows)

    def _count(self, rows) -> Counter:
        counts: Counter = Counter()
        for pid, etype, subtype, o, summary in rows:
            kind = classify(etype, subtype, summary)
            if kind is None:
                continue
            if kind == INTELLIGENCE_PLACE:
                area = area_named_in(summary, self.places)
            else:
                p = self.people.get(pid)
                area = area_at(p, o, self.district_area) if p is not None else None
            if area is not None:
                counts[(area, kind, o - dt.date.fromordinal(o).weekday())] += 1
        return counts

    def baseline(self, area: str, kind: str, first: int) -> float:
        return sum(self.counts[(area, kind, first - 7 * i)] for i in range(1, 13)) / 12

    # --- planning ---------------------------------------------------------------------------
    def plan(self, n: int) -> list[dict]:
        if n <= 0:
            return []
        rnd = self.rnd
        kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
        taken: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        plans = []
        # The newest: missing episodes in the first area, running to the last complete week.
        weeks = 2
        plans.append((self.area_names[0], MISSING, self.latest - 7 * (weeks - 1), weeks))
        taken[(self.area_names[0], MISSING)].append((plans[0][2], self.latest))
        tries = 0
        while len(plans) < n and tries < 50 * n:
            tries += 1
            area = self.area_names[int(rnd.random() * len(self.area_names))]
            kind = kinds[int(rnd.random() * len(kinds))]
            weeks = 1 + int(rnd.random() * 4)
            first = self.latest - 7 * (weeks - 1) - 7 * int(rnd.random() * (PERIOD_WEEKS - weeks))
            last = first + 7 * (weeks - 1)
            # Far enough from another surge of the same series that each has its own baseline.
            if any(first - 7 * 16 <= b and a <= last + 7 * 16 for a, b in taken[(area, kind)]):
                continue
            taken[(area, kind)].append((first, last))
            plans.append((area, kind, first, weeks))
        return plans

    def run(self) -> list[dict]:
        planted = []
        for area, kind, first, weeks in self.plan(surge_count(len(self.cases))):
            entry = self.plant(area, kind, first, weeks)
            if entry is not None:
                planted.append(entry)
        return planted

    # --- writing ------------------------------------------------------------------------------
    def eligible(self, area: str, kind: str, o: int) -> list:
        """Children in ``area`` on day ``o``, aged 10 to 17, known to services by then."""
        out, fallback = [], []
        wanted = PROFILES.get(kind)
        for case in self.cases:
            p = case.person
            if p is None or not 10 <= case.age_at(o) < 18 or case.onset > o:
                continue
            if area_at(p, o, self.district_area) != area:
                continue
            (out if wanted is None or case.profile in wanted else fallback).append(case)
        return out or fallback

    def plant(self, area: str, kind: str, first: int, weeks: int) -> dict | None:
        rnd = self.rnd
        mean = self.baseline(area, kind, first)
        mult = MULTIPLIERS[int(rnd.random() * len(MULTIPLIERS))]
        extra = max(MIN_EXTRA, round(mult * mean))
        children = self.eligible(area, kind, first)
        if not children:
            return None
        towns = [t for t, a in self.towns.items() if a == area]
        ids = []
        per_week = []
        for week in range(weeks):
            monday = first + 7 * week
            n = extra + int(rnd.random() * 3)  # a little variation week to week
            per_week.append(n)
            for _ in range(n):
                day = monday + int(rnd.random() * 7)
                case = children[int(rnd.random() * len(children))]
                ids.append(self.write(kind, case, day, towns[int(rnd.random() * len(towns))]))
        return {
            "county": self.county.name, "county_index": self.county.index, "area": area,
            "kind": kind, "first_week": iso(first), "weeks": weeks, "extra_per_week": per_week,
            "baseline_mean": round(mean, 2), "multiplier": mult, "events": ids,
        }

    def write(self, kind: str, case, o: int, town: str) -> int:
        rnd = self.rnd
        p = case.person
        n = p.call_name
        county = self.county
        police = county.agencies["police"].id
        event = self.w.event
        if kind == MISSING:
            risk = RISKS[int(rnd.random() * 3)]
            event(p.id, "missing", risk, o, "exact", police,
                  f"{n} was reported missing after not coming home from {town} in the evening. "
                  f"Graded {risk} risk. Found the next day at an address in {town} where several "
                  "children had been taken by older males; brought back by police.", True, "")
            ident = self.w.next_event
            r = rnd.random()
            vol = county.agencies["vol"].id
            # The interview follows within days; one that would fall on or after the as-at
            # date has not happened yet (the world ends the day before it).
            if r < 0.72:
                when, outcome, text = o + 1 + int(rnd.random() * 3), "within_72h", (
                    f"Return home interview by Brightpath within 72 hours. {n} spoke about being "
                    f"given lifts and alcohol by older males in {town}; shared with police.")
            elif r < 0.88:
                when, outcome, text = o + 1 + int(rnd.random() * 3), "declined", (
                    f"Return home interview offered within 72 hours; {n} did not want to talk. "
                    "The lead professional will try again at the next visit.")
            else:
                when, outcome, text = o + 4 + int(rnd.random() * 5), "late", (
                    "Return home interview held after the 72-hour window (interviewer "
                    f"unavailable). {n} spoke about friends from {town}.")
            if when < county.as_at_ord:
                event(p.id, "return_interview", outcome, when, "exact", vol, text, False, "")
            return ident
        if kind == CSE:
            event(p.id, "cse_incident", "social_media", o, "exact", police,
                  f"{n} was groomed through a social media app by an adult posing as a teenager "
                  f"and was sexually exploited after being persuaded to meet in {town}; other "
                  "children in the area were contacted by the same account.", True, "")
        elif kind == DRUG_SUPPLY_ARREST:
            event(p.id, "arrest", "drug_supply", o, "exact", police,
                  f"{n} was arrested in {town} on suspicion of supplying Class A drugs for a new "
                  "deal line; treated as a possible victim of criminal exploitation and youth "
                  "justice told about a possible section 45 defence.", True, "")
        else:
            event(p.id, "intelligence", "", o, "exact", police,
                  f"Intelligence (graded B2, may be shared) that children, {n} among them, are "
                  f"being taken to an address in {town} by older males.", False, "")
        return self.w.next_event


def area_key(county: str, area: str, counties: int = 1) -> str:
    """How the bench names an area: "North" in one county, "Ashdown North" in many."""
    return area if counties == 1 else f"{county} {area}"


def surge_area(surge: dict, counties: int = 1) -> str:
    return area_key(surge["county"], surge["area"], counties)


def watched_events(tables: dict[str, list[tuple]]) -> list[tuple[dt.date, str, str]]:
    """``(date, area, kind)`` for every watched event of generated tables, placed by the rule in
    the module docstring (what the bench and the tests feed the threat rule); areas are named by
    ``area_key``."""
    county_name = {c[0]: c[1] for c in tables["counties"]}
    n = len(county_name)
    area_name = {a[0]: (a[1], area_key(county_name[a[1]], a[2], n)) for a in tables["areas"]}
    district_area = {d[0]: area_name[d[1]] for d in tables["districts"]}
    homes: dict[int, list[tuple]] = defaultdict(list)
    towns: dict[str, tuple[int, str]] = {}
    for a in tables["addresses"]:
        if a[6] not in ("", None):
            homes[a[1]].append(a)
            towns.setdefault(a[4], district_area[a[6]])
    places_by_county: dict[int, dict[str, str]] = defaultdict(dict)
    for town, (cid, area) in towns.items():
        places_by_county[cid][town] = area
    indexes = {cid: place_index(t) for cid, t in places_by_county.items()}
    person_county = {p[0]: p[1] for p in tables["people"]}
    out = []
    for e in tables["events"]:
        etype = e[2]
        if etype not in WATCHED_TYPES or e[5] != "exact" or not e[4]:
            continue
        kind = classify(etype, e[3], e[7])
        if kind is None:
            continue
        day = dt.date.fromisoformat(e[4])
        cid = person_county.get(e[1])
        if kind == INTELLIGENCE_PLACE:
            area = area_named_in(e[7], indexes.get(cid, (None, {})))
            key = area  # already named by area_key
        else:
            key = _home_area(homes.get(e[1], ()), day, district_area)
        if key is not None:
            out.append((day, key, kind))
    return out


def _home_area(addresses, day: dt.date, district_area) -> str | None:
    o = day.isoformat()
    latest = None
    for a in addresses:
        latest = a
        start, end = a[8], a[9]
        if (not start or start <= o) and (not end or o < end):
            return district_area[a[6]][1]
    return district_area[latest[6]][1] if latest is not None else None
