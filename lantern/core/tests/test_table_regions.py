"""A table that scrolls sideways on a phone does so inside a ``lantern-table-wrapper`` box
(lantern.css). Keyboard users can only scroll that box if it can take focus, and a screen reader
only says what it is if it is a labelled region (WCAG 2.1.1 and 4.1.2). axe checks this only on
the pages the browser suite happens to visit with a table wide enough to scroll, so every
template is checked here, whether or not its table is wide today."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LANTERN = Path(__file__).resolve().parents[2]
WRAPPER = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\blantern-table-wrapper\b[^\"]*\"[^>]*>")
TEMPLATES = sorted(LANTERN.rglob("templates/**/*.html"))
WITH_WRAPPERS = [p for p in TEMPLATES if "lantern-table-wrapper" in p.read_text()]


def _wrappers(path: Path) -> list[str]:
    return WRAPPER.findall(path.read_text())


def test_the_scan_finds_the_wrappers():
    assert len(WITH_WRAPPERS) > 30
    assert _wrappers(LANTERN / "cases/templates/cases/team.html")


@pytest.mark.parametrize("path", WITH_WRAPPERS, ids=lambda p: str(p.relative_to(LANTERN)))
def test_every_table_wrapper_is_a_focusable_labelled_region(path):
    text = path.read_text()
    for tag in _wrappers(path):
        assert 'role="region"' in tag, f"{tag} has no role"
        assert 'tabindex="0"' in tag, f"{tag} cannot take focus"
        label = re.search(r'aria-label="([^"]+)"', tag)
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', tag)
        assert label or labelled_by, f"{tag} has no name"
        if labelled_by and "{" not in labelled_by.group(1):
            assert f'id="{labelled_by.group(1)}"' in text, f"{tag} names an id this template lacks"
