"""Standardise agency extracts into one comparable shape before blocking and comparison.

Why: Splink compares columns as they are. "O'Neill-Smith", "ONEILL SMITH" and "oneill smith"
are one surname; "20100505" and "2010-05-05" one date; "ad12 6wh" and "AD126WH" one postcode.
Cleaning here (once per record) is far cheaper than fuzzy comparison per pair, and every
record is cleaned the same way whichever agency sent it, which is what lets a police extract
meet a council one.

Every function takes a raw value (string, None or NaN) and returns a cleaned string or None:
never raises on bad data, because one malformed row must not stop a county's linkage.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd

from lantern.analysis.linkage.nicknames import canonical_given_name

__all__ = [
    "FIELDS",
    "canonical_first",
    "clean_address",
    "clean_date",
    "clean_name",
    "clean_nhs_number",
    "clean_postcode",
    "clean_sex",
    "dob_swapped",
    "name_tokens",
    "nhs_numbers_valid",
    "postcode_district",
    "postcode_sector",
    "standardise_record",
]

#: The fields an extract's columns can be mapped onto (``--map SRC=FIELD``).
FIELDS = ("first_name", "last_name", "date_of_birth", "sex", "postcode", "address", "nhs_number")

_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\D+")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
_PLACEHOLDERS = {"", "unknown", "not known", "nk", "n/k", "none", "null", "nan", "na", "n/a", "-"}


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    text = str(value).strip()
    return None if text.lower() in _PLACEHOLDERS else text


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_name(value) -> str | None:
    """Lower case, accents stripped, apostrophes and full stops dropped, hyphens as spaces.

    >>> clean_name("  Zoë O'Neill-SMITH ")
    'zoe oneill smith'
    """
    text = _text(value)
    if text is None:
        return None
    text = _strip_accents(text).lower()
    text = re.sub(r"['’`.]", "", text)
    text = _NOT_LETTERS.sub(" ", text.replace("-", " "))
    text = _SPACES.sub(" ", text).strip()
    return text or None


def name_tokens(name: str | None) -> list[str]:
    """The words of a cleaned name: a double-barrelled surname matches either half."""
    return name.split(" ") if name else []


def canonical_first(name: str | None) -> str | None:
    """The canonical form of a cleaned given name's first word ("tommy lee" -> "thomas")."""
    if not name:
        return None
    return canonical_given_name(name.split(" ")[0])


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")


def clean_date(value) -> str | None:
    """An ISO date (YYYY-MM-DD) from ISO, YYYYMMDD or UK day-first forms; None when invalid.

    A time part ("2010-05-05 00:00:00", "2010-05-05T00:00") is ignored.

    >>> clean_date("20100505"), clean_date("5/5/2010"), clean_date("2010-02-30")
    ('2010-05-05', '2010-05-05', None)
    """
    text = _text(value)
    if text is None:
        return None
    text = re.split(r"[T ]", text, maxsplit=1)[0]
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # ISO: the common case, in C
        try:
            parsed = dt.date.fromisoformat(text)
        except ValueError:
            return None
        return parsed.isoformat() if 1900 <= parsed.year <= 2100 else None
    for fmt in _DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if 1900 <= parsed.year <= 2100:
            return parsed.isoformat()
        return None
    return None


def dob_swapped(iso: str | None) -> str | None:
    """The date with day and month swapped, when that is a date and differs (else None).

    Comparing one side's swapped date with the other side's date finds "5 March" entered as
    "3 May", the commonest date error between US-style and UK-style forms.

    >>> dob_swapped("2010-03-05"), dob_swapped("2010-03-25"), dob_swapped("2010-04-04")
    ('2010-05-03', None, None)
    """
    if not iso:
        return None
    year, month, day = iso[:4], iso[5:7], iso[8:10]
    if month == day or int(day) > 12:
        return None
    return f"{year}-{day}-{month}"


