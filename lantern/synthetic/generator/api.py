"""Public entry points: ``generate`` (in memory) and ``write_files`` (streamed to CSV)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from lantern.synthetic.generator.dates import START, check_as_at
from lantern.synthetic.generator.engine import generate_county
from lantern.synthetic.generator.schema import TABLES
from lantern.synthetic.generator.sinks import (
    TRUTH_FILE,
    TRUTH_FORMAT,
    CsvSink,
    MemorySink,
    Truth,
    TruthFile,
    digest_tables,
)

GENERATOR_VERSION = 1


@dataclass(frozen=True)
class Scale:
    name: str
    counties: int
    known_children: int  # per county
    population: int  # identities per county
    restricted: int  # restricted records per county


SCALES: dict[str, Scale] = {
    "small": Scale("small", 1, 200, 3_000, 2),
    "county": Scale("county", 1, 5_000, 300_000, 5),
    "national": Scale("national", 40, 5_000, 300_000, 5),
}


@dataclass
class GeneratedWorld:
    """A county (or more) held in memory: tables of row tuples and the ground truth."""

    seed: int
    scale: str
    as_at: dt.date
    tables: dict[str, list[tuple]]
    truth: dict

    def rows(self, table: str) -> list[dict]:
        columns = TABLES[table]
        return [dict(zip(columns, row)) for row in self.tables[table]]

    def digest(self) -> str:
        return digest_tables(self.tables)


def _meta(seed: int, scale: Scale, counties: int, as_at: dt.date, first: int = 0) -> dict:
    return {
        "format": TRUTH_FORMAT,
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scale": scale.name,
        "counties": counties,
        "first_county": first,
        "as_at": as_at.isoformat(),
        "chronology_start": START.isoformat(),
    }


def _scale(scale: str | Scale) -> Scale:
    if isinstance(scale, Scale):
        return scale
    try:
        return SCALES[scale]
    except KeyError:
        raise ValueError(f"Unknown scale {scale!r}: choose one of {', '.join(SCALES)}") from None


def generate(*, seed: int, as_at: dt.date, scale: str | Scale = "small",
             counties: int | None = None) -> GeneratedWorld:
    """Generate in memory as at ``as_at`` (meant for ``small``; a county is a few hundred
    megabytes). The same seed and as-at date give the same world."""
    sc = _scale(scale)
    as_at = check_as_at(as_at)
    n = counties or sc.counties
    sink = MemorySink()
    truth = Truth(_meta(seed, sc, n, as_at))
    per_county = []
    for index in range(n):
        per_county.append(generate_county(seed=seed, index=index, population=sc.population,
                                          known=sc.known_children, sink=sink, truth=truth,
                                          as_at=as_at, restricted=sc.restricted))
    truth.close({"rows": sink.counts(), "counties": per_county})
    return GeneratedWorld(seed, sc.name, as_at, sink.tables, truth.as_dict())


def write_files(*, seed: int, as_at: dt.date, scale: str | Scale, out_dir: str | os.PathLike,
                progress: bool = False, counties: int | None = None, first_county: int = 0) -> dict:
    """Stream CSV files (one per table) and ``ground_truth.json`` as at ``as_at`` into ``out_dir``.

    Counties are independent (own id block, own random streams), so a national run can be
    split across processes: ``first_county=20, counties=20`` writes counties 20-39 exactly as a
    full run would (given the same ``as_at``). Returns a summary: row counts per table and per-county figures.
    """
    sc = _scale(scale)
    as_at = check_as_at(as_at)
    n = counties or sc.counties
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sink = CsvSink(out)
    truth = TruthFile(out / TRUTH_FILE, _meta(seed, sc, n, as_at, first_county))
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=sc.population * n, unit=" people", unit_scale=True,
                   desc=f"{sc.name} seed {seed}", mininterval=0.5)
    per_county = []
    try:
        for index in range(first_county, first_county + n):
            per_county.append(generate_county(
                seed=seed, index=index, population=sc.population, known=sc.known_children,
                sink=sink, truth=truth, as_at=as_at, restricted=sc.restricted,
                progress=bar.update if bar is not None else None,
            ))
    finally:
        if bar is not None:
            bar.close()
        sink.close()
    summary = {"rows": sink.counts(), "counties": per_county}
    truth.close(summary)
    return summary
