"""Smoke test of the linkage benchmark: its arithmetic, and two of its runners on a few rows.

The full run (``python -m bench linkage``) links a million records and takes minutes; this
checks in seconds that the pieces it is made of still work: the precision/recall sweep, the
operating-point choice, and the Splink-free runners end to end on a tiny CSV.
"""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from bench import bench_linkage, linkage_runner

ROWS = [
    ("1", "Thomas", "Reid", "2010-03-05", "M", "AD1 2AB", ""),
    ("2", "Tommy", "Reid", "2010-05-03", "M", "AD1 2AB", ""),
    ("3", "Kayleigh", "Smith", "2008-08-12", "F", "QB5 5TD", ""),
    ("4", "Kayley", "Smith", "2008-08-12", "F", "QB5 5TD", ""),
    ("5", "Amara", "Okafor", "2011-07-23", "F", "AD7 9ZZ", ""),
]


def test_sweep_and_operating_point():
    truth = {"1": "a", "2": "a", "3": "b", "4": "b", "5": "c"}
    pairs = pd.DataFrame({"left_id": ["1", "3", "1"], "right_id": ["2", "5", "5"],
                          "match_probability": [0.99, 0.8, 0.4]})
    curve = bench_linkage.sweep(pairs, truth)
    assert curve["precision"].tolist() == [1.0, 0.5, pytest.approx(1 / 3)]
    assert curve["recall"].tolist() == [0.5, 0.5, 0.5]
    best = bench_linkage.best_recall(curve, 0.995)
    assert best == {"threshold": 0.99, "precision": 1.0, "recall": 0.5}
    assert bench_linkage.best_recall(curve.iloc[1:], 0.995)["recall"] == 0.0


@pytest.mark.parametrize("mode", ["pprl", "recordlinkage"])
def test_runners_link_a_tiny_extract(tmp_path, mode, capsys):
    records = tmp_path / "records.csv"
    with open(records, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "first_name", "last_name", "date_of_birth", "sex", "postcode",
                    "nhs_number"])
        w.writerows(ROWS)
    out = tmp_path / "pairs.csv"
    assert linkage_runner.main([mode, "--records", str(records), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["records"] == 5
    pairs = pd.read_csv(out, dtype=str)
    assert list(pairs.columns) == ["left_id", "right_id", "match_probability"]
    found = {tuple(sorted(p)) for p in zip(pairs["left_id"], pairs["right_id"], strict=True)}
    assert ("3", "4") in found
