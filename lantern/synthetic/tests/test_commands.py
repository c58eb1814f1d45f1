"""``seed_demo --as-at`` and the personas table: the operator can see which day the demo data
was generated for, and it defaults to today."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lantern.synthetic.generator import Scale
from lantern.synthetic.generator import api as generator_api
from lantern.synthetic.models import SeedRun
from lantern.synthetic.tests.conftest import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_small(monkeypatch):
    monkeypatch.setitem(generator_api.SCALES, "small", Scale("small", 1, 40, 300, 2))


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_personas_table_says_no_demo_data_is_loaded_yet():
    assert "No demo data is loaded" in _run("list_personas")


def test_seed_demo_as_at_a_date_is_recorded_and_shown_with_the_personas():
    out = _run("seed_demo", "--seed", str(SEED), "--as-at", "2027-01-04")
    assert "as at 4 January 2027" in out
    assert SeedRun.objects.get().as_at == dt.date(2027, 1, 4)
    assert "already loaded" in _run("seed_demo", "--seed", str(SEED), "--as-at", "2027-01-04")
    table = _run("list_personas")
    assert f"Demo data: seed {SEED}, as at Monday 4 January 2027" in table
    assert "priya" in table


def test_seed_demo_defaults_to_today_and_an_old_seed_says_it_has_aged(monkeypatch):
    _run("seed_demo", "--seed", str(SEED))
    today = timezone.localdate()
    assert SeedRun.objects.get().as_at == today
    assert "(today)" in _run("list_personas")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today + dt.timedelta(days=3))
    assert "3 days ago" in _run("list_personas")


def test_seed_demo_refuses_a_date_it_cannot_make():
    with pytest.raises(CommandError, match="as_at must be between"):
        _run("seed_demo", "--as-at", "2018-01-01")
