"""A data owner's side: turn an extract into CLKs and keyed blocking keys, nothing else.

What leaves the agency is an ``EncodedExtract``: a pseudonymous row number and record id per
row (the owner may replace ids with its own pseudonyms), a CLK per row and a few 64-bit keyed
blocking keys per row. No name, date or postcode leaves in any readable or guessable form,
provided the shared secret stays with the data owners (docs/explanation/privacy-preserving-linkage.md).

Encoding is vectorised by distinct value, as standardising is: a field's encoding depends only
on its value, so each distinct name, date and postcode is hashed once and rows gather theirs.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lantern.analysis.linkage.extracts import Extract, prepare
from lantern.analysis.linkage.privacy.clk import ClkConfig, derive_key, masks_to_words, value_mask

__all__ = ["EncodedExtract", "encode_extract", "encode_frame"]

#: Keyed blocking keys, mirroring the plaintext blocking rules (model.py): each is the HMAC of
#: a combination of standardised values, so two records share a key only when they agree on
#: that combination. Each entry: (tag, columns); ``dob`` is also tried swapped.
BLOCKING_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nhs", ("nhs_number",)),
    ("dob-first", ("dob", "first_canonical")),
    ("dob-last", ("dob", "last_name")),
    ("dob-postcode", ("dob", "postcode")),
    ("names-district", ("names", "postcode_district")),
    ("names-year", ("names", "birth_year")),
    ("first-postcode", ("first_canonical", "postcode")),
    ("last-postcode-sex", ("last_name", "postcode", "sex")),
)


@dataclass
class EncodedExtract:
    """What one agency shares: record ids, CLKs (rows of uint64 words) and blocking keys."""

    name: str
    ids: np.ndarray          # record ids (text)
    clks: np.ndarray         # shape (rows, words), uint64
    block_rows: np.ndarray   # row number of each blocking key
    block_keys: np.ndarray   # uint64 keyed hash

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, name=np.array(self.name), ids=self.ids.astype(str),
                            clks=self.clks, block_rows=self.block_rows, block_keys=self.block_keys)

    @classmethod
    def load(cls, path: str | Path) -> EncodedExtract:
        with np.load(path, allow_pickle=False) as data:
            return cls(str(data["name"]), data["ids"], data["clks"], data["block_rows"],
                       data["block_keys"])


def _keyed64(key: bytes, text: str) -> int:
    return int.from_bytes(hmac.new(key, text.encode(), hashlib.sha256).digest()[:8], "big")


def _field_words(values: pd.Series, key: bytes, config: ClkConfig, build) -> np.ndarray:
    """Encode each distinct value once (``build(value) -> record dict``), gather per row."""
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    cache: dict = {}
    masks = [value_mask(build(v), key, config, cache) for v in distinct] + [0]  # last: missing
    return masks_to_words(masks, config)[codes]


def _blocking(frame: pd.DataFrame, key: bytes) -> tuple[np.ndarray, np.ndarray]:
    rows_out, keys_out = [], []
    n = len(frame)
    names = frame.get("first_canonical"), frame.get("last_name")
    columns = dict(frame.items())
    if names[0] is not None and names[1] is not None:
        # The unordered pair of names: the same key when first name and surname are swapped
        # (the surname side uses its canonical form too, which is itself for a surname).
        first = frame["first_canonical"].fillna("")
        last = frame["last_name"].fillna("").map(lambda v: v.split(" ")[0] if v else "")
        lo = np.where(first <= last, first, last)
        hi = np.where(first <= last, last, first)
        pair = pd.Series(lo, index=frame.index) + "|" + pd.Series(hi, index=frame.index)
        columns["names"] = pair.where((first != "") & (last != ""), None)
    for tag, cols in BLOCKING_KEYS:
        if any(c not in columns for c in cols):
            continue
        variants = [cols]
        if "dob" in cols and "dob_swapped" in columns:
            variants.append(tuple("dob_swapped" if c == "dob" else c for c in cols))
        for variant in variants:
            parts = [columns[c] for c in variant]
            present = np.ones(n, dtype=bool)
            for p in parts:
                present &= p.notna().to_numpy()
            if not present.any():
                continue
            joined = parts[0][present].astype(str)
            for p in parts[1:]:
                joined = joined + "\x1f" + p[present].astype(str)
            text = (tag + "\x1e") + joined
            codes, distinct = pd.factorize(text)
            hashed = np.fromiter((_keyed64(key, v) for v in distinct), dtype=np.uint64,
                                 count=len(distinct))
            rows_out.append(np.flatnonzero(present).astype(np.int64))
            keys_out.append(hashed[codes])
    if not rows_out:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    return np.concatenate(rows_out), np.concatenate(keys_out)


def encode_frame(frame: pd.DataFrame, name: str, secret: bytes, config: ClkConfig | None = None,
                 seed: int | None = None) -> EncodedExtract:
    """Encode a standardised frame (``extracts.prepare`` output) under the shared secret."""
    config = config or ClkConfig()
    clk_key = derive_key(secret, "clk")
    block_key = derive_key(secret, "blocking")
    n = len(frame)
    clks = np.zeros((n, config.words), dtype=np.uint64)

    def col(c):
        return frame[c] if c in frame else pd.Series([None] * n, index=frame.index, dtype=object)

    names = col("first_name").fillna("") + "\x1f" + col("last_name").fillna("")
    clks |= _field_words(names, clk_key, config, lambda v: dict(zip(
        ("first_name", "last_name"), [x or None for x in v.split("\x1f")], strict=True)))
    clks |= _field_words(col("first_canonical"), clk_key, config,
                         lambda v: {"first_canonical": v})
    clks |= _field_words(col("dob"), clk_key, config, lambda v: {"dob": v})
    clks |= _field_words(col("postcode"), clk_key, config, lambda v: {"postcode": v})
    clks |= _field_words(col("sex"), clk_key, config, lambda v: {"sex": v})
    if config.blip:
        rng = np.random.default_rng(seed)
        for start in range(0, n, 50_000):  # chunks: a bit matrix of a million rows is a gigabyte
            stop = min(n, start + 50_000)
            flips = rng.random((stop - start, config.bits)) < config.blip
            clks[start:stop] ^= np.packbits(flips, axis=1, bitorder="little").view(np.uint64)
    rows, keys = _blocking(frame, block_key)
    return EncodedExtract(name, frame["record_id"].to_numpy().astype(str), clks, rows, keys)


def encode_extract(extract: Extract, secret: bytes, config: ClkConfig | None = None,
                   seed: int | None = None) -> EncodedExtract:
    """The data owner's one call: standardise and encode an extract for sharing."""
    frames, _fields = prepare([extract])
    return encode_frame(frames[0], extract.name, secret, config, seed)
