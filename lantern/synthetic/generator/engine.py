"""One county, start to finish: organisations, cases, networks, households, then the rest of
the population, streamed to a sink as each household is finished.

Memory stays flat at any scale: only the county's organisations, its cases (a few thousand)
and its networks are held; the population is made one household at a time and dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from lantern.synthetic.generator import vocab
from lantern.synthetic.generator.cases import build_cases, choose_restricted
from lantern.synthetic.generator.chronology import Chronicler
from lantern.synthetic.generator.county import INWARD_LETTERS, County
from lantern.synthetic.generator.dates import START_ORD, iso
from lantern.synthetic.generator.networks import (
    CITY_POSTCODE,
    adult_story,
    build_networks,
    emit_networks,
)
from lantern.synthetic.generator.people import (
    CASE_SEN_WEIGHTS,
    DISABILITY_NOTES,
    SEN_WEIGHTS,
    Names,
    NhsNumbers,
    P,
    Upns,
    emit_person_rows,
    school_history,
)
from lantern.synthetic.generator.records import Records
from lantern.synthetic.generator.rng import Weighted, derive, poisson_table
from lantern.synthetic.generator.schema import TABLES
from lantern.synthetic.generator.surges import Planter, Tally

#: Every id kind in county ``k`` lies in ``[k * ID_BLOCK, (k + 1) * ID_BLOCK)``.
ID_BLOCK = 10_000_000


class Ids:
    def __init__(self, county_index: int) -> None:
        self.base = county_index * ID_BLOCK
        self.counters: dict[str, int] = defaultdict(int)

    def next(self, kind: str) -> int:
        self.counters[kind] += 1
        return self.base + self.counters[kind]


class Emitter:
    """Bound writer per table, plus event numbering."""

    def __init__(self, sink, county: County) -> None:
        for name in TABLES:
            setattr(self, name, sink.writer(name))
        self.county_id = county.id
        self.areas = county.areas
        self.next_event = county.ids.base

    def event(self, pid, etype, subtype, o, precision, agency_id, summary, significant, network_id="") -> None:
        self.next_event += 1
        self.events((self.next_event, pid, etype, subtype, iso(o), precision, agency_id, summary,
                     int(significant), network_id))


# Routine events for people not known to services (the bulk of a county's event table).
CHILD_EVENTS = (
    ("ae_attendance", "health", "Attended A&E with a sprained wrist after a fall at the park."),
    ("ae_attendance", "health", "Attended A&E with a head bump from playground football; discharged."),
    ("ae_attendance", "health", "Attended the minor injuries unit with a cut hand; stitches."),
    ("contact", "health", "School nursing health review; no concerns."),
    ("contact", "health", "Immunisation session at school."),
    ("absent", "school", "Unauthorised absence from school for two days; parent called."),
    ("concern", "school", "Low-level note: late to school several times this term."),
    ("concern", "school", "Low-level note: upset after a falling-out with friends; resolved."),
    ("other", "police", "Reported by a parent as the victim of a bicycle theft; no suspect."),
    ("referral", "school", "Referral for early help with family finances; support offered by the school."),
)
ADULT_EVENTS = (
    ("ae_attendance", "health", "Attended A&E with chest pain; discharged the same day."),
    ("ae_attendance", "health", "Attended A&E after a fall at home; wrist fracture."),
    ("contact", "health", "Annual health review with the practice nurse."),
    ("contact", "health", "Seen by a GP for a routine appointment."),
    ("other", "police", "Reported a burglary at home as a victim; crime reference issued."),
    ("other", "police", "Reported a theft from a car; no further action."),
    ("other", "police", "Witness statement given after a road traffic collision."),
)
CHILD_EVENT_COUNTS = poisson_table(3.6)
ADULT_EVENT_COUNTS = poisson_table(2.6)
HOUSEHOLD_KINDS = Weighted((("family", 0.33), ("couple", 0.28), ("single", 0.25), ("older", 0.14)))


class Population:
    """Makes people a household at a time and writes them out."""

    def __init__(self, county: County, w: Emitter, truth, seed: int) -> None:
        idx = county.index
        self.county = county
        self.w = w
        self.rnd = derive(seed, "county", idx, "population")
        self.names = Names(self.rnd)
        self.nhs = NhsNumbers(idx)
        self.upns = Upns(county.la_code)
        self.records = Records(county, w, truth, derive(seed, "county", idx, "records"))
        self.chron = Chronicler(county, w, derive(seed, "county", idx, "chronology"))
        self.ids = county.ids
        self.count = 0
        self.pending: list[P] = []
        self.la_n = 0
        self.district_pick = Weighted((d, d.share) for d in county.districts)
        self.as_at = county.as_at_ord
        self.agency = {"health": county.agencies["health"].id, "police": county.agencies["police"].id}
        self.events_child = CHILD_EVENTS
        self.events_adult = ADULT_EVENTS

    # --- building blocks ------------------------------------------------------------------
    def person(self, kind: str, sex: str, dob: dt.date, ethnicity: str, last: str, household: int) -> P:
        self.count += 1
        p = P(self.ids.next("person"), kind, self.names.first(ethnicity, sex, dob), last, dob, sex,
              ethnicity, household)
        if self.rnd.random() < 0.45:
            p.middle = self.names.first(ethnicity, sex, dob)
        return p

    def dob_for_age(self, low: float, high: float, at: int | None = None) -> dt.date:
        """A birthday ``low``..``high`` years before ``at`` (default: the as-at date; at least a
        day before it)."""
        at = self.as_at if at is None else at
        return dt.date.fromordinal(at - 1 - int(self.rnd.uniform(low, high) * 365.25))

    def address(self, district, start: int | None, end: int | None, kind: str = "home") -> tuple:
        line1, line2, town = self.county.street_address(district, self.rnd)
        return (self.ids.next("address"), line1, line2, town, self.county.postcode(district, self.rnd),
                district.id, kind, start, end)

    def city_address(self, city: str, start: int) -> tuple:
        rnd = self.rnd
        line1 = f"{rnd.randint(1, 220)} {rnd.choice(vocab.STREET_FIRST)} {rnd.choice(vocab.STREET_LAST)}"
        postcode = (f"{CITY_POSTCODE.get(city, 'ZZ')}{rnd.randint(1, 30)} {rnd.randrange(10)}"
                    f"{rnd.choice(INWARD_LETTERS)}{rnd.choice(INWARD_LETTERS)}")
        return (self.ids.next("address"), line1, "", city, postcode, None, "home", start, None)

    def history(self, district, moves: float, second: float, first_start: int | None = None) -> list[tuple]:
        """A household's homes, oldest first; the last is current (no end date)."""
        rnd = self.rnd
        start = first_start if first_start is not None else rnd.randint(731000, self.as_at - 60)  # 2002 onwards
        homes = [self.address(district, start, None)]
        if rnd.random() < moves:
            prev_start = start - rnd.randint(700, 4000)
            other = district if rnd.random() < 0.7 else self.district_pick.pick(rnd)
            homes.insert(0, self.address(other, prev_start, start))
            if rnd.random() < second:
                homes.insert(0, self.address(other, prev_start - rnd.randint(500, 3000), prev_start))
        return homes

    @staticmethod
    def live_at(p: P, homes: list[tuple]) -> None:
        dob = p.dob.toordinal()
        out = []
        for a in homes:
            if a[8] is not None and a[8] <= dob:
                continue
            if a[7] is not None and a[7] < dob:
                a = a[:7] + (dob, a[8])
            out.append(a)
        p.addresses = out or homes[-1:]

    def child_details(self, p: P, weights=SEN_WEIGHTS) -> None:
        rnd = self.rnd
        p.sen = weights.pick(rnd)
        if rnd.random() < (0.04 if weights is SEN_WEIGHTS else 0.10):
            p.disability = 1
            p.dnote = rnd.choice(DISABILITY_NOTES)

    def identify(self, p: P) -> None:
        if self.rnd.random() < 0.99:
            p.nhs = self.nhs.take()
        if p.enrolments:
            school, _yg, start, _end = p.enrolments[0]
            p.upn = self.upns.take(school.establishment, dt.date.fromordinal(start).year)

    def routine_sources(self, p: P, child: bool) -> list[tuple[str, int]]:
        rnd = self.rnd
        dob = p.dob.toordinal()
        src = []
        if rnd.random() < 0.97:
            src.append(("health", max(dob, p.addresses[0][7] or dob)))
            if rnd.random() < 0.01:
                src.append(("health", rnd.randint(max(dob, START_ORD), self.as_at - 1)))
        if p.enrolments:
            src.append(("education", p.enrolments[0][2]))
        if rnd.random() < (0.005 if child else 0.02):
            src.append(("police", rnd.randint(max(dob, START_ORD), self.as_at - 1)))
        return src

    def routine_events(self, p: P, child: bool) -> None:
        rnd = self.rnd
        k = (CHILD_EVENT_COUNTS if child else ADULT_EVENT_COUNTS).pick(rnd)
        if not k:
            return
        low = max(START_ORD, p.dob.toordinal())
        if low >= self.as_at:
            return
        pool = self.events_child if child else self.events_adult
        event = self.w.event
        r = rnd.random
        span = self.as_at - low
        for _ in range(k):
            o = low + int(r() * span)
            etype, agency, summary = pool[int(r() * len(pool))]
            if agency == "school":
                school = p.school_at(o)
                if school is None:
                    continue
                agency_id = school.id
            else:
                agency_id = self.agency[agency]
            event(p.id, etype, "", o, "exact", agency_id, summary, False)

    def emit_plain(self, p: P, child: bool) -> None:
        """A person not known to services: records, rows and routine events."""
        self.records.make(p, self.routine_sources(p, child))
        emit_person_rows(self.w, p)
        self.routine_events(p, child)

    def family_links(self, parents: list[P], children: list[P]) -> None:
        rel = self.w.relationships
        for c in children:
            for par in parents:
                rel((c.id, par.id, "parent", "Mother" if par.sex == "F" else "Father", "", ""))
                rel((par.id, c.id, "family", {"F": "Daughter", "M": "Son"}.get(c.sex, "Child"), "", ""))
            for s in children:
                if s is not c:
                    rel((c.id, s.id, "sibling", {"F": "Sister", "M": "Brother"}.get(s.sex, "Sibling"), "", ""))

    # --- households -----------------------------------------------------------------------
    def filler_household(self) -> None:
        rnd = self.rnd
        names = self.names
        district = self.district_pick.pick(rnd)
        eth = names.ethnicity()
        last = names.last(eth)
        hid = self.ids.next("household")
        kind = HOUSEHOLD_KINDS.pick(rnd)
        adults: list[P] = []
        children: list[P] = []
        if kind == "family":
            mother_age = rnd.uniform(24, 55)
            mother = self.person("adult", "F", self.dob_for_age(mother_age, mother_age + 1), eth, last, hid)
            adults.append(mother)
            if rnd.random() < 0.7:
                adults.append(self.person("adult", "M", self.dob_for_age(mother_age - 2, mother_age + 6),
                                          eth, last, hid))
            for _ in range(rnd.choices((1, 2, 3, 4), (0.42, 0.38, 0.15, 0.05))[0]):
                age = rnd.uniform(0, min(17.99, mother_age - 18))
                sex = rnd.choice("FM")
                child = self.person("child", sex, self.dob_for_age(age, age), eth, last, hid)
                children.append(child)
        elif kind == "couple":
            age = rnd.uniform(20, 80)
            adults.append(self.person("adult", "F", self.dob_for_age(age, age + 1), eth, last, hid))
            adults.append(self.person("adult", "M", self.dob_for_age(age - 3, age + 5), eth, last, hid))
        elif kind == "single":
            adults.append(self.person("adult", rnd.choice("FM"), self.dob_for_age(18, 90), eth, last, hid))
        else:
            age = rnd.uniform(65, 92)
            adults.append(self.person("adult", "F", self.dob_for_age(age, age + 1), eth, last, hid))
            if rnd.random() < 0.5:
                adults.append(self.person("adult", "M", self.dob_for_age(age, age + 4), eth, last, hid))
        homes = self.history(district, 0.35, 0.15)
        for p in adults:
            self.live_at(p, homes)
            self.identify(p)
            self.emit_plain(p, False)
        for c in children:
            if rnd.random() < 0.12:
                c.extra = {"other_surname": names.last(eth)}
                c.last = c.extra["other_surname"] if rnd.random() < 0.5 else c.last
            self.live_at(c, homes)
            self.child_details(c)
            school_history(self.county, c, district, rnd)
            self.identify(c)
            self.emit_plain(c, True)
        if children:
            self.family_links(adults, children)

    def case_household(self, case) -> None:
        rnd = self.rnd
        names = self.names
        county = self.county
        district = case.district
        eth = names.ethnicity()
        last = names.last(eth)
        hid = self.ids.next("household")
        child = self.person("child", case.sex, case.dob, eth, last, hid)
        child.dob_approx = case.dob_approx
        child.held = True
        child.restricted = case.restricted
        child.case = case
        case.person = child
        self.child_details(child, CASE_SEN_WEIGHTS)
        # Names the child is known by.
        nick = names.nickname(child.first)
        if nick and rnd.random() < 0.5:
            child.aliases.append((nick, "nickname"))
            if rnd.random() < 0.5:
                child.preferred = nick
        if case.profile in ("county_lines", "cce") and rnd.random() < 0.35:
            child.aliases.append((names.street_name(child), "nickname"))
        spell = vocab.SPELLINGS.get(child.first)
        if spell and rnd.random() < 0.3:
            child.aliases.append((f"{rnd.choice(spell)} {child.last}", "spelling"))
        family: list[P] = []
        siblings: list[P] = []
        if case.profile != "trafficking":
            mother_age_at_birth = rnd.uniform(16, 40)
            mother_dob = dt.date.fromordinal(case.dob.toordinal() - int(mother_age_at_birth * 365.25))
            if rnd.random() < 0.85:
                mother = self.person("adult", "F", mother_dob, eth, last, hid)
                family.append(mother)
            if rnd.random() < 0.45 or not family:
                dad = self.person("adult", "M", dt.date.fromordinal(mother_dob.toordinal() - rnd.randint(-700, 3000)),
                                  eth, last if rnd.random() < 0.6 else names.last(eth), hid)
                family.append(dad)
                if dad.last != child.last:
                    child.extra = {"other_surname": dad.last}
                    if rnd.random() < 0.2:
                        child.aliases.append((f"{child.first} {dad.last}", "previous"))
            for _ in range(rnd.choices((0, 1, 2, 3), (0.25, 0.4, 0.25, 0.1))[0]):
                offset = rnd.randint(-2500, 3500)
                sib_dob = dt.date.fromordinal(min(self.as_at - 30, case.dob.toordinal() + offset))
                sib = self.person("child" if (self.as_at - sib_dob.toordinal()) < 18 * 365.25 else "adult",
                                  rnd.choice("FM"), sib_dob, eth, last, hid)
                siblings.append(sib)
            homes = self.history(district, 0.55, 0.25)
        else:
            homes = []
        for p in family:
            p.held = True
            self.live_at(p, homes)
            self.identify(p)
            src = [("health", p.addresses[0][7] or p.dob.toordinal())]
            if rnd.random() < 0.7:
                src.append(("childrens_services", case.onset))
            if rnd.random() < 0.1:
                src.append(("police", case.police_start))
            self.records.make(p, src)
            emit_person_rows(self.w, p)
        # The child's homes: the family's, then a placement if they came into care.
        if homes:
            self.live_at(child, homes)
        if case.in_care is not None:
            if case.out_of_county:
                place = (self.ids.next("address"), "Residential children's home", "", "Out of county",
                         "", None, "placement", case.in_care, None)
            else:
                place = self.address(self.district_pick.pick(rnd), case.in_care, None, "placement")
            kept = []
            for a in child.addresses:
                if a[7] is not None and a[7] >= case.in_care:
                    continue
                if a[8] is None or a[8] > case.in_care:
                    a = a[:8] + (case.in_care,)
                kept.append(a)
            child.addresses = kept + [place]
        school_history(county, child, district, rnd, case)
        self.identify(child)
        self.la_n += 1
        child.la_id = f"LA{county.la_code}-{self.la_n:06d}"
        src = [("childrens_services", case.onset)]
        if child.nhs:
            src.insert(0, ("health", max(child.dob.toordinal(), START_ORD) if case.profile != "trafficking" else case.onset))
        if child.enrolments:
            src.append(("education", child.enrolments[0][2]))
        if case.police:
            src.append(("police", case.police_start))
            if rnd.random() < 0.2:
                src.append(("police", case.key))
            if rnd.random() < 0.03:
                src.append(("lantern", case.key))
        if case.yjs:
            src.append(("youth_justice", case.key + 20))
        self.records.make(child, src)
        emit_person_rows(self.w, child)
        chron = self.chron
        workers = chron.involvements(case, child)
        carer = "mum" if any(p.sex == "F" for p in family) else "dad" if family else "foster carer"
        chron.write_case(case, child, workers, {"carer": carer})
        for sib in siblings:
            self.live_at(sib, homes)
            if sib.kind == "child":
                self.child_details(sib)
            school_history(county, sib, district, rnd)
            self.identify(sib)
            self.emit_plain(sib, sib.kind == "child")
        kids = [child] + [s for s in siblings]
        if family:
            self.family_links(family, kids)
        elif len(kids) > 1:
            self.family_links([], kids)

    # --- adults in networks ---------------------------------------------------------------
    def make_adult(self, district, ages, sex, *, role, net=None, case=None, at=None, city=None) -> P:
        rnd = self.rnd
        eth = self.names.ethnicity()
        at = at or self.as_at
        dob = dt.date.fromordinal(at - int(rnd.uniform(*ages) * 365.25))
        p = self.person("adult" if role == "victim" else "adult_of_concern", sex, dob, eth,
                        self.names.last(eth), self.ids.next("household"))
        p.held = True
        p.extra = {"role": role, "net": net, "case": case}
        since = max(START_ORD - 3000, min(at - rnd.randint(30, 2000), self.as_at - 60))
        if city:
            p.addresses = [self.city_address(city, since)]
        else:
            p.addresses = [self.address(district, since, None)]
        if role != "victim" and rnd.random() < 0.6:
            p.aliases.append((self.names.street_name(p), "nickname"))
        self.pending.append(p)
        return p

    def emit_pending(self) -> None:
        rnd = self.rnd
        met = self.county.teams["police:met"]
        police = self.county.agencies["police"].id
        for p in self.pending:
            extra = p.extra
            self.identify(p)
            first_seen = max(START_ORD, p.addresses[-1][7] or START_ORD)
            src = [("health", p.addresses[0][7] or p.dob.toordinal())] if rnd.random() < 0.9 else []
            src.append(("police", first_seen))
            if extra["role"] != "victim" and rnd.random() < 0.3:
                src.append(("police", min(self.as_at - 1, first_seen + rnd.randint(30, 900))))
            self.records.make(p, src)
            emit_person_rows(self.w, p)
            events = adult_story(self.chron, extra["net"], p, extra["role"], extra["case"])
            start = min([e[0] for e in events] + [self.as_at - 1])
            prof = met.allocate(rnd)
            role = "Neighbourhood safeguarding officer" if extra["role"] == "victim" else "Officer in charge"
            net = extra["net"]
            end = net.closed if net is not None and net.closed else None
            self.w.involvements((p.id, police, met.id, prof.id, role, 0, prof.name, prof.mobile or prof.phone,
                                 prof.email, iso(start), iso(end)))
            for o, etype, subtype, agency, summary, significant, nid in sorted(events, key=lambda e: (e[0], e[1])):
                self.w.event(p.id, etype, subtype, o, "exact", agency, summary, significant, nid)

    def case_relationships(self, cases) -> None:
        rel = self.w.relationships
        for c in cases:
            child = c.person
            net = c.network
            if net is not None:
                what = "line" if net.kind == "county_line" else "group"
                for a in net.adults():
                    rel((child.id, a.id, "concern", f"Adult linked to the '{net.name}' {what}", iso(max(net.start, c.key - 90)), ""))
                    rel((a.id, child.id, "associate", f"Child exploited through the '{net.name}' {what}", iso(max(net.start, c.key - 90)), ""))
                for other in net.children:
                    if other is not c:
                        rel((child.id, other.person.id, "peer", f"Also exploited through the '{net.name}' {what}", "", ""))
            if c.cse_adult is not None:
                a = c.cse_adult
                rel((child.id, a.id, "concern", f"Older man presenting himself as {child.call_name}'s 'boyfriend' (born {a.dob.year})",
                     iso(max(START_ORD, c.key - 120)), ""))
                rel((a.id, child.id, "associate", "Child groomed by this adult", iso(max(START_ORD, c.key - 120)), ""))


