"""Real-browser fixtures: Lantern served by pytest-django's live server, driven in Chromium.

* One Chromium per test session (Debian's ``/usr/bin/chromium``; Playwright never downloads a
  browser here), one fresh browser context per test, so cookies never leak between tests.
* The live server is a thread in this process, so tests run on SQLite (``make test-browser``)
  against an in-memory database shared with the server thread; ``live_server`` pulls in
  ``transactional_db`` and the tables are flushed after each test.
* Without Chromium the suite skips with a reason on a developer's machine, and FAILS in CI
  (``CI=true``) so a green build always means the browser tests ran.

Every test here is marked ``browser`` (``make test-sqlite`` and ``make test-postgres`` leave them
out with ``-m "not browser"``; ``make test-browser`` runs only them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_support import CSP_RECORDER, DESKTOP, watch
from django.core.servers.basehttp import WSGIServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser is a browser test, even if a module forgets its mark."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason}; CI=true, so the browser suite must not be skipped")
    pytest.skip(reason)


class SerialWSGIServer(WSGIServer):
    """Handle one request at a time.

    Why: with SQLite the test database lives in memory and the server thread shares the test's
    single connection (pytest-django passes it over). Django's default threaded live server
    would run the browser's parallel requests (page, styles, scripts, fonts) on that one
    connection at once, and interleaved session saves then fail at random (a 400 "session
    interrupted"). Answering one request at a time keeps the suite deterministic; the
    non-threaded server closes each connection, so the browser's queued requests still flow.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, answering one request at a time (see SerialWSGIServer)."""
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.server_class = SerialWSGIServer
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        _unavailable(
            f"{CHROMIUM} not found: install Debian's chromium package to run browser tests"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "the Python playwright package is not installed (pip install -r requirements.lock)"
        )
    # Playwright's sync API keeps an asyncio loop on the main thread; Django would then refuse
    # ORM calls made by fixtures in this thread as "async unsafe". They are not: the loop only
    # drives the browser, and the ORM calls are ordinary blocking code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server):
    """Make a page in a fresh browser context pointed at the live server.

    ``new_page(javascript=False)`` gives a browser with JavaScript switched off, to prove a
    page works without it.
    """
    contexts = []

    def make(*, javascript: bool = True, viewport: dict | None = None):
        context = chromium.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport=viewport or DESKTOP,
            locale="en-GB",
            timezone_id="Europe/London",
        )
        context._lantern_js = javascript
        context.set_default_timeout(15_000)
        context.add_init_script(CSP_RECORDER)
        contexts.append(context)
        page = context.new_page()
        watch(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page with JavaScript on, at desktop width."""
    return new_page()
