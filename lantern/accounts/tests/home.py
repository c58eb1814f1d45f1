"""Signed in or not, now that the home page sends each person on to their work.

``/`` redirects a signed-in person to their landing page (``lantern.core.landing``) and anyone
else to sign in (``/accounts/...``), so "did Lantern open?" is where ``/`` sends them.
"""

from __future__ import annotations


def opens_lantern(client) -> bool:
    """True when ``/`` takes this client into Lantern: their landing page, or the list of links
    for someone with no landing page; False when it sends them to sign in or to a second step."""
    response = client.get("/")
    if response.status_code == 200:
        return True
    return response.status_code == 302 and not response["Location"].startswith("/accounts/")


def home(client):
    """The page ``/`` lands this client on."""
    return client.get("/", follow=True)
