"""Engine tests need no Django: they run with ``-p no:django`` as well as under pytest-django.

The project-wide ``conftest.py`` has an autouse fixture that asks for pytest-django's ``settings``;
a fixture of the same name here overrides it for this folder (nothing here hashes passwords).
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing():
    """Overrides the project fixture: engine tests never touch Django settings."""
    return None
