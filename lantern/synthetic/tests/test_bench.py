"""The benchmark runner (bench/ sits outside the test paths, so its few tests live here, beside
the generator it measures first)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.__main__ import INTRO, discover, write_section

ROOT = Path(__file__).resolve().parents[3]


def test_sections_are_replaced_in_place_and_others_kept(tmp_path):
    doc = tmp_path / "performance.md"
    write_section("alpha", "## Alpha\nfirst", doc)
    write_section("beta", "## Beta\nkept", doc)
    write_section("alpha", "## Alpha\nsecond", doc)
    text = doc.read_text()
    assert text.startswith(INTRO.splitlines()[0])
    assert "second" in text and "first" not in text and "kept" in text
    assert text.count("<!-- bench:alpha -->") == 1
    assert text.index("<!-- bench:alpha -->") < text.index("<!-- bench:beta -->")


def test_synthetic_benchmark_is_discovered():
    assert "synthetic" in discover()


def test_measure_reports_the_child_peak_memory():
    code = "x = bytearray(60 * 1024 * 1024); print(len(x))"
    proc = subprocess.run([sys.executable, "-m", "bench.measure", "--", sys.executable, "-c", code],
                          cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    result = json.loads(proc.stdout)
    assert result["returncode"] == 0
    assert result["max_rss_mb"] >= 60
    assert result["seconds"] > 0
