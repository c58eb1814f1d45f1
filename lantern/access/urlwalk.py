"""Every URL pattern the resolver knows, with its full name, route and converters.

Used by the matrix walk test (``tests/test_access_matrix.py``) and the generated permissions
reference (``manage.py access_matrix_doc``), so both see exactly what the middleware sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str | None  # "people:person_detail"; None for an unnamed pattern
    route: str  # "people/<int:person_id>/"
    kwargs: tuple[str, ...] = field(default=())
    converters: tuple[tuple[str, str], ...] = field(default=())  # (kwarg, converter class name)
    regex: bool = False


def _pattern_text(pattern) -> str:
    return str(pattern.pattern)


def walk(resolver: URLResolver | None = None) -> list[Route]:
    """Depth-first list of every endpoint, namespaces joined with ":"."""
    routes: list[Route] = []

    def visit(patterns, prefix: str, namespace: str, converters: dict, regex: bool, groups=()):
        for p in patterns:
            text = prefix + _pattern_text(p)
            convs = {**converters, **getattr(p.pattern, "converters", {})}
            names = tuple(groups) + tuple(p.pattern.regex.groupindex)
            is_regex = regex or p.pattern.__class__.__name__ == "RegexPattern"
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                visit(p.url_patterns, text, ns, convs, is_regex, names)
            elif isinstance(p, URLPattern):
                name = None
                if p.name:
                    name = f"{namespace}:{p.name}" if namespace else p.name
                kwarg_names = tuple(sorted(set(convs) | set(names)))
                routes.append(
                    Route(
                        name=name,
                        route=text,
                        kwargs=kwarg_names,
                        converters=tuple(sorted((k, type(v).__name__) for k, v in convs.items())),
                        regex=is_regex,
                    )
                )

    root = resolver or get_resolver()
    visit(root.url_patterns, "", "", {}, False)
    return routes


def routes_by_name() -> dict[str, Route]:
    return {r.name: r for r in walk() if r.name}
