"""Geography and organisations of one county: areas, districts, towns, schools, agencies,
teams and the professionals who work there (with synthetic contact details).

County 0 is always Ashdown, whose organisation and team names match the demo personas
(``lantern/synthetic/personas.py``; a test keeps the two in step). Other counties (national
scale) get invented names from the same shapes.

Phone numbers come only from Ofcom's ranges reserved for drama (01632 960000-960999 and
07700 900000-900999), so no generated number can ring a real phone; emails use example.org.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from lantern.synthetic.generator import vocab
from lantern.synthetic.generator.rng import between, derive, pick

#: Areas and districts of Ashdown. ``lantern.synthetic.world`` builds the database from this.
AREAS: dict[str, list[str]] = {
    "North": ["Harrowden", "Kelbrook"],
    "West": ["Marlcombe", "Wyvern Vale"],
    "East": ["Saltmarsh", "Eastleigh Down"],
}

# Agency names for Ashdown (must equal lantern.synthetic.personas; tested).
ASHDOWN_AGENCIES = {
    "cs": ("Ashdown Children's Services", "childrens_services"),
    "police": ("Ashdown Police", "police"),
    "partnership": ("Ashdown Safeguarding Partnership", "partnership"),
    "health": ("Ashdown Community Health", "health"),
    "yjs": ("Ashdown Youth Justice Service", "youth_justice"),
    "vol": ("Brightpath Youth Trust", "voluntary"),
}
#: Share of Ashdown's people living in each district (in AREAS order).
ASHDOWN_SHARES = (0.22, 0.18, 0.15, 0.13, 0.17, 0.15)
PERSONA_SCHOOL = "Oakfield Academy"
PERSONA_SCHOOL_DISTRICT = "Harrowden"

#: (team key, agency key, team name, area name or None, job titles for its workers)
TEAM_SHAPES: tuple[tuple[str, str, str, str | None, tuple[str, ...]], ...] = (
    ("cs:North", "cs", "Lantern Exploitation Team North", "North",
     ("Exploitation social worker", "Senior practitioner", "Exploitation youth worker")),
    ("cs:West", "cs", "Lantern Exploitation Team West", "West",
     ("Exploitation social worker", "Senior practitioner", "Exploitation youth worker")),
    ("cs:East", "cs", "Lantern Exploitation Team East", "East",
     ("Exploitation social worker", "Senior practitioner", "Exploitation youth worker")),
    ("police:met", "police", "Missing, Exploited and Trafficked Team", None,
     ("Detective constable", "Police constable", "Detective sergeant")),
    ("partnership:unit", "partnership", "Partnership Business Unit", None,
     ("Partnership officer",)),
    ("health:nursing", "health", "School Nursing Service", None, ("School nurse",)),
    ("health:outreach", "health", "Sexual Health Outreach Team", None, ("Outreach nurse",)),
    ("yjs:team", "yjs", "Youth Justice Team", None, ("Youth justice case manager",)),
    ("vol:rhi", "vol", "Return Home Interview Service", None, ("Return home interview worker",)),
    ("vol:youth", "vol", "Detached Youth Work Team", None, ("Detached youth worker",)),
)

#: Demo personas who appear as professionals in Ashdown: (username, first, last, team key,
#: job title, takes cases). A school key is "school:<name>".
PERSONA_STAFF: tuple[tuple[str, str, str, str, str, bool], ...] = (
    ("priya", "Priya", "Okafor", "cs:North", "Exploitation social worker", True),
    ("tom", "Tom", "Hargreaves", "cs:North", "Team manager", False),
    ("olivia", "Olivia", "Brennan", "police:met", "Detective constable", True),
    ("dan", "Dan", "Whitlock", "police:met", "Intelligence analyst", False),
    ("sarah", "Sarah", "Lindqvist", f"school:{PERSONA_SCHOOL}", "Designated safeguarding lead", True),
    ("marcus", "Marcus", "Adeyemi", "partnership:unit", "Exploitation panel chair", False),
)

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters used in the inward part of a postcode
LANDLINE = "01632 960{:03d}"
MOBILE = "07700 900{:03d}"


@dataclass
class District:
    id: int
    area_id: int
    area: str
    name: str
    towns: tuple[str, ...]
    outward: tuple[str, ...]
    share: float


@dataclass
class School:
    id: int
    name: str
    phase: str  # primary, secondary, college, alternative
    district: District
    establishment: int
    low_year: int
    high_year: int
    dsl: Professional | None = None


@dataclass
class Professional:
    id: int
    team_id: int | None
    agency_id: int
    first_name: str
    last_name: str
    job_title: str
    phone: str
    mobile: str
    email: str
    username: str = ""
    takes_cases: bool = True

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class Team:
    id: int
    key: str
    agency_id: int
    name: str
    area_id: int | None
    workers: list[Professional] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    others: list[Professional] = field(default_factory=list)  # managers, analysts: no cases

    def allocate(self, rnd: random.Random) -> Professional:
        return rnd.choices(self.workers, self.weights)[0]


@dataclass
class Agency:
    id: int
    key: str
    name: str
    kind: str
    district_id: int | None
    phone: str
    email: str


class PhonePool:
    """Numbers from one Ofcom drama range, shuffled, handed out without repeats until the
    thousand are used (then reused: only a thousand exist per range)."""

    def __init__(self, fmt: str, rnd: random.Random) -> None:
        self.numbers = [fmt.format(i) for i in range(1000)]
        rnd.shuffle(self.numbers)
        self.next = 0

    def take(self) -> str:
        number = self.numbers[self.next % 1000]
        self.next += 1
        return number


def _slug(text: str) -> str:
    return "".join(c for c in text.lower().replace(" ", ".") if c.isalnum() or c == ".")


class County:
    """Everything about one county that is not a person: built once, emitted once."""

    def __init__(self, *, seed: int, index: int, ids, population: int, known: int,
                 as_at: dt.date) -> None:
        self.seed = seed
        #: The world's today (``dates``): everything generated for this county ends before it.
        self.as_at = as_at
        self.as_at_ord = as_at.toordinal()
        self.index = index
        self.id = index + 1
        self.ids = ids
        rnd = derive(seed, "county", index, "organisations")
        self.rnd = rnd
        self.name = vocab.COUNTY_NAMES[index % len(vocab.COUNTY_NAMES)]
        if index >= len(vocab.COUNTY_NAMES):
            self.name = f"{self.name} {index // len(vocab.COUNTY_NAMES) + 1}"
        self.la_code = str(950 + index % 50)
        # "AD" (Ashdown) and the Q and X families are not real UK postcode areas.
        letters = "ABCDEFGHJKLMNOPRSTUVWXYZ"
        self.postcode_area = "AD" if index == 0 else "QX"[(index - 1) // 24 % 2] + letters[(index - 1) % 24]
        self.police_prefix = "AP" if index == 0 else f"P{index:02d}"
        self.landlines = PhonePool(LANDLINE, derive(seed, "county", index, "landlines"))
        self.mobiles = PhonePool(MOBILE, derive(seed, "county", index, "mobiles"))
        self._build_geography(population)
        self._build_agencies()
        self._build_schools(population)
        self._build_teams(known)

    # --- geography ------------------------------------------------------------------------
    def _build_geography(self, population: int) -> None:
        rnd = self.rnd
        self.areas: list[tuple[int, str]] = []
        self.districts: list[District] = []
        if self.index == 0:
            shape = AREAS
        else:
            used: set[str] = set()
            shape = {}
            for area in AREAS:
                names = []
                while len(names) < 2:
                    n = rnd.choice(vocab.DISTRICT_SYLLABLES[0]) + rnd.choice(vocab.DISTRICT_SYLLABLES[1])
                    if n not in used:
                        used.add(n)
                        names.append(n)
                shape[area] = names
        outward_n = 1
        if self.index == 0:  # Ashdown: the North (the demo practitioner's area) is the largest
            shares = list(ASHDOWN_SHARES)
        else:
            shares = [rnd.uniform(0.8, 1.2) for _ in range(6)]
        total = sum(shares)
        i = 0
        for area_name, district_names in shape.items():
            area_id = self.ids.next("area")
            self.areas.append((area_id, area_name))
            for dname in district_names:
                towns = vocab.TOWNS.get(dname) if self.index == 0 else None
                if towns is None:
                    towns = (dname, *(rnd.choice(vocab.DISTRICT_SYLLABLES[0]) + rnd.choice(vocab.DISTRICT_SYLLABLES[1]) for _ in range(2)))
                outward = tuple(f"{self.postcode_area}{outward_n + k}" for k in range(3))
                outward_n += 3
                self.districts.append(District(self.ids.next("district"), area_id, area_name,
                                               dname, towns, outward, shares[i] / total))
                i += 1
        self.district_by_name = {d.name: d for d in self.districts}
        self.area_id = {name: aid for aid, name in self.areas}

    def postcode(self, district: District, rnd: random.Random) -> str:
        r = rnd.random
        return (f"{pick(rnd, district.outward)} {int(r() * 10)}"
                f"{INWARD_LETTERS[int(r() * 20)]}{INWARD_LETTERS[int(r() * 20)]}")

    def street_address(self, district: District, rnd: random.Random) -> tuple[str, str, str]:
        """(line1, line2, town) for a home in the district."""
        street = f"{pick(rnd, vocab.STREET_FIRST)} {pick(rnd, vocab.STREET_LAST)}"
        town = pick(rnd, district.towns)
        if rnd.random() < 0.18:
            return f"Flat {between(rnd, 1, 48)}", f"{pick(rnd, vocab.BLOCK_NAMES)}, {street}", town
        return f"{between(rnd, 1, 160)} {street}", "", town

    # --- organisations ---------------------------------------------------------------------
    def _person_name(self, rnd: random.Random) -> tuple[str, str]:
        pool = rnd.choices(["british", "south_asian", "black", "european"], [80, 8, 7, 5])[0]
        sex = rnd.choice("FM")
        return rnd.choice(vocab.FIRST_NAMES[pool][sex]), rnd.choice(vocab.SURNAMES[pool])

    def _build_agencies(self) -> None:
        self.agencies: dict[str, Agency] = {}
        main = self.districts[0].id
        for key, (name, kind) in ASHDOWN_AGENCIES.items():
            if self.index:
                name = {"vol": f"{self.name} Young People's Trust"}.get(
                    key, name.replace("Ashdown", self.name)
                )
            slug = _slug(name.replace("'", ""))
            self.agencies[key] = Agency(self.ids.next("agency"), key, name, kind, main,
                                        self.landlines.take(), f"contact.{slug}@example.org")

    def _build_schools(self, population: int) -> None:
        rnd = self.rnd
        self.schools: list[School] = []
        used: set[str] = set()

        def add(name, phase, district, estab, low, high):
            base, n = name, 2
            while name in used:
                name = f"{base} {n}"
                n += 1
            used.add(name)
            school = School(self.ids.next("agency"), name, phase, district, estab, low, high)
            self.schools.append(school)
            return school

        pri_n, sec_n = 2000, 4000
        for d in self.districts:
            pop = population * d.share
            n_sec = max(1, round(pop / 18000))
            n_pri = max(2, round(pop / 3500))
            for k in range(n_sec):
                if self.index == 0 and d.name == PERSONA_SCHOOL_DISTRICT and k == 0:
                    name = PERSONA_SCHOOL
                else:
                    town = d.towns[k % len(d.towns)]
                    name = f"{town} {rnd.choice(('Academy', 'High School', 'Community College', 'School'))}"
                    if k >= len(d.towns):
                        name = f"{rnd.choice(vocab.STREET_FIRST)} {rnd.choice(('Academy', 'High School'))}, {town}"
                sec_n += 1
                add(name, "secondary", d, sec_n, 7, 11)
            for k in range(n_pri):
                town = d.towns[k % len(d.towns)]
                style = rnd.choice((f"{town} Primary School", f"{town} Church of England Primary School",
                                    f"{rnd.choice(vocab.STREET_FIRST)} Primary School, {town}",
                                    f"{town} Infant and Junior School"))
                pri_n += 1
                add(style, "primary", d, pri_n, 0, 6)
        for i, (_area_id, area) in enumerate(self.areas):
            district = next(d for d in self.districts if d.area == area)
            add(f"{district.towns[0]} College", "college", district, 8001 + i, 12, 13)
            add(f"{area} {self.name} Learning Centre", "alternative", district, 1101 + i, 7, 11)
        self.schools_by_district: dict[int, dict[str, list[School]]] = {}
        for s in self.schools:
            self.schools_by_district.setdefault(s.district.id, {}).setdefault(s.phase, []).append(s)
        self.persona_school = next((s for s in self.schools if s.name == PERSONA_SCHOOL), None)
        self.colleges = {s.district.area: s for s in self.schools if s.phase == "college"}
        self.alternative = {s.district.area: s for s in self.schools if s.phase == "alternative"}
        persona_dsl = {p[3].split(":", 1)[1]: p for p in PERSONA_STAFF if p[3].startswith("school:")}
        for s in self.schools:
            p = persona_dsl.get(s.name) if self.index == 0 else None
            if p:
                first, last, username = p[1], p[2], p[0]
            else:
                first, last = self._person_name(rnd)
                username = ""
            s.dsl = Professional(self.ids.next("professional"), None, s.id, first, last,
                                 "Designated safeguarding lead", self.landlines.take(), "",
                                 f"{_slug(first)}.{_slug(last)}@example.org", username)

    def _build_teams(self, known: int) -> None:
        rnd = self.rnd
        self.teams: dict[str, Team] = {}
        for key, agency_key, name, area, titles in TEAM_SHAPES:
            agency = self.agencies[agency_key]
            team = Team(self.ids.next("team"), key, agency.id, name,
                        self.area_id[area] if area else None)
            scale = known / (3 if area else 1)
            size = max(3, round(scale / 45)) if agency_key in ("cs", "police") else max(2, round(scale / 150))
            staff = [p for p in PERSONA_STAFF if p[3] == key] if self.index == 0 else []
            for username, first, last, _key, title, takes in staff:
                prof = self._professional(team, first, last, title, username, takes)
                if takes:
                    team.workers.append(prof)
                    team.weights.append(2.0 if size <= 6 else 1.0)
                else:
                    team.others.append(prof)
            for _ in range(size):
                first, last = self._person_name(rnd)
                prof = self._professional(team, first, last, rnd.choice(titles), "", True)
                team.workers.append(prof)
                team.weights.append(1.0)
            self.teams[key] = team

    def _professional(self, team: Team, first: str, last: str, title: str, username: str,
                      takes: bool) -> Professional:
        email = f"{username}@example.org" if username else f"{_slug(first)}.{_slug(last)}@example.org"
        return Professional(self.ids.next("professional"), team.id, team.agency_id, first, last,
                            title, self.landlines.take(), self.mobiles.take(), email, username,
                            takes)

    def professionals(self):
        for team in self.teams.values():
            yield from team.workers
            yield from team.others
        for s in self.schools:
            yield s.dsl

    # --- emit ------------------------------------------------------------------------------
    def emit(self, sink) -> None:
        sink.writer("counties")((self.id, self.name, self.la_code))
        w = sink.writer("areas")
        for aid, name in self.areas:
            w((aid, self.id, name))
        w = sink.writer("districts")
        for d in self.districts:
            w((d.id, d.area_id, d.name, d.outward[0][:2]))
        w = sink.writer("agencies")
        for a in self.agencies.values():
            w((a.id, self.id, a.name, a.kind, a.district_id or "", a.phone, a.email, "", ""))
        for s in self.schools:
            slug = _slug(s.name.replace(",", "").replace("'", ""))
            w((s.id, self.id, s.name, "school", s.district.id, s.dsl.phone,
               f"office.{slug}@example.org", s.phase, s.establishment))
        w = sink.writer("teams")
        for t in self.teams.values():
            w((t.id, t.agency_id, t.name, t.area_id or ""))
        w = sink.writer("professionals")
        for p in self.professionals():
            w((p.id, p.team_id or "", p.agency_id, p.first_name, p.last_name, p.job_title,
               p.phone, p.mobile, p.email, p.username))
