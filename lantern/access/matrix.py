"""The access matrix: role x URL name x HTTP method -> allow, deny or scope.

Why a committed file: who may reach which page is a decision the partnership must be able to
read and audit (``docs/reference/permissions.md`` is generated from it), and a test walks every
URL the resolver knows so a URL nobody declared fails the build.

File shape (``lantern/access/matrix.yaml``)::

    people:person_detail:
      about: A child's record.
      GET: {practitioner: scope, police_analyst: scope, "*": deny}

Decisions:

* ``allow``  the role may use the URL; there is no record behind it.
* ``scope``  the role may use the URL, and the record-level policy decides which records
  (``lantern.access.policies``); records outside scope answer 404.
* ``deny``   refused: 404 for a signed-in user, sign-in page for anonymous.

Keys are role codes from ``lantern.accounts.choices.Role``, ``anonymous`` for signed-out
visitors, and ``"*"`` for every staff role not named (never for anonymous visitors). Methods not listed are refused (405).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

from lantern.accounts.choices import Role

ALLOW = "allow"
SCOPE = "scope"
DENY = "deny"
DECISIONS = {ALLOW, SCOPE, DENY}
ANONYMOUS = "anonymous"
ROLES = [*Role.values, ANONYMOUS]
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


class MatrixError(ValueError):
    """The matrix file is malformed; the message names the entry."""


@lru_cache(maxsize=1)
def load(path: str | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """Parse and validate the matrix into {url_name: {method: {role: decision}}}."""
    source = Path(path or settings.LANTERN_ACCESS_MATRIX)
    raw = yaml.safe_load(source.read_text()) or {}
    matrix: dict[str, dict[str, dict[str, str]]] = {}
    for url_name, entry in raw.items():
        if not isinstance(entry, dict):
            raise MatrixError(f"{source}: {url_name} must be a mapping")
        methods: dict[str, dict[str, str]] = {}
        for key, value in entry.items():
            if key == "about":
                continue
            if key not in METHODS:
                raise MatrixError(f"{source}: {url_name}: unknown key {key!r}")
            if not isinstance(value, dict):
                raise MatrixError(f"{source}: {url_name} {key} must map roles to decisions")
            expanded: dict[str, str] = {}
            default = value.get("*")
            for role, decision in value.items():
                if role != "*" and role not in ROLES:
                    raise MatrixError(f"{source}: {url_name} {key}: unknown role {role!r}")
                if decision not in DECISIONS:
                    raise MatrixError(
                        f"{source}: {url_name} {key}: {role} has unknown decision {decision!r}"
                    )
            for role in Role.values:
                expanded[role] = value.get(role, default or DENY)
            # "*" never reaches signed-out visitors: anonymous access must be named.
            expanded[ANONYMOUS] = value.get(ANONYMOUS, DENY)
            methods[key] = expanded
        if "GET" in methods and "HEAD" not in methods:
            methods["HEAD"] = methods["GET"]
        matrix[url_name] = methods
    return matrix


def abouts(path: str | None = None) -> dict[str, str]:
    """The ``about`` line of every entry, in file order (for the generated reference)."""
    source = Path(path or settings.LANTERN_ACCESS_MATRIX)
    raw = yaml.safe_load(source.read_text()) or {}
    return {name: str(entry.get("about", "")) for name, entry in raw.items() if isinstance(entry, dict)}


def role_of(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    return user.role


def decision(user, url_name: str, method: str) -> str | None:
    """The matrix decision, or None when the URL or method is not declared."""
    entry = load().get(url_name)
    if entry is None:
        return None
    by_role = entry.get(method.upper())
    if by_role is None:
        return None
    return by_role.get(role_of(user), DENY)


def allows(user, url_name: str, method: str = "GET") -> bool:
    return decision(user, url_name, method) in (ALLOW, SCOPE)
