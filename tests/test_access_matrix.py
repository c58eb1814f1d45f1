"""The access matrix, walked: every URL the resolver knows, every declared method, every persona.

House rule 6: permissions are data, and a test walks the whole matrix. This file fails when

* a URL pattern has no name, or its name is not in ``lantern/access/matrix.yaml``;
* the matrix names a URL that no longer exists;
* a request's outcome disagrees with the matrix: ``deny`` must be refused by the middleware
  (404 signed in, the sign-in page signed out); ``allow`` and ``scope`` must *not* be refused
  by it (the view may still answer 404 for a record outside scope, so ``person_id`` is filled
  with a child inside the persona's scope from the ``casebook`` fixture);
* a method the matrix does not list is not refused with 405;
* any request ends in a server error (empty or nonsense input must never give a 500);
* the committed ``docs/reference/permissions.md`` differs from ``manage.py access_matrix_doc``.

Middleware refusals are recognised by ``response.access_refused`` (set by
``lantern.access.middleware``), so a view's own 404 is never mistaken for the matrix's.
"""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lantern.access import matrix
from lantern.access.management.commands.access_matrix_doc import render
from lantern.access.models import AccessGrant, GrantKind
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.access.urlwalk import Route, walk
from lantern.synthetic.personas import PERSONAS

ROUTES = walk()
NAMED = [r for r in ROUTES if r.name]
DOC = Path(settings.BASE_DIR) / "docs" / "reference" / "permissions.md"
UNDECLARED_PROBE = "DELETE"  # no page accepts DELETE; if one ever does, PATCH is tried


def test_every_url_pattern_is_named():
    unnamed = [r.route for r in ROUTES if not r.name]
    assert not unnamed, f"URL patterns without a name (cannot be declared in the matrix): {unnamed}"


def test_every_url_name_is_in_the_matrix():
    missing = sorted({r.name for r in NAMED} - set(matrix.load()))
    assert not missing, f"URL names missing from lantern/access/matrix.yaml: {missing}"


def test_the_matrix_has_no_entries_for_urls_that_no_longer_exist():
    stale = sorted(set(matrix.load()) - {r.name for r in NAMED})
    assert not stale, f"matrix.yaml declares URLs the resolver does not know: {stale}"


def test_permissions_reference_is_up_to_date():
    assert DOC.exists(), "docs/reference/permissions.md is missing: run `make docs`"
    assert DOC.read_text() == render(), (
        "docs/reference/permissions.md is out of date: run `make docs` and commit the result"
    )


# --- Walking the matrix ---------------------------------------------------------------------------

#: Children tried for ``person_id``, in order; the first the persona can see is used.
CHILD_PREFERENCE = ("team_child", "pupil", "police_child", "west_child")


def _child_for(user, casebook):
    if user is not None:
        for key in CHILD_PREFERENCE:
            if person_policy.can(user, VIEW, casebook[key]):
                return casebook[key]
    return casebook["team_child"]


def _candidates(route: Route, kwarg: str, user, casebook, grant) -> list:
    converter = dict(route.converters).get(kwarg, "")
    if kwarg == "person_id":
        return [_child_for(user, casebook).pk]
    if kwarg == "grant_id":
        return [grant.pk]
    if converter == "IntConverter" or kwarg.endswith("_id") or kwarg in ("pk", "id"):
        return [1, 999999]
    if converter == "UUIDConverter":
        return [uuid.UUID(int=1)]
    return ["abc", "1", "a1-b2", "x/y"]


def _url(route: Route, user, casebook, grant) -> str:
    """Reverse ``route`` with realistic values (a child in the user's scope for person_id)."""
    if not route.kwargs:
        return reverse(route.name)
    options = [_candidates(route, k, user, casebook, grant) for k in route.kwargs]
    for values in itertools.product(*options):
        try:
            return reverse(route.name, kwargs=dict(zip(route.kwargs, values)))
        except NoReverseMatch:
            continue
    raise AssertionError(f"could not reverse {route.name} with kwargs {route.kwargs}")


def _request(client: Client, method: str, url: str):
    return getattr(client, method.lower())(url, {} if method != "GET" else None)


@pytest.fixture
def grant(personas, casebook):
    now = timezone.now()
    return AccessGrant.objects.create(
        person=casebook["restricted"],
        user=personas["priya"],
        kind=GrantKind.BREAK_GLASS,
        reason="Matrix walk: a grant for review pages",
        granted_by=personas["priya"],
        created_at=now,
        expires_at=now,
    )


def _signed_in(client: Client) -> bool:
    """A session that still holds a signed-in user. A session cookie alone is not enough: after
    signing out, "You have signed out" is kept in a new, anonymous session (flash messages live
    in the session, ``config/settings.py``)."""
    from django.contrib.auth import SESSION_KEY

    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie is not None and bool(cookie.value) and SESSION_KEY in client.session


@pytest.mark.parametrize("who", ["anonymous", *(p.username for p in PERSONAS)])
def test_every_decision_is_enforced(who, personas, casebook, grant):
    """One request per (URL, declared method) as ``who``; every mismatch is reported."""
    data = matrix.load()
    user = None if who == "anonymous" else personas[who]
    client = Client()
    problems: list[str] = []
    checked = 0
    for route in NAMED:
        entry = data.get(route.name)
        if entry is None:
            continue  # reported by test_every_url_name_is_in_the_matrix
        for method in (m for m in entry if m != "HEAD"):
            expected = matrix.decision(user, route.name, method)
            if user is not None and not _signed_in(client):
                client.force_login(user)  # again after a page that signs out
            url = _url(route, user, casebook, grant)
            try:
                response = _request(client, method, url)
            except Exception as exc:  # noqa: BLE001 - a crash is a finding, reported below
                problems.append(f"{method} {route.name}: raised {exc!r}")
                client = Client()
                continue
            checked += 1
            refused = getattr(response, "access_refused", False)
            status = response.status_code
            if status >= 500:
                problems.append(f"{method} {route.name}: server error {status}")
            elif expected == matrix.DENY:
                if user is None:
                    ok = refused and status == 302 and reverse("account_login") in response["Location"]
                else:
                    ok = refused and status == 404
                if not ok:
                    problems.append(f"{method} {route.name}: matrix says deny, got {status}")
            elif refused or status in (403, 405):
                problems.append(f"{method} {route.name}: matrix says {expected}, refused with {status}")
    assert checked > 50
    assert not problems, f"as {who}:\n" + "\n".join(problems)


def test_undeclared_methods_are_refused_with_405(personas, casebook, grant):
    data = matrix.load()
    client = Client()
    client.force_login(personas["grace"])
    problems = []
    for route in NAMED:
        entry = data.get(route.name)
        if entry is None:
            continue
        method = next(m for m in (UNDECLARED_PROBE, "PATCH", "PUT") if m not in entry)
        response = _request(client, method, _url(route, personas["grace"], casebook, grant))
        if response.status_code != 405 or not getattr(response, "access_refused", False):
            problems.append(f"{method} {route.name}: {response.status_code}")
    assert not problems, problems


def test_an_undeclared_url_is_refused(client, personas, monkeypatch):
    """Fail closed: a URL missing from the matrix answers 404 even to the widest role."""
    name = "people:person_detail"
    trimmed = {k: v for k, v in matrix.load().items() if k != name}
    monkeypatch.setattr(matrix, "load", lambda path=None: trimmed)
    monkeypatch.setattr("lantern.access.middleware.load", lambda path=None: trimmed)
    client.force_login(personas["dan"])
    response = client.get(reverse(name, args=[1]))
    assert response.status_code == 404 and response.access_refused
