"""Streaming to files: CSV per table plus ground_truth.json, identical for the same seed."""

from __future__ import annotations

import csv
import json

from lantern.synthetic.generator import TABLES, TRUTH_FILE, digest_files, generate, write_files
from lantern.synthetic.tests.conftest import AS_AT, SEED, TINY


def test_write_files_matches_memory_and_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    summary = write_files(seed=SEED, as_at=AS_AT, scale=TINY, out_dir=a)
    write_files(seed=SEED, as_at=AS_AT, scale=TINY, out_dir=b)
    assert digest_files(a) == digest_files(b)
    world = generate(seed=SEED, as_at=AS_AT, scale=TINY)
    for table, columns in TABLES.items():
        with open(a / f"{table}.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert tuple(rows[0]) == columns
        assert len(rows) - 1 == len(world.tables[table]) == summary["rows"][table]
        if world.tables[table]:
            assert rows[1] == ["" if v is None else str(v) for v in world.tables[table][0]]
    truth = json.loads((a / TRUTH_FILE).read_text())
    assert truth["format"] == "lantern-synthetic-truth/1"
    assert truth["seed"] == SEED
    assert truth["record_clusters"] == world.truth["record_clusters"]
    assert truth["networks"] == world.truth["networks"]
    assert truth["summary"]["rows"]["records"] == len(world.tables["records"])


def test_different_seed_different_files(tmp_path):
    write_files(seed=SEED, as_at=AS_AT, scale=TINY, out_dir=tmp_path / "a")
    write_files(seed=SEED + 7, as_at=AS_AT, scale=TINY, out_dir=tmp_path / "b")
    assert digest_files(tmp_path / "a") != digest_files(tmp_path / "b")


def test_national_ids_do_not_collide_between_counties(tmp_path):
    world = generate(seed=SEED, as_at=AS_AT, scale=TINY, counties=3)
    counties = [r[1] for r in world.tables["counties"]]
    assert counties[0] == "Ashdown" and len(set(counties)) == 3
    for table, key in (("people", 0), ("records", 0), ("events", 0), ("agencies", 0)):
        ids = [r[key] for r in world.tables[table]]
        assert len(ids) == len(set(ids)), table
    identifiers = [(r[1], r[2]) for r in world.tables["identifiers"]]
    assert len(identifiers) == len(set(identifiers))
    postcodes = {r[3] for r in world.tables["districts"]}
    assert "AD" in postcodes and len(postcodes) == 3


def test_a_national_run_can_be_split_across_processes(tmp_path):
    scale = TINY.__class__("national", 3, TINY.known_children, TINY.population, 1)
    write_files(seed=SEED, as_at=AS_AT, scale=scale, out_dir=tmp_path / "full")
    write_files(seed=SEED, as_at=AS_AT, scale=scale, out_dir=tmp_path / "a", counties=1)
    write_files(seed=SEED, as_at=AS_AT, scale=scale, out_dir=tmp_path / "b", counties=2, first_county=1)
    for table in ("people", "events", "records", "networks"):
        full = (tmp_path / "full" / f"{table}.csv").read_text().splitlines()
        a = (tmp_path / "a" / f"{table}.csv").read_text().splitlines()
        b = (tmp_path / "b" / f"{table}.csv").read_text().splitlines()
        assert full == a + b[1:], table
