"""Which generated children play which part in the demo, read from the generated world.

Why from the world and not the database: every extension must pick the same children, and the
database changes as extensions run (allocating a case moves the lead professional flag). The
generated tables never change, so the cast is a pure function of the seed.

Each part is filled from candidates in a fixed order (synthetic id breaks ties) and is ``None``
when the world has nobody suitable (the tiny test worlds): extensions skip what has no child.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lantern.synthetic import personas as personas_mod
from lantern.synthetic.extensions._base import day
from lantern.synthetic.generator.dates import age_on

NORTH, WEST, EAST = (f"Lantern Exploitation Team {a}" for a in ("North", "West", "East"))


@dataclass(frozen=True)
class Contact:
    """A professional on a child's current involvement (who an agency's referral comes from)."""

    agency: str
    role: str
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class Child:
    sid: int
    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    teams: frozenset[str]
    agency_kinds: frozenset[str]
    lead_username: str
    school: str
    nicknames: tuple[str, ...]
    missing_events: int
    contacts: tuple[Contact, ...]
    #: Age in whole years on the world's as-at date (None when the date of birth is unknown).
    age: int | None = None

    @property
    def police(self) -> bool:
        return "police" in self.agency_kinds

    def contact(self, kind_words: tuple[str, ...]) -> Contact | None:
        return next((c for c in self.contacts if any(w in c.agency for w in kind_words)), None)


@dataclass(frozen=True)
class CasePlan:
    """A case the demo opens: for whom, with which team and lead, and when."""

    part: str
    team: str
    lead: str | None
    opened: dt.date
    closed: dt.date | None = None
    #: "measure" (closed with the distance-travelled end measure) or "reason" (a reason why not)
    closure: str = ""
    #: Distance travelled from the opening day (baseline, six weeks, and end when due by today).
    measured: bool = False
    end_offset_days: int | None = None


def case_plans() -> tuple[CasePlan, ...]:
    """The cases, by part. Dates count back from the seed's today (``_base.today``)."""
    return (
        CasePlan("closed_reason", EAST, "tom", day(-264), closed=day(-22), closure="reason", measured=True,
                 end_offset_days=280),
        CasePlan("resurfaced", NORTH, "priya", day(-229), closed=day(-47), closure="measure",
                 measured=True, end_offset_days=175),
        CasePlan("arrested", NORTH, "priya", day(-194), measured=True),
        CasePlan("closed_measure", NORTH, "priya", day(-180), closed=day(-36), closure="measure",
                 measured=True, end_offset_days=140),
        CasePlan("steady", NORTH, "priya", day(-173), measured=True),
        CasePlan("pattern", NORTH, "priya", day(-152), measured=True),
        CasePlan("health_referral", NORTH, "priya", day(-138), measured=True),
        CasePlan("engaged", NORTH, "priya", day(-117), measured=True),
        CasePlan("police_referral", NORTH, "priya", day(-89), measured=True),
        CasePlan("concern_case", NORTH, "priya", day(-54), measured=True),
        CasePlan("hard_rule", NORTH, "priya", day(-19)),
        CasePlan("unallocated_west", WEST, None, day(-10)),
        CasePlan("unallocated_north", NORTH, None, day(-5)),
        CasePlan("unallocated_east", EAST, None, day(-3)),
    )


@dataclass
class Cast:
    children: dict[int, Child]
    parts: dict[str, int | None] = field(default_factory=dict)
    groups: dict[str, list[int]] = field(default_factory=dict)
    destination_school: str = ""
    learning_centre: str = ""
    deal_numbers: dict[int, str] = field(default_factory=dict)

    def child(self, part: str) -> Child | None:
        sid = self.parts.get(part)
        return self.children[sid] if sid is not None else None

    def plans(self) -> list[tuple[CasePlan, Child]]:
        return [(p, self.child(p.part)) for p in case_plans() if self.child(p.part) is not None]


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _children(world, people) -> dict[int, Child]:
    today = world.as_at
    agencies = {r["agency_id"]: r for r in world.rows("agencies")}
    teams = {r["team_id"]: r["name"] for r in world.rows("teams")}
    usernames = {r["professional_id"]: r["username"] for r in world.rows("professionals")}
    involvements = defaultdict(list)
    for r in world.rows("involvements"):
        if not r["end_date"] and r["person_id"] in people:
            involvements[r["person_id"]].append(r)
    schools: dict[int, str] = {}
    for r in world.rows("enrolments"):
        start, end = _date(r["start_date"]), _date(r["end_date"])
        if r["person_id"] in people and start and start <= today and (end is None or end >= today):
            schools[r["person_id"]] = agencies[r["school_id"]]["name"]
    nicknames = defaultdict(list)
    for pid, name, kind in world.tables["aliases"]:
        if kind == "nickname" and pid in people:
            nicknames[pid].append(name)
    missing = Counter(r[1] for r in world.tables["events"] if r[2] == "missing")
    out = {}
    for r in world.rows("people"):
        sid = r["person_id"]
        if r["kind"] != "child" or sid not in people or r["restricted"]:
            continue
        invs = involvements[sid]
        dob = _date(r["date_of_birth"])
        out[sid] = Child(
            sid=sid,
            first_name=r["first_name"],
            last_name=r["last_name"],
            date_of_birth=dob,
            teams=frozenset(teams[i["team_id"]] for i in invs if i["team_id"] != ""),
            agency_kinds=frozenset(agencies[i["agency_id"]]["kind"] for i in invs),
            lead_username=next(
                (usernames.get(i["professional_id"], "") for i in invs if i["is_lead"]), ""
            ),
            school=schools.get(sid, ""),
            nicknames=tuple(nicknames[sid]),
            missing_events=missing[sid],
            contacts=tuple(
                Contact(agencies[i["agency_id"]]["name"], i["role"], i["contact_name"],
                        i["contact_phone"], i["contact_email"])
                for i in invs if i["contact_name"]
            ),
            age=age_on(dob, today) if dob else None,
        )
    return out


