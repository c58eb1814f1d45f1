"""People: the person record the generator builds, their names, homes and schools.

``P`` is a plain slotted object (hundreds of thousands are made at county scale, one at a time,
emitted and dropped). ``Population`` makes households, writes every person's rows, and hands
each person to ``records`` for their agency records and ground-truth cluster.
"""

from __future__ import annotations

import datetime as dt
import random

from lantern.people.checkdigits import make_upn, nhs_check_digit
from lantern.synthetic.generator import vocab
from lantern.synthetic.generator.dates import cohort, iso, year_group
from lantern.synthetic.generator.rng import Weighted, pick

SEN_WEIGHTS = Weighted((("none", 0.80), ("support", 0.13), ("ehcp", 0.04), ("unknown", 0.03)))
CASE_SEN_WEIGHTS = Weighted((("none", 0.52), ("support", 0.30), ("ehcp", 0.13), ("unknown", 0.05)))
DISABILITY_NOTES = ("Autism spectrum condition", "ADHD", "Hearing impairment", "Type 1 diabetes",
                    "Cerebral palsy", "Epilepsy", "Learning disability", "Visual impairment",
                    "Speech, language and communication needs")
ETHNICITY = Weighted((e[0], e[1]) for e in vocab.ETHNICITIES)
POOLS = {e[0]: e[2] for e in vocab.ETHNICITIES}


class P:
    """One person (child or adult) as the generator knows them: the truth, before errors."""

    __slots__ = ("id", "kind", "first", "middle", "last", "preferred", "dob", "dob_approx",
                 "sex", "ethnicity", "sen", "disability", "dnote", "household", "held",
                 "restricted", "addresses", "enrolments", "nhs", "upn", "la_id", "police_id",
                 "aliases", "case", "extra")

    def __init__(self, pid: int, kind: str, first: str, last: str, dob: dt.date, sex: str,
                 ethnicity: str, household: int) -> None:
        self.id = pid
        self.kind = kind
        self.first = first
        self.middle = ""
        self.last = last
        self.preferred = ""
        self.dob = dob
        self.dob_approx = False
        self.sex = sex
        self.ethnicity = ethnicity
        self.sen = "unknown" if kind != "child" else "none"
        self.disability = 0
        self.dnote = ""
        self.household = household
        self.held = False
        self.restricted = False
        self.addresses: list[tuple] = []  # (address_id, line1, line2, town, postcode, district_id, kind, start, end)
        self.enrolments: list[tuple] = []  # (school, year_group, start, end)
        self.nhs = ""
        self.upn = ""
        self.la_id = ""
        self.police_id = ""
        self.aliases: list[tuple[str, str]] = []
        self.case = None
        self.extra = None

    @property
    def call_name(self) -> str:
        return self.preferred or self.first

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def school_at(self, o: int):
        for school, _yg, start, end in self.enrolments:
            if start <= o and (end is None or o <= end):
                return school
        return None

    def address_at(self, o: int):
        found = None
        for a in self.addresses:
            if (a[7] is None or a[7] <= o) and (a[8] is None or o < a[8]):
                found = a
        return found or (self.addresses[-1] if self.addresses else None)

    def current_address(self, as_at: int):
        """Where they live on the day before ``as_at`` (an ordinal: the world's today)."""
        return self.address_at(as_at - 1)


class NhsNumbers:
    """Unique, valid NHS numbers. Ashdown uses the 999 block (reserved for testing); other
    counties use 910-948, which are never issued (England issues 400-499 and 600-708)."""

    def __init__(self, county_index: int) -> None:
        self.prefix = "999" if county_index == 0 else str(909 + min(county_index, 39))
        self.n = 0

    def take(self) -> str:
        while True:
            self.n += 1
            serial = (self.n * 7919 + 104729) % 1_000_000  # a permutation: gcd(7919, 10**6) = 1
            body = f"{self.prefix}{serial:06d}"
            check = nhs_check_digit(body)
            if check is not None:
                return f"{body}{check}"


class Upns:
    """Unique pupil numbers: LA code, school establishment number, year allocated, serial."""

    def __init__(self, la_code: str) -> None:
        self.la_code = la_code
        self.serials: dict[tuple[int, int], int] = {}

    def take(self, establishment: int, year: int) -> str:
        key = (establishment, year % 100)
        n = self.serials.get(key, 0)
        self.serials[key] = n + 1
        if n >= 1000:  # more than a thousand new pupils in a year: use a temporary UPN letter
            return make_upn(f"{self.la_code}{establishment:04d}{year % 100:02d}{n % 100:02d}"
                            f"{'ABCDEFGHJKLMNPQRTUVWXYZ'[(n // 100) % 23]}")
        return make_upn(f"{self.la_code}{establishment:04d}{year % 100:02d}{n:03d}")


def _sep1(year: int) -> int:
    return dt.date(year, 9, 1).toordinal()


def _jul20(year: int) -> int:
    return dt.date(year, 7, 20).toordinal()


YOUNG_NAMES = {pool: {sex: tuple(n for n in names if n not in vocab.OLDER_NAMES)
                       for sex, names in by_sex.items()}
               for pool, by_sex in vocab.FIRST_NAMES.items()}
YOUNG_BORN_FROM = dt.date(1995, 1, 1)


