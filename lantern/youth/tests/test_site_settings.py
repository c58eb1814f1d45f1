"""LANTERN_SITE chooses the site: the youth process runs none of the staff stack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'urlconf': settings.ROOT_URLCONF, 'middleware': settings.MIDDLEWARE, "
    "'apps': settings.INSTALLED_APPS, 'session': settings.SESSION_ENGINE, "
    "'caches': sorted(settings.CACHES), 'backends': settings.AUTHENTICATION_BACKENDS}))"
)


def _settings(site: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANTERN_SITE": site, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_youth_site_has_its_own_urlconf_and_none_of_the_staff_middleware():
    result = _settings("youth")
    assert result.returncode == 0, result.stderr
    youth = json.loads(result.stdout)
    assert youth["urlconf"] == "config.urls_youth"
    assert youth["middleware"][0] == "lantern.youth.middleware.ForgetClientMiddleware"
    for staff_only in (
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "lantern.access.middleware.AccessMatrixMiddleware",
        "lantern.accounts.middleware.SessionLimitsMiddleware",
        "lantern.accounts.middleware.MFARequiredMiddleware",
        "lantern.core.middleware.RequestIdMiddleware",
        "axes.middleware.AxesMiddleware",
    ):
        assert staff_only not in youth["middleware"], staff_only
    assert "axes" not in youth["apps"]
    assert not any(b.startswith("axes.") for b in youth["backends"])
    assert youth["session"] == "django.contrib.sessions.backends.signed_cookies"
    assert "youth" in youth["caches"]


def test_staff_site_is_the_default_and_a_typo_refuses_to_start():
    staff = json.loads(_settings("staff").stdout)
    assert staff["urlconf"] == "config.urls"
    assert "lantern.access.middleware.AccessMatrixMiddleware" in staff["middleware"]
    bad = _settings("yuoth")
    assert bad.returncode != 0 and "LANTERN_SITE must be" in bad.stderr