def clean_postcode(value) -> str | None:
    """A UK postcode in upper case with its single space ("ad126wh" -> "AD12 6WH").

    Anything that is not postcode-shaped after removing spaces and punctuation is None: a
    half-entered postcode is worse than none, since it would block wrongly.
    """
    text = _text(value)
    if text is None:
        return None
    compact = re.sub(r"[^A-Z0-9]", "", _strip_accents(text).upper())
    if not _POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_district(postcode: str | None) -> str | None:
    """The outward code ("AD12 6WH" -> "AD12"): a family that moved often stayed nearby."""
    return postcode.split(" ")[0] if postcode else None


def postcode_sector(postcode: str | None) -> str | None:
    """The sector ("AD12 6WH" -> "AD12 6"): a few hundred addresses."""
    return postcode[:-2] if postcode else None


def clean_sex(value) -> str | None:
    """"M", "F" or None (unknown, not recorded, anything else)."""
    text = _text(value)
    if text is None:
        return None
    first = text.strip().lower()[:1]
    return {"m": "M", "f": "F", "1": "M", "2": "F"}.get(first)


def clean_nhs_number(value) -> str | None:
    """Ten digits with a valid modulus 11 check digit, else None.

    An invalid NHS number is a typing error; keeping it would make a true match look like a
    strong non-match on the one field the model trusts most.
    """
    text = _text(value)
    if text is None:
        return None
    digits = _DIGITS.sub("", text)
    if len(digits) != 10:
        return None
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    if check == 10 or check != int(digits[9]):
        return None
    return digits


def nhs_numbers_valid(values) -> np.ndarray:
    """Vectorised ``clean_nhs_number`` for a column: most NHS numbers are distinct, so the
    per-distinct-value shortcut does not help and a county's million need numpy.

    Returns an object array of cleaned numbers or None, equal element by element to
    ``[clean_nhs_number(v) for v in values]`` (a property test holds it to that).
    """
    raw = pd.Series(values, dtype=object)
    text = raw.where(raw.notna(), "").astype(str)
    digits = text.str.replace(r"\D+", "", regex=True)
    out = np.full(len(digits), None, dtype=object)
    ten = (digits.str.len() == 10).to_numpy()
    if ten.any():
        chosen = digits[ten]
        matrix = (np.frombuffer("".join(chosen).encode("ascii"), dtype=np.uint8)
                  .reshape(-1, 10).astype(np.int64) - 48)
        total = matrix[:, :9] @ np.arange(10, 1, -1)
        check = 11 - total % 11
        check[check == 11] = 0
        valid = (check != 10) & (check == matrix[:, 9])
        idx = np.flatnonzero(ten)[valid]
        out[idx] = chosen.to_numpy()[valid]
    return out


def clean_address(value) -> str | None:
    """Lower case words and numbers of an address line, punctuation dropped.

    >>> clean_address("Flat 2, 14 Mill-Lane ")
    'flat 2 14 mill lane'
    """
    text = _text(value)
    if text is None:
        return None
    text = _SPACES.sub(" ", re.sub(r"[^a-z0-9]+", " ", _strip_accents(text).lower())).strip()
    return text or None


def standardise_record(raw: dict) -> dict:
    """One record of mapped fields (keys from ``FIELDS``) to the columns the model compares.

    >>> r = standardise_record({"first_name": "Tommy", "last_name": "Reid-Khan",
    ...                         "date_of_birth": "20100305", "postcode": "ad12 6wh"})
    >>> r["first_canonical"], r["last_name"], r["dob"], r["dob_swapped"], r["postcode_district"]
    ('thomas', 'reid khan', '2010-03-05', '2010-05-03', 'AD12')
    """
    first = clean_name(raw.get("first_name"))
    last = clean_name(raw.get("last_name"))
    dob = clean_date(raw.get("date_of_birth"))
    postcode = clean_postcode(raw.get("postcode"))
    return {
        "first_name": first,
        "first_canonical": canonical_first(first),
        "last_name": last,
        "last_tokens": name_tokens(last),
        "dob": dob,
        "dob_swapped": dob_swapped(dob),
        "birth_year": dob[:4] if dob else None,
        "sex": clean_sex(raw.get("sex")),
        "postcode": postcode,
        "postcode_sector": postcode_sector(postcode),
        "postcode_district": postcode_district(postcode),
        "address": clean_address(raw.get("address")),
        "nhs_number": clean_nhs_number(raw.get("nhs_number")),
    }
