"""Children known to services: who they are, what happened to them, and when.

Each child gets a *profile* (the main form of harm) and a *key date* (the incident that brought
the most agencies together). The trends the committee minute describes are planted here, so
that later reports can find them in the data:

* drug-supply arrests of children rise year on year, and the age at arrest FALLS
  (``ARREST_AGE``: mean 16.4 in 2015, about 13.8 by 2025);
* sexual exploitation incidents peak around 2017-2019;
* online grooming and social-media methods grow (``SOCIAL_MEDIA_SHARE``);
* most children are 10-17 at the as-at date because recent years carry more open and
  recently closed cases (``RECENCY_BACK``), while older records keep the 2015-2018 history.

Dates of birth follow from the key date and the age then, so the trends hold by construction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field

from lantern.synthetic.generator.dates import START, START_ORD

#: More records from recent years: older cases are closed and, after a while, archived. Weights
#: by how many years before the as-at year (the as-at year itself first, scaled by how much of
#: it has gone); years further back weigh as the last.
RECENCY_BACK = (5.2, 4.4, 3.0, 2.2, 1.4, 1.1, 1.0, 1.05, 1.0, 0.9, 0.85, 0.8)


def key_years(as_at: dt.date) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The years a key incident can fall in (2015 to the as-at date) and their recency weights.

    As at 31 October 2026: 2015-2026, the last weighing 5.2 x 10/12 (ten months gone).
    """
    last = as_at - dt.timedelta(days=1)  # the world's last day with events
    months_gone = as_at.month - 1 + as_at.day / calendar.monthrange(as_at.year, as_at.month)[1]
    years = tuple(range(START.year, last.year + 1))
    weights = []
    for year in years:
        back = as_at.year - year
        weight = RECENCY_BACK[min(back, len(RECENCY_BACK) - 1)]
        weights.append(weight * months_gone / 12 if back == 0 else weight)
    return years, tuple(weights)

PROFILES: dict[str, dict] = {
    # weight, share female, age (mean or function of year, sd, low, high), year trend (one per
    # year from 2015; later years keep the last)
    "county_lines": dict(weight=0.20, female=0.15, sd=0.9, low=12.4, high=17.8,
                         trend=(0.5, 0.6, 0.8, 1.0, 1.2, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8)),
    "cce": dict(weight=0.10, female=0.25, mean=15.0, sd=1.2, low=11.5, high=17.8,
                trend=(0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.1, 1.1, 1.2, 1.2, 1.3, 1.3)),
    "cse_contact": dict(weight=0.20, female=0.85, mean=14.9, sd=1.2, low=11.5, high=17.8,
                        trend=(1.3, 1.45, 1.6, 1.65, 1.55, 1.1, 1.1, 1.1, 1.0, 1.0, 1.0, 0.95)),
    "cse_online": dict(weight=0.14, female=0.75, mean=13.4, sd=1.4, low=10.0, high=17.5,
                       trend=(0.3, 0.4, 0.5, 0.6, 0.8, 1.2, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9)),
    "missing": dict(weight=0.16, female=0.5, mean=14.6, sd=1.5, low=10.5, high=17.8,
                    trend=(1.0,) * 12),
    "concern": dict(weight=0.14, female=0.55, mean=12.6, sd=2.2, low=8.0, high=17.5,
                    trend=(1.0,) * 12),
    "trafficking": dict(weight=0.06, female=0.3, mean=15.6, sd=1.1, low=12.5, high=17.8,
                        trend=(0.6, 0.7, 0.8, 0.9, 1.0, 0.8, 1.0, 1.1, 1.2, 1.2, 1.3, 1.3)),
}


def arrest_age(year_fraction: float) -> float:
    """Mean age at a drug-supply arrest: falling about three months a year from 16.4 (2015)."""
    return 16.4 - 0.26 * (year_fraction - 2015)


def social_media_share(year: int) -> float:
    """Share of sexual exploitation where grooming began on social media: 15% -> 65%."""
    return min(0.7, 0.15 + 0.045 * (year - 2015))