def generate_county(*, seed: int, index: int, population: int, known: int, sink, truth,
                    as_at: dt.date, restricted: int = 2, progress=None) -> dict:
    """Generate one county as at ``as_at`` into ``sink`` (and its truth into ``truth``);
    returns counts."""
    ids = Ids(index)
    county = County(seed=seed, index=index, ids=ids, population=population, known=known, as_at=as_at)
    w = Emitter(sink, county)
    w.event = tally = Tally(w.event)  # watched events, to size the planted surges
    county.emit(sink)
    cases = build_cases(county, known, derive(seed, "county", index, "cases"))
    choose_restricted(cases, county, derive(seed, "county", index, "restricted"), restricted)
    pop = Population(county, w, truth, seed)
    networks = build_networks(county, cases, pop, derive(seed, "county", index, "networks"))
    step = 0
    for case in cases:
        pop.case_household(case)
        if progress is not None and pop.count - step >= 2000:
            progress(pop.count - step)
            step = pop.count
    pop.emit_pending()
    pop.case_relationships(cases)
    emit_networks(w, truth, networks, county.agencies)
    while pop.count < population:
        pop.filler_household()
        if progress is not None and pop.count - step >= 2000:
            progress(pop.count - step)
            step = pop.count
    if progress is not None:
        progress(pop.count - step)
    # Last, so every row above is as it would be without them (see surges.py).
    people = {c.person.id: c.person for c in cases if c.person is not None}
    people.update((p.id, p) for p in pop.pending)
    surges = Planter(county, w, truth, seed, cases, people, tally).run()
    for entry in surges:
        truth.surge(entry)
    return {"people": pop.count, "known_children": len(cases), "networks": len(networks),
            "surges": len(surges)}
