"""Service pages: health check, public pages, home for a signed-in user, 404 page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("name", ["core:help", "core:accessibility", "core:privacy"])
def test_public_pages_have_footer_links_and_demo_banner(client, name):
    body = client.get(reverse(name)).content.decode()
    assert "Accessibility statement" in body and "Help" in body
    assert "Demo: synthetic data" in body


def test_home_requires_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_home_lists_only_what_the_role_may_use(client, personas):
    client.force_login(personas["priya"])
    assert "Find a child" in client.get("/", follow=True).content.decode()
    client.force_login(personas["amir"])
    assert "Find a child" not in client.get("/", follow=True).content.decode()


def test_unknown_page_is_a_friendly_404(client, personas):
    client.force_login(personas["priya"])
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