class Names:
    """Names by heritage pool, for households (a surname per household)."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def ethnicity(self) -> str:
        return ETHNICITY.pick(self.rnd)

    def first(self, ethnicity: str, sex: str, dob: dt.date | None = None) -> str:
        rnd = self.rnd
        pools = POOLS[ethnicity]
        pool = pools[0] if len(pools) == 1 else pick(rnd, pools)
        s = sex if sex in "FM" else pick(rnd, "FM")
        names = YOUNG_NAMES if dob is not None and dob >= YOUNG_BORN_FROM else vocab.FIRST_NAMES
        return pick(rnd, names[pool][s])

    def last(self, ethnicity: str) -> str:
        pools = POOLS[ethnicity]
        pool = pools[-1] if len(pools) == 1 else pick(self.rnd, pools)
        return pick(self.rnd, vocab.SURNAMES[pool])

    def nickname(self, first: str) -> str | None:
        options = vocab.NICKNAMES.get(first)
        return self.rnd.choice(options) if options else None

    def street_name(self, p: P) -> str:
        """A name a young person or adult is known by on the street (an alias)."""
        rnd = self.rnd
        style = rnd.random()
        if p.kind == "child":
            if style < 0.4:
                return f"Lil {p.first[0]}"
            if style < 0.7:
                return f"Young {p.last[:4].rstrip('aeiou')}"
            return f"{p.first[:3]}zy"
        if style < 0.5:
            return f"Big {p.first[0]}"
        return f"{p.last[:3]}y"


def schools_for(county, district, rnd: random.Random, phase: str):
    by_phase = county.schools_by_district.get(district.id, {})
    options = by_phase.get(phase)
    if not options:
        options = [s for s in county.schools if s.phase == phase and s.district.area == district.area]
    if not options:
        options = [s for s in county.schools if s.phase == phase]
    if phase == "secondary" and county.index == 0 and district.area == "North":
        # The demo school draws pupils from across the North area (its DSL persona needs a roll).
        oakfield = county.persona_school
        if oakfield is not None and (oakfield.district is district or rnd.random() < 0.35):
            if oakfield.district is not district or rnd.random() < 0.7 or len(options) == 1:
                return oakfield
    return rnd.choice(options)


def school_history(county, p: P, district, rnd: random.Random, case=None) -> None:
    """Primary, secondary and (for some) college, with exclusions and managed moves for
    children whose case says so. Year group is stored as at each enrolment's start."""
    dob = p.dob
    as_at = county.as_at_ord
    c = cohort(dob)
    reception = _sep1(c + 5)
    if reception > as_at:
        return
    arrived = case.onset if case is not None and case.profile == "trafficking" else None
    hist: list[list] = []
    if arrived is None:
        hist.append([schools_for(county, district, rnd, "primary"), 0, reception, _jul20(c + 12)])
    y7 = _sep1(c + 12)
    if y7 <= as_at:
        sec = schools_for(county, district, rnd, "secondary")
        start = y7 if arrived is None else max(y7, arrived + 45)
        end = _jul20(c + 17)
        if start < end:
            hist.append([sec, 7, start, end])
        if case is not None and hist and hist[-1][0] is sec:
            move = case.exclusion or case.managed_move
            if move is not None and start < move < end - 30:
                hist[-1][3] = move
                if case.exclusion:
                    nxt = county.alternative.get(district.area) or sec
                else:
                    others = [s for s in county.schools if s.phase == "secondary"
                              and s.district.area == district.area and s is not sec]
                    nxt = rnd.choice(others) if others else sec
                hist.append([nxt, None, move + 7, end])
    y12 = _sep1(c + 17)
    if y12 <= as_at and rnd.random() < 0.55 and (case is None or case.exclusion is None or rnd.random() < 0.3):
        hist.append([county.colleges.get(district.area) or county.schools[0], 12, y12, _jul20(c + 19)])
    out = []
    for school, yg, start, end in hist:
        if start > as_at:
            continue
        yg = year_group(dob, dt.date.fromordinal(start))  # as at the enrolment's start
        out.append((school, max(0, min(13, yg)), start, None if end >= as_at else end))
    p.enrolments = out


def emit_person_rows(w, p: P) -> None:
    """The person's own rows: person, aliases, identifiers, addresses, enrolments."""
    w.people((p.id, w.county_id, p.kind, p.first, p.middle, p.last, p.preferred, iso(p.dob.toordinal()),
              int(p.dob_approx), p.sex, p.ethnicity, p.sen, p.disability, p.dnote, p.household,
              int(p.held), int(p.restricted)))
    for name, kind in p.aliases:
        w.aliases((p.id, name, kind))
    if p.la_id:
        w.identifiers((p.id, "la_child_id", p.la_id))
    if p.nhs:
        w.identifiers((p.id, "nhs", p.nhs))
    if p.upn:
        w.identifiers((p.id, "upn", p.upn))
    if p.police_id:
        w.identifiers((p.id, "police_id", p.police_id))
    for a in p.addresses:
        w.addresses((a[0], p.id, a[1], a[2], a[3], a[4], a[5] or "", a[6], iso(a[7]), iso(a[8])))
    for school, yg, start, end in p.enrolments:
        w.enrolments((p.id, school.id, yg, iso(start), iso(end)))
