"""Security headers and cookie flags on every response, and the production settings profile
(HSTS, secure cookies, ``check --deploy`` clean, refusal of demo conveniences)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
LONG_SECRET = "ci-only-" + "k" * 60

AUTHENTICATED_PAGES = ["/", "/people/", "/people/?q=Kayla", "/accounts/2fa/", "/help/"]


def _assert_headers(response, path: str) -> None:
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp, path
    assert "'unsafe-eval'" not in csp, path
    assert "default-src 'self'" in csp, path
    assert "frame-ancestors 'none'" in csp, path
    assert "script-src 'self'" in csp, path
    assert "object-src 'none'" in csp, path
    assert response["Cache-Control"] == "no-store", path
    assert response["X-Frame-Options"] == "DENY", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert "camera=()" in response["Permissions-Policy"], path


@pytest.mark.django_db
@pytest.mark.parametrize("path", AUTHENTICATED_PAGES)
def test_authenticated_pages_carry_the_security_headers(client, personas, path):
    client.force_login(personas["priya"])
    response = client.get(path)
    assert response.status_code in (200, 302), path
    _assert_headers(response, path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/login/?timed_out=1", "/help/", "/nowhere/"]
)
def test_signed_out_pages_carry_them_too(client, path):
    _assert_headers(client.get(path), path)


@pytest.mark.django_db
def test_error_and_redirect_responses_carry_them(client, personas, casebook):
    client.force_login(personas["priya"])
    not_allowed = client.get(f"/people/{casebook['police_child'].pk}/")
    assert not_allowed.status_code == 404
    _assert_headers(not_allowed, "404")
    _assert_headers(client.post("/accounts/logout/"), "logout redirect")


@pytest.mark.django_db
def test_redirects_from_session_and_mfa_middleware_carry_them(client, personas, password, settings):
    """Session limits and the MFA requirement answer before any view; still with headers."""
    from lantern.accounts.middleware import SESSION_STARTED_KEY

    settings.LANTERN_REQUIRE_MFA = True
    client.post("/accounts/login/", {"login": "priya", "password": password})
    mfa_redirect = client.get("/people/")
    assert mfa_redirect["Location"] == "/accounts/2fa/totp/activate/"
    _assert_headers(mfa_redirect, "MFA set-up redirect")
    session = client.session
    session[SESSION_STARTED_KEY] = 0
    session.save()
    expired = client.get("/")
    assert expired["Location"] == "/accounts/login/?expired=1"
    _assert_headers(expired, "absolute limit redirect")


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_or_styles(client, personas, password):
    """The CSP forbids them, so a page that had one would silently break."""
    client.force_login(personas["priya"])
    import re

    for path in [*AUTHENTICATED_PAGES, "/accounts/2fa/totp/activate/", "/accounts/logout/"]:
        html = client.get(path).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert " style=" not in html, path
        assert "<style" not in html, path
        assert "onclick=" not in html.lower(), path


@pytest.mark.django_db
def test_cookies_are_http_only_and_same_site(client, personas, password):
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"login": "priya", "password": password})
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    assert not session_cookie["max-age"] or int(session_cookie["max-age"]) <= 30 * 60
    csrf_cookie = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf_cookie["httponly"]
    assert csrf_cookie["samesite"] == "Lax"


# --- Production profile, imported in a fresh interpreter ------------------------------------------


def _run(code_or_args, **env_overrides) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "LANTERN_", "DATABASE_URL", "DEBUG", "SECRET_KEY"))
    }
    env.update(
        {
            "LANTERN_ENV": "production",
            "SECRET_KEY": LONG_SECRET,
            "ALLOWED_HOSTS": "lantern.example.org",
            "DATABASE_URL": PG_URL,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "LANTERN_VAR_DIR": str(Path(os.environ.get("TMPDIR", "/tmp")) / "lantern-prod-check"),
        }
    )
    env.update({k: v for k, v in env_overrides.items() if v is not None})
    for k, v in env_overrides.items():
        if v is None:
            env.pop(k, None)
    args = code_or_args if isinstance(code_or_args, list) else [sys.executable, "-c", code_or_args]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production():
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "hsts": settings.SECURE_HSTS_SECONDS,
    "hsts_sub": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "debug": settings.DEBUG,
    "require_mfa": settings.LANTERN_REQUIRE_MFA,
    "cache": settings.CACHES["default"]["BACKEND"],
    "engine": settings.DATABASES["default"]["ENGINE"],
}))
"""


def test_production_settings_are_strict():
    result = _run(PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["hsts"] >= 31_536_000
    assert values["hsts_sub"] is True
    assert values["ssl_redirect"] is True
    assert values["session_secure"] is True
    assert values["csrf_secure"] is True
    assert values["session_httponly"] is True
    assert values["debug"] is False
    assert values["require_mfa"] is True
    assert values["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert values["engine"] == "django.db.backends.postgresql"


PRODUCTION_RESPONSE = """
import json, django
django.setup()
from django.test import Client
c = Client(HTTP_HOST="lantern.example.org")
plain = c.get("/healthz")
secure = c.get("/healthz", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "hsts": secure.get("Strict-Transport-Security", ""),
    "csp": secure.get("Content-Security-Policy", ""),
}))
"""


def test_production_redirects_to_https_and_sends_hsts():
    result = _run(PRODUCTION_RESPONSE)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["plain_status"] == 301
    assert values["plain_location"].startswith("https://lantern.example.org/")
    assert "max-age=31536000" in values["hsts"]
    assert "includeSubDomains" in values["hsts"]
    assert "'unsafe-inline'" not in values["csp"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DATABASE_URL": "sqlite:////tmp/lantern-prod.sqlite3"}, "SQLite is for the demo only"),
        ({"DATABASE_URL": None}, "SQLite is for the demo only"),
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "too-short-secret"}, "SECRET_KEY must be set"),
    ],
)
def test_production_refuses_demo_conveniences(overrides, message):
    result = _run([sys.executable, "manage.py", "check"], **overrides)
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert message in result.stderr