@dataclass
class Case:
    """One child known to services (the person is created later, around these facts)."""

    index: int
    profile: str
    district: object  # county.District
    sex: str
    dob: dt.date
    dob_approx: bool
    key: int  # ordinal of the key incident
    onset: int  # first referral or concern
    cs_close: int | None  # the lead agency's involvement ends (None: open at the as-at date)
    police: bool
    police_start: int
    police_close: int | None
    cs: bool
    health: bool
    yjs: bool
    vol: bool
    school_dsl: bool
    in_care: int | None  # ordinal the child came into care, if they did
    out_of_county: bool
    method: str = ""  # sexual exploitation method
    exclusion: int | None = None
    managed_move: int | None = None
    network: object = None  # networks.Network
    cse_adult: object = None  # a "boyfriend-model" adult of concern
    restricted: bool = False
    person: object = None  # engine.P once created
    risk: str = "moderate"
    extra: dict = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.cs_close is None

    def age_at(self, o: int) -> float:
        return (o - self.dob.toordinal()) / 365.25


def _year_date(rnd: random.Random, year: int, as_at: int) -> int:
    first = dt.date(year, 1, 1).toordinal()
    last = min(dt.date(year, 12, 31).toordinal(), as_at - 1)
    return rnd.randint(first, last)


def _clip(x: float, low: float, high: float) -> float:
    return low if x < low else high if x > high else x


def _close(o: int | None, as_at: int) -> int | None:
    return None if o is None or o >= as_at else o


def stratified(rnd: random.Random, items: list, weights: list[float], n: int) -> list:
    """``n`` items in proportion to ``weights`` exactly (largest remainder), shuffled.

    Why not ``rnd.choices``: a 200-child county drawn independently can put 60 or 100 children
    in the North; exact proportions keep every seed's demo caseloads alike.
    """
    total = sum(weights)
    quotas = [w * n / total for w in weights]
    counts = [int(q) for q in quotas]
    for i in sorted(range(len(items)), key=lambda i: quotas[i] - counts[i], reverse=True)[: n - sum(counts)]:
        counts[i] += 1
    out = [item for item, k in zip(items, counts) for _ in range(k)]
    rnd.shuffle(out)
    return out


