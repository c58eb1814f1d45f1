"""The exported chain head ("anchor"): a copy of the head kept outside the database.

Why: the chain and its head row show that nothing was changed or removed *relative to the
head*. Someone able to empty or rewrite the audit tables and the head together (a superuser
with the triggers off) leaves a consistent chain behind, empty or new. A head exported to a
file the database's administrators cannot write (another host, a write-once store, the DPO's
share) is evidence they cannot reach: today's chain must be at least as long as that head and
must pass through it, event for event (docs/adr/0013-audit-anchor.md).

``manage.py audit_chain_head --anchor FILE`` (or the ``LANTERN_AUDIT_ANCHOR`` setting)
verifies the chain against the file's head and then replaces the file with today's head;
``manage.py verify_audit_chain --anchor FILE`` (or the setting) fails when the chain is
shorter than the file's head or does not pass through it.

The file is the JSON ``audit_chain_head`` prints::

    {"at": "2026-03-14T02:00:00+00:00", "count": 12873, "head_hash": "9f2c...", "last_id": 12901}
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings

HEX = frozenset("0123456789abcdef")


class AnchorError(ValueError):
    """The anchor file is missing or cannot be read: verification against it cannot pass."""


@dataclass(frozen=True)
class Anchor:
    count: int
    head_hash: str
    last_id: int | None = None
    at: str = ""


def configured_path(explicit: str | os.PathLike | None = None) -> Path | None:
    """The anchor file named on the command line, else by ``LANTERN_AUDIT_ANCHOR``, else none."""
    value = explicit or getattr(settings, "LANTERN_AUDIT_ANCHOR", "")
    return Path(value) if value else None


def read_anchor(path: Path) -> Anchor:
    """The head in ``path``. A missing or unreadable file is an error, never "no anchor":
    deleting the file must not be a way to switch the check off."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        anchor = Anchor(
            count=int(data["count"]),
            head_hash=str(data["head_hash"]),
            last_id=None if data.get("last_id") is None else int(data["last_id"]),
            at=str(data.get("at", "")),
        )
    except FileNotFoundError:
        raise AnchorError(f"there is no exported head at {path}") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnchorError(f"the exported head at {path} cannot be read ({exc})") from None
    if anchor.count < 0 or len(anchor.head_hash) != 64 or not set(anchor.head_hash) <= HEX:
        raise AnchorError(f"the exported head at {path} is not a chain head")
    return anchor


def write_anchor(path: Path, anchor: Anchor) -> None:
    """Replace ``path`` with ``anchor`` all at once (a new file renamed over the old one), so a
    crash never leaves half a head behind."""
    path = Path(path)
    text = json.dumps(asdict(anchor), sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
