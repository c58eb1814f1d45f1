"""Which areas of the service each role sees in the navigation and on the home page.

Why here and not in templates: the list must agree with the access matrix, so it asks the
matrix (``lantern.access.matrix.allows``) rather than repeating role checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    url_name: str
    text: str
    description: str


#: Registered by apps in their AppConfig.ready(); order is display order.
NAV_ITEMS: list[NavItem] = []


def register(url_name: str, text: str, description: str) -> None:
    if all(item.url_name != url_name for item in NAV_ITEMS):
        NAV_ITEMS.append(NavItem(url_name, text, description))


def home_links(user) -> list[dict]:
    from lantern.access.matrix import allows

    links = []
    for item in NAV_ITEMS:
        if not allows(user, item.url_name, "GET"):
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        links.append({"href": href, "text": item.text, "description": item.description})
    return links
