"""What the threat watch counts: four kinds of event, and how a record is sorted into one.

The kinds follow the committee's questions: missing episodes, child sexual exploitation
concerns, drug-supply arrests, and intelligence that names a place. ``classify`` works on plain
values (event type, subtype, summary) so the same rule sorts the database's chronology and the
synthetic generator's event files. Where the structured subtype is not recorded (chronology
entries made before offence types were structured), an arrest counts as drug supply when its
summary says so; the structured field wins whenever it is present.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MISSING = "missing"
CSE = "cse"
DRUG_SUPPLY_ARREST = "drug_supply_arrest"
INTELLIGENCE_PLACE = "intelligence_place"

#: In the order pages list them.
KINDS: tuple[str, ...] = (MISSING, CSE, DRUG_SUPPLY_ARREST, INTELLIGENCE_PLACE)

#: (one, many): "1 missing episode", "9 missing episodes".
NOUNS: Mapping[str, tuple[str, str]] = {
    MISSING: ("missing episode", "missing episodes"),
    CSE: ("child sexual exploitation concern", "child sexual exploitation concerns"),
    DRUG_SUPPLY_ARREST: ("drug-supply arrest of a child", "drug-supply arrests of children"),
    INTELLIGENCE_PLACE: ("intelligence report naming a place", "intelligence reports naming a place"),
}

#: Headings for tables and charts.
LABELS: Mapping[str, str] = {
    MISSING: "Missing episodes",
    CSE: "Child sexual exploitation concerns",
    DRUG_SUPPLY_ARREST: "Drug-supply arrests",
    INTELLIGENCE_PLACE: "Intelligence naming a place",
}

CSE_EVENT_TYPES = frozenset({"cse_incident", "online_grooming"})
_SUPPLY = re.compile(r"\bsuppl(y|ying)\b", re.IGNORECASE)


def noun(kind: str, n: int | None = None) -> str:
    """The kind as a noun, singular only when ``n`` is 1."""
    one, many = NOUNS[kind]
    return one if n == 1 else many


def classify(event_type: str, subtype: str | None = "", summary: str = "", *,
             concern_type: str = "", arrested: bool = False) -> str | None:
    """The kind an event counts as, or None when the watch does not count it.

    ``concern_type`` and ``arrested`` are the structured fields where they are recorded (the
    statistics' codes): a concern coded ``cse`` is a CSE concern, an arrest coded
    ``drug_supply`` a drug-supply arrest, whatever its event type.

    >>> classify("arrest", "drug_supply")
    'drug_supply_arrest'
    >>> classify("arrest", None, "arrested on suspicion of supplying drugs")
    'drug_supply_arrest'
    >>> classify("arrest", "theft") is None
    True
    """
    if event_type == "missing":
        return MISSING
    if concern_type == "cse" and event_type != "intelligence":
        return CSE
    if concern_type == "drug_supply" and (arrested or event_type == "arrest"):
        return DRUG_SUPPLY_ARREST
    if event_type in CSE_EVENT_TYPES or (event_type == "concern" and subtype == "cse"):
        return CSE
    if event_type == "arrest":
        if subtype:
            return DRUG_SUPPLY_ARREST if subtype in ("drug_supply", "county_lines") else None
        return DRUG_SUPPLY_ARREST if _SUPPLY.search(summary or "") else None
    if event_type == "intelligence":
        return INTELLIGENCE_PLACE
    return None


def place_index(towns: Mapping[str, str]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A matcher for ``area_named_in``: town name -> area, longest names first so "Upper
    Kelbrook" wins over "Kelbrook"."""
    if not towns:
        return None, {}
    lowered = {t.lower(): a for t, a in towns.items() if t}
    names = sorted(lowered, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    return pattern, lowered


def area_named_in(summary: str, index: tuple[re.Pattern[str] | None, dict[str, str]]) -> str | None:
    """The area of the first place in the county that ``summary`` names, or None.

    Intelligence counts where the place it names is, not where the child lives: a cuckooed
    flat in Kelbrook is a Kelbrook problem whoever is seen there.
    """
    pattern, areas = index
    if pattern is None or not summary:
        return None
    m = pattern.search(summary)
    return areas[m.group(1).lower()] if m else None
