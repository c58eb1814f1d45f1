"""Which areas of the service each person sees in the navigation and on the home page.

A link is shown only to someone who can open it, by the same rules the page itself applies:

1. the access matrix (``lantern.access.matrix.allows``), which the middleware enforces; and
2. the rule the view adds on top, where it has one: e.g. only practitioners and managers of a
   children's-services agency triage referrals (``referrals.policies.may_triage``), so a youth
   charity's practitioner, whom the matrix lets through as a practitioner, would get a 404.

Apps register their areas in ``AppConfig.ready()`` with ``register(url_name, text, description,
visible=...)``, passing the predicate their view checks (a callable or a dotted path taking the
user). ``VIEW_RULES`` holds the predicates of areas registered without one. The navigation test
(``lantern/core/tests/test_navigation.py``) walks every persona, and people whose role and agency
do not match the demo cast, over every link: a link shown must answer 200, and a page that
answers 200 must be shown, so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

Rule = Callable[[object], bool] | str


@dataclass(frozen=True)
class NavItem:
    url_name: str
    text: str
    description: str
    #: The check the view applies beyond the access matrix (callable or dotted path), if any.
    visible: Rule | None = None


#: Registered by apps in their AppConfig.ready(); order is display order.
NAV_ITEMS: list[NavItem] = []

#: What the views of areas registered without ``visible=`` check beyond the access matrix
#: (``raise Http404`` unless the predicate holds). Dotted paths, imported when first used.
VIEW_RULES: dict[str, str] = {
    "referrals:queue": "lantern.referrals.policies.may_triage",
    "referrals:concern_new": "lantern.referrals.policies.may_refer",
    "referrals:mine": "lantern.referrals.policies.may_refer",
    "cases:my_caseload": "lantern.cases.policies.may_do_casework",
    "cases:my_actions": "lantern.cases.policies.may_own_actions",
    "cases:team": "lantern.cases.policies.may_allocate",
    "schools:home": "lantern.schools.policies.is_school_dsl",
    "contexts:list": "lantern.contexts.policies.may_view_contexts",
}


def register(url_name: str, text: str, description: str, *, visible: Rule | None = None) -> None:
    if all(item.url_name != url_name for item in NAV_ITEMS):
        NAV_ITEMS.append(NavItem(url_name, text, description, visible))


@lru_cache(maxsize=64)
def _imported(path: str) -> Callable[[object], bool]:
    return import_string(path)


def may_open(user, item: NavItem) -> bool:
    """True when ``user`` may open ``item``'s page: the matrix allows it and so does the view."""
    from lantern.access.matrix import allows

    if not allows(user, item.url_name, "GET"):
        return False
    rule = item.visible if item.visible is not None else VIEW_RULES.get(item.url_name)
    if rule is None:
        return True
    check = _imported(rule) if isinstance(rule, str) else rule
    return bool(check(user))


def may_open_url(user, url_name: str) -> bool:
    """``may_open`` for any URL name, registered in the navigation or not (used for landings)."""
    item = next((i for i in NAV_ITEMS if i.url_name == url_name), None)
    return may_open(user, item or NavItem(url_name, "", ""))


def home_links(user) -> list[dict]:
    links = []
    for item in NAV_ITEMS:
        if not may_open(user, item):
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        links.append({"href": href, "text": item.text, "description": item.description})
    return links
