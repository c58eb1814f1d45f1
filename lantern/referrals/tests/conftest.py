"""Fixtures for referral tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def north(db):
    from lantern.accounts.models import Team

    return Team.objects.get(name="Lantern Exploitation Team North")
