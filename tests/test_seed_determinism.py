"""The synthetic county is a pure function of its seed: rows, files and database content.

Same seed -> identical generated rows, identical files and identical loaded database content
(compared by ``lantern.synthetic.loader.db_digest``, which leaves out database ids and automatic
timestamps); a different seed -> different data.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from lantern.synthetic import loader
from lantern.synthetic.generator import TRUTH_FILE, Scale, digest_files, generate
from lantern.synthetic.generator import api as generator_api

SEED = 20260101
AS_AT = dt.date(2026, 10, 31)  # the generator's today, pinned


def test_same_seed_same_generated_rows_different_seed_different():
    first = generate(seed=SEED, as_at=AS_AT, scale="small")
    second = generate(seed=SEED, as_at=AS_AT, scale="small")
    other = generate(seed=SEED + 1, as_at=AS_AT, scale="small")
    assert first.digest() == second.digest()
    assert first.truth == second.truth
    assert first.digest() != other.digest()
    assert first.truth["record_clusters"] != other.truth["record_clusters"]


@pytest.fixture
def quick_scales(monkeypatch):
    """Shrink the scales so the command's database and file paths run in a second or two."""
    monkeypatch.setitem(generator_api.SCALES, "small", Scale("small", 1, 40, 300, 2))
    monkeypatch.setitem(generator_api.SCALES, "county", Scale("county", 1, 30, 400, 2))


def _seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, "--as-at", AS_AT.isoformat(), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_loads_once_and_reloads_identically(quick_scales):
    assert "Loaded the synthetic county" in _seed("--seed", str(SEED), "--scale", "small")
    digest = loader.db_digest()
    assert "already loaded" in _seed("--seed", str(SEED), "--scale", "small")
    assert loader.db_digest() == digest
    assert "Loaded" in _seed("--seed", str(SEED), "--scale", "small", "--force")
    assert loader.db_digest() == digest
    _seed("--seed", str(SEED + 1), "--scale", "small")
    assert loader.db_digest() != digest


@pytest.mark.django_db
def test_seed_demo_writes_identical_files_for_the_same_seed(quick_scales, tmp_path):
    for name in ("a", "b"):
        out = _seed("--seed", str(SEED), "--scale", "county", "--files-only", "--out", str(tmp_path / name))
        assert "Wrote the county synthetic data" in out
    _seed("--seed", str(SEED + 1), "--scale", "county", "--files-only", "--out", str(tmp_path / "c"))
    assert digest_files(tmp_path / "a") == digest_files(tmp_path / "b")
    assert digest_files(tmp_path / "a") != digest_files(tmp_path / "c")
    truth = json.loads((tmp_path / "a" / TRUTH_FILE).read_text())
    assert truth["scale"] == "county" and truth["seed"] == SEED
    assert truth["record_clusters"] and truth["networks"]


@pytest.mark.django_db
def test_small_seed_with_out_writes_truth_and_database_ids(quick_scales, tmp_path):
    _seed("--seed", str(SEED), "--scale", "small", "--out", str(tmp_path))
    ids = json.loads((tmp_path / "database_ids.json").read_text())
    truth = json.loads((tmp_path / TRUTH_FILE).read_text())
    held = {str(c["person_id"]) for c in truth["record_clusters"]}
    assert ids["people"] and set(ids["people"]) <= held
