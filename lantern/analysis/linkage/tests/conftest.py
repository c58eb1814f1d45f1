"""The linkage library's tests need no Django (see lantern/analysis/tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing():
    """Overrides the project fixture: nothing here touches Django settings."""
    return None
