"""The coded values the statistics count, and how a chronology entry's type and subtype map to
them. Plain data, shared by the app (the chronology form, the loader) and the benchmarks (the
generator's files), so an entry is classified the same way wherever it is counted.

Why codes and not labels: labels change with wording; a figure's definition names codes.
"""

from __future__ import annotations

#: Offence or concern type of an event (``facts_events.concern_type``).
CONCERN_TYPES: dict[str, str] = {
    "cse": "Child sexual exploitation",
    "cce": "Child criminal exploitation",
    "county_lines": "County Lines",
    "drug_supply": "Drug supply",
    "trafficking": "Trafficking or modern slavery",
    "missing": "Missing from home or care",
    "other": "Other concern",
}

#: How the exploitation began or was carried out (``facts_events.method``).
METHODS: dict[str, str] = {
    "social_media": "Social media",
    "online": "Online (gaming or messaging)",
    "party": "Parties",
    "boyfriend": "'Boyfriend' model",
    "group": "Group or gang",
    "other": "Other",
}

#: Areas of the partnership, in the order the committee reads them. "" is "Area not recorded".
AREAS: tuple[str, ...] = ("North", "West", "East")
AREA_NOT_KNOWN = "Area not recorded"

#: Status of a County Line (``facts_lines.status``).
LINE_STATUSES: dict[str, str] = {"active": "Active", "disrupted": "Disrupted", "closed": "Closed"}

#: NRM exploitation types (``facts_nrm.exploitation_type``), the NRM app's codes.
NRM_TYPES: dict[str, str] = {
    "criminal": "Criminal exploitation",
    "county_lines": "County Lines",
    "sexual": "Sexual exploitation",
    "labour": "Labour exploitation",
    "domestic_servitude": "Domestic servitude",
    "trafficking": "Trafficking",
    "other": "Other exploitation",
}

#: Children in Need census factors identified at assessment, from exploitation types: our own
#: mapping (the census codes are the Department for Education's; which type maps to which is
#: ours, documented in docs/reference/statistics.md). A type may carry several factors.
CIN_FACTORS: dict[str, tuple[str, ...]] = {
    "cse": ("11A",),
    "cce": ("24A",),
    "county_lines": ("24A", "13A"),
    "drug_supply": ("24A",),
    "trafficking": ("12A",),
    "missing": ("10A",),
    "sexual": ("11A",),
    "criminal": ("24A",),
    "labour": ("12A",),
    "domestic_servitude": ("12A",),
    "gang": ("13A",),
}
CIN_FACTOR_LABELS: dict[str, str] = {
    "10A": "Child missing",
    "11A": "Child sexual exploitation",
    "12A": "Trafficking",
    "13A": "Gangs",
    "24A": "Child criminal exploitation",
}

#: Return home interview outcome (``facts_missing.rhi``), a partition of episodes.
RHI_OUTCOMES: dict[str, str] = {
    "within_72h": "Held within 72 hours",
    "late": "Held after 72 hours",
    "declined": "Offered, declined",
    "pending": "Offered, not held yet",
    "not_offered": "Not offered or not recorded",
}

#: Age bands of the age profile (``facts_events.age_at_event``): "under 13" then one per year.
AGE_BANDS: tuple[str, ...] = ("Under 13", "13", "14", "15", "16", "17")


def age_band(age: int) -> str:
    """The age band a child's age falls in.

    >>> age_band(12), age_band(15), age_band(19)
    ('Under 13', '15', '17')
    """
    if age < 13:
        return "Under 13"
    return str(min(age, 17))


def cin_factors(codes) -> list[str]:
    """The census factor codes for some concern or NRM types, sorted, without repeats.

    >>> cin_factors(["county_lines", "cse"])
    ['11A', '13A', '24A']
    """
    return sorted({f for c in codes for f in CIN_FACTORS.get(c, ())})


def classify(event_type: str, subtype: str = "", summary: str = "", on_line: bool = False) -> dict:
    """The structured fields a chronology entry carries, from its type and the generator's (or
    recorder's) subtype: ``concern_type``, ``method``, ``arrested``.

    Why the summary: the synthetic NRM entries name the type of exploitation only in words
    ("a possible victim of criminal exploitation (County Lines)"); anything recorded in the
    browser carries the type as a field instead.

    >>> classify("arrest", "drug_supply")
    {'concern_type': 'drug_supply', 'method': '', 'arrested': True}
    >>> classify("cse_incident", "social_media")["method"]
    'social_media'
    """
    concern, method, arrested = "", "", False
    if event_type == "arrest":
        arrested = True
        concern = {"drug_supply": "drug_supply", "theft": "cce"}.get(subtype, "")
    elif event_type == "cse_incident":
        concern = "cse"
        method = subtype if subtype in METHODS else ""
    elif event_type == "online_grooming":
        concern = "cse"
        method = subtype if subtype in METHODS else "online"
    elif event_type == "cce_incident":
        concern = "county_lines" if subtype == "county_lines" else "cce"
    elif event_type == "found_out_of_area":
        concern = "trafficking" if subtype == "trafficking" else ("county_lines" if on_line else "cce")
    elif event_type in ("missing", "return_interview"):
        concern = "missing"
    elif event_type == "nrm":
        concern = nrm_type_from_words(summary, as_concern=True)
    return {"concern_type": concern, "method": method, "arrested": arrested}


def nrm_type_from_words(text: str, *, as_concern: bool = False) -> str:
    """The exploitation type named in an NRM entry's words ("" when none is named)."""
    t = text.lower()
    if "county lines" in t:
        return "county_lines"
    if "sexual exploitation" in t:
        return "cse" if as_concern else "sexual"
    if "trafficking" in t or "labour exploitation" in t:
        return "trafficking"
    if "criminal exploitation" in t:
        return "cce" if as_concern else "criminal"
    return ""
