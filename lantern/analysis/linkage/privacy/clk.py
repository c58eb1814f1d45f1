"""Cryptographic long-term keys (CLKs): keyed Bloom-filter encodings of a person's identifiers.

The idea (Schnell, Bachteler and Reiher, 2009; the record-level form of Durham, 2012): split
each identifier into overlapping two-letter pieces ("_t", "to", "om", "m_"), hash every piece
with a secret key into a few positions of one bit array, and set those bits. Two spellings of
a name share most pieces, so their arrays share most bits, and the Dice coefficient of the
arrays approximates how alike the values were; without the key the positions cannot be
recomputed from a guessed name. Written for Lantern from that published description.

Choices, and why:

- **HMAC-SHA256 keyed hashing, double hashing for the k positions** (position_i = a + i*b mod
  m, a and b from one HMAC digest): one HMAC per piece, and nobody without the key can test a
  guess by hashing it.
- **One array per record (1,024 bits)** with a weight per field (how many positions each piece
  sets): mixing fields in one array hides which bits came from which field, which blunts
  attacks that work field by field.
- **First name and surname hashed as one "name" field**: names entered the wrong way round give
  the same pieces. The canonical form of the first name (``nicknames``) is added as pieces of
  its own, so "Tommy" and "Thomas" share bits.
- **Dates of birth as parts, not pieces**: year, month, day, and the unordered (day, month)
  pair, so a swapped day and month still shares most of its bits, and a year out shares the
  rest.
- **Per-purpose keys** derived from one shared secret (``derive_key``), so the key that builds
  CLKs is not the key that builds blocking keys.
- **Optional BLIP noise** (each bit flipped with a small probability, Schnell and Borgs, 2016):
  a defence against frequency attacks on the arrays, paid for in accuracy.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

__all__ = ["ClkConfig", "derive_key", "dice", "encode_record", "masks_to_words", "pieces",
           "popcount", "value_mask"]

MIN_KEY_BYTES = 16


def derive_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose ("clk", "blocking") from the partners' shared secret."""
    if not isinstance(secret, bytes | bytearray) or len(secret) < MIN_KEY_BYTES:
        raise ValueError(f"the shared secret must be at least {MIN_KEY_BYTES} random bytes")
    return hmac.new(bytes(secret), f"lantern-linkage/{purpose}".encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class ClkConfig:
    """Array length and how many positions each field's pieces set (its weight)."""

    bits: int = 1024
    weights: Mapping[str, int] = field(default_factory=lambda: {
        "name": 12, "first_canonical": 8, "dob": 16, "postcode": 8, "sex": 4})
    blip: float = 0.0  # probability each bit is flipped (0: no noise)

    def __post_init__(self) -> None:
        if self.bits % 64 or self.bits < 64:
            raise ValueError("bits must be a positive multiple of 64")
        if not 0.0 <= self.blip < 0.5:
            raise ValueError("blip must be in [0, 0.5)")

    @property
    def words(self) -> int:
        return self.bits // 64


def _bigrams(text: str) -> list[str]:
    padded = f"_{text}_"
    return [padded[i:i + 2] for i in range(len(padded) - 1)]


def pieces(record: Mapping[str, str | None]) -> dict[str, list[str]]:
    """The pieces of a standardised record, by field (see the module docstring).

    >>> p = pieces({"first_name": "tom", "last_name": "ng", "dob": "2010-03-05"})
    >>> p["name"], p["dob"]
    (['_t', 'to', 'om', 'm_', '_n', 'ng', 'g_'], ['y2010', 'm03', 'd05', 'dm03-05'])
    """
    out: dict[str, list[str]] = {}
    names = [record.get("first_name"), record.get("last_name")]
    out["name"] = [g for n in names if n for word in n.split(" ") for g in _bigrams(word)]
    canonical = record.get("first_canonical")
    out["first_canonical"] = _bigrams(canonical) if canonical else []
    dob = record.get("dob")
    if dob:
        y, m, d = dob[:4], dob[5:7], dob[8:10]
        lo, hi = sorted((m, d))
        out["dob"] = [f"y{y}", f"m{m}", f"d{d}", f"dm{lo}-{hi}"]
    else:
        out["dob"] = []
    postcode = record.get("postcode")
    out["postcode"] = (_bigrams(postcode.replace(" ", "")) + [f"out:{postcode.split(' ')[0]}"]
                       if postcode else [])
    sex = record.get("sex")
    out["sex"] = [f"s{sex}"] if sex else []
    return out


def _positions(key: bytes, field_name: str, piece: str, k: int, bits: int) -> Iterable[int]:
    digest = hmac.new(key, f"{field_name}\x1f{piece}".encode(), hashlib.sha256).digest()
    a = int.from_bytes(digest[:8], "big")
    b = int.from_bytes(digest[8:16], "big") | 1  # odd: the k positions differ when bits is 2^n
    return ((a + i * b) % bits for i in range(k))


def value_mask(record: Mapping[str, str | None], key: bytes, config: ClkConfig | None = None,
               cache: dict | None = None) -> int:
    """The bits a (partial) record sets, as a Python integer (bit i = position i).

    Python integers make OR-ing a few dozen pieces cheap; ``cache`` (a dict the caller keeps)
    memoises each piece's mask, since a county shares a few thousand pieces.
    """
    config = config or ClkConfig()
    mask = 0
    for field_name, items in pieces(record).items():
        k = config.weights.get(field_name, 0)
        if not k:
            continue
        for piece in items:
            ck = (field_name, piece)
            bitmask = cache.get(ck) if cache is not None else None
            if bitmask is None:
                bitmask = 0
                for pos in _positions(key, field_name, piece, k, config.bits):
                    bitmask |= 1 << pos
                if cache is not None:
                    cache[ck] = bitmask
            mask |= bitmask
    return mask


def masks_to_words(masks: list[int], config: ClkConfig | None = None) -> np.ndarray:
    """Python-integer masks to rows of uint64 words (little-endian: bit i is bit i)."""
    config = config or ClkConfig()
    size = config.bits // 8
    raw = b"".join(m.to_bytes(size, "little") for m in masks)
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64).reshape(len(masks), config.words)


def encode_record(record: Mapping[str, str | None], key: bytes, config: ClkConfig | None = None,
                  rng: np.random.Generator | None = None, cache: dict | None = None) -> np.ndarray:
    """One record's CLK as ``config.words`` unsigned 64-bit words (BLIP noise if ``rng``)."""
    config = config or ClkConfig()
    words = masks_to_words([value_mask(record, key, config, cache)], config)[0].copy()
    if config.blip and rng is not None:
        flips = rng.random(config.bits) < config.blip
        words ^= np.packbits(flips, bitorder="little").view(np.uint64)
    return words


def popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per row (rows of uint64 words)."""
    return np.bitwise_count(words).sum(axis=-1, dtype=np.int64)


def dice(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dice coefficient 2|A and B| / (|A| + |B|) of CLK rows (broadcasts over pairs).

    >>> x = np.array([[0b1111]], dtype=np.uint64); y = np.array([[0b0011]], dtype=np.uint64)
    >>> float(dice(x, y)[0])
    0.6666666666666666
    """
    both = popcount(a & b)
    total = popcount(a) + popcount(b)
    return np.where(total > 0, 2.0 * both / np.maximum(total, 1), 0.0)
