"""CSRF on every state-changing URL, and hostile cookies and credentials never cause a 500.

The URL list comes from the access matrix (every URL must be there), so a new POST endpoint is
covered the day it is declared. Each is posted without a token by someone the matrix lets use
it; the answer must be the friendly 403 page.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lantern.access.matrix import ALLOW, ANONYMOUS, SCOPE, load
from lantern.synthetic.personas import PERSONAS

CSRF_PAGE = "Your form could not be sent"
SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000001", "path": "x"}


def _url_params() -> dict[str, dict[str, str]]:
    """URL name -> {parameter: dummy value}, read from the resolver's patterns."""
    found: dict[str, dict[str, str]] = {}

    def walk(patterns, namespace: str | None, params: dict[str, str]):
        for p in patterns:
            here = dict(params)
            converters = getattr(p.pattern, "converters", {}) or {}
            for name, conv in converters.items():
                kind = type(conv).__name__.lower().replace("converter", "")
                here[name] = SAMPLE.get(kind, "1")
            regex = getattr(p.pattern, "_regex", None) or getattr(p.pattern, "regex", None)
            pattern_text = regex if isinstance(regex, str) else getattr(regex, "pattern", "")
            for name in re.findall(r"\(\?P<(\w+)>", pattern_text or ""):
                here.setdefault(name, "1")
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, ns, here)
            elif isinstance(p, URLPattern) and p.name:
                full = f"{namespace}:{p.name}" if namespace else p.name
                found.setdefault(full, here)

    walk(get_resolver().url_patterns, None, {})
    return found


def _post_cases():
    params = _url_params()
    cases = []
    for name, methods in sorted(load().items()):
        if "POST" not in methods:
            continue
        if name not in params:
            cases.append(pytest.param(name, None, None, marks=pytest.mark.skip(reason="not routed")))
            continue
        decisions = methods["POST"]
        who = next(
            (p.username for p in PERSONAS if decisions.get(p.role) in (ALLOW, SCOPE)),
            ANONYMOUS if decisions.get(ANONYMOUS) in (ALLOW, SCOPE) else None,
        )
        cases.append(pytest.param(name, params[name], who, id=name))
    return cases


CASES = _post_cases()


def test_the_walk_finds_the_state_changing_urls():
    names = {c.values[0] for c in CASES}
    assert {"account_login", "account_logout", "accounts:session_extend", "people:event_add"} <= names
    assert len(names) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "who"), CASES)
def test_post_without_a_token_is_refused_with_the_friendly_page(name, kwargs, who, personas):
    url = reverse(name, kwargs=kwargs or None)
    client = Client(enforce_csrf_checks=True)
    if who not in (None, ANONYMOUS):
        client.force_login(personas[who])
    response = client.post(url, {"anything": "1"})
    if who is None:
        # Nobody may post here: refused by the access matrix before any view runs.
        assert response.status_code in (302, 404), (url, response.status_code)
        return
    assert response.status_code == 403, (url, response.status_code)
    assert CSRF_PAGE in response.content.decode(), url


@pytest.mark.django_db
def test_forged_and_mismatched_tokens_are_refused(personas, password):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    assert settings.CSRF_COOKIE_NAME in client.cookies
    forged = client.post(
        "/accounts/login/",
        {"login": "priya", "password": password, "csrfmiddlewaretoken": "A" * 64},
    )
    assert forged.status_code == 403
    assert CSRF_PAGE in forged.content.decode()

    other = Client(enforce_csrf_checks=True)
    page = other.get("/accounts/login/").content.decode()
    their_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    stolen = client.post(
        "/accounts/login/",
        {"login": "priya", "password": password, "csrfmiddlewaretoken": their_token},
    )
    assert stolen.status_code == 403
    assert "_auth_user_id" not in client.session

    page = client.get("/accounts/login/").content.decode()
    own_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    ok = client.post(
        "/accounts/login/",
        {"login": "priya", "password": password, "csrfmiddlewaretoken": own_token},
    )
    assert ok.status_code == 302


@pytest.mark.django_db
def test_cross_site_origin_is_refused(personas, password):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        "/accounts/login/",
        {"login": "priya", "password": password, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie",
    [
        "garbage",
        "../../../../etc/passwd",
        "x" * 10_000,
        "'; DROP TABLE django_session; --",
        "0123456789abcdef0123456789abcdef",
        # UTF-8 bytes as a WSGI server hands them over (latin-1 decoded)
        "\u2603snowman".encode().decode("latin-1"),
    ],
)
def test_tampered_session_cookies_are_just_signed_out(personas, cookie):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    for path in ("/", "/people/", "/accounts/2fa/", "/accounts/login/"):
        response = client.get(path)
        assert response.status_code in (200, 302), (path, response.status_code)
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_session_cookie_edited_to_name_another_user_does_not_work(personas, password):
    client = Client()
    client.post("/accounts/login/", {"login": "priya", "password": password})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.cookies[settings.SESSION_COOKIE_NAME] = key[:-1] + ("a" if key[-1] != "a" else "b")
    assert client.get("/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/login/", {"login": "u" * 10_000, "password": "p" * 10_000}),
        ("/accounts/login/", {"login": "priya", "password": "p" * 10_000}),
        ("/accounts/login/", {"login": "u" * 10_000, "password": "short"}),
        ("/accounts/login/", {"login": ["a", "b"], "password": ["c", "d"]}),
        ("/accounts/2fa/authenticate/", {"code": "9" * 10_000}),
    ],
)
def test_over_long_credentials_get_an_error_not_a_500(client, personas, url, data):
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_over_long_password_change_is_an_error_not_a_500(client, personas, password):
    client.force_login(personas["priya"])
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "o" * 10_000, "password1": "n" * 10_000, "password2": "n" * 10_000},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "1,024 characters or fewer" in response.content.decode()


@pytest.mark.django_db
def test_bad_host_header_is_a_400_not_a_500(client):
    response = client.get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
