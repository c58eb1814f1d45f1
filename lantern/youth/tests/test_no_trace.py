"""Proof that a report cannot be traced to a device: send everything the site takes from one
unique address with one unique user agent, then look for either, everywhere it could be.

Where we look: every row of every table (reports, additions, audit, sessions, the database
cache), every log record at every level (Django's request and server loggers turned up to
DEBUG for the test, past the youth site's own ERROR), every entry in every configured cache,
every file under MEDIA_ROOT, and every cookie the site set. The out-of-process twin, which
greps the database file and the server's own output, is tests/browser/test_youth_no_trace.py.
"""

from __future__ import annotations

import logging
import pickle
import random
import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from lantern.youth.models import YouthReport
from lantern.youth.tests.helpers import report_data
from lantern.youth.tests.pictures import jpeg_with_gps, upload

pytestmark = pytest.mark.django_db


def url(name):
    return reverse(f"public:{name}", urlconf="config.urls_youth")


def _every_database_value():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        yield table, bytes(value).decode("latin-1")
                    elif value is not None:
                        yield table, str(value)


def _every_cache_value():
    for alias in settings.CACHES:
        cache = caches[alias]
        store = getattr(cache, "_cache", None)
        if store is None:
            continue  # a database cache: its table is read with the rest
        for key, value in list(store.items()):
            yield alias, key
            # Our own LocMem cache's values, pickled by Django in this process.
            yield alias, pickle.loads(value) if isinstance(value, bytes) else value  # noqa: S301


@pytest.fixture
def verbose_logs(caplog):
    names = ["", "django", "django.request", "django.server", "django.security", "lantern"]
    loggers = [logging.getLogger(n) for n in names]
    before = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    yield caplog
    for lg, level in zip(loggers, before, strict=True):
        lg.setLevel(level)


def test_unique_address_and_user_agent_are_found_nowhere(youth, verbose_logs, settings):
    address = f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"  # noqa: S311
    agent = f"NoTraceBrowser/{uuid.uuid4().hex}"
    needles = [address, agent, agent.split("/")[1]]
    youth.defaults.update(REMOTE_ADDR=address, HTTP_USER_AGENT=agent, HTTP_X_FORWARDED_FOR=address)

    cookies = []
    for name in ("start", "before_you_start", "report", "help_now", "staying_safe", "anonymous", "check"):
        youth.get(url(name))
    youth.get("/no-such-page/")
    youth.post(url("report"), report_data(what_happened=""))  # an error page
    sent = youth.post(url("report"), report_data(picture=upload(jpeg_with_gps()), wants_contact="on",
                                                 contact_how="a safe number"))
    cookies.append(sent.cookies.output())
    page = youth.get(url("sent")).content.decode()
    reference = re.search(r'youth-reference">([^<]+)<', page).group(1)
    page = youth.post(url("check"), {"reference": reference}).content.decode()
    reference = re.search(r'youth-reference">([^<]+)<', page).group(1)
    youth.post(url("add_more"), {"reference": reference, "text": "More to say."})
    youth.post(url("check"), {"reference": "0" * 26})  # a reference that does not work
    cookies.append(youth.get(url("exit")).cookies.output())
    assert YouthReport.objects.count() == 1

    places = {
        "database": list(_every_database_value()),
        # A log record that carries the request (Django's do, for a 404 or an error) would let a
        # handler such as an error tracker write out its headers: they are searched too.
        "logs": [
            ("log", r.getMessage() + repr(r.__dict__) + repr(getattr(getattr(r, "request", None), "META", "")))
            for r in verbose_logs.records
        ],
        "cache": [(a, repr(v)) for a, v in _every_cache_value()],
        "cookies": [("cookie", c) for c in cookies],
        "media": [
            (str(p), p.read_bytes().decode("latin-1"))
            for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()
        ],
    }
    assert places["database"] and places["media"] and places["cache"]  # we looked somewhere real
    for where, values in places.items():
        for source, text in values:
            for needle in needles:
                assert needle not in text, f"{needle!r} found in {where} ({source})"
