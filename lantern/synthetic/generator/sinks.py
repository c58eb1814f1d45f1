"""Where generated rows go: memory (small scale, the loader, tests) or CSV files (streamed).

A sink hands out one append function per table (``sink.writer("events")``), so the generator's
hot loop calls a bound method and nothing else. The ground truth (which records are one person,
which nodes form each network) goes to a :class:`Truth` beside the data.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from lantern.synthetic.generator.schema import TABLES

TRUTH_FORMAT = "lantern-synthetic-truth/1"
TRUTH_FILE = "ground_truth.json"


class MemorySink:
    """Rows kept as lists of tuples, by table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple]] = {name: [] for name in TABLES}

    def writer(self, table: str):
        return self.tables[table].append

    def close(self) -> None:
        pass

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


class CsvSink:
    """One CSV file per table in ``out_dir``, header first, rows streamed as they come."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._files = {}
        self._writers = {}
        for name, columns in TABLES.items():
            f = open(self.out_dir / f"{name}.csv", "w", newline="", encoding="utf-8")  # noqa: SIM115
            w = csv.writer(f, lineterminator="\n")
            w.writerow(columns)
            self._files[name] = f
            self._writers[name] = w

    def writer(self, table: str):
        return self._writers[table].writerow

    def close(self) -> None:
        for f in self._files.values():
            f.close()

    def counts(self) -> dict[str, int]:
        out = {}
        for name in TABLES:
            with open(self.out_dir / f"{name}.csv", "rb") as f:
                out[name] = sum(1 for _ in f) - 1
        return out


class Truth:
    """Ground truth held in memory (small scale and tests)."""

    def __init__(self, meta: dict[str, Any]) -> None:
        self.meta = dict(meta)
        self.clusters: list[dict] = []
        self.networks: list[dict] = []
        self.surges: list[dict] = []

    def cluster(self, person_id: int, records: list[int], errors: dict[int, list[str]]) -> None:
        entry: dict[str, Any] = {"person_id": person_id, "records": records}
        if errors:
            entry["errors"] = {str(k): v for k, v in errors.items()}
        self.clusters.append(entry)

    def network(self, entry: dict) -> None:
        self.networks.append(entry)

    def surge(self, entry: dict) -> None:
        """A planted surge (``generator/surges.py``): area, kind, weeks, size, event ids."""
        self.surges.append(entry)

    def close(self, summary: dict) -> None:
        self.meta["summary"] = summary

    def as_dict(self) -> dict:
        return {**self.meta, "record_clusters": self.clusters, "networks": self.networks,
                "surges": self.surges}


class TruthFile(Truth):
    """Ground truth streamed to ``ground_truth.json``: clusters are written as they are made.

    The file is one JSON object; ``record_clusters`` comes first so the writer never holds the
    county's few hundred thousand clusters in memory.
    """

    def __init__(self, path: Path, meta: dict[str, Any]) -> None:
        super().__init__(meta)
        self.path = Path(path)
        self._f = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
        head = json.dumps({k: v for k, v in self.meta.items()}, sort_keys=True)[:-1]
        self._f.write(head + ', "record_clusters": [\n')
        self._first = True

    def cluster(self, person_id: int, records: list[int], errors: dict[int, list[str]]) -> None:
        sep = "" if self._first else ",\n"
        self._first = False
        if not errors:  # the common case, formatted by hand (same text json.dumps would give)
            self._f.write(f'{sep}{{"person_id":{person_id},"records":[{",".join(map(str, records))}]}}')
            return
        entry: dict[str, Any] = {"person_id": person_id, "records": records,
                                 "errors": {str(k): v for k, v in errors.items()}}
        self._f.write(sep + json.dumps(entry, separators=(",", ":")))

    def close(self, summary: dict) -> None:
        self._f.write('\n], "networks": ')
        self._f.write(json.dumps(self.networks, separators=(",", ":")))
        self._f.write(', "surges": ' + json.dumps(self.surges, separators=(",", ":")))
        self._f.write(', "summary": ' + json.dumps(summary, sort_keys=True) + "}\n")
        self._f.close()


def digest_tables(tables: dict[str, list[tuple]]) -> str:
    """SHA-256 over every row of every table, in order (a determinism fingerprint)."""
    h = hashlib.sha256()
    for name in TABLES:
        h.update(name.encode())
        for row in tables.get(name, ()):
            h.update(repr(row).encode())
            h.update(b"\n")
    return h.hexdigest()


def digest_files(out_dir: Path) -> str:
    """SHA-256 over the CSV files and the ground truth in ``out_dir``."""
    h = hashlib.sha256()
    for name in [*TABLES, TRUTH_FILE.removesuffix(".csv")]:
        path = Path(out_dir) / (name if name.endswith(".json") else f"{name}.csv")
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()
