"""Name search that forgives spelling: phonetic keys to find candidates, fuzzy scores to rank.

Why in Python rather than database functions: SQLite and PostgreSQL must return the same list
(trigram and soundex support differ between them), and at a partnership's scale (thousands of
known children) ranking a few hundred candidates in Python takes milliseconds.

Keys per name token: the normalised token ``t:smith``, Double-Metaphone-like ``m:SM0``
(jellyfish metaphone), Soundex ``s:S530`` and NYSIIS ``n:SNAT``. A query token matches a
candidate when any key is shared; the candidates are then ranked by a fuzzy score.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import jellyfish
from rapidfuzz import fuzz

_TOKEN = re.compile(r"[a-z]+")
MIN_SCORE = 70.0


def normalise(text: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens joined ("O'Neil" -> "oneil")."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"['’`-]", "", text.lower())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def keys_for_token(token: str) -> set[str]:
    if not token:
        return set()
    keys = {f"t:{token}"}
    if len(token) >= 2:
        keys.add(f"m:{jellyfish.metaphone(token)}")
        keys.add(f"s:{jellyfish.soundex(token)}")
        keys.add(f"n:{jellyfish.nysiis(token)}")
    return keys


def keys_for_names(names: list[str]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        for token in tokens(name):
            keys |= keys_for_token(token)
    return keys


def name_score(query: str, names: list[str]) -> float:
    """Best fuzzy similarity (0-100) between the query and any of a person's names."""
    q = " ".join(tokens(query))
    if not q:
        return 0.0
    best = 0.0
    for name in names:
        n = " ".join(tokens(name))
        if not n:
            continue
        score = max(
            fuzz.token_sort_ratio(q, n),
            fuzz.partial_token_set_ratio(q, n) * 0.95 if len(q) >= 3 else 0,
        )
        # Phonetic agreement token by token lifts sound-alike spellings (Jon/John, Aisha/Ayesha).
        q_tokens, n_tokens = q.split(), n.split()
        phon = sum(
            1
            for t in q_tokens
            if any(jellyfish.metaphone(t) == jellyfish.metaphone(u) for u in n_tokens)
        )
        if q_tokens and phon == len(q_tokens):
            score = max(score, 90.0)
        best = max(best, score)
    return best


def dob_matches(query: dt.date | None, dob: dt.date | None) -> bool:
    """Exact, or with day and month swapped (a common recording error)."""
    if query is None or dob is None:
        return False
    if query == dob:
        return True
    return query.year == dob.year and query.day == dob.month and query.month == dob.day


@dataclass(frozen=True)
class Ranked:
    person_id: int
    score: float
    dob_match: bool


def rank(query: str, dob: dt.date | None, candidates: dict[int, tuple[list[str], dt.date | None]]) -> list[Ranked]:
    """Order candidates by name score (and date of birth when given); drop weak matches.

    ``candidates`` maps person id -> (names, date of birth). Ties break on id so results are
    stable across databases.
    """
    results = []
    for pid, (names, birth) in candidates.items():
        score = name_score(query, names) if query.strip() else 0.0
        dob_hit = dob_matches(dob, birth)
        if query.strip() and score < MIN_SCORE:
            continue
        if dob is not None and not dob_hit:
            continue
        total = score + (20 if dob_hit else 0)
        results.append(Ranked(pid, total, dob_hit))
    results.sort(key=lambda r: (-r.score, r.person_id))
    return results
