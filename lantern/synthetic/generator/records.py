"""Agency records of people, with the errors real systems carry, and the truth behind them.

Each agency holds its own record of a person (the GP register, the school census, the
children's services system, the police records system, youth justice) and sometimes two
records of the same person. Records are copies of the truth with realistic errors:

==================  ===========================================================
code                what happened
==================  ===========================================================
typo_first/last     one slip of the keyboard (swap, drop, double, neighbour key)
spelling            another spelling of the name (Aisha / Ayesha, Reid / Reed)
nickname            the name a child goes by instead of the given name
first_last_swapped  first name and surname entered the wrong way round
surname_changed     a previous or other family surname
dob_swapped         day and month of birth swapped (only possible when day <= 12)
dob_approx          an estimated date of birth (1 January of the year given)
dob_year_off        the year of birth one out
dob_missing         no date of birth recorded
postcode_old        a previous address (the person has moved since)
postcode_missing    no postcode
sex_unknown         sex not recorded
id_missing          the agency's identifier for the person not recorded
==================  ===========================================================

The truth is the ``record_clusters`` list in ``ground_truth.json``: per person, their record
ids and the errors each record carries.
"""

from __future__ import annotations

import random

from lantern.synthetic.generator import vocab
from lantern.synthetic.generator.dates import iso

KEYBOARD = {
    "a": "qsz", "b": "vgn", "c": "xvd", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht",
    "h": "gjy", "i": "uok", "j": "hku", "k": "jli", "l": "kop", "m": "nj", "n": "bmh",
    "o": "ipl", "p": "ol", "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij",
    "v": "cbf", "w": "qes", "x": "zcs", "y": "tuh", "z": "xa",
}

#: Chance of each error, per record, by source.
ERROR_RATES: dict[str, dict[str, float]] = {
    "health": {"typo_first": 0.01, "typo_last": 0.01, "spelling": 0.01, "nickname": 0.005,
               "dob_swapped": 0.004, "postcode_old": 0.06, "postcode_missing": 0.01,
               "sex_unknown": 0.002},
    "education": {"typo_first": 0.01, "typo_last": 0.01, "spelling": 0.01, "dob_swapped": 0.003,
                  "postcode_old": 0.04, "surname_changed": 0.01},
    "childrens_services": {"typo_first": 0.03, "typo_last": 0.03, "spelling": 0.03,
                           "nickname": 0.05, "dob_swapped": 0.02, "dob_missing": 0.02,
                           "postcode_old": 0.10, "id_missing": 0.30, "surname_changed": 0.03},
    "police": {"typo_first": 0.06, "typo_last": 0.06, "spelling": 0.05, "nickname": 0.25,
               "first_last_swapped": 0.01, "surname_changed": 0.03, "dob_swapped": 0.05,
               "dob_approx": 0.06, "dob_year_off": 0.02, "dob_missing": 0.05,
               "postcode_old": 0.20, "postcode_missing": 0.08, "sex_unknown": 0.02},
    "youth_justice": {"typo_first": 0.03, "typo_last": 0.03, "nickname": 0.08,
                      "dob_swapped": 0.02, "postcode_old": 0.10},
    # A second record of a child made in the partnership's own system before anyone linked
    # them: always at least one error (otherwise it would have been found at once).
    "lantern": {"nickname": 0.45, "spelling": 0.25, "typo_last": 0.2, "dob_swapped": 0.3,
                "dob_approx": 0.2, "dob_missing": 0.1, "postcode_old": 0.3},
}
def _any_error(rates: dict[str, float]) -> float:
    clean = 1.0
    for rate in rates.values():
        clean *= 1.0 - rate
    return 1.0 - clean


#: Chance that a record from the source carries any error at all: one draw decides the common
#: case (a clean record) before the per-error draws, which keeps the county run fast.
_ANY_ERROR = {source: _any_error(rates) for source, rates in ERROR_RATES.items()}
#: Each error's chance once a record is known to carry some error (rate / chance of any).
_GIVEN_ANY = {source: tuple((code, rate / _ANY_ERROR[source]) for code, rate in rates.items())
              for source, rates in ERROR_RATES.items()}


