"""Why two records may be one person: the reasons a reviewer sees beside a candidate pair.

The model's levels restated for people, field by field, from the two records' own values
(standardised the same way as for linkage). Plain data out, so the review queue can show it
under its own sharing rules: a reason is only shown where both records may be seen.

    explain({"first_name": "Tommy", "date_of_birth": "2010-03-05"},
            {"first_name": "Thomas", "date_of_birth": "2010-05-03"})
    # [Reason("first_name", "partly", "First name: a nickname or short form of the same name"),
    #  Reason("date_of_birth", "partly", "Date of birth: day and month swapped")]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from lantern.analysis.linkage.standardise import standardise_record

__all__ = ["Reason", "explain"]


@dataclass(frozen=True)
class Reason:
    field: str
    agreement: str  # "agrees", "partly", "disagrees"
    text: str


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _names(a: dict, b: dict) -> list[Reason]:
    out = []
    fa, fb, la, lb = a["first_name"], b["first_name"], a["last_name"], b["last_name"]
    if fa and fb and la and lb and fa == lb and la == fb and fa != la:
        return [Reason("first_name", "partly", "Names: first name and surname the wrong way round")]
    if fa and fb:
        if fa == fb:
            out.append(Reason("first_name", "agrees", "First name: the same"))
        elif a["first_canonical"] == b["first_canonical"]:
            out.append(Reason("first_name", "partly", "First name: a nickname or short form of the same name"))
        elif _similar(fa, fb):
            out.append(Reason("first_name", "partly", "First name: a similar spelling"))
        else:
            out.append(Reason("first_name", "disagrees", "First name: different"))
    if la and lb:
        if la == lb:
            out.append(Reason("last_name", "agrees", "Surname: the same"))
        elif set(a["last_tokens"]) & set(b["last_tokens"]):
            out.append(Reason("last_name", "partly", "Surname: one part of a double-barrelled surname"))
        elif _similar(la, lb):
            out.append(Reason("last_name", "partly", "Surname: a similar spelling"))
        else:
            out.append(Reason("last_name", "disagrees", "Surname: different"))
    return out


def _dob(a: dict, b: dict) -> list[Reason]:
    da, db = a["dob"], b["dob"]
    if not (da and db):
        return []
    ya, yb = int(da[:4]), int(db[:4])
    if da == db:
        return [Reason("date_of_birth", "agrees", "Date of birth: the same")]
    if a["dob_swapped"] == db:
        return [Reason("date_of_birth", "partly", "Date of birth: day and month swapped")]
    if da[5:] == db[5:] and abs(ya - yb) <= 1:
        return [Reason("date_of_birth", "partly", "Date of birth: the same day and month, the year one out")]
    if (da[5:] == "01-01" or db[5:] == "01-01") and abs(ya - yb) <= 1:
        return [Reason("date_of_birth", "partly", "Date of birth: one looks estimated (1 January)")]
    if da[:7] == db[:7] or (da[:4] == db[:4] and da[8:] == db[8:]):
        return [Reason("date_of_birth", "partly", "Date of birth: two of year, month and day agree")]
    if abs(ya - yb) > 2:
        return [Reason("date_of_birth", "disagrees", "Date of birth: born more than two years apart")]
    return [Reason("date_of_birth", "disagrees", "Date of birth: different")]


def _postcode(a: dict, b: dict) -> list[Reason]:
    pa, pb = a["postcode"], b["postcode"]
    if not (pa and pb):
        return []
    if pa == pb:
        return [Reason("postcode", "agrees", "Postcode: the same")]
    if a["postcode_district"] == b["postcode_district"]:
        return [Reason("postcode", "partly", "Postcode: the same district (perhaps a move nearby)")]
    return [Reason("postcode", "disagrees", "Postcode: different (perhaps an old address)")]


def explain(left: Mapping, right: Mapping) -> list[Reason]:
    """Reasons for and against, for two records given by field (keys from ``FIELDS``).

    Fields missing from either record give no reason: absence is not evidence either way.
    """
    a, b = standardise_record(left), standardise_record(right)
    out = _names(a, b) + _dob(a, b) + _postcode(a, b)
    if a["sex"] and b["sex"]:
        out.append(Reason("sex", "agrees", "Sex: the same") if a["sex"] == b["sex"]
                   else Reason("sex", "disagrees", "Sex: different"))
    if a["nhs_number"] and b["nhs_number"]:
        out.append(Reason("nhs_number", "agrees", "NHS number: the same")
                   if a["nhs_number"] == b["nhs_number"]
                   else Reason("nhs_number", "disagrees", "NHS number: different"))
    return out
