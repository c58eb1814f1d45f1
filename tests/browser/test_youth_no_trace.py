"""The youth site as its own process, in the documented configuration, proved from outside.

``gunicorn -c config/gunicorn_youth.conf.py`` serves a fresh SQLite database in a temporary
folder. A client on a unique loopback address (Linux answers on all of 127.0.0.0/8)
with a unique user agent reads the pages, sends a report, checks it, sends a malformed request
(gunicorn logs "Invalid request from ip=" for those at warning) and leaves; the server is
stopped; then every byte of the database file (and its WAL), every uploaded file and all the
server's output is searched for the address and the user agent. Neither may be there, while
the report's own words must be (so we know we searched the right place).

The same server takes a bounded load test of the rate limit: 40 reports at once from one
loopback address, 8 at a time; exactly the hourly limit are kept, the rest are answered 429
with the kind message, and another address is still served. Loopback only, a fixed number of
requests, one worker process (the ``youth`` cache is per process: docs/adr/0016).

Marked ``browser`` (it lives here) because, like the browser suite, it starts a real server
and takes tens of seconds; it does not use Chromium.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from lantern.youth.forms import started_token

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 5
WORDS = "Marker-words-of-the-report-" + uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _loopback() -> str:
    return f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"  # noqa: S311


@pytest.fixture(scope="module")
def youth_process(tmp_path_factory):
    folder = tmp_path_factory.mktemp("youth-process")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        LANTERN_VAR_DIR=str(folder), LANTERN_MEDIA_ROOT=str(folder / "media"), LANTERN_ENV="demo",
        SECRET_KEY=settings.SECRET_KEY, WEB_CONCURRENCY="1",
        LANTERN_YOUTH_REPORTS_PER_HOUR=str(LIMIT), LANTERN_YOUTH_CHECKS_PER_HOUR="50",
    )
    python = str(Path(sys.executable))
    subprocess.run([python, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=600)
    port = _free_port()
    out, err = folder / "server.out", folder / "server.err"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with out.open("wb") as stdout, err.open("wb") as stderr:
        server = subprocess.Popen(  # noqa: S603 - our own server, our own arguments
            [str(gunicorn), "-c", "config/gunicorn_youth.conf.py", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT, env={**env, "LANTERN_SITE": "youth"}, stdout=stdout, stderr=stderr,
        )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("the youth server did not start: " + err.read_text())
    yield {"port": port, "folder": folder, "server": server, "logs": [out, err]}
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _request(port, method, path, *, address, agent, body=None, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(address, 0))
    headers = {"User-Agent": agent, "Host": f"127.0.0.1:{port}"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"http://127.0.0.1:{port}"
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    result = (response.status, dict(response.getheaders()), data)
    connection.close()
    return result


def _report(**extra) -> str:
    fields = {"what_happened": WORDS, "about": "friend", "website": "", "started": started_token(time.time() - 60)}
    fields.update(extra)
    return urllib.parse.urlencode(fields)


def test_address_and_user_agent_are_in_no_file_the_process_wrote(youth_process):
    port, address = youth_process["port"], _loopback()
    agent = f"NoTraceProcess/{uuid.uuid4().hex}"
    ask = lambda method, path, **kw: _request(port, method, path, address=address, agent=agent, **kw)  # noqa: E731
    for path in ("/", "/before-you-start/", "/tell-us/", "/help-now/", "/no-such-page/"):
        status, headers, _ = ask("GET", path)
        assert "Set-Cookie" not in headers, path
    status, headers, _ = ask("POST", "/tell-us/", body=_report(what_happened=""))
    assert status == 200 and "Set-Cookie" not in headers
    status, headers, _ = ask("POST", "/tell-us/", body=_report())
    assert status == 302, headers
    cookie = headers["Set-Cookie"].split(";")[0]
    status, _, page = ask("GET", "/sent/", cookie=cookie)
    reference = re.search(r'youth-reference">([^<]+)<', page).group(1)
    status, _, page = ask("POST", "/check/", body=urllib.parse.urlencode({"reference": reference}))
    assert "We have your message" in page
    ask("GET", "/exit/", cookie=cookie)
    with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(address, 0)) as raw:
        raw.sendall(b"NOT-HTTP \x00 at all\r\n\r\n")
        assert raw.recv(1024).startswith(b"HTTP/1.1 400")

    server = youth_process["server"]
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    files = [p for p in youth_process["folder"].rglob("*") if p.is_file() and "staticfiles" not in p.parts]
    blob = b"".join(p.read_bytes() for p in files)
    assert WORDS.encode() in blob, "the report was not found: the search looked in the wrong place"
    assert any(p.name.startswith("lantern.sqlite3") for p in files)
    for needle in (address, agent, agent.split("/")[1]):
        for path in files:
            assert needle.encode() not in path.read_bytes(), f"{needle!r} found in {path.name}"
            assert needle.encode("utf-16-le") not in path.read_bytes(), f"{needle!r} (UTF-16) in {path.name}"


@pytest.fixture(scope="module")
def fresh_process(tmp_path_factory, youth_process):
    """The no-trace test stops its server; the load test needs one running."""
    if youth_process["server"].poll() is None:
        return youth_process
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    folder = youth_process["folder"]
    env.update(
        LANTERN_VAR_DIR=str(folder), LANTERN_MEDIA_ROOT=str(folder / "media"), LANTERN_ENV="demo",
        SECRET_KEY=settings.SECRET_KEY, WEB_CONCURRENCY="1", LANTERN_SITE="youth",
        LANTERN_YOUTH_REPORTS_PER_HOUR=str(LIMIT),
    )
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own server, our own arguments
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "config/gunicorn_youth.conf.py",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    yield {"port": port, "server": server}
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def test_bounded_load_on_the_rate_limit(fresh_process):
    port, address = fresh_process["port"], _loopback()
    total = 40

    def send(_):
        return _request(port, "POST", "/tell-us/", address=address, agent="load", body=_report())

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, range(total)))
    elapsed = time.perf_counter() - started
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == LIMIT, statuses
    assert statuses.count(429) == total - LIMIT, statuses
    refused = next(body for status, _, body in results if status == 429)
    assert "try again in an hour" in refused and "999" in refused
    other = _request(port, "POST", "/tell-us/", address=_loopback(), agent="load", body=_report())
    assert other[0] == 302
    print(f"\n{total} reports from one address in {elapsed:.2f}s ({total / elapsed:.1f}/s): "
          f"{LIMIT} kept, {total - LIMIT} refused with 429")
