"""One linkage run, end to end, as its own process (so ``bench.measure`` sees its time and memory).

    python -m bench.linkage_runner lantern --records records.csv --rows 1000000 --out pairs.csv
    python -m bench.linkage_runner plain ...          # a plain Splink configuration (the peer)
    python -m bench.linkage_runner recordlinkage ...  # the recordlinkage toolkit (second peer)
    python -m bench.linkage_runner pprl ...           # privacy-preserving: CLKs and Dice

Each reads the first ``--rows`` agency records of a synthetic county file (CSV as the
generator writes it), links them as one extract (duplicates within it), writes
``left_id,right_id,match_probability`` (the Dice coefficient for ``pprl``) and prints a JSON
line of timings. End to end means from reading the CSV to the written pairs, clusters
included.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import time

import numpy as np
import pandas as pd

MAPPING = {"first_name": "first_name", "last_name": "last_name", "date_of_birth": "date_of_birth",
           "sex": "sex", "postcode": "postcode", "nhs_number": "nhs_number"}


def _read(path: str, rows: int | None) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, nrows=rows,
                       usecols=["record_id", *MAPPING])


def _write(path: str, left, right, score) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["left_id", "right_id", "match_probability"])
        w.writerows(zip(left, right, score, strict=True))


def run_lantern(df: pd.DataFrame, out: str, u_pairs: float) -> dict:
    from lantern.analysis.linkage import Extract, link

    result = link([Extract("records", df, "record_id", MAPPING)], threads=2, memory_limit="6GB",
                  u_pairs=u_pairs)
    p = result.pairs
    _write(out, p["left_id"], p["right_id"], p["match_probability"])
    return {"pairs": len(p), "timings": result.timings}


def run_plain(df: pd.DataFrame, out: str, u_pairs: float) -> dict:
    """The plain configuration: raw values lower-cased, Splink's library comparisons, two
    blocking rules, trained the same way (same prior rules, u sample and two EM passes)."""
    import duckdb
    import pyarrow as pa
    from splink import DuckDBAPI, Linker, block_on

    from lantern.analysis.linkage.clusters import components
    from lantern.analysis.linkage.model import plain_settings

    timings = {}
    started = time.perf_counter()
    frame = pd.DataFrame({
        "unique_id": df["record_id"], "record_id": df["record_id"],
        "first_name": df["first_name"].str.lower().replace("", None),
        "last_name": df["last_name"].str.lower().replace("", None),
        "dob": df["date_of_birth"].replace("", None),
        "postcode": df["postcode"].replace("", None),
        "sex": df["sex"].replace("", None),
    })
    table = pa.Table.from_pandas(frame, schema=pa.schema([(c, pa.string()) for c in frame.columns]),
                                 preserve_index=False)
    db_api = DuckDBAPI(connection=duckdb.connect(":memory:", config={"threads": 2,
                                                                     "memory_limit": "6GB"}))
    linker = Linker(db_api.register(table, table_name="records"), plain_settings(),
                    log_level=logging.ERROR)
    timings["standardise"] = time.perf_counter() - started
    mark = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        ["l.first_name = r.first_name AND l.last_name = r.last_name AND l.dob = r.dob"], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=20260101)
    for rule in (block_on("dob"), block_on("first_name", "last_name")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=2e6)
    timings["train"] = time.perf_counter() - mark
    mark = time.perf_counter()
    pred = linker.inference.predict(threshold_match_probability=0.5,
                                    warning_mode="never").as_pandas_dataframe()
    timings["predict"] = time.perf_counter() - mark
    mark = time.perf_counter()
    index = pd.Index(frame["unique_id"])
    lo = index.get_indexer(pred["unique_id_l"])
    hi = index.get_indexer(pred["unique_id_r"])
    linked = pred["match_probability"].to_numpy() >= 0.995
    components(len(frame), lo[linked], hi[linked])
    timings["cluster"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    _write(out, pred["unique_id_l"], pred["unique_id_r"], pred["match_probability"].round(6))
    return {"pairs": len(pred), "timings": timings}


def run_recordlinkage(df: pd.DataFrame, out: str) -> dict:
    """The recordlinkage toolkit as its documentation sets one up: blocking index, field
    comparisons, the unsupervised ECM classifier."""
    import recordlinkage

    timings = {}
    started = time.perf_counter()
    frame = df.set_index("record_id")
    for c in ("first_name", "last_name"):
        frame[c] = frame[c].str.lower()
    index = recordlinkage.Index()
    index.block(["date_of_birth"])
    index.block(["first_name", "last_name"])
    candidates = index.index(frame)
    timings["index"] = time.perf_counter() - started
    compare = recordlinkage.Compare()
    compare.string("first_name", "first_name", method="jarowinkler", threshold=0.85, label="first")
    compare.string("last_name", "last_name", method="jarowinkler", threshold=0.85, label="last")
    compare.exact("date_of_birth", "date_of_birth", label="dob")
    compare.exact("postcode", "postcode", label="postcode")
    compare.exact("sex", "sex", label="sex")
    features = compare.compute(candidates, frame)
    timings["compare"] = time.perf_counter() - started - timings["index"]
    ecm = recordlinkage.ECMClassifier(binarize=0.5)
    ecm.fit(features)
    prob = ecm.prob(features)
    timings["total"] = time.perf_counter() - started
    keep = prob >= 0.5
    pairs = prob[keep]
    _write(out, pairs.index.get_level_values(0), pairs.index.get_level_values(1),
           np.round(pairs.to_numpy(), 6))
    return {"pairs": int(keep.sum()), "candidates": len(candidates), "timings": timings}


def run_pprl(df: pd.DataFrame, out: str) -> dict:
    from lantern.analysis.linkage import Extract
    from lantern.analysis.linkage.privacy import encode_extract, link_encoded

    started = time.perf_counter()
    secret = b"benchmark secret, not a real one"
    encoded = encode_extract(Extract("records", df, "record_id", MAPPING), secret)
    encoding = time.perf_counter() - started
    result = link_encoded([encoded], threshold=0.5)
    p = result.pairs
    _write(out, p["left_id"], p["right_id"], p["dice"])
    return {"pairs": len(p), "candidates": result.candidates,
            "comparisons_per_second": result.comparisons_per_second,
            "comparisons_per_cpu_second": result.comparisons_per_cpu_second,
            "timings": {"encode": encoding, **result.timings,
                        "total": time.perf_counter() - started}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.linkage_runner")
    parser.add_argument("mode", choices=["lantern", "plain", "recordlinkage", "pprl"])
    parser.add_argument("--records", required=True)
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--out", required=True)
    parser.add_argument("--u-pairs", type=float, default=5e6)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    df = _read(args.records, args.rows)
    read = time.perf_counter() - started
    if args.mode == "lantern":
        result = run_lantern(df, args.out, args.u_pairs)
    elif args.mode == "plain":
        result = run_plain(df, args.out, args.u_pairs)
    elif args.mode == "recordlinkage":
        result = run_recordlinkage(df, args.out)
    else:
        result = run_pprl(df, args.out)
    result["records"] = len(df)
    result["read_seconds"] = read
    result["end_to_end_seconds"] = time.perf_counter() - started
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
