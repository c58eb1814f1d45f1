"""A short kill test on the suite's own database (SQLite or PostgreSQL): SIGKILL a real server
mid-write, then check acknowledged writes, audit events and the chain (``bench/kill_test.py``)."""

from __future__ import annotations

import sqlite3
import urllib.parse

import pytest
from django.db import connection

from bench.bench_audit_chain import seed_data
from bench.kill_test import run_kill_test


def _url_for_server(tmp_path) -> str:
    if connection.vendor == "sqlite":
        # The suite's SQLite database lives in memory: copy it (migrated, seeded) to a file the
        # server process can open.
        path = tmp_path / "kill.sqlite3"
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    s = connection.settings_dict
    auth = urllib.parse.quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_write_loses_nothing_acknowledged(tmp_path):
    data = seed_data(4)
    result = run_kill_test(_url_for_server(tmp_path), data, rounds=2)
    assert result["acknowledged"] > 0, result
    assert not result["missing"], f"acknowledged but not saved: {result['missing']}"
    assert not result["unaudited"], f"events without their audit event: {result['unaudited']}"
    assert result["chain_ok"], result["chain_problem"]
