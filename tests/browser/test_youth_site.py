"""The young people's site in a real browser: its own live server running the youth process's
settings (URLconf, middleware, templates), as ``LANTERN_SITE=youth`` would.

* every page: axe clean, works at 320 px, JavaScript on and off, and asks nothing of any other
  host (every request the page makes is to this server);
* no cookie before "Send"; one after; none after "Exit this page";
* "Exit this page": the button, three presses of Shift, and the plain link without JavaScript,
  each leaving for the exit site (a stub on another loopback port, so nothing leaves the
  machine: Playwright cannot stand in for the target of a redirect).
"""

from __future__ import annotations

import os
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from browser_support import CSP_RECORDER, DESKTOP, NARROW, check_page, watch
from django.conf import settings
from django.core.cache import caches
from django.core.servers.basehttp import WSGIServer
from django.test import override_settings
from playwright.sync_api import expect

from lantern.youth.site_settings import youth_overrides

pytestmark = pytest.mark.browser


class _Weather(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        body = b"<!DOCTYPE html><html lang=en><title>Weather</title><h1>Weather</h1></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def exit_site():
    server = HTTPServer(("127.0.0.1", 0), _Weather)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()
PAGES = ["/", "/before-you-start/", "/tell-us/", "/check/", "/help-now/", "/staying-safe/", "/what-we-know/"]


class _Serial(WSGIServer):
    """One request at a time, as the staff live server does (tests/browser/conftest.py)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


@pytest.fixture
def youth_server(transactional_db, tmp_path, exit_site):
    """A live server for the youth site. Its middleware is loaded when it starts, so the youth
    settings are in force before it starts and until it stops."""
    from pytest_django.live_server_helper import LiveServer

    values = youth_overrides(settings.BASE_DIR)
    values.update(
        LANTERN_YOUTH_MIN_SECONDS=0, LANTERN_YOUTH_EXIT_URL=exit_site, MEDIA_ROOT=tmp_path,
    )
    with override_settings(**values):
        caches["youth"].clear()
        server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"), start=False)
        server.thread.server_class = _Serial
        server.start()
        server.exit_url = exit_site
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def youth_page(chromium, youth_server):
    contexts = []

    def make(*, javascript: bool = True, viewport: dict | None = None):
        context = chromium.new_context(
            base_url=youth_server.url, java_script_enabled=javascript,
            viewport=viewport or DESKTOP, locale="en-GB", timezone_id="Europe/London",
        )
        context._lantern_js = javascript
        context.set_default_timeout(15_000)
        context.add_init_script(CSP_RECORDER)
        requests: list[str] = []
        context.on("request", lambda req: requests.append(req.url))
        contexts.append(context)
        page = context.new_page()
        page.requests = requests
        watch(page)
        return page

    yield make
    for context in contexts:
        context.close()


def _only_this_server(page, server_url, exit_url="-"):
    others = [u for u in page.requests if not u.startswith(server_url) and not u.startswith(exit_url)]
    assert not others, f"requests to other hosts: {others}"


@pytest.mark.parametrize("javascript", [True, False])
def test_every_page_is_accessible_narrow_and_asks_no_one_else(youth_page, youth_server, javascript):
    page = youth_page(javascript=javascript)
    for path in PAGES:
        page.goto(path)
        check_page(page, f"youth {path} (JavaScript {'on' if javascript else 'off'})")
        assert page.locator(".govuk-exit-this-page__button").count() == 1
    assert page.context.cookies() == [], "a cookie was set before anything was sent"
    _only_this_server(page, youth_server.url, youth_server.exit_url)


def _fill_and_send(page):
    page.goto("/tell-us/")
    page.get_by_label("What do you want to tell us?").fill("A man at the bus station asks kids to carry parcels.")
    page.get_by_label("A friend").check()
    assert page.context.cookies() == []
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/sent/")


def test_send_then_exit_this_page_button_forgets_the_session(youth_page, youth_server):
    page = youth_page(viewport=NARROW)
    _fill_and_send(page)
    check_page(page, "sent page")
    reference = page.locator(".youth-reference").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{1,4}){6}", reference), reference
    assert [c["name"] for c in page.context.cookies()] == ["lantern_youth"]
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(youth_server.exit_url)
    assert page.context.cookies() == []
    page.goto(f"{youth_server.url}/sent/")
    assert page.url.rstrip("/") == youth_server.url  # the reference is gone: back to the start
    _only_this_server(page, youth_server.url, youth_server.exit_url)


def test_three_presses_of_shift_leave_the_page(youth_page, youth_server):
    page = youth_page()
    page.goto("/tell-us/")
    check_page(page, "report form")
    page.get_by_label("What do you want to tell us?").fill("Started typing")
    page.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(youth_server.exit_url)


def test_exit_without_javascript_is_a_plain_link(youth_page, youth_server):
    page = youth_page(javascript=False)
    _fill_and_send(page)
    assert page.context.cookies()
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(youth_server.exit_url)
    assert page.context.cookies() == []


def test_error_page_keeps_the_words_and_passes_axe(youth_page):
    page = youth_page(viewport=NARROW)
    page.goto("/tell-us/")
    page.get_by_label("I want someone to contact me").check()
    page.get_by_label("What do you want to tell us?").fill("Someone keeps messaging me.")
    page.get_by_role("button", name="Send").click()
    # The click returns once the POST is sent, not when the answer has loaded: wait for it.
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert page.get_by_label("What do you want to tell us?").input_value() == "Someone keeps messaging me."
    check_page(page, "report form with errors")
    assert page.context.cookies() == []
