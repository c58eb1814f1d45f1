"""Parameters for extracts too small to train on: learned once on the synthetic county.

Splink learns its parameters from the data being linked, which needs thousands of records: on
a dozen, random sampling sees a handful of pairs and expectation maximisation sees only
matches. A partnership still links small extracts (a school's list of twenty children against
the police's), so below ``SMALL_EXTRACT`` records the model uses m and u values learned on the
synthetic county (``default_model.json``; regenerate with
``python -m lantern.analysis.linkage.defaults --records records.csv --out ...``) and a prior
of one match per record.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["SMALL_EXTRACT", "apply_defaults", "export_parameters"]

SMALL_EXTRACT = 2000
DEFAULT_MODEL = Path(__file__).with_name("default_model.json")


def export_parameters(linker) -> dict:
    """``{comparison: {level label: {"m": .., "u": ..}}}`` from a trained linker."""
    trained = linker.misc.save_model_to_json()
    out: dict = {}
    for comparison in trained["comparisons"]:
        levels = {}
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            levels[level["label_for_charts"]] = {"m": level.get("m_probability"),
                                                 "u": level.get("u_probability")}
        out[comparison["output_column_name"]] = levels
    return out


def apply_defaults(settings_dict: dict, records: int) -> dict:
    """Fill a settings dict (any dialect) with the stored parameters and a small-data prior."""
    stored = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))["comparisons"]
    for comparison in settings_dict["comparisons"]:
        levels = stored.get(comparison["output_column_name"], {})
        for level in comparison["comparison_levels"]:
            values = levels.get(level.get("label_for_charts"))
            if not values:
                continue
            if values["m"] is not None:
                level["m_probability"] = values["m"]
            if values["u"] is not None:
                level["u_probability"] = values["u"]
    pairs = max(1, records * (records - 1) // 2)
    settings_dict["probability_two_random_records_match"] = min(0.5, max(records / pairs, 1e-6))
    return settings_dict


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - a maintenance script
    import argparse

    import pandas as pd

    from lantern.analysis.linkage.extracts import Extract, prepare
    from lantern.analysis.linkage.pipeline import make_linker, train

    parser = argparse.ArgumentParser(prog="python -m lantern.analysis.linkage.defaults")
    parser.add_argument("--records", required=True, help="synthetic records.csv")
    parser.add_argument("--out", default=str(DEFAULT_MODEL))
    args = parser.parse_args(argv)
    df = pd.read_csv(args.records, dtype=str, keep_default_na=False)
    mapping = {f: f for f in ("first_name", "last_name", "date_of_birth", "sex", "postcode",
                              "nhs_number")}
    frames, fields = prepare([Extract("records", df, "record_id", mapping)])
    linker = make_linker(frames, ["records"], fields, link_type="dedupe_only")
    train(linker, fields, u_pairs=5e6)
    Path(args.out).write_text(json.dumps({
        "about": "m and u learned on the synthetic county's agency records (see defaults.py)",
        "records": len(df), "comparisons": export_parameters(linker)}, indent=1) + "\n",
        encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
