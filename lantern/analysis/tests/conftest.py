"""The analysis library's tests need no Django: they run with ``-p no:django`` as well.

The project-wide ``conftest.py`` has an autouse fixture that asks for pytest-django's
``settings``; a fixture of the same name here overrides it for this folder.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing():
    """Overrides the project fixture: nothing here touches Django settings."""
    return None
