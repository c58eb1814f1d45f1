"""Gentle prompts about victim-blaming language in free text.

Why: the words used about a child shape how the next professional sees them. Children do not "put
themselves at risk", do not "consent" to their exploitation and are not "promiscuous". Flags are
suggestions shown beside the text box; they never stop anyone saving.

The phrase list is data (``tools/language/victim_blaming.yaml``) so it can be reviewed and extended
without touching code.

>>> [f.phrase for f in flag_language("He keeps putting himself at risk.")]
['putting himself at risk']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DefinitionError

PHRASES_FILE = Path(__file__).resolve().parent.parent / "tools" / "language" / "victim_blaming.yaml"
_SELF = r"(?:himself|herself|themselves|themself|theirself|yourself|myself)"


@dataclass(frozen=True)
class Flag:
    """A phrase found in the text at ``text[start:end]``, with a suggestion and the reason."""

    phrase: str
    start: int
    end: int
    suggestion: str
    why: str


@dataclass(frozen=True)
class _Entry:
    pattern: re.Pattern
    suggestion: str
    why: str


def _compile(form: str) -> str:
    """Regex source for one phrase form: spaces match any spacing or a hyphen."""
    parts = [re.escape(word) for word in form.split()]
    source = r"[\s\-]+".join(parts).replace(re.escape("{self}"), _SELF)
    return rf"(?<![\w\-]){source}(?![\w\-])"


def load_phrases(path: str | Path = PHRASES_FILE) -> tuple[_Entry, ...]:
    """Read and compile a phrase file; a malformed file raises :class:`DefinitionError`."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DefinitionError(path, None, f"cannot read phrase list: {exc}") from exc
    entries = []
    for index, item in enumerate((data or {}).get("phrases", ())):
        forms, suggestion, why = item.get("match"), item.get("suggestion"), item.get("why")
        if isinstance(forms, str):
            forms = [forms]
        if not forms or not suggestion or not why:
            raise DefinitionError(path, None, f"phrase {index + 1} needs match, suggestion and why")
        # Longest forms first, so "putting herself at risk" wins over a shorter overlapping form.
        alternatives = sorted((_compile(f) for f in forms), key=len, reverse=True)
        pattern = re.compile("|".join(alternatives), re.IGNORECASE)
        entries.append(_Entry(pattern, " ".join(suggestion.split()), " ".join(why.split())))
    return tuple(entries)


@functools.lru_cache(maxsize=4)
def _default_phrases(path: str) -> tuple[_Entry, ...]:
    return load_phrases(path)


def flag_language(text: str, *, phrases_file: str | Path | None = None) -> list[Flag]:
    """Every victim-blaming phrase in ``text``, in order, without overlaps.

    Matching ignores case and respects word boundaries ("consented" is flagged, "unconsented" is
    not). Where two matches overlap, the longer one is kept.
    """
    if not text:
        return []
    entries = _default_phrases(str(phrases_file or PHRASES_FILE))
    found: list[Flag] = []
    for entry in entries:
        for match in entry.pattern.finditer(text):
            found.append(
                Flag(match.group(0), match.start(), match.end(), entry.suggestion, entry.why)
            )
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Flag] = []
    for flag in found:
        if kept and flag.start < kept[-1].end:
            continue
        kept.append(flag)
    return kept
