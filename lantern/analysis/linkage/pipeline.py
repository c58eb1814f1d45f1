"""Block, train, predict and cluster: agency extracts in, candidate links out.

    from lantern.analysis.linkage import Extract, link
    result = link([Extract("police", police_df, "id", {"forename": "first_name", ...}),
                   Extract("council", council_df, "ref", {...})])
    result.pairs            # left/right source and id, match weight, probability, band
    result.review_candidates()

Training is unsupervised, as Splink intends: ``u`` (how often two different people agree by
chance) from random pairs, the prior from deterministic rules (NHS number, or full name and
date of birth), and ``m`` (how often records of one person agree) by expectation maximisation
over two blocking passes, so each comparison is trained on pairs not chosen for agreeing on it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from lantern.analysis.linkage import model
from lantern.analysis.linkage.clusters import components
from lantern.analysis.linkage.defaults import SMALL_EXTRACT, apply_defaults
from lantern.analysis.linkage.extracts import Extract, prepare

__all__ = ["Candidate", "LinkageResult", "link", "make_linker", "trained_model_for", "train"]

log = logging.getLogger(__name__)

PAIR_COLUMNS = ["left_source", "left_id", "right_source", "right_id", "match_weight",
                "match_probability", "band"]


@dataclass(frozen=True)
class Candidate:
    """A pair of agency records that may be one person, for a reviewer (or automatic link)."""

    left_source: str
    left_id: str
    right_source: str
    right_id: str
    match_weight: float
    match_probability: float
    band: str


@dataclass
class LinkageResult:
    """The scored pairs (at or above ``floor``), clusters at the automatic-link threshold."""

    pairs: pd.DataFrame
    clusters: pd.DataFrame
    thresholds: model.Thresholds
    fields: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    comparisons: int = 0

    def candidates(self, band: str | None = None) -> list[Candidate]:
        rows = self.pairs if band is None else self.pairs[self.pairs["band"] == band]
        return [Candidate(*(r[c] for c in PAIR_COLUMNS)) for r in rows.to_dict("records")]

    def review_candidates(self) -> list[Candidate]:
        """Pairs for the human review queue (between the two thresholds)."""
        return self.candidates("human_review")

    def automatic_links(self) -> list[Candidate]:
        return self.candidates("automatic_link")


def _duckdb_api(threads: int | None, memory_limit: str | None):
    import duckdb
    from splink import DuckDBAPI

    config = {}
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    return DuckDBAPI(connection=duckdb.connect(":memory:", config=config))


def _as_arrow(frame: pd.DataFrame) -> pa.Table:
    # Every column is text: an extract whose field is all blank must still be VARCHAR, or the
    # engine infers a NULL type and string functions fail on it.
    return pa.Table.from_pandas(frame, schema=pa.schema([(c, pa.string()) for c in frame.columns]),
                                preserve_index=False)


def _register(db_api, frames: Sequence[pd.DataFrame], names: Sequence[str], backend: str):
    out = []
    for frame, name in zip(frames, names, strict=True):
        table = f"extract_{len(out)}"
        if backend == "spark":
            from pyspark.sql.types import StringType, StructField, StructType

            schema = StructType([StructField(c, StringType()) for c in frame.columns])
            data = db_api.spark.createDataFrame(frame.astype(object).where(frame.notna(), None),
                                                schema=schema)
            out.append(db_api.register(data, table_name=table, dataset_display_name=name))
        else:
            out.append(db_api.register(_as_arrow(frame), table_name=table,
                                       dataset_display_name=name))
    return out


def make_linker(frames, names, fields, *, link_type, backend="duckdb", spark=None,
                threads=None, memory_limit=None, settings=None):
    """A Splink ``Linker`` over prepared frames on the chosen backend (untrained)."""
    from splink import Linker

    if backend == "spark":
        if spark is None:
            raise ValueError("the Spark backend needs a SparkSession (spark=...)")
        from splink import SparkAPI

        db_api = SparkAPI(spark_session=spark, break_lineage_method="persist")
    elif backend == "duckdb":
        db_api = _duckdb_api(threads, memory_limit)
    else:
        raise ValueError(f"unknown backend {backend!r}: 'duckdb' or 'spark'")
    tables = _register(db_api, frames, names, backend)
    chosen = settings or model.settings(fields, link_type=link_type)
    return Linker(tables if len(tables) > 1 else tables[0], chosen, log_level=logging.ERROR)


def trained_model_for(linker, fields: Sequence[str], *, link_type: str, dialect: str) -> dict:
    """A trained model as a settings dict for another engine ("spark", "duckdb").

    Why not the saved JSON as it is: it holds SQL rendered for the engine that trained it
    (DuckDB quotes identifiers with double quotes, which Spark reads as string literals). The
    model is rebuilt for the target dialect from the same creators and the trained m and u
    values copied across level by level, so both engines score with one set of parameters.
    """
    trained = linker.misc.save_model_to_json()
    fresh = model.settings(fields, link_type=link_type).create_settings_dict(dialect)
    fresh["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
    for new, old in zip(fresh["comparisons"], trained["comparisons"], strict=True):
        for new_level, old_level in zip(new["comparison_levels"], old["comparison_levels"], strict=True):
            for key in ("m_probability", "u_probability"):
                if old_level.get(key) is not None:
                    new_level[key] = old_level[key]
    return fresh


def _deterministic_rules(fields: Sequence[str]) -> list[str]:
    rules = []
    if "nhs_number" in fields:
        rules.append("l.nhs_number = r.nhs_number")
    if {"first_name", "last_name", "date_of_birth"} <= set(fields):
        rules.append("l.first_name = r.first_name AND l.last_name = r.last_name AND l.dob = r.dob")
    return rules


#: A tiny extract whose deterministic rules find "all pairs match" estimates a prior of 1,
#: which breaks the arithmetic (a log of zero odds); a prior of a half says "no idea" instead.
_PRIOR_BOUNDS = (1e-9, 0.5)


def _keep_prior_sane(linker) -> None:
    # Splink keeps the prior on the settings object; there is no public setter in 5.0.
    prior = linker._settings_obj._probability_two_random_records_match
    low, high = _PRIOR_BOUNDS
    if not low <= prior <= high:
        linker._settings_obj._probability_two_random_records_match = min(max(prior, low), high)


def train(linker, fields: Sequence[str], *, u_pairs: float = 2e6, seed: int = 20260101,
          em_pairs: float | None = 2e6) -> None:
    """Unsupervised training (see the module docstring).

    A step that cannot run on the data (a tiny extract whose EM pass finds only matches, so the
    prior runs to 1) is skipped with a log line rather than failing the linkage: the other
    steps' estimates and Splink's defaults still give a usable, if rougher, model.
    """
    from splink.internals.exceptions import SplinkException

    failures = (ValueError, ZeroDivisionError, SplinkException)
    rules = _deterministic_rules(fields)
    if rules:
        try:
            linker.training.estimate_probability_two_random_records_match(rules, recall=0.8)
        except failures as exc:
            log.info("prior not estimated: %s", exc)
        _keep_prior_sane(linker)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    for rule in model.training_rules(fields):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=em_pairs)
        except failures as exc:
            log.info("EM pass skipped (%s): %s", rule, exc)


def _pairs_frame(predictions: pd.DataFrame, records: pd.DataFrame,
                 thresholds: model.Thresholds) -> pd.DataFrame:
    """Splink's pairs as agency ids, left from the earlier extract; vectorised (a county's
    predictions run to hundreds of thousands of rows)."""
    if predictions.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PAIR_COLUMNS})
    index = pd.Index(records["unique_id"])
    left = index.get_indexer(predictions["unique_id_l"])
    right = index.get_indexer(predictions["unique_id_r"])
    lo, hi = np.minimum(left, right), np.maximum(left, right)  # row order is extract order
    source = records["source_dataset"].to_numpy()
    record = records["record_id"].to_numpy()
    out = pd.DataFrame({
        "left_source": source[lo], "left_id": record[lo],
        "right_source": source[hi], "right_id": record[hi],
        "match_weight": predictions["match_weight"].astype(float).round(4).to_numpy(),
        "match_probability": predictions["match_probability"].astype(float).round(6).to_numpy(),
        "_lo": lo, "_hi": hi,
    })
    out["band"] = np.select(
        [out["match_probability"] >= thresholds.automatic_link,
         out["match_probability"] >= thresholds.human_review],
        ["automatic_link", "human_review"], "no_link")
    out = out.sort_values(["match_probability", "_lo", "_hi"], ascending=[False, True, True],
                          kind="stable").reset_index(drop=True)
    return out


def _clusters(records: pd.DataFrame, pairs: pd.DataFrame,
              thresholds: model.Thresholds) -> pd.DataFrame:
    n = len(records)
    linked = pairs[pairs["match_probability"] >= thresholds.automatic_link]
    labels = components(n, linked["_lo"].to_numpy(), linked["_hi"].to_numpy())
    return pd.DataFrame({"source": records["source_dataset"].to_numpy(),
                         "record_id": records["record_id"].to_numpy(), "cluster": labels})


def link(extracts: Sequence[Extract], *, thresholds: model.Thresholds | None = None,
         floor: float | None = None, dedupe: bool = False, backend: str = "duckdb", spark=None,
         threads: int | None = None, memory_limit: str | None = None,
         u_pairs: float = 2e6, seed: int = 20260101) -> LinkageResult:
    """Link agency extracts end to end; pairs below ``floor`` (default: the review threshold)
    are dropped.

    One extract: duplicates within it. Several: links between them (``dedupe=True`` also
    finds duplicates within each). Raises ``ExtractError`` for unusable input before any work.
    """
    import time

    thresholds = thresholds or model.Thresholds()
    floor = thresholds.human_review if floor is None else floor
    timings = {}
    started = time.perf_counter()
    frames, fields = prepare(extracts)
    timings["standardise"] = time.perf_counter() - started
    link_type = model.link_type_for(len(extracts), dedupe)
    records = sum(len(f) for f in frames)
    stored = None
    if records < SMALL_EXTRACT:  # too few to train on: the stored parameters (defaults.py)
        stored = apply_defaults(model.settings(fields, link_type=link_type)
                                .create_settings_dict(backend), records)
    linker = make_linker(frames, [e.name for e in extracts], fields, link_type=link_type,
                         backend=backend, spark=spark, threads=threads, memory_limit=memory_limit,
                         settings=stored)
    mark = time.perf_counter()
    if stored is None:
        train(linker, fields, u_pairs=u_pairs, seed=seed)
    timings["train"] = time.perf_counter() - mark
    mark = time.perf_counter()
    scored = linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
    predictions = scored.as_pandas_dataframe()
    timings["predict"] = time.perf_counter() - mark
    mark = time.perf_counter()
    records = pd.concat([f[["unique_id", "source_dataset", "record_id"]] for f in frames],
                        ignore_index=True)
    pairs = _pairs_frame(predictions, records, thresholds)
    clusters = _clusters(records, pairs, thresholds)
    pairs = pairs.drop(columns=["_lo", "_hi"])
    timings["cluster"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return LinkageResult(pairs=pairs, clusters=clusters, thresholds=thresholds, fields=fields,
                         timings=timings)
