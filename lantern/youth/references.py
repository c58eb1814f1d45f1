"""The follow-up reference: 128 random bits, shown once, stored only as a hash, used once.

Why one-time: a reference written on a note or left in a message can be found by someone else.
Each use (checking the status or adding more) replaces it with a new one, so an old note is
useless, and a young person who finds their reference no longer works learns that someone else
used it.

The reference is written in Crockford's base 32 (no I, L, O or U) in groups of four, so it can
be read aloud and typed on a phone; typing is forgiving (case, spaces, dashes, O for 0, I or L
for 1).
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BITS = 128
_LENGTH = 26  # ceil(128 / 5)
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_reference() -> str:
    """A fresh reference such as ``7K3M-9QXD-...`` (26 characters in groups of four)."""
    value = secrets.randbits(_BITS)
    chars = []
    for _ in range(_LENGTH):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + 4] for i in range(0, _LENGTH, 4))


def normalise(typed: str) -> str | None:
    """The canonical 26 characters, or None when it cannot be a reference."""
    text = "".join(ch for ch in (typed or "").upper() if not ch.isspace() and ch != "-")
    text = text.translate(_TYPOS)
    if len(text) != _LENGTH or any(ch not in ALPHABET for ch in text):
        return None
    if ALPHABET.index(text[0]) > 7:  # 26 x 5 = 130 bits: the top two must be zero
        return None
    return text


def reference_hash(typed: str) -> str | None:
    canonical = normalise(typed)
    if canonical is None:
        return None
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()