def cast_for(world, people) -> Cast:
    """The demo's cast for ``world`` (``people``: the loaded people by synthetic id)."""
    children = _children(world, people)
    kids = sorted((c for c in children.values() if c.age is not None and 10 <= c.age <= 17),
                  key=lambda c: c.sid)
    cast = Cast(children=children)
    taken: set[int] = set()

    def pick(part: str, *candidates, key=None) -> Child | None:
        """The first free child of the first candidate list that has one."""
        chosen = None
        for group in candidates:
            pool = sorted((c for c in group if c.sid not in taken), key=key or (lambda c: c.sid))
            if pool:
                chosen = pool[0]
                break
        cast.parts[part] = chosen.sid if chosen else None
        if chosen:
            taken.add(chosen.sid)
        return chosen

    cs_teams = {NORTH, WEST, EAST}
    north = [c for c in kids if NORTH in c.teams]
    west = [c for c in kids if WEST in c.teams]
    east = [c for c in kids if EAST in c.teams]
    led = [c for c in north if c.lead_username == "priya"]
    others = [c for c in north if c.lead_username != "priya"]
    oak = [c for c in kids if c.school == personas_mod.SCHOOL]
    most_missing = lambda c: (-c.missing_events, c.sid)  # noqa: E731
    oldest = lambda c: (-c.age, c.sid)  # noqa: E731
    youngest = lambda c: (c.age, c.sid)  # noqa: E731

    # North: priya's caseload, and the children whose stories cross the apps.
    pick("resurfaced", [c for c in others if c.police and c in oak], others, key=most_missing)
    pick("pattern", [c for c in north if c.police], north, key=most_missing)
    pick("hard_rule", [c for c in north if c.age <= 13], key=youngest)
    pick("closed_measure", others, key=oldest)
    pick("arrested", [c for c in led if c.police and c in oak], [c for c in led if c.police],
         key=most_missing)
    pick("health_referral", [c for c in led if c.contact(("Health",))], led)
    pick("concern_case", [c for c in led if c in oak], led, key=youngest)
    pick("unallocated_north", [c for c in others if c in oak], others, key=oldest)
    pick("concern_awaiting", [c for c in north if c in oak], key=youngest)
    pick("concern_advice", [c for c in north if c in oak], [c for c in oak if not c.teams & cs_teams])
    pick("police_referral", led, others)
    pick("steady", led, others)
    pick("engaged", led, others)
    # West and East: tom's agency-wide view.
    pick("unallocated_west", [c for c in west if c.police], west, key=most_missing)
    pick("closed_reason", east, key=oldest)
    pick("unallocated_east", east, key=most_missing)
    pick("nfa", east)
    pick("emergency_department", east)
    pick("nickname", [c for c in kids if c.nicknames and not c.teams & cs_teams])
    # Police and schools.
    pick("open_episode", [c for c in oak if c.police and not c.teams & cs_teams],
         [c for c in kids if c.police], key=most_missing)
    pick("alternative_provision", [c for c in oak if not c.teams & cs_teams], oak)
    cast.groups["location"] = _take(taken, [c for c in west if c.police], 3)
    cast.groups["peer_group"] = _take(taken, east, 2)

    agencies = world.rows("agencies")
    oakfield = next((a for a in agencies if a["name"] == personas_mod.SCHOOL), None)
    schools = [a for a in agencies if a["kind"] == "school" and a is not oakfield]
    same_district = [a for a in schools if oakfield and a["district_id"] == oakfield["district_id"]]
    cast.destination_school = next(
        (a["name"] for a in same_district + schools if a["school_phase"] == "secondary"), "")
    cast.learning_centre = next(
        (a["name"] for a in same_district + schools if "Learning Centre" in a["name"]), "")
    for network in world.truth.get("networks", []):
        for sid in network.get("children", []):
            if network.get("deal_number"):
                cast.deal_numbers.setdefault(sid, network["deal_number"])
    return cast


def _take(taken: set[int], candidates, n: int) -> list[int]:
    chosen = [c.sid for c in candidates if c.sid not in taken][:n]
    taken.update(chosen)
    return chosen
