"""Thresholds, extract checks, clustering and evaluation: the parts around Splink."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.analysis.linkage import Extract, ExtractError, Thresholds, prepare
from lantern.analysis.linkage.clusters import components, connected_components
from lantern.analysis.linkage.evaluate import TruthError, evaluate, load_truth
from lantern.analysis.linkage.model import blocking_rules
from lantern.analysis.linkage.model import settings as model_settings


def test_threshold_bands():
    t = Thresholds(automatic_link=0.99, human_review=0.6)
    assert [t.band(p) for p in (0.995, 0.99, 0.7, 0.6, 0.2)] == [
        "automatic_link", "automatic_link", "human_review", "human_review", "no_link"]
    with pytest.raises(ValueError):
        Thresholds(automatic_link=0.5, human_review=0.9)


def _frame(**cols):
    return pd.DataFrame(cols)


@pytest.mark.parametrize(("extract", "message"), [
    (Extract("a", _frame(id=["1"], fn=["Amy"]), "urn", {"fn": "first_name"}), "no id column"),
    (Extract("a", _frame(id=["1"], fn=["Amy"]), "id", {"fn": "shoe_size"}), "unknown field"),
    (Extract("a", _frame(id=["1"], fn=["Amy"]), "id", {"gn": "first_name"}), "no column 'gn'"),
    (Extract("a", _frame(id=["1", "1"], fn=["Amy", "Bo"]), "id", {"fn": "first_name"}), "more than once"),
    (Extract("a", _frame(id=["1", ""], fn=["Amy", "Bo"]), "id", {"fn": "first_name"}), "no value"),
    (Extract("a", _frame(id=["1"], fn=["Amy"], sn=["X"]), "id",
             {"fn": "first_name", "sn": "first_name"}), "both mapped"),
])
def test_unusable_extracts_are_refused_with_the_reason(extract, message):
    with pytest.raises(ExtractError, match=message):
        prepare([extract])


def test_fields_missing_from_one_extract_are_empty_text_columns():
    a = Extract("a", _frame(id=["1"], fn=["Amy"], dob=["20100101"]), "id",
                {"fn": "first_name", "dob": "date_of_birth"})
    b = Extract("b", _frame(ref=["1"], fn=["Amie"]), "ref", {"fn": "first_name"})
    (fa, fb), fields = prepare([a, b])
    assert fields == ["first_name", "date_of_birth"]
    assert list(fa.columns) == list(fb.columns)
    assert fb["dob"].isna().all() and fa["dob"].iloc[0] == "2010-01-01"
    assert list(fa["unique_id"]) != list(fb["unique_id"])  # both agencies used id "1"


def test_the_blocking_union_uses_only_fields_present():
    names = [str(r.get_blocking_rule("duckdb").blocking_rule_sql)
             for r in blocking_rules(["first_name", "last_name"])]
    assert all("dob" not in n and "postcode" not in n for n in names)
    full = blocking_rules(["first_name", "last_name", "date_of_birth", "postcode", "sex", "nhs_number"])
    assert len(full) >= 8
    built = model_settings(["first_name", "date_of_birth"]).create_settings_dict("duckdb")
    assert [c["output_column_name"] for c in built["comparisons"]] == ["first_name", "dob"]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40))))
def test_vectorised_components_equal_union_find(case):
    n, edges = case
    expected = connected_components(range(n), edges)
    got = components(n, [a for a, _ in edges], [b for _, b in edges])
    assert got.tolist() == [expected[i] for i in range(n)]


TRUTH = {"1": "a", "2": "a", "3": "a", "4": "b", "5": "b", "6": "c"}


def test_perfect_pairs_score_one_and_threshold_filters():
    pairs = [("1", "2", 0.99), ("2", "3", 0.98), ("4", "5", 0.97), ("5", "6", 0.3)]
    r = evaluate(pairs, TRUTH, threshold=0.5)
    assert r["pairwise"]["precision"] == 1.0
    assert r["pairwise"]["recall"] == pytest.approx(3 / 4)  # 1-3 is implied, not listed
    assert r["cluster"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "true_positives": 2,
                            "false_positives": 0, "false_negatives": 0}
    low = evaluate(pairs, TRUTH, threshold=0.2)
    assert low["pairwise"]["false_positives"] == 1
    assert low["cluster"]["true_positives"] == 1  # {4,5,6} is not {4,5}


def test_universe_limits_the_truth_and_unknown_ids_are_not_judged():
    r = evaluate([("1", "2", 0.9), ("1", "99", 0.9)], TRUTH, universe=["1", "2", "4"])
    assert r["records"] == 3
    assert r["unjudged_pairs"] == 1
    assert r["pairwise"]["recall"] == 1.0


def test_truth_files_in_both_formats(tmp_path):
    js = tmp_path / "ground_truth.json"
    js.write_text(json.dumps({"record_clusters": [{"person_id": 7, "records": [1, 2]},
                                                  {"person_id": 8, "records": [3]}]}))
    assert load_truth(js) == {"1": "7", "2": "7", "3": "8"}
    cs = tmp_path / "truth.csv"
    cs.write_text("record_id,cluster_id\n1,x\n2,x\n3,y\n")
    assert load_truth(cs) == {"1": "x", "2": "x", "3": "y"}
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(TruthError, match="record id column"):
        load_truth(bad)
    with pytest.raises(TruthError, match="no such file"):
        load_truth(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(TruthError, match="not valid JSON"):
        load_truth(broken)


def test_reasons_name_each_error_a_reviewer_needs_to_see():
    from lantern.analysis.linkage import explain

    reasons = explain({"first_name": "Tommy", "last_name": "Reid-Khan", "date_of_birth": "2010-03-05",
                       "postcode": "AD1 2AB", "nhs_number": "9434765919"},
                      {"first_name": "Thomas", "last_name": "Khan", "date_of_birth": "20100503",
                       "postcode": "AD1 7ZZ", "nhs_number": ""})
    assert [r.text for r in reasons] == [
        "First name: a nickname or short form of the same name",
        "Surname: one part of a double-barrelled surname",
        "Date of birth: day and month swapped",
        "Postcode: the same district (perhaps a move nearby)",
    ]
    swapped = explain({"first_name": "Reid", "last_name": "Tom"}, {"first_name": "Tom", "last_name": "Reid"})
    assert [r.agreement for r in swapped] == ["partly"]
    apart = explain({"date_of_birth": "1982-02-14"}, {"date_of_birth": "2012-06-30"})
    assert apart[0].agreement == "disagrees" and "more than two years" in apart[0].text


def test_an_extract_too_small_to_train_on_still_links_with_stored_parameters():
    from lantern.analysis.linkage import link

    frame = pd.DataFrame(
        [("1", "Thomas", "Reid", "2010-03-05", "AD1 2AB"), ("2", "Tommy", "Reid", "2010-05-03", "AD1 2AB"),
         ("3", "Reid", "Thomas", "20100305", "AD1 2AB"), ("4", "Kayleigh", "Smith", "2008-08-12", "QB5 5TD"),
         ("5", "Kayley", "Smith", "2008-08-12", "QB5 5TD"), ("6", "Oliver", "Brown", "1982-02-14", "QA1 9FN"),
         ("7", "Ollie", "Brown", "2012-06-30", "QA1 9FN")],
        columns=["id", "fn", "sn", "dob", "pc"])
    result = link([Extract("r", frame, "id", {"fn": "first_name", "sn": "last_name",
                                              "dob": "date_of_birth", "pc": "postcode"})], floor=0.0)
    score = {(a, b): p for a, b, p in zip(result.pairs["left_id"], result.pairs["right_id"],
                                          result.pairs["match_probability"], strict=True)}
    for pair in (("1", "2"), ("1", "3"), ("4", "5")):
        assert score[pair] >= result.thresholds.automatic_link
    assert score.get(("6", "7"), 0.0) < result.thresholds.automatic_link  # father and son
    assert result.timings["train"] < 0.1  # nothing trained
    linked = result.clusters.set_index("record_id")["cluster"]
    assert linked["1"] == linked["2"] == linked["3"] != linked["4"] == linked["5"]