def typo(word: str, rnd: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rnd.randrange(1, len(word) - 1)
    op = rnd.random()
    if op < 0.3:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.55:
        return word[:i] + word[i + 1:]
    if op < 0.8:
        return word[:i] + word[i] + word[i:]
    near = KEYBOARD.get(word[i].lower())
    return word[:i] + (rnd.choice(near) if near else word[i]) + word[i + 1:] if near else word


class Records:
    """Makes a person's agency records, writes them, and records the truth cluster."""

    def __init__(self, county, w, truth, rnd: random.Random) -> None:
        self.county = county
        self.w = w
        self.truth = truth
        self.rnd = rnd
        self.next_id = county.ids.base
        self.local = {}
        self.agency = {
            "health": county.agencies["health"].id,
            "childrens_services": county.agencies["cs"].id,
            "police": county.agencies["police"].id,
            "youth_justice": county.agencies["yjs"].id,
            "lantern": county.agencies["partnership"].id,
        }
        self.prefix = {"health": f"GP{county.id:02d}", "education": f"SC{county.id:02d}",
                       "youth_justice": f"YJ{county.id:02d}",
                       "childrens_services": f"LA{county.la_code}-A"}

    def local_id(self, source: str) -> str:
        n = self.local.get(source, 0) + 1
        self.local[source] = n
        return f"{self.prefix[source]}{n:07d}"

    def police_id(self, year: int) -> str:
        n = self.local.get("police", 0) + 1
        self.local["police"] = n
        return f"{self.county.police_prefix}{year % 100:02d}/{n:06d}"

    def make(self, p, sources: list[tuple[str, int]]) -> list[int]:
        """Write one record per (source, recorded date ordinal) and the person's cluster."""
        rnd = self.rnd
        ids = []
        errors = {}
        police_seen = False
        write = self.w.records
        for source, recorded in sources:
            self.next_id += 1
            rid = self.next_id
            first, last = p.first, p.last
            dob = p.dob
            dob_s = iso(dob.toordinal())
            sex = p.sex
            addr = p.address_at(recorded) if source != "health" else p.current_address(self.county.as_at_ord)
            postcode = addr[4] if addr else ""
            nhs = upn = la = ""
            if source == "health":
                nhs = p.nhs
                local = self.local_id("health")
                agency = self.agency["health"]
            elif source == "education":
                upn = p.upn
                local = self.local_id("education")
                school = p.enrolments[-1][0] if p.enrolments else None
                agency = school.id if school else self.agency["childrens_services"]
            elif source == "childrens_services":
                la = p.la_id
                nhs = p.nhs if rnd.random() < 0.7 else ""
                local = p.la_id or self.local_id("childrens_services")  # an adult on a child's file
                agency = self.agency[source]
            elif source == "police":
                if p.police_id and not police_seen:
                    local = p.police_id
                else:  # a second police record of the same person gets its own number
                    local = self.police_id(int(iso(recorded)[:4]))
                    p.police_id = p.police_id or local
                police_seen = True
                agency = self.agency[source]
            elif source == "youth_justice":
                local = self.local_id("youth_justice")
                agency = self.agency[source]
            else:  # lantern: a duplicate inside the partnership's own system
                local = ""
                agency = self.agency["lantern"]
            applied = []
            items = _GIVEN_ANY[source] if rnd.random() < _ANY_ERROR[source] else ()
            for code, rate in items:
                if rnd.random() >= rate:
                    continue
                if code == "typo_first":
                    new = typo(first, rnd)
                    if new != first:
                        first = new
                        applied.append(code)
                elif code == "typo_last":
                    new = typo(last, rnd)
                    if new != last:
                        last = new
                        applied.append(code)
                elif code == "spelling":
                    for which in (0, 1):
                        options = vocab.SPELLINGS.get(first if which == 0 else last)
                        if options:
                            if which == 0:
                                first = rnd.choice(options)
                            else:
                                last = rnd.choice(options)
                            applied.append(code)
                            break
                elif code == "nickname":
                    nick = vocab.NICKNAMES.get(p.first) or tuple(a for a, k in p.aliases if k == "nickname")
                    if nick:
                        first = rnd.choice(nick)
                        applied.append(code)
                elif code == "first_last_swapped":
                    first, last = last, first
                    applied.append(code)
                elif code == "surname_changed":
                    other = p.extra.get("other_surname") if p.extra else None
                    if other and other != last:
                        last = other if rnd.random() < 0.6 else f"{last}-{other}"
                        applied.append(code)
                elif code == "dob_swapped":
                    if dob.day <= 12 and dob.day != dob.month and dob_s:
                        dob_s = f"{dob.year:04d}-{dob.day:02d}-{dob.month:02d}"
                        applied.append(code)
                elif code == "dob_approx":
                    if dob_s and not (dob.month == 1 and dob.day == 1):
                        dob_s = f"{dob.year + rnd.choice((0, 0, -1, 1)):04d}-01-01"
                        applied.append(code)
                elif code == "dob_year_off":
                    if dob_s:
                        y = dob.year + rnd.choice((-1, 1))
                        dob_s = f"{y:04d}{dob_s[4:]}" if not (dob.month == 2 and dob.day == 29) else dob_s
                        applied.append(code)
                elif code == "dob_missing":
                    dob_s = ""
                    applied.append(code)
                elif code == "postcode_old":
                    older = [a for a in p.addresses if a[8] is not None and a[4] != postcode]
                    if older:
                        postcode = rnd.choice(older)[4]
                        applied.append(code)
                elif code == "postcode_missing":
                    if postcode:
                        postcode = ""
                        applied.append(code)
                elif code == "sex_unknown":
                    if sex != "U":
                        sex = "U"
                        applied.append(code)
                elif code == "id_missing":
                    if nhs:
                        nhs = ""
                        applied.append(code)
            if source == "lantern" and not applied:
                nick = vocab.NICKNAMES.get(p.first)
                if nick:
                    first = nick[0]
                    applied.append("nickname")
                else:
                    dob_s = ""
                    applied.append("dob_missing")
            write((rid, source, agency, local, first, last, dob_s, sex, postcode, nhs, upn, la,
                   iso(min(recorded, self.county.as_at_ord))))
            ids.append(rid)
            if applied:
                errors[rid] = applied
        if ids:
            self.truth.cluster(p.id, ids, errors)
        return ids

