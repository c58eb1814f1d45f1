"""The README's persona table says what ``make demo`` prints (``list_personas``): one source,
``lantern/synthetic/personas.py``, so a new hint cannot reach one and not the other."""

from __future__ import annotations

from pathlib import Path

from lantern.accounts.choices import Role
from lantern.synthetic.personas import PERSONAS

README = Path(__file__).resolve().parents[3] / "README.md"


def test_the_readme_table_matches_the_personas():
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) == 4 and cells[0] in {p.username for p in PERSONAS}:
            rows[cells[0]] = cells
    assert list(rows) == [p.username for p in PERSONAS]
    for p in PERSONAS:
        assert rows[p.username] == [p.username, Role(p.role).label, p.agency, p.try_this], p.username
