"""Shared input and output for the linkage commands: read CSV extracts, write files atomically.

Why atomic writes: "bad arguments: nothing written". The output goes to a temporary file in
the same directory and is renamed over the target only when everything succeeded, so a failure
half way leaves neither a partial file nor a clobbered old one.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from django.core.management.base import CommandError


def read_csv(path: str) -> pd.DataFrame:
    """Every column as text (an NHS number or id must not become a float)."""
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"Input file {path} does not exist")
    try:
        return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise CommandError(f"Input file {path} is not a readable CSV file: {exc}") from exc


def check_output(path: str) -> Path:
    out = Path(path)
    if out.is_dir():
        raise CommandError(f"--out {path} is a directory; give a file name")
    if not out.parent.exists():
        raise CommandError(f"--out {path}: the folder {out.parent} does not exist")
    return out


@contextmanager
def atomic_output(out: Path):
    """Yield a temporary path; rename it to ``out`` only if the block succeeds."""
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
