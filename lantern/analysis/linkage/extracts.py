"""Agency extracts in: map each extract's columns onto the linkage fields and standardise.

An extract is a table (a pandas DataFrame, or a CSV read into one) plus the column holding the
agency's own record id and a mapping from its column names to ``FIELDS``. Different agencies
name the same thing differently ("Forename", "GIVEN_NAME"); the mapping is the only place
that knows.

Standardising runs over each column's distinct values, not its rows: a county's million
records hold a few thousand distinct names and tens of thousands of dates and postcodes, so
cleaning is a dictionary lookup per row and costs about a second at a million rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lantern.analysis.linkage import standardise as std

__all__ = ["Extract", "ExtractError", "prepare", "prepared_columns"]


class ExtractError(ValueError):
    """An extract cannot be linked as given (a missing column, an unknown field, no ids)."""


@dataclass(frozen=True)
class Extract:
    """One agency's records: a table, its id column and ``{source column: field}``."""

    name: str
    frame: pd.DataFrame
    id_column: str
    mapping: Mapping[str, str] = field(default_factory=dict)

    def check(self) -> None:
        """Raise ``ExtractError`` naming the first problem, before any work is done."""
        columns = set(self.frame.columns)
        if self.id_column not in columns:
            raise ExtractError(f"{self.name}: no id column {self.id_column!r} "
                               f"(columns: {', '.join(map(str, self.frame.columns))})")
        if not self.mapping:
            raise ExtractError(f"{self.name}: map at least one column to a field")
        seen: dict[str, str] = {}
        for source, target in self.mapping.items():
            if target not in std.FIELDS:
                raise ExtractError(f"{self.name}: unknown field {target!r}; "
                                   f"fields are {', '.join(std.FIELDS)}")
            if source not in columns:
                raise ExtractError(f"{self.name}: no column {source!r} to map to {target}")
            if target in seen:
                raise ExtractError(f"{self.name}: columns {seen[target]!r} and {source!r} "
                                   f"are both mapped to {target}")
            seen[target] = source
        ids = self.frame[self.id_column]
        if ids.isna().any() or (ids.astype(str).str.strip() == "").any():
            raise ExtractError(f"{self.name}: some rows have no value in {self.id_column!r}")
        if ids.astype(str).duplicated().any():
            dup = ids.astype(str)[ids.astype(str).duplicated()].iloc[0]
            raise ExtractError(f"{self.name}: id {dup!r} appears more than once in "
                               f"{self.id_column!r}")


def _by_distinct(series, fn: Callable) -> np.ndarray:
    """Apply ``fn`` once per distinct value (see the module docstring); missing stays None."""
    codes, distinct = pd.factorize(pd.Series(series, copy=False), use_na_sentinel=True)
    cleaned = np.empty(len(distinct) + 1, dtype=object)
    cleaned[:-1] = [fn(v) for v in distinct]
    cleaned[-1] = fn(None)
    return cleaned[codes]  # code -1 (missing) picks the last slot


_CLEANERS: dict[str, Callable] = {
    "first_name": std.clean_name,
    "last_name": std.clean_name,
    "date_of_birth": std.clean_date,
    "sex": std.clean_sex,
    "postcode": std.clean_postcode,
    "address": std.clean_address,
    "nhs_number": std.clean_nhs_number,
}


def prepared_columns(fields: Sequence[str]) -> list[str]:
    """The model's input columns derived from the given fields (for settings and tests)."""
    out = ["unique_id", "source_dataset", "record_id"]
    if "first_name" in fields:
        out += ["first_name", "first_canonical"]
    if "last_name" in fields:
        out += ["last_name", "last_first_token", "last_last_token"]
    if "date_of_birth" in fields:
        out += ["dob", "dob_swapped", "birth_year", "birth_year_next", "birth_year_next2", "dob_md", "dob_ym", "dob_yd"]
    if "postcode" in fields:
        out += ["postcode", "postcode_sector", "postcode_district"]
    for name in ("sex", "address", "nhs_number"):
        if name in fields:
            out.append(name)
    return out


def _standardise(extract: Extract, fields: Sequence[str], index: int) -> pd.DataFrame:
    frame = extract.frame
    ids = frame[extract.id_column].astype(str).str.strip()
    out = pd.DataFrame({
        # Splink needs one id column unique across all inputs; the agency's own id is kept
        # beside it, because two agencies may both number their records from 1.
        "unique_id": f"{index}:" + ids,
        "source_dataset": extract.name,
        "record_id": ids,
    })
    by_field = {target: source for source, target in extract.mapping.items()}
    clean = {}
    for name in fields:
        if name == "nhs_number":
            continue  # vectorised below: mostly distinct values
        if name in by_field:
            clean[name] = _by_distinct(frame[by_field[name]], _CLEANERS[name])
        else:  # another extract has this field; this one does not
            clean[name] = np.full(len(frame), None, dtype=object)
    if "first_name" in fields:
        out["first_name"] = clean["first_name"]
        out["first_canonical"] = _by_distinct(clean["first_name"], std.canonical_first)
    if "last_name" in fields:
        last = clean["last_name"]
        out["last_name"] = last
        out["last_first_token"] = _by_distinct(last, lambda v: v.split(" ")[0] if v else None)
        out["last_last_token"] = _by_distinct(last, lambda v: v.split(" ")[-1] if v else None)
    if "date_of_birth" in fields:
        dob = clean["date_of_birth"]
        out["dob"] = dob
        out["dob_swapped"] = _by_distinct(dob, std.dob_swapped)
        out["birth_year"] = _by_distinct(dob, lambda v: v[:4] if v else None)
        out["birth_year_next"] = _by_distinct(dob, lambda v: str(int(v[:4]) + 1) if v else None)
        out["birth_year_next2"] = _by_distinct(dob, lambda v: str(int(v[:4]) + 2) if v else None)
        out["dob_md"] = _by_distinct(dob, lambda v: v[5:] if v else None)
        out["dob_ym"] = _by_distinct(dob, lambda v: v[:7] if v else None)
        out["dob_yd"] = _by_distinct(dob, lambda v: v[:4] + v[7:] if v else None)
    if "postcode" in fields:
        pc = clean["postcode"]
        out["postcode"] = pc
        out["postcode_sector"] = _by_distinct(pc, std.postcode_sector)
        out["postcode_district"] = _by_distinct(pc, std.postcode_district)
    for name in ("sex", "address"):
        if name in fields:
            out[name] = clean[name]
    if "nhs_number" in fields:
        out["nhs_number"] = (std.nhs_numbers_valid(frame[by_field["nhs_number"]].to_numpy())
                             if "nhs_number" in by_field else None)
    return out


def prepare(extracts: Sequence[Extract]) -> tuple[list[pd.DataFrame], list[str]]:
    """Check and standardise every extract; returns the frames and the fields in use.

    Every frame gets the same columns (a field only one agency holds is null in the others),
    because Splink compares like with like.
    """
    if not extracts:
        raise ExtractError("give at least one extract")
    names = [e.name for e in extracts]
    if len(set(names)) != len(names):
        raise ExtractError("each extract needs its own name")
    for extract in extracts:
        extract.check()
    fields = [f for f in std.FIELDS if any(f in e.mapping.values() for e in extracts)]
    return [_standardise(e, fields, i) for i, e in enumerate(extracts)], fields
