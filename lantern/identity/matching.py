"""Search before create at scale: block cheaply, then score a few hundred candidates in Python.

Why this shape (ADR 0019): a partnership's register reaches a million records (every agency's
children, adults of concern and families). Scanning names with ILIKE or edit distance reads the
whole table on every keystroke; trigram indexes help with spelling but not with a child entered
under a nickname, with first name and surname swapped, or with day and month of birth swapped.
So the search takes the union of a few small, *selective* blocks, each an index lookup, and
scores what they return:

* **date of birth block**: everyone born on the date entered, or on the date with day and month
  swapped (``people_person.date_of_birth`` is indexed; about 30 people a day at a million).
  Catches every kind of name error (typos, spellings, nicknames, changed surnames, swapped
  names) when the date is right.
* **name block**: a phonetic key of first name and surname with the year of birth
  (``y:JRTN|SM0|2010``), queried for the year entered and the years either side, with the names
  both ways round, and for records with no date of birth (``|0000``). Catches wrong, estimated
  and missing dates. Without any date the key without a year (``n:``) is used, capped.
* **postcode block**: postcode with the phonetic key of either name: a child entered with a
  wrong date *and* a nickname is often still at the same address.
* **identifiers**: an NHS number, UPN or police or local-authority id entered matches exactly.

Scoring (``score``) is a small weighted sum with reasons a person can check ("Date of birth with
day and month swapped"), not an opaque probability. The keys live in ``MatchKey`` (one row per
key, B-tree index); on PostgreSQL a trigram GIN index on the normalised full name is added as
well for the "name only" lookup (``trigram_name_candidates``); SQLite uses the same key path.

The module reads any record in the partnership: callers must split the result with the record
policy before showing anything (``lantern.identity.selectors.candidates_for``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import jellyfish
from rapidfuzz.distance import JaroWinkler

#: Candidates scoring below this are not returned at all.
MIN_SCORE = 45
#: At or above this (and with name and date of birth agreeing) a match is "strong": the only
#: kind that may be mentioned as held elsewhere (ADR 0015) or raised for the reviewers.
STRONG_SCORE = 70
#: Most rows read from one name block when no date of birth is given (common names).
BLOCK_CAP = 300

_TOKEN = re.compile(r"[a-z]+")


def normalise(text: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens joined ("O'Neil" -> "oneil")."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"['’`-]", "", text.lower())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def phonetic(token: str) -> str:
    """Metaphone with the weak letters (H, W, Y) dropped after the first: Aisha and Ayesha,
    Jon and John, Reid and Reed share a key. Empty for an empty token."""
    if not token:
        return ""
    code = jellyfish.metaphone(token) or token.upper()
    return code[:1] + "".join(c for c in code[1:] if c not in "HWY")


def normalise_postcode(postcode: str) -> str:
    return re.sub(r"\s+", "", (postcode or "").upper())


def dob_variants(dob: dt.date | None) -> list[dt.date]:
    """The date and, when it exists and differs, the date with day and month swapped."""
    if dob is None:
        return []
    out = [dob]
    try:
        swapped = dob.replace(day=dob.month, month=dob.day)
    except ValueError:
        swapped = None
    if swapped and swapped != dob:
        out.append(swapped)
    return out


@dataclass(frozen=True)
class Profile:
    """What is known of one record (or of what is being typed): plain data, no ORM."""

    first_names: tuple[str, ...] = ()
    last_names: tuple[str, ...] = ()
    date_of_birth: dt.date | None = None
    postcodes: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def typed(
        cls,
        *,
        first_name: str = "",
        last_name: str = "",
        date_of_birth: dt.date | None = None,
        postcode: str = "",
        identifiers: Iterable[tuple[str, str]] = (),
    ) -> Profile:
        return cls(
            first_names=tuple(t for t in [" ".join(tokens(first_name))] if t),
            last_names=tuple(t for t in [" ".join(tokens(last_name))] if t),
            date_of_birth=date_of_birth,
            postcodes=tuple(p for p in [normalise_postcode(postcode)] if p),
            identifiers=tuple((t, v.strip()) for t, v in identifiers if v and v.strip()),
        )

    @property
    def has_name(self) -> bool:
        return bool(self.first_names or self.last_names)


def _first_tokens(names: Iterable[str]) -> set[str]:
    return {t for n in names for t in tokens(n)[:1]}


def _last_tokens(names: Iterable[str]) -> set[str]:
    return {t for n in names for t in tokens(n)[-1:]}


def record_keys(profile: Profile) -> set[str]:
    """The blocking keys stored for a record (``MatchKey`` rows)."""
    firsts = {phonetic(t) for t in _first_tokens(profile.first_names)}
    lasts = {phonetic(t) for t in _last_tokens(profile.last_names)}
    year = f"{profile.date_of_birth.year:04d}" if profile.date_of_birth else "0000"
    keys: set[str] = set()
    for f in firsts:
        for la in lasts:
            keys.add(f"n:{f}|{la}")
            keys.add(f"y:{f}|{la}|{year}")
    for pc in profile.postcodes:
        for code in firsts | lasts:
            keys.add(f"p:{pc}|{code}")
    return {k[:64] for k in keys}


def probe_keys(probe: Profile) -> tuple[set[str], set[str]]:
    """Keys to look up for what is being typed: ``(selective, capped)``.

    Selective keys return a handful of rows each; capped keys (names without any date) may
    return hundreds for a common name, so each is read with a limit.
    """
    firsts = {phonetic(t) for t in _first_tokens(probe.first_names)}
    lasts = {phonetic(t) for t in _last_tokens(probe.last_names)}
    pairs = {(f, la) for f in firsts for la in lasts} | {(la, f) for f in firsts for la in lasts}
    selective: set[str] = set()
    capped: set[str] = set()
    if probe.date_of_birth is not None:
        years = {probe.date_of_birth.year + d for d in (-1, 0, 1)}
        for f, la in pairs:
            selective |= {f"y:{f}|{la}|{y:04d}" for y in years}
            selective.add(f"y:{f}|{la}|0000")
    else:
        capped |= {f"n:{f}|{la}" for f, la in pairs}
    for pc in probe.postcodes:
        selective |= {f"p:{pc}|{code}" for code in firsts | lasts}
    return {k[:64] for k in selective}, {k[:64] for k in capped}


@dataclass(frozen=True)
class Candidate:
    """A record that may be the one being entered, with the reasons a person can check."""

    person_id: int
    score: int
    reasons: tuple[str, ...] = field(default_factory=tuple)
    strong: bool = False


def _best(a: Iterable[str], b: Iterable[str]) -> float:
    best = 0.0
    for x in a:
        for y in b:
            if x and y:
                best = max(best, JaroWinkler.similarity(x, y))
                if phonetic(x) == phonetic(y):
                    best = max(best, 0.92)
    return best


def _name_part(probe: Profile, record: Profile) -> tuple[float, list[str]]:
    """Points (0-55) for names, and why. Tries the names both ways round."""
    pf, pl = _first_tokens(probe.first_names), _last_tokens(probe.last_names)
    rf, rl = _first_tokens(record.first_names), _last_tokens(record.last_names)
    if not (pf or pl):
        return 0.0, []
    first, last = _best(pf, rf), _best(pl, rl)
    straight = 25 * first + 30 * last
    swapped_first, swapped_last = _best(pf, rl), _best(pl, rf)
    swapped = 25 * swapped_first + 30 * swapped_last
    if swapped > straight + 5 and min(swapped_first, swapped_last) >= 0.9:
        return swapped, ["First name and surname the other way round"]
    reasons = []
    if pf:
        if first == 1.0:
            reasons.append("Same first name" if pf & rf else "First name matches another name")
        elif first >= 0.9:
            reasons.append("First name spelt differently or sounds the same")
    if pl:
        if last == 1.0:
            reasons.append("Same surname")
        elif last >= 0.9:
            reasons.append("Surname spelt differently or sounds the same")
    if not pf:
        straight = 55 * last
    elif not pl:
        straight = 55 * first
    return straight, reasons


def _dob_part(probe: dt.date | None, record: dt.date | None) -> tuple[float, str, bool]:
    """Points for dates of birth, the reason, and whether they agree (exact or swapped)."""
    if probe is None or record is None:
        return 0.0, "", False
    if probe == record:
        return 30.0, "Same date of birth", True
    if probe in dob_variants(record):
        return 24.0, "Date of birth with day and month swapped", True
    if abs(probe.year - record.year) == 1 and (probe.month, probe.day) == (record.month, record.day):
        return 14.0, "Date of birth one year out", False
    if probe.year == record.year and (1, 1) in ((record.month, record.day), (probe.month, probe.day)):
        # An age assessed rather than known is recorded as 1 January: on either side.
        return 10.0, "Same year of birth (date estimated)", False
    if probe.year == record.year and probe.month == record.month:
        return 8.0, "Same month and year of birth", False
    return -25.0, "", False


def score(probe: Profile, record: Profile, *, person_id: int) -> Candidate:
    """How likely ``record`` is the person in ``probe`` (0-100), with reasons."""
    points, reasons = _name_part(probe, record)
    name_agrees = points >= 45
    dob_points, dob_reason, dob_agrees = _dob_part(probe.date_of_birth, record.date_of_birth)
    points += dob_points
    if dob_reason:
        reasons.append(dob_reason)
    if set(probe.postcodes) & set(record.postcodes):
        points += 10
        reasons.append("Same postcode")
    ids_probe, ids_record = dict(probe.identifiers), {}
    for t, v in record.identifiers:
        ids_record.setdefault(t, set()).add(v)
    id_match = [t for t, v in ids_probe.items() if v in ids_record.get(t, ())]
    id_clash = [t for t, v in ids_probe.items() if t in ids_record and v not in ids_record[t]]
    for t in id_match:
        reasons.append(f"Same {_ID_LABELS.get(t, t)}")
    if id_clash and not id_match:
        points -= 30
        reasons.append("A different " + _ID_LABELS.get(id_clash[0], id_clash[0]))
    total = max(0, min(100, round(points)))
    if id_match:
        total = max(total, 90)
    strong = bool(id_match) or (name_agrees and dob_agrees and total >= STRONG_SCORE)
    return Candidate(person_id=person_id, score=total, reasons=tuple(reasons), strong=strong)


_ID_LABELS = {
    "nhs": "NHS number",
    "upn": "unique pupil number",
    "police_id": "police person ID",
    "la_child_id": "local authority child ID",
}


def rank(probe: Profile, records: dict[int, Profile], *, limit: int = 20) -> list[Candidate]:
    """Score every record, drop weak ones, best first (ties by id, stable on any database)."""
    out = [score(probe, rec, person_id=pid) for pid, rec in records.items()]
    out = [c for c in out if c.score >= MIN_SCORE or c.strong]
    out.sort(key=lambda c: (-c.score, c.person_id))
    return out[:limit]


__all__ = [
    "BLOCK_CAP",
    "Candidate",
    "MIN_SCORE",
    "Profile",
    "STRONG_SCORE",
    "dob_variants",
    "normalise_postcode",
    "phonetic",
    "probe_keys",
    "rank",
    "record_keys",
    "score",
]
