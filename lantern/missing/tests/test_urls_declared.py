"""Every missing and schools URL is declared in the access matrix, for every method it serves."""

from __future__ import annotations

from django.urls import get_resolver

from lantern.access.matrix import load


def _names(namespace: str) -> set[str]:
    resolver = get_resolver()
    _, sub = resolver.namespace_dict[namespace]
    return {f"{namespace}:{p.name}" for p in sub.url_patterns if getattr(p, "name", None)}


def test_all_declared():
    matrix = load()
    for ns in ("missing", "schools"):
        names = _names(ns)
        assert names, ns
        missing = sorted(n for n in names if n not in matrix)
        assert missing == [], missing


def test_school_dsl_never_reaches_missing_pages():
    matrix = load()
    for name, methods in matrix.items():
        if name.startswith("missing:"):
            assert all(m.get("school_dsl") == "deny" for m in methods.values()), name
        if name.startswith("schools:"):
            assert all(
                decision == "deny" for m in methods.values() for role, decision in m.items() if role != "school_dsl"
            ), name