def build_cases(county, n: int, rnd: random.Random) -> list[Case]:
    """``n`` children known to services in ``county``, in a stable order."""
    names = list(PROFILES)
    profiles = stratified(rnd, names, [PROFILES[p]["weight"] for p in names], n)
    districts = stratified(rnd, county.districts, [d.share for d in county.districts], n)
    as_at = county.as_at_ord
    years, recency = key_years(county.as_at)
    year_weights = {
        name: [r * spec["trend"][min(i, len(spec["trend"]) - 1)] for i, r in enumerate(recency)]
        for name, spec in PROFILES.items()
    }
    cases = []
    for i in range(n):
        profile = profiles[i]
        spec = PROFILES[profile]
        year = rnd.choices(years, year_weights[profile])[0]
        key = _year_date(rnd, year, as_at)
        year_fraction = year + (dt.date.fromordinal(key).timetuple().tm_yday / 366)
        mean = arrest_age(year_fraction) if profile == "county_lines" else spec["mean"]
        age = _clip(rnd.gauss(mean, spec["sd"]), spec["low"], spec["high"])
        dob_ord = key - int(age * 365.25)
        dob = dt.date.fromordinal(dob_ord)
        dob_approx = profile == "trafficking" and rnd.random() < 0.7
        if dob_approx:  # an age assessed, not known: recorded as 1 January of the year
            dob = dt.date(dob.year, 1, 1)
            dob_ord = dob.toordinal()
        sex = "F" if rnd.random() < spec["female"] else "M"
        if rnd.random() < 0.01:
            sex = "U"
        district = districts[i]
        lead_in = rnd.randint(0, 60) if profile == "concern" else rnd.randint(20, 300)
        onset = max(START_ORD, key - lead_in)
        eighteenth = dt.date(dob.year + 18, dob.month, min(dob.day, 28)).toordinal()
        duration = rnd.randint(180, 800) if profile != "concern" else rnd.randint(40, 200)
        cs_close = min(key + duration, eighteenth)
        cs_close = max(cs_close, onset + 60)
        police = profile in ("county_lines", "cce", "cse_contact", "trafficking") or (
            profile == "missing" and rnd.random() < 0.75
        ) or (profile == "cse_online" and rnd.random() < 0.6) or (
            profile == "concern" and rnd.random() < 0.1
        )
        cs = profile != "concern" or rnd.random() < 0.25
        if cs and police and profile in ("county_lines", "cce", "missing", "cse_contact") and rnd.random() < 0.22:
            cs = False  # known to police only (not yet referred on)
        police_start = max(START_ORD, min(onset + rnd.randint(0, 40), key))
        police_close = max(key + rnd.randint(60, 420), police_start + 30)
        in_care = None
        if profile == "trafficking":
            in_care = onset
        elif profile in ("missing", "county_lines", "cse_contact", "cce") and rnd.random() < 0.14:
            in_care = max(START_ORD, key + rnd.randint(-200, 120))
        method = ""
        if profile == "cse_contact":
            if rnd.random() < social_media_share(year):
                method = "social_media"
            else:
                method = rnd.choices(("boyfriend", "party", "group"), (0.4, 0.3, 0.3))[0]
        elif profile == "cse_online":
            method = "online"
        case = Case(
            index=i, profile=profile, district=district, sex=sex, dob=dob, dob_approx=dob_approx,
            key=key, onset=onset, cs_close=_close(cs_close, as_at),
            police=police, police_start=police_start, police_close=_close(police_close, as_at),
            cs=cs, health=profile.startswith("cse") and rnd.random() < 0.6 or rnd.random() < 0.2,
            yjs=profile == "county_lines" and rnd.random() < 0.6,
            vol=rnd.random() < 0.3, school_dsl=profile in ("cse_online", "concern") or rnd.random() < 0.35,
            in_care=in_care, out_of_county=in_care is not None and rnd.random() < 0.3, method=method,
        )
        if not cs and police:
            case.cs_close = case.police_close  # police lead: the case closes with them
        yg_key = (key - dob_ord) / 365.25
        if profile in ("county_lines", "cce", "cse_contact", "missing") and 11.5 < yg_key < 16:
            r = rnd.random()
            if r < 0.3:
                case.exclusion = max(START_ORD, key + rnd.randint(-150, 60))
            elif r < 0.5:
                case.managed_move = max(START_ORD, key + rnd.randint(-150, 60))
        case.risk = rnd.choices(("significant", "moderate", "low"),
                                {"county_lines": (6, 3, 1), "cce": (4, 4, 2), "cse_contact": (5, 4, 1),
                                 "trafficking": (6, 3, 1), "cse_online": (2, 5, 3),
                                 "missing": (2, 5, 3), "concern": (0, 2, 8)}[profile])[0]
        cases.append(case)
    _known_to_police_only(cases, need=max(3, n // 50))
    return cases


def _known_to_police_only(cases: list[Case], need: int) -> None:
    """Make sure some open cases are known to police alone (not yet referred on): the demo's
    police personas must see children the children's services manager cannot."""
    have = sum(1 for c in cases if c.police and not c.cs and c.police_close is None)
    candidates = [c for c in cases if c.cs and c.police and c.police_close is None
                  and c.profile in ("county_lines", "cce", "missing", "cse_contact")]
    for c in candidates[: max(0, need - have)]:
        c.cs = False
        c.cs_close = c.police_close


def choose_restricted(cases: list[Case], county, rnd: random.Random, n: int) -> None:
    """Mark ``n`` open cases restricted, preferring the North team (the demo's practitioner
    then has a restricted child in her team she cannot see without a grant)."""
    north = [c for c in cases if c.is_open and c.cs and c.district.area == "North"
             and c.profile not in ("concern",) and c.age_at(county.as_at_ord) < 18]
    pool = north if len(north) >= n else [c for c in cases if c.is_open and c.cs]
    for i, c in enumerate(rnd.sample(pool, min(n, len(pool)))):
        c.restricted = True
        if i == 0:  # allocated to the team's persona, who is then named on the record
            c.extra["persona_lead"] = True
