"""The production serving configuration (``config/gunicorn.conf.py``, ADR 0011) loads in gunicorn
and has the shape the casework benchmark measured: processes of one thread each."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[3] / "config" / "gunicorn.conf.py"


def _settings(monkeypatch, **env) -> dict:
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("LANTERN_THREADS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_processes_of_one_thread_sized_by_cores(monkeypatch):
    conf = _settings(monkeypatch)
    cores = len(os.sched_getaffinity(0))
    assert conf["workers"] == 2 * cores + 2
    assert conf["threads"] == 1 and conf["worker_class"] == "gthread"
    assert conf["wsgi_app"] == "config.wsgi:application"


def test_environment_overrides_the_sizing(monkeypatch):
    conf = _settings(monkeypatch, WEB_CONCURRENCY="3", LANTERN_THREADS="2")
    assert (conf["workers"], conf["threads"]) == (3, 2)


def test_gunicorn_accepts_the_configuration():
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        pytest.fail("gunicorn is in requirements.lock and must be installed")
    result = subprocess.run(
        [gunicorn, "--check-config", "--config", str(CONF)],
        cwd=CONF.parent.parent, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.returncode == 0, result.stderr
