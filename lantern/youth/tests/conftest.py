"""Fixtures for the youth site: a test client that runs the youth process's settings."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings

from lantern.youth.site_settings import youth_overrides


def youth_settings(**extra):
    """override_settings for the public site, as ``LANTERN_SITE=youth`` would set them."""
    values = youth_overrides(settings.BASE_DIR)
    values.update(extra)
    return override_settings(**values)


@pytest.fixture
def youth(settings, tmp_path):
    """A client for the public site, with a fresh rate-limit cache and media in a temp folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with youth_settings():
        caches["youth"].clear()
        yield Client(REMOTE_ADDR="127.0.0.1")
        caches["youth"].clear()
